#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Concurrency: two remotes starting at once, a stop racing a start, and
# the PAS driver unbound and bound again while its remote runs.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
PAS=/sys/bus/platform/drivers/qcom_q6v5_pas

ktap_plan 8
rproc_set wpss firmware $FW/wpss.mdt
rproc_set modem firmware $FW/modem.mdt
rproc_set wpss state start &
rproc_set modem state start &
wait
ktap_check "wpss and modem started at once: both running" \
	eval 'rproc_wait wpss running && rproc_wait modem running'
ktap_check "both stop" eval 'rproc_stop wpss && rproc_stop modem'

rproc_set wpss state start 2>/dev/null &
sleep 0.05
rproc_set wpss state stop 2>/dev/null
wait
st=$(rproc_state wpss)
ktap_diag "wpss after a stop raced its start: $st"
ktap_check "a stop racing a start leaves a consistent state" \
	eval '[ "$st" = running ] || [ "$st" = offline ]'
[ "$st" = running ] && rproc_stop wpss
ktap_check "wpss starts and stops normally afterwards" \
	eval 'rproc_start wpss && rproc_stop wpss'

dev=$(basename "$(readlink -f "$(rproc adsp)/device")" 2>/dev/null)
[ -n "$dev" ] || dev=3700000.remoteproc
ktap_check "adsp running before unbind" rproc_wait adsp running 15
ktap_check "unbind the driver while adsp runs" \
	eval 'echo $dev > $PAS/unbind && ! rproc adsp >/dev/null'
ktap_check "bind it again" eval 'echo $dev > $PAS/bind'
ktap_check "adsp boots again by itself" rproc_wait adsp running 15
ktap_done
