#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with the simulator lying in every successful GetVariable response:
# data_offset 0xfffffffc, which with the real data_size (5) wraps around a
# 32-bit "offset + size <= length" check. Reading a variable must fail with EIO
# and a log line, and never read outside the response (KASAN is on).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
ktap_plan 4
ktap_check "efivarfs mounted" efivars_mount
efivar_set Lie "$ATTR_NV_BS_RT" 'truth'
ktap_check "the variable exists" test -e "$EFIVARS/Lie-$TGUID"
ktap_check "reading it fails" eval '! cat $EFIVARS/Lie-$TGUID >/dev/null 2>&1'
ktap_check "the kernel names the malformed response" \
	eval 'dmesg | grep -q "malformed response: variable data at 4294967292+5 outside its"'
efivar_rm Lie
ktap_done
