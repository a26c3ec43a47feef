# SPDX-License-Identifier: GPL-2.0
# KTAP helpers for guest tests: ". /lib/qcomtz/ktap.sh", then
#   ktap_plan N            announce N subtests
#   ktap_check DESC CMD..  subtest DESC passes if CMD succeeds
#   ktap_ok DESC / ktap_fail DESC / ktap_skip DESC REASON
#   ktap_diag TEXT         a diagnostic line
#   ktap_done              exit 0 if all passed, 1 otherwise
# Subtest lines are indented by 4 spaces (the test is one level down).
KTAP_N=0
KTAP_FAILED=0

ktap_plan() {
	echo "    KTAP version 1"
	echo "    1..$1"
}

ktap_diag() {
	echo "$*" | sed 's/^/    # /'
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "    ok $KTAP_N $1"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "    not ok $KTAP_N $1"
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "    ok $KTAP_N $1 # SKIP $2"
}

ktap_check() {
	desc=$1
	shift
	if "$@"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
}

ktap_done() {
	[ $KTAP_FAILED -eq 0 ]
	exit $?
}

# kunit_passed FILE SUITE: FILE (a suite's debugfs results) says SUITE
# passed: its own line is "ok", no case failed, and at least one case
# ran (debugfs prints "ok" for a suite whose cases all skipped).
kunit_passed() {
	if ! grep -qx "ok [0-9]* $2" "$1"; then
		echo "    # KUnit suite $2: no passing result line"
		return 1
	fi
	if grep -q "not ok" "$1"; then
		echo "    # KUnit suite $2: a case failed"
		return 1
	fi
	if ! grep -v "# SKIP" "$1" | grep -q "^    ok [0-9]* "; then
		echo "    # KUnit suite $2: every case skipped"
		return 1
	fi
}

# kunit_forward FILE SUITE: print FILE (a copy of the suite's debugfs
# results) one level down; returns 0 if the suite passed.
kunit_forward() {
	sed 's/^/    /' "$1"
	kunit_passed "$1" "$2"
}

# kunit_suite SUITE: forward the results of a suite that already ran
# (built in, or from a module still loaded); returns 0 if it passed.
kunit_suite() {
	res=/sys/kernel/debug/kunit/$1/results
	if [ ! -r "$res" ]; then
		echo "    # no KUnit results for suite $1"
		return 1
	fi
	cp "$res" /tmp/kunit-results
	kunit_forward /tmp/kunit-results "$1"
}

# Load a KUnit test module, forward its suite's KTAP, unload it.
# kunit_module FILE.ko SUITE: returns 0 if the suite passed. Boots filter
# every suite out (kunit.filter_glob, see tzboot.py), so the filter is
# set to this suite first.
kunit_module() {
	ko=$1 suite=$2
	# No newline: the glob is taken as written.
	printf %s "$suite" >/sys/module/kunit/parameters/filter_glob
	if ! insmod "/lib/modules/$ko"; then
		echo "    # insmod $ko failed"
		return 1
	fi
	kunit_suite "$suite"
	rc=$?
	rmmod "${ko%.ko}"
	return $rc
}
