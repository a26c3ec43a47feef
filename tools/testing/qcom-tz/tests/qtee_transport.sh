#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QTEE with a transport error (the boot's fault plan): the first RELEASE
# the driver sends (at probe, for the FeatureVersions or client env
# object) fails with -EIO. The driver must send it again: the simulator
# checks that no object is left at power-off. The rest of qteetest must
# work as on a clean boot.
dir=/lib/qcomtz/qtee

probe=fail
dmesg | grep -q "qcomtee qcomtee: QTEE version 3\.14\.265$" && probe=ok

exec "$dir/qteetest" -r "$probe:probe logged QTEE version 3.14.265" \
	"$dir/smcinvoke_skeleton_ta64.mbn"
