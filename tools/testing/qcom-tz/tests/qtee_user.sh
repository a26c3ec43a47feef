#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QTEE objects hosted by user space: qteeuser
# (tools/testing/qcom-tz/qtee/qteeuser.c) serves callbacks through the
# supplicant ioctls, loads a TA from a memory object, and checks the
# failure rules (malformed answers, a killed invoker, two processes).
# qteeuser prints the subtests (KTAP); its status is this test's.
dir=/lib/qcomtz/qtee

if [ ! -d /sys/bus/platform/drivers/qcomtee ] &&
   [ -e /lib/modules/qcomtee.ko ]; then
	insmod /lib/modules/qcomtee.ko
fi

exec timeout 300 "$dir/qteeuser" "$dir/smcinvoke_skeleton_ta64.mbn"
