#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux at EL2 (use_tzmem, adsp behind the SMMU): a firmware failure at
# every step of a start, armed at run time through tzsim_ctl. Each start
# must fail with an errno and unwind completely: state offline, the
# carveout no longer mapped in the SMMU (the simulator walks the tables),
# no SHM bridge left (checked on the simulator's log by e2e.py), nothing
# leaked (kmemleak after the test). The boot runs with a resource table
# too big for the kernel's first 16 KiB buffer, so every start takes the
# overflow retry.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
CTL=/sys/kernel/debug/tzsim
SMMU="0x1800 0x86700000 0x2800000"

# fault "OWNER SVC CMD SUB STATUS [R0 [NTH]]": the next such call fails.
fault() {
	echo "$1" > $CTL/fault
}

mapped() {
	echo "$SMMU mapped" > $CTL/smmu_check
}

unmapped() {
	echo "$SMMU unmapped" > $CTL/smmu_check
}

# start_fails DESC: adsp's start must fail and unwind.
start_fails() {
	if rproc_set adsp state start 2>/tmp/err; then
		ktap_fail "$1: the start did not fail"
		rproc_stop adsp
	elif [ "$(rproc_state adsp)" != offline ]; then
		ktap_fail "$1: state $(rproc_state adsp) after the failed start"
	elif ! unmapped; then
		ktap_fail "$1: the carveout is still mapped"
	else
		ktap_ok "$1: $(sed 's/.*: //' /tmp/err), offline, unmapped"
	fi
}

ktap_plan 17
ktap_check "tzsim_ctl loaded" insmod /lib/modules/tzsim_ctl.ko
ktap_check "adsp running (auto boot, table fetched with the retry)" \
	rproc_wait adsp running 15
ktap_check "its carveout is identity-mapped in the SMMU" mapped
ktap_check "stop: offline" rproc_stop adsp
ktap_check "... and the carveout unmapped" unmapped
ktap_check "a start and stop without faults" \
	eval 'rproc_start adsp && rproc_stop adsp'

fault "2 2 0x21 1 -1"
start_fails "GET_RSCTABLE fails"
fault "2 2 0x21 1 -1 0 2"
start_fails "GET_RSCTABLE fails on the overflow retry"
fault "2 2 1 1 -1"
start_fails "INIT_IMAGE fails"
fault "2 2 2 1 -1"
start_fails "MEM_SETUP fails"
fault "2 0x0c 0x1e - -1"
start_fails "SHM bridge over the carveout fails"
fault "2 2 5 1 -1"
start_fails "AUTH_AND_RESET fails"
echo "1 hang" > $CTL/boot_crash
start_fails "the remote never signals ready (timeout)"

ktap_check "adsp starts after all that, mapped" \
	eval 'rproc_start adsp && mapped'
fault "2 2 6 1 -1"
ktap_check "SHUTDOWN fails: stop fails, adsp stays running" \
	eval '! rproc_set adsp state stop 2>/dev/null &&
	      [ "$(rproc_state adsp)" = running ]'
ktap_check "the next stop works, the carveout is unmapped" \
	eval 'rproc_stop adsp && unmapped'
ktap_check "adsp starts again" rproc_start adsp
ktap_done
