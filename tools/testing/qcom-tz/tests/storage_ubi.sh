#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# UBI and UBIFS on the device (64 KiB erase blocks: UBIFS needs >= 15 KiB):
# format, attach, make a volume, mount, write files, unmount. The next
# boot (storage_ubi_verify) mounts again and checks them.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 7
ktap_check "driver loads with 64 KiB erase blocks" \
	eval 'storage_load allow_write=1 erase_size=65536 &&
	      grep -q "\"qcom_scm_storage\"" /proc/mtd &&
	      grep -q "^mtd[0-9]*: 02000000 00010000" /proc/mtd'
ktap_check "ubiformat" eval 'ubiformat -y -q $MTD'
ktap_check "ubiattach" eval 'ubiattach -p $MTD >/dev/null'
ktap_check "ubimkvol" eval 'ubimkvol /dev/ubi0 -N data -m >/dev/null'
ktap_check "mount UBIFS" mount -t ubifs ubi0:data /data
random_file /data/blob 300000
echo "hello from the first boot" > /data/hello.txt
mkdir -p /data/dir && random_file /data/dir/small 1234
sync
(cd /data && sha256sum blob hello.txt dir/small) > /tmp/sums
ktap_check "files written" test -s /tmp/sums
sed 's/^/ubi-sum /' /tmp/sums | while read -r l; do ktap_diag "$l"; done
ktap_check "unmount and detach" \
	eval 'umount /data && ubidetach -p $MTD >/dev/null'
storage_unload
ktap_done
