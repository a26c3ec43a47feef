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

# Load a KUnit test module, forward its suite's KTAP, unload it.
# kunit_module FILE.ko SUITE: returns 0 if the suite passed.
kunit_module() {
	ko=$1 suite=$2
	res=/sys/kernel/debug/kunit/$suite/results
	if ! insmod "/lib/modules/$ko"; then
		echo "    # insmod $ko failed"
		return 1
	fi
	if [ ! -r "$res" ]; then
		echo "    # no KUnit results for suite $suite"
		rmmod "${ko%.ko}"
		return 1
	fi
	cp "$res" /tmp/kunit-results
	rmmod "${ko%.ko}"
	sed 's/^/    /' /tmp/kunit-results
	grep -q "^ok [0-9]* $suite" /tmp/kunit-results &&
		! grep -q "not ok" /tmp/kunit-results
}
