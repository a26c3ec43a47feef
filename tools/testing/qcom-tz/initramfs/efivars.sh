# SPDX-License-Identifier: GPL-2.0
# Helpers for the UEFI variable tests: ". /lib/qcomtz/efivars.sh".
# The board does not boot through UEFI, so there is no
# /sys/firmware/efi/efivars: efivarfs is mounted on /efivars.
EFIVARS=/efivars
# A vendor GUID of our own for test variables.
TGUID=5e6b1a1c-7d3f-4b8e-9a2d-0c1f2e3d4c5b
# Attributes: NON_VOLATILE | BOOTSERVICE_ACCESS | RUNTIME_ACCESS.
ATTR_NV_BS_RT='\007\000\000\000'
# ... with APPEND_WRITE.
ATTR_APPEND='\107\000\000\000'

efivars_mount() {
	mkdir -p $EFIVARS
	grep -q " $EFIVARS efivarfs " /proc/mounts ||
		mount -t efivarfs efivarfs $EFIVARS
}

# efivarfs makes the files of variables it does not know immutable, so
# that a stray "rm" cannot brick a board: clear the flag before changing
# one, as efivar(1) does.
efivar_unlock() {
	[ -e "$EFIVARS/$1-$TGUID" ] && chattr -i "$EFIVARS/$1-$TGUID"
	return 0
}

# efivar_set NAME ATTR DATA: create or overwrite a variable.
efivar_set() {
	efivar_unlock "$1"
	printf "$2$3" > "$EFIVARS/$1-$TGUID"
}

# efivar_append NAME DATA: append (APPEND_WRITE) to a variable.
efivar_append() {
	efivar_unlock "$1"
	printf "$ATTR_APPEND$2" >> "$EFIVARS/$1-$TGUID"
}

efivar_rm() {
	efivar_unlock "$1"
	rm -f "$EFIVARS/$1-$TGUID"
}

# The data of a variable, without its 4 attribute bytes.
efivar_data() {
	tail -c +5 "$EFIVARS/$1-$TGUID"
}
