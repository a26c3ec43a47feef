#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark (make bench, not part of make check): start-to-running time
# of the modem (1.4 MiB loaded) and wpss (111 KiB), in both image forms,
# 10 starts each. Prints "bench-<remote>-<form>-ms <total ms>"; the host
# adds the simulator's counts of SMCs per start (scripts/bench.py).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
RUNS=10
ktap_plan 4
for remote in modem wpss; do
	for form in mbn mdt; do
		rproc_set $remote firmware $FW/$remote.$form
		ok=0 total=0 k=0
		while [ $k -lt $RUNS ]; do
			t0=$(ms)
			rproc_set $remote state start || break
			t1=$(ms)
			total=$((total + t1 - t0))
			rproc_stop $remote || break
			k=$((k + 1))
		done
		ktap_diag "bench-$remote-$form-ms $total"
		ktap_check "$remote.$form: $RUNS starts" [ $k -eq $RUNS ]
	done
done
ktap_done
