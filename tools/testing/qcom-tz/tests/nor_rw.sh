#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# With allow_write=1, one GPT partition (splash) is erased and rewritten
# through its own /dev/mtdN; the host then checks that every other byte
# of the flash is what mknor.py wrote. DPP, read-only in the GPT (bit
# 60), still refuses an erase.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 4

ktap_check "driver loads writable" storage_load allow_write=1

part() {
	awk -F: -v n="\"$1\"" '$0 ~ n { print "/dev/" $1 }' /proc/mtd
}
splash=$(part splash)
dpp=$(part DPP)
size=$(mtdinfo "$splash" | sed -n 's/^Amount of eraseblocks:.*(\([0-9]*\) bytes.*/\1/p')
ktap_diag "splash $splash $size bytes, DPP $dpp"
random_file /tmp/new.bin "$size"
ktap_check "splash erased and rewritten" sh -c \
	"flash_erase -q $splash 0 0 && mtd_debug write $splash 0 $size /tmp/new.bin >/dev/null"
mtd_debug read "$splash" 0 "$size" /tmp/back.bin >/dev/null 2>&1
ktap_diag "written-sha $(sha256sum /tmp/new.bin | cut -d' ' -f1)"
ktap_check "splash reads back what was written" cmp -s /tmp/new.bin /tmp/back.bin
ktap_check "DPP (read-only in the GPT) refuses an erase" \
	sh -c "! mtd_debug erase $dpp 0 4096 >/dev/null 2>&1"
rm -f /tmp/new.bin /tmp/back.bin
storage_unload
ktap_done
