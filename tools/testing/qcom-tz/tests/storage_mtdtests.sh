#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's own MTD test modules against the device, writes allowed,
# with bounded sizes and cycles.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 5
ktap_check "driver and mtd_test helpers load, allow_write=1" \
	eval 'storage_load allow_write=1 && insmod /lib/modules/mtd_test.ko'
idx=${MTD#/dev/mtd}

# mtd_test MODULE [PARAM...]: load, unload, judge by its own log lines.
mtd_test() {
	m=$1
	shift
	before=$(dmesg | wc -l)
	insmod /lib/modules/$m.ko dev=$idx "$@"
	rc=$?
	[ $rc -eq 0 ] && rmmod $m
	dmesg | tail -n +$((before + 1)) > /tmp/$m.log
	ktap_diag "$(tail -n 5 /tmp/$m.log)"
	[ $rc -eq 0 ] && grep -q "$m: finished" /tmp/$m.log &&
		! grep -qi "error\|fail\|mismatch" /tmp/$m.log
}
ktap_check "mtd_readtest" mtd_test mtd_readtest
ktap_check "mtd_speedtest (1 MiB)" mtd_test mtd_speedtest count=256
ktap_check "mtd_stresstest (2000 operations)" \
	mtd_test mtd_stresstest count=2000
ktap_check "mtd_torturetest (16 blocks, 5 cycles)" \
	mtd_test mtd_torturetest eb=1024 ebcnt=16 cycles_count=5
rmmod mtd_test
storage_unload
ktap_done
