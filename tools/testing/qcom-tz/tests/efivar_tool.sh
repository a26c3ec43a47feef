#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Debian's efivar(1) (libefivar 37) on a board that did not boot through
# UEFI: libefivar looks for efivarfs at /sys/firmware/efi/efivars unless
# EFIVARFS_PATH names another mount point, which it checks is an efivarfs
# (statfs magic) before it uses it. efivar(1) cannot delete a variable;
# that is a plain rm of the efivarfs file.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
export EFIVARFS_PATH=$EFIVARS/
V=$TGUID-Tool

ktap_plan 9
ktap_check "efivarfs mounted" efivars_mount
printf 'written by efivar' > /tmp/data
# A new variable needs its attributes (-t); without them efivar asks the
# firmware to delete it (attributes 0), which fails with EIO.
ktap_check "efivar -w -t 7 creates a variable" \
	efivar -n $V -w -t 7 -f /tmp/data
ktap_check "... which efivarfs shows with its data" \
	eval '[ "$(efivar_data Tool)" = "written by efivar" ]'
efivar_set Tool2 "$ATTR_NV_BS_RT" 'written by a file'
ktap_check "efivar -l lists both" \
	eval 'efivar -l > /tmp/list && grep -qx "$TGUID-Tool" /tmp/list &&
	      grep -qx "$TGUID-Tool2" /tmp/list'
ktap_check "efivar -p prints the data and attributes of a file-made one" \
	eval 'efivar -n $TGUID-Tool2 -p > /tmp/out &&
	      grep -q "Runtime Service Access" /tmp/out &&
	      grep -q "|written by a fil|" /tmp/out'
printf 'rewritten' > /tmp/data
ktap_check "efivar -w overwrites" \
	eval 'efivar -n $V -w -f /tmp/data && [ "$(efivar_data Tool)" = rewritten ]'
printf ', appended' > /tmp/more
ktap_check "efivar -a appends" \
	eval 'efivar -n $V -a -f /tmp/more &&
	      [ "$(efivar_data Tool)" = "rewritten, appended" ]'
ktap_check "efivar -p of a missing variable fails" \
	eval '! efivar -n $TGUID-Nope -p >/dev/null 2>&1'
efivar_rm Tool
efivar_rm Tool2
ktap_check "both gone from efivar -l after rm" \
	eval '! efivar -l | grep -q "$TGUID-Tool"'
ktap_done
