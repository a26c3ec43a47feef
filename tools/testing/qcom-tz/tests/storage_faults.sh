#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Storage faults, armed at run time through tzsim_ctl once the driver is
# loaded (its probe reads the flash looking for a GPT, so counting calls
# from boot would depend on the parser): a READ failing with a storage
# error, a READ answered BUSY twice then retried, an ERASE failing with a
# storage error, a WRITE with a firmware error. Each single 4 KiB
# operation below is exactly one SCM call.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
FAULT=/sys/kernel/debug/tzsim/fault
# owner 2 (SIP) svc 0x1a cmd 1 (STORAGE.CMD), sub = the storage command
READ=1
WRITE=2
ERASE=3

# arm SUB "STATUS R0" NTH: the NTH such call from now answers so.
arm() {
	echo "2 0x1a 1 $1 $2 $3" > $FAULT
}

ktap_plan 9
ktap_check "tzsim_ctl loaded" insmod /lib/modules/tzsim_ctl.ko
ktap_check "driver loads" storage_load allow_write=1
rd() { mtd_debug read $MTD $1 4096 /tmp/rd >/dev/null 2>&1; }
rd 0; rd 0x1000
arm $READ "0 3" 1
ktap_check "a READ with a storage error fails with EIO" \
	eval '! rd 0x2000 && dmesg | grep -q "read of 4096 bytes at block 2 failed: -5"'
ktap_check "the next read works" rd 0x3000
arm $READ "-12 0" 1
arm $READ "-12 0" 2
ktap_check "a READ answered BUSY twice is retried and works" rd 0x4000
random_file /tmp/w 4096
ktap_check "an erase works" eval 'mtd_debug erase $MTD 0x100000 4096 >/dev/null'
arm $ERASE "0 3" 1
ktap_check "an ERASE with a storage error fails with EIO" \
	eval '! mtd_debug erase $MTD 0x101000 4096 >/dev/null 2>&1 &&
	      dmesg | grep -q "erase of 0x101000+0x1000 failed: -5"'
mtd_debug write $MTD 0x100000 4096 /tmp/w >/dev/null
arm $WRITE "-1 0" 1
ktap_check "a WRITE with a firmware error fails with EIO" \
	eval '! mtd_debug write $MTD 0x102000 4096 /tmp/w >/dev/null 2>&1 &&
	      dmesg | grep -q "write of 4096 bytes at block 258 failed: -5"'
ktap_check "driver unloads" storage_unload
rmmod tzsim_ctl
ktap_done
