#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with the send fault plan of e2e.py: the 1st SetVariable is left
# INCOMPLETE, the 2nd BLOCKED_ON_LISTENER, the 3rd fails with a firmware
# error; the 4th works. Each must fail cleanly with an errno and a log
# line, never a WARN.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
ktap_plan 6
ktap_check "efivarfs mounted" efivars_mount
ktap_check "INCOMPLETE: the write fails" \
	eval '! efivar_set F1 "$ATTR_NV_BS_RT" one 2>/dev/null'
ktap_check "... and the kernel says why" \
	eval 'dmesg | grep -q "left incomplete by the firmware: not supported"'
ktap_check "BLOCKED_ON_LISTENER: the write fails, logged" \
	eval '! efivar_set F2 "$ATTR_NV_BS_RT" two 2>/dev/null &&
	      dmesg | grep -q "left blocked on a listener by the firmware"'
ktap_check "firmware error: the write fails" \
	eval '! efivar_set F3 "$ATTR_NV_BS_RT" three 2>/dev/null'
ktap_check "the next write works" \
	eval 'umount $EFIVARS && efivars_mount && efivar_set F4 "$ATTR_NV_BS_RT" four &&
	      [ "$(efivar_data F4)" = four ]'
ktap_done
