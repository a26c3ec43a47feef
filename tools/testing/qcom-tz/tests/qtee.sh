#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QTEE end to end: the qcomtee driver probed and logged the simulated
# QTEE's version, then qteetest (tools/testing/qcom-tz/qtee/qteetest.c)
# drives /dev/teeN: client env, Diagnostics, FeatureVersions, a TA loaded
# from mkta.py's image, the driver's refusals, threads, release and close.
# qteetest prints the subtests (KTAP) and its status is this test's; the
# kernel log check goes in as its first subtest (-r).
dir=/lib/qcomtz/qtee

# Built in on the board (CONFIG_QCOMTEE=y); a modular build loads it here.
if [ ! -d /sys/bus/platform/drivers/qcomtee ] &&
   [ -e /lib/modules/qcomtee.ko ]; then
	insmod /lib/modules/qcomtee.ko
fi

probe=fail
dmesg | grep -q "qcomtee qcomtee: QTEE version 3\.14\.265$" && probe=ok

exec "$dir/qteetest" -r "$probe:probe logged QTEE version 3.14.265" \
	"$dir/smcinvoke_skeleton_ta64.mbn"
