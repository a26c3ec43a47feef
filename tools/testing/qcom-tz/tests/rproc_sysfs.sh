#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The sysfs life cycle of a remote processor, for wpss (split .mdt) and the
# modem (one .mbn): offline -> firmware -> start -> running -> stop ->
# offline; the firmware name cannot change while it runs; a stop of a
# stopped remote is refused; then 50 start/stop cycles (kmemleak checks
# the leaks after the test, the simulator counts the PAS calls).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
ktap_plan 12
ktap_check "wpss offline at first" eval '[ "$(rproc_state wpss)" = offline ]'
ktap_check "wpss: set the firmware (split form)" \
	rproc_set wpss firmware $FW/wpss.mdt
ktap_check "wpss: start -> running" rproc_start wpss
ktap_check "wpss: the firmware name is refused while running (EBUSY)" \
	eval '! rproc_set wpss firmware $FW/wpss.mbn 2>/tmp/err &&
	      grep -q "busy" /tmp/err'
ktap_check "wpss: stop -> offline" rproc_stop wpss
ktap_check "wpss: a second stop is refused (EINVAL)" \
	eval '! rproc_set wpss state stop 2>/tmp/err && grep -q "nvalid" /tmp/err'
ktap_check "wpss: an empty firmware name is refused" \
	eval '! rproc_set wpss firmware "" 2>/dev/null'
ktap_check "modem: start with the single-file form" \
	rproc_start modem $FW/modem.mbn
ktap_check "modem: stop" rproc_stop modem
ok=0
i=0
while [ $i -lt 50 ]; do
	rproc_start wpss && rproc_stop wpss || break
	i=$((i + 1))
done
ktap_diag "wpss: $i start/stop cycles"
ktap_check "wpss: 50 start/stop cycles" [ $i -eq 50 ]
ktap_check "wpss offline at the end" \
	eval '[ "$(rproc_state wpss)" = offline ]'
ktap_check "no remoteproc error in the kernel log" \
	eval '! dmesg | grep -i "remoteproc.*\(fail\|error\|timed out\)"'
ktap_done
