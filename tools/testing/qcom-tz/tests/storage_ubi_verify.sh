#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The boot after storage_ubi: attach, mount, print the files' hashes (the
# host compares them with the first boot's), unmount.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 4
# Mounting writes (the master node): UBI needs writes allowed.
ktap_check "driver loads with 64 KiB erase blocks" \
	storage_load allow_write=1 erase_size=65536
ktap_check "ubiattach" eval 'ubiattach -p $MTD >/dev/null'
ktap_check "mount UBIFS" mount -t ubifs ubi0:data /data
(cd /data && sha256sum blob hello.txt dir/small) > /tmp/sums
sed 's/^/ubi-sum /' /tmp/sums | while read -r l; do ktap_diag "$l"; done
ktap_check "unmount and detach" \
	eval 'umount /data && ubidetach -p $MTD >/dev/null'
storage_unload
ktap_done
