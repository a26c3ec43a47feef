#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QSEECOM on the simulated Dragon Q6A: version found, the board allowed,
# one auxiliary device per known app (uefisecapp; the simulator's second
# app is unknown to the kernel and gets none), efivars registered.
. /lib/qcomtz/ktap.sh
ktap_plan 6
log=$(dmesg)
ktap_check "QSEECOM version found" \
	eval 'echo "$log" | grep -q "qseecom: found qseecom with version 0x1402000"'
ktap_check "the board is allowed (no 'untested machine')" \
	eval '! echo "$log" | grep -q "untested machine"'
ktap_check "qcom_qseecom probed" \
	test -e /sys/bus/platform/drivers/qcom_qseecom/qcom_qseecom
ktap_check "qcom_qseecom.uefisecapp.0 bound to its driver" \
	test -e /sys/bus/auxiliary/devices/qcom_qseecom.uefisecapp.0/driver
ktap_check "only known apps get a device" \
	test "$(ls /sys/bus/auxiliary/devices | grep -c qcom_qseecom)" = 1
ktap_check "efivarfs mounts (efivars served by uefisecapp)" \
	eval 'mkdir -p /efivars && mount -t efivarfs efivarfs /efivars &&
	      umount /efivars'
ktap_done
