#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Firmware failures of the uefisecapp reads, at each position of the
# kernel's sequence of calls, armed at run time through tzsim_ctl (a
# boot-time "Nth call" plan cannot aim: mount and reads issue size queries
# in between):
#   GetVariable: a read issues a size query (#1), then the data fetch (#2)
#   GetNextVariableName: the mount lists variables, one call each
#   QueryVariableInfo: statfs
# Each answer - firmware error, INCOMPLETE, BLOCKED_ON_LISTENER - must fail
# that operation cleanly (errno or a log line), leave no splat, and the
# next operation must work.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
FAULT=/sys/kernel/debug/tzsim/fault
# owner 48 (TZ apps) svc 0 cmd 1 (APP_SEND), sub = the uefisecapp command
GET=0x8000
NEXT=0x8002
QUERY=0x8003

# arm COMMAND "STATUS R0" NTH
arm() {
	echo "48 0 1 $1 $2 $3" > $FAULT
}

read_fails() {
	! cat "$EFIVARS/Fv-$TGUID" >/dev/null 2>&1
}

listed() {
	ls $EFIVARS | grep -c -- "-$TGUID\$"
}

ktap_plan 16
ktap_check "tzsim_ctl loaded" insmod /lib/modules/tzsim_ctl.ko
ktap_check "efivarfs mounted" efivars_mount
efivar_set Fv "$ATTR_NV_BS_RT" value
efivar_set Fw "$ATTR_NV_BS_RT" other
for nth in 1 2; do
	for answer in "-1 0" "0 1" "0 2"; do
		arm $GET "$answer" $nth
		ktap_check "GetVariable #$nth answered '$answer': the read fails" \
			read_fails
	done
done
ktap_check "reads work again" eval '[ "$(efivar_data Fv)" = value ]'

before=$(listed)
ktap_diag "$before test variables listed"
umount $EFIVARS
arm $NEXT "-1 0" 1
ktap_check "GetNextVariableName #1 fails: the mount still works" efivars_mount
ktap_check "... lists nothing, and says why" \
	eval '[ "$(listed)" -lt "$before" ] &&
	      dmesg | grep -q "get_next_variable: status="'
umount $EFIVARS
arm $NEXT "0 1" 2
ktap_check "GetNextVariableName #2 INCOMPLETE: the mount works" efivars_mount
umount $EFIVARS
ktap_check "the next mount lists every variable again" \
	eval 'efivars_mount && [ "$(listed)" -eq "$before" ]'

stat -f -c %b $EFIVARS >/dev/null
sleep 3	# efivarfs rate-limits its QueryVariableInfo calls (5 per 2 s)
arm $QUERY "-1 0" 1
ktap_check "QueryVariableInfo fails: statfs reads 0, logged" \
	eval '[ "$(stat -f -c %b $EFIVARS)" = 0 ] &&
	      dmesg | grep -q "query_variable_info() failed"'
arm $QUERY "0 2" 1
ktap_check "QueryVariableInfo BLOCKED: statfs reads 0" \
	eval '[ "$(stat -f -c %b $EFIVARS)" = 0 ]'
ktap_check "then statfs reads the store's size again" \
	eval '[ "$(stat -f -c %b $EFIVARS)" = 65536 ]'
efivar_rm Fv
efivar_rm Fw
ktap_done
