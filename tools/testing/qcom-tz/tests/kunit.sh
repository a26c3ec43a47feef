#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The series' KUnit suites on the board's own kernel (stage "kunit" of
# make check). This boot has no kunit.filter_glob, so the built-in suites
# ran at boot; a test of a driver built as a module is a module too and
# runs when loaded here. One subtest per suite, its KTAP forwarded. The
# host checks that every suite of the tree reported (scripts/check.py),
# kmemleak scans after it as after any test.
. /lib/qcomtz/ktap.sh
mkdir -p /tmp/kunit
ls /sys/kernel/debug/kunit >/tmp/kunit-builtin
for s in $(cat /tmp/kunit-builtin); do
	cp "/sys/kernel/debug/kunit/$s/results" "/tmp/kunit/$s"
done
# Modules of the kernel's build (not the board's own test modules).
for ko in $(cd /lib/modules && ls -- *_kunit.ko); do
	[ "$ko" = tzsim_rig_kunit.ko ] && continue
	# The module it tests first (a test of a module uses its symbols).
	deps=$(awk -v m="$ko" '$1 == m { $1 = ""; print }' /lib/modules/deps)
	for d in $deps; do
		insmod "/lib/modules/$d"
	done
	printf '*' >/sys/module/kunit/parameters/filter_glob
	if insmod "/lib/modules/$ko"; then
		for s in $(ls /sys/kernel/debug/kunit |
			   grep -vxF -f /tmp/kunit-builtin); do
			cp "/sys/kernel/debug/kunit/$s/results" "/tmp/kunit/$s"
		done
		rmmod "${ko%.ko}"
	else
		echo "$ko" >>/tmp/kunit-insmod-failed
	fi
	for d in $deps; do
		rmmod "${d%.ko}"
	done
done
n=$(ls /tmp/kunit | wc -l)
f=$(cat /tmp/kunit-insmod-failed 2>/dev/null | wc -l)
ktap_plan $((n + f))
for s in $(ls /tmp/kunit); do
	ktap_check "$s" kunit_forward "/tmp/kunit/$s" "$s"
done
for ko in $(cat /tmp/kunit-insmod-failed 2>/dev/null); do
	ktap_fail "insmod $ko"
done
ktap_done
