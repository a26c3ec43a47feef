#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark (make bench, not part of make check): sequential erase, write
# and read of 8 MiB through /dev/mtdN, and an in-guest memory copy of the
# same size as the baseline. Prints "bench-<what>-ms <n>" diagnostics; the
# host adds the simulator's call counts (scripts/bench.py).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# timed WHAT CMD...: run CMD, a subtest that passes only if CMD succeeded,
# and its time as "bench-WHAT-ms N" only then (the host prints no rate
# for an operation that failed).
timed() {
	what=$1
	shift
	t0=$(ms)
	"$@" >/dev/null
	rc=$?
	t1=$(ms)
	if [ $rc -eq 0 ]; then
		ktap_ok "$what"
		ktap_diag "bench-${what%% *}-ms $((t1 - t0))"
	else
		ktap_fail "$what (exit $rc)"
	fi
}
ktap_plan 7
ktap_check "driver loads with allow_write=1" storage_load allow_write=1
random_file /tmp/src 8388608
sync

timed "erase 8 MiB" mtd_debug erase $MTD 0x400000 8388608
timed "write 8 MiB" mtd_debug write $MTD 0x400000 8388608 /tmp/src
timed "read 8 MiB" mtd_debug read $MTD 0x400000 8388608 /tmp/back
ktap_check "read back the data written" cmp -s /tmp/src /tmp/back
timed "memcpy 8 MiB" dd if=/tmp/src of=/tmp/copy bs=1M
ktap_check "memory copy of 8 MiB" cmp -s /tmp/src /tmp/copy
storage_unload
ktap_done
