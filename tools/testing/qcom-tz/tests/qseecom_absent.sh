#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run with a fault plan that breaks a QSEECOM step at probe (version or
# app lookup): SCM still works, no uefisecapp device and no efivars are
# left behind (leaks and splats are checked by kmemleak and the harness).
. /lib/qcomtz/ktap.sh
ktap_plan 3
ktap_check "qcom_scm is bound" \
	test -e /sys/bus/platform/drivers/qcom_scm/firmware:scm
ktap_check "no QSEECOM client device" \
	eval '! ls /sys/bus/auxiliary/devices 2>/dev/null | grep -q qcom_qseecom'
# qcom_qseecom itself stays bound when the app is simply not found.
ktap_diag "qcom_qseecom bound: $(test -e /sys/bus/platform/drivers/qcom_qseecom/qcom_qseecom && echo yes || echo no)"
ktap_check "efivarfs cannot be mounted (no efivars)" \
	eval 'mkdir -p /efivars && ! mount -t efivarfs efivarfs /efivars 2>/dev/null'
ktap_done
