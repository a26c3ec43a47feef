#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scan for leaks once objects are old enough to be reported (kmemleak
# ignores objects younger than 5 s), print any report as KTAP diagnostics.
# Exit 0 if clean, 1 if leaks, 4 if kmemleak is not available.
k=/sys/kernel/debug/kmemleak
[ -w $k ] || { echo "    # kmemleak: not available"; exit 4; }
echo scan > $k
sleep 6
echo scan > $k
report=$(cat $k)
if [ -n "$report" ]; then
	echo "$report" | sed 's/^/    # /'
	exit 1
fi
exit 0
