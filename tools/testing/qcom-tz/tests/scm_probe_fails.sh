#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with a fault plan that fails SHM_BRIDGE_ENABLE: the SCM probe must
# fail with a clear message and leave nothing bound (leaks and splats are
# checked by the harness and the kmemleak step).
. /lib/qcomtz/ktap.sh
ktap_plan 2
log=$(dmesg)
ktap_check "probe reports the tzmem failure" \
	eval 'echo "$log" | grep -q "Failed to enable the TrustZone memory allocator"'
ktap_check "qcom_scm is not bound" \
	test ! -e /sys/bus/platform/drivers/qcom_scm/firmware:scm
ktap_done
