#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark (make bench, not part of make check): sequential erase, write
# and read of 8 MiB through /dev/mtdN, and an in-guest memory copy of the
# same size as the baseline. Prints "bench-<what>-ms <n>" diagnostics; the
# host adds the simulator's call counts (scripts/bench.py).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
ktap_plan 5
ktap_check "driver loads with allow_write=1" storage_load allow_write=1
random_file /tmp/src 8388608
sync

t0=$(ms); mtd_debug erase $MTD 0x400000 8388608 >/dev/null; t1=$(ms)
ktap_check "erase 8 MiB" test $? = 0
ktap_diag "bench-erase-ms $((t1 - t0))"

t0=$(ms); mtd_debug write $MTD 0x400000 8388608 /tmp/src >/dev/null; t1=$(ms)
ktap_check "write 8 MiB" test $? = 0
ktap_diag "bench-write-ms $((t1 - t0))"

t0=$(ms); mtd_debug read $MTD 0x400000 8388608 /tmp/back >/dev/null; t1=$(ms)
ktap_check "read 8 MiB, same data" cmp -s /tmp/src /tmp/back
ktap_diag "bench-read-ms $((t1 - t0))"

t0=$(ms); dd if=/tmp/src of=/tmp/copy bs=1M 2>/dev/null; t1=$(ms)
ktap_check "memory copy of 8 MiB" cmp -s /tmp/src /tmp/copy
ktap_diag "bench-memcpy-ms $((t1 - t0))"
storage_unload
ktap_done
