#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not part of make check): qteetest -B times 1000 example TA
# add invocations with a 4-byte output buffer and 1000 with a 4 KiB one,
# each checked for result 0 and the right sum (see qteetest.c). Prints
# "bench-qtee-invokes <n>", "bench-qtee-{0b,4k}-us <total us>" and
# "bench-qtee-{0b,4k}-per-s <n>" diagnostics; the host counts the SMCs
# per invoke in the secure log, between the marker invocations of root
# ops 0xbe00/0xbe01 and 0xbe40/0xbe41. Exit status 0 unless an
# invocation failed.
dir=/lib/qcomtz/qtee

# Built in on the board (CONFIG_QCOMTEE=y); a modular build loads it here.
if [ ! -d /sys/bus/platform/drivers/qcomtee ] &&
   [ -e /lib/modules/qcomtee.ko ]; then
	insmod /lib/modules/qcomtee.ko
fi

exec "$dir/qteetest" -B "$dir/smcinvoke_skeleton_ta64.mbn"
