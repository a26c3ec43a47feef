#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# qcom_scm probed on the simulator: SMC64 convention, bound to the DT node,
# tzmem in SHM-bridge mode.
. /lib/qcomtz/ktap.sh
ktap_plan 4
log=$(dmesg)
ktap_check "convention is smc arm 64" \
	eval 'echo "$log" | grep -q "qcom_scm: convention: smc arm 64$"'
ktap_check "qcom_scm bound to /firmware/scm" \
	test -e /sys/bus/platform/drivers/qcom_scm/firmware:scm
ktap_check "tzmem uses SHM bridges" \
	eval '! echo "$log" | grep -q "SHM Bridge not supported"'
ktap_check "no probe error from qcom_scm" \
	eval '! echo "$log" | grep -q "qcom_scm firmware:scm: Failed"'
ktap_done
