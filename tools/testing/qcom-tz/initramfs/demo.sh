#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The short scenario "make run" plays when stdin is not a terminal.
echo "== qcom-tz demo on $(cat /proc/device-tree/model) =="
echo "-- kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs"
echo "-- SCM driver:"
dmesg | grep -E "qcom_scm|qcom-scm|tzmem|SHM" | sed 's/^/   /'
if [ -e /sys/bus/platform/drivers/qcom_scm/firmware:scm ]; then
	echo "   qcom_scm is bound to /firmware/scm"
fi
echo "-- the TZ-managed SPI-NOR (read-only unless allow_write=1):"
if insmod /lib/modules/qcom_scm_storage.ko 2>/dev/null; then
	sed 's/^/   /' /proc/mtd
	dmesg | grep "qcom_scm_storage" | tail -n 1 | sed 's/^/   /'
fi
echo "-- the firmware's log of the SCM calls follows after power-off"
