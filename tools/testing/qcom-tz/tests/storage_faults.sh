#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with the storage fault plan of e2e.py: the 3rd READ fails with a
# storage error, the 5th and 6th answer BUSY, the 2nd WRITE fails with a
# firmware error, the 2nd ERASE with a storage error. Each single 4 KiB
# operation below is exactly one SCM call.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 8
ktap_check "driver loads" storage_load allow_write=1
rd() { mtd_debug read $MTD $1 4096 /tmp/rd >/dev/null 2>&1; }
rd 0; rd 0x1000
ktap_check "3rd read fails with EIO" \
	eval '! rd 0x2000 && dmesg | grep -q "read of 4096 bytes at block 2 failed: -5"'
ktap_check "4th read works again" rd 0x3000
ktap_check "5th read: BUSY twice, retried, works" rd 0x4000
random_file /tmp/w 4096
ktap_check "1st erase works" eval 'mtd_debug erase $MTD 0x100000 4096 >/dev/null'
ktap_check "2nd erase fails with EIO" \
	eval '! mtd_debug erase $MTD 0x101000 4096 >/dev/null 2>&1 &&
	      dmesg | grep -q "erase of 0x101000+0x1000 failed: -5"'
mtd_debug write $MTD 0x100000 4096 /tmp/w >/dev/null
ktap_check "2nd write fails with EIO" \
	eval '! mtd_debug write $MTD 0x102000 4096 /tmp/w >/dev/null 2>&1 &&
	      dmesg | grep -q "write of 4096 bytes at block 258 failed: -5"'
ktap_check "driver unloads" storage_unload
ktap_done
