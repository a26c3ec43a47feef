#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with the simulator corrupting three other responses (after it has
# done the work):
#   SetVariable: command_id says 0x8000 (a GetVariable answer)
#   QueryVariableInfo: length 4096 instead of its 40 bytes
#   GetNextVariableName: name_offset 0xfffffffc (wraps with name_size)
# Each must fail that operation with a log line naming what was wrong, and
# never copy from outside the response (KASAN is on).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh

listed() {
	ls $EFIVARS | grep -c -- "-$TGUID\$"
}

ktap_plan 6
ktap_check "efivarfs mounted (empty store)" efivars_mount
ktap_check "SetVariable answered as another command: the write fails" \
	eval '! efivar_set M1 "$ATTR_NV_BS_RT" one 2>/dev/null'
ktap_check "... and the kernel says so" \
	eval 'dmesg | grep -q "malformed response: command 0x8001 answered as 0x8000"'
ktap_check "QueryVariableInfo of the wrong length: statfs reads 0, logged" \
	eval '[ "$(stat -f -c %b $EFIVARS)" = 0 ] &&
	      dmesg | grep -q "malformed response to command 0x8003: length 4096, expected 40 to 40"'
umount $EFIVARS
ktap_check "GetNextVariableName lies about the name: the mount works" \
	efivars_mount
ktap_check "... lists nothing, and says why" \
	eval '[ "$(listed)" = 0 ] &&
	      dmesg | grep -q "malformed response: variable name at 4294967292+6 outside its"'
ktap_done
