#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The remote processors after boot: adsp and cdsp start by themselves
# (auto_boot, firmware-name from the DT: adsp as one .mbn, cdsp split as
# .mdt + .bNN), wpss and the modem wait for user space.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
ktap_plan 5
for r in adsp cdsp modem wpss; do
	rproc $r >/dev/null || ktap_diag "no remoteproc named $r"
done
ktap_check "adsp running (auto boot, adsp.mbn)" rproc_wait adsp running 15
ktap_check "cdsp running (auto boot, cdsp.mdt + .bNN)" rproc_wait cdsp running 15
ktap_check "modem offline" eval '[ "$(rproc_state modem)" = offline ]'
ktap_check "wpss offline" eval '[ "$(rproc_state wpss)" = offline ]'
ktap_check "the DT firmware names are used" \
	eval '[ "$(cat $(rproc adsp)/firmware)" = $FW/adsp.mbn ] &&
	      [ "$(cat $(rproc cdsp)/firmware)" = $FW/cdsp.mdt ]'
ktap_done
