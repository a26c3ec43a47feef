#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# UEFI variables through efivarfs, served by the simulator's uefisecapp:
# create, read, append, overwrite, delete, list, statfs, bad input. Leaves
# "Persist-<guid>" for the next boot (efivars_persist).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
ktap_plan 15
ktap_check "efivarfs mounted" efivars_mount
efivar_set Hello "$ATTR_NV_BS_RT" 'hello'
ktap_check "create and read back" test "$(efivar_data Hello)" = hello
ktap_check "attributes read back (NV|BS|RT)" \
	test "$(head -c 4 $EFIVARS/Hello-$TGUID | od -An -tx1 | tr -d ' \n')" = 07000000
efivar_append Hello ' world'
ktap_check "append (APPEND_WRITE)" test "$(efivar_data Hello)" = "hello world"
efivar_set Hello "$ATTR_NV_BS_RT" 'bye'
ktap_check "overwrite" test "$(efivar_data Hello)" = bye
ktap_check "listed" eval 'ls $EFIVARS | grep -qx "Hello-$TGUID"'
ktap_check "delete" eval 'efivar_rm Hello && [ ! -e $EFIVARS/Hello-$TGUID ]'
ktap_check "deleted for the firmware too (remount)" \
	eval 'umount $EFIVARS && efivars_mount && [ ! -e $EFIVARS/Hello-$TGUID ]'
free0=$(stat -f -c %f $EFIVARS)
efivar_set Big "$ATTR_NV_BS_RT" "$(head -c 3000 /dev/zero | tr '\0' x)"
free1=$(stat -f -c %f $EFIVARS)
ktap_diag "statfs-free-before $free0"
ktap_diag "statfs-free-after $free1"
ktap_check "statfs: free space shrinks by at least the data" \
	test $((free0 - free1)) -ge 3000
ktap_diag "statfs-total $(stat -f -c %b $EFIVARS)"
efivar_rm Big
# Bad input.
# One write() of 4 attribute bytes and 70000 bytes of data (a shell
# printf would split it into several writes, each a SetVariable of its
# own). efivarfs keeps the empty file of a failed create until unmount.
printf "$ATTR_NV_BS_RT" > /tmp/huge
head -c 70000 /dev/zero | tr '\0' y >> /tmp/huge
ktap_check "data larger than the store refused, nothing stored" \
	eval '! dd if=/tmp/huge of=$EFIVARS/Huge-$TGUID bs=70004 count=1 2>/dev/null &&
	      umount $EFIVARS && efivars_mount && [ ! -e $EFIVARS/Huge-$TGUID ]'
ktap_check "authenticated-write attribute refused" \
	eval '! efivar_set Auth "\047\000\000\000" "x" 2>/dev/null'
ktap_check "file name without a GUID refused" \
	eval '! touch $EFIVARS/NoGuidHere 2>/dev/null'
long=$(head -c 240 /dev/zero | tr '\0' n)
ktap_check "name too long for a file name refused" \
	eval '! efivar_set "$long" "$ATTR_NV_BS_RT" x 2>/dev/null'
ktap_check "malformed GUID refused" \
	eval '! touch $EFIVARS/Bad-5e6b1a1c-7d3f-4b8e-9a2d-0c1f2e3dZZZZ 2>/dev/null'
efivar_set Persist "$ATTR_NV_BS_RT" 'survives a reboot'
ktap_check "variable for the next boot written" \
	test "$(efivar_data Persist)" = "survives a reboot"
ktap_done
