#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PSCI as the simulator answers it: CPU 1 started at boot, taken offline
# (CPU_OFF, AFFINITY_INFO) and brought back (CPU_ON) twice.
. /lib/qcomtz/ktap.sh
cpu1=/sys/devices/system/cpu/cpu1/online
ktap_plan 5
ktap_check "two CPUs online at boot" \
	test "$(cat /sys/devices/system/cpu/online)" = "0-1"
ok=1
for round in 1 2; do
	echo 0 > $cpu1 && [ "$(cat $cpu1)" = 0 ] || ok=0
	echo 1 > $cpu1 && [ "$(cat $cpu1)" = 1 ] || ok=0
done
ktap_check "cpu1 off and on again, twice" test $ok = 1
ktap_check "both CPUs online after hotplug" \
	test "$(cat /sys/devices/system/cpu/online)" = "0-1"
ktap_check "kernel sees PSCI 1.0" \
	eval 'dmesg | grep -q "psci: PSCIv1.0 detected in firmware"'
ktap_check "kernel sees SMCCC 1.1" \
	eval 'dmesg | grep -q "psci: SMC Calling Convention v1.1"'
ktap_done
