#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Crashes of a running remote, made by the simulator on request (tzsim_ctl
# remote_crash: the remote writes a crash reason in SMEM, then raises its
# watchdog interrupt or the "fatal" SMP2P bit):
# - recovery enabled: it comes back to running by itself;
# - recovery disabled: it stays crashed, and stop works from there;
# - coredump enabled: a devcoredump appears with the loaded segments.
# The boot's fault plan also crashes cdsp 300 ms after its first boot.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
CRASH=/sys/kernel/debug/tzsim/remote_crash
ADSP=1
WPSS=6

ktap_plan 12
ktap_check "tzsim_ctl loaded" insmod /lib/modules/tzsim_ctl.ko
ktap_check "adsp running" rproc_wait adsp running 15
ktap_check "cdsp crashed by the fault plan after its first boot, recovered" \
	eval 'rproc_wait cdsp running 15 &&
	      dmesg | grep -q "watchdog received: cdsp: simulated watchdog bite"'
echo "$ADSP wdog" > $CRASH
ktap_check "watchdog, recovery on: adsp back to running" \
	eval 'sleep 1 && rproc_wait adsp running'
ktap_check "... the kernel saw the watchdog and the reason from SMEM" \
	eval 'dmesg | grep -q "watchdog received: adsp: simulated watchdog bite"'
echo "$ADSP fatal" > $CRASH
ktap_check "fatal error, recovery on: adsp back to running" \
	eval 'sleep 1 && rproc_wait adsp running'
ktap_check "... fatal error logged with the reason" \
	eval 'dmesg | grep -q "fatal error received: adsp: simulated fatal error"'

rproc_start wpss $FW/wpss.mbn
rproc_set wpss recovery disabled
echo "$WPSS fatal" > $CRASH
ktap_check "recovery off: wpss stays crashed" \
	eval 'rproc_wait wpss crashed && sleep 1 &&
	      [ "$(rproc_state wpss)" = crashed ]'
ktap_check "stop from crashed -> offline" rproc_stop wpss
rproc_set wpss recovery enabled

rproc_set adsp coredump enabled
ls /sys/class/devcoredump/ > /tmp/before 2>/dev/null
echo "$ADSP wdog" > $CRASH
ktap_check "coredump on: adsp recovers" \
	eval 'sleep 1 && rproc_wait adsp running'
dump=
for d in /sys/class/devcoredump/devcd*; do
	grep -qx "$(basename "$d")" /tmp/before || dump=$d
done
ktap_check "a devcoredump appeared" [ -n "$dump" ]
ktap_check "it holds the firmware's loaded segments" \
	rproc_dump_matches "$dump/data" $FW/adsp.mbn
[ -n "$dump" ] && echo 1 > "$dump/data"
rproc_set adsp coredump disabled
ktap_done
