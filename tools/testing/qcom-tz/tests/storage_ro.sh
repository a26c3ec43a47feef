#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The TZ-managed SPI-NOR as /dev/mtdN, read-only by default: the whole
# device reads back as the host's flash image (the host compares the
# hash), and every write and erase is refused before reaching firmware.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 11
ktap_check "driver binds to the qcom_scm_storage device" storage_load
ktap_check "32 MiB NOR, 4 KiB erase blocks, named qcom_scm_storage" \
	grep -q '^mtd[0-9]*: 02000000 00001000 "qcom_scm_storage"$' /proc/mtd
ktap_check "mtdinfo: NOR flash, writable when allowed" \
	eval 'mtdinfo $MTD | grep -q "^Type:.*nor"'
ktap_check "allow_write defaults to N" \
	test "$(cat $MTD_PARAMS/allow_write)" = N
sha=$(storage_sha 0 0x2000000)
ktap_check "whole device read with mtd_debug" test -n "$sha"
ktap_diag "flash-sha256 $sha"
random_file /tmp/4k 4096
# flash_erase reports a failed erase but still exits 0: read its message.
ktap_check "flash_erase refused (EROFS)" \
	eval 'flash_erase -q $MTD 0 1 2>/tmp/err; grep -qi "read-only file system" /tmp/err'
ktap_check "mtd_debug erase refused" \
	eval '! mtd_debug erase $MTD 0 4096 >/dev/null 2>&1'
ktap_check "mtd_debug write refused" \
	eval '! mtd_debug write $MTD 0 4096 /tmp/4k >/dev/null 2>&1'
ktap_check "dd to the character device refused" \
	eval '! dd if=/tmp/4k of=$MTD bs=4096 count=1 2>/dev/null'
ktap_check "the log says how to allow writes" \
	eval 'dmesg | grep -q "refused: the flash is read-only; echo 1 > /sys/module/qcom_scm_storage/parameters/allow_write"'
ktap_check "driver unloads" storage_unload
ktap_done
