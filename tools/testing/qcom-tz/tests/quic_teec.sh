#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QTEE driven by quic-teec's own test program (qcomteetest, libqcomtee,
# built from ../shared/vendor by scripts/quic-teec.sh): Diagnostics through
# the client env, then quic-teec's real example TA image loaded from a
# buffer (UBUF) and from a memory object (QTEE maps it through the
# primordial object's MAP_REGION callback), and its add called.
# qcomteetest exits 0 whatever happens: a run passes only if it printed
# the line "    SUCCESS.". Its output goes to the log as diagnostics.
. /lib/qcomtz/ktap.sh
bin=/lib/qcomtz/qtee/qcomteetest
ta=/lib/qcomtz/quic-teec
secs=60

# Built in on the board (CONFIG_QCOMTEE=y); a modular build loads it here.
if [ ! -d /sys/bus/platform/drivers/qcomtee ] &&
   [ -e /lib/modules/qcomtee.ko ]; then
	insmod /lib/modules/qcomtee.ko
fi

# run DESC ARGS..: one qcomteetest run, killed after $secs seconds.
run() {
	desc=$1
	shift
	if [ ! -c /dev/tee0 ]; then
		# qcomteetest hard-codes /dev/tee0.
		ktap_diag "no /dev/tee0: $(ls /dev/tee* 2>&1)"
		ktap_fail "$desc"
		return
	fi
	ktap_diag "qcomteetest $*"
	timeout "$secs" "$bin" "$@" >/tmp/qcomteetest.out 2>&1
	rc=$?
	sed 's/^/    # /' /tmp/qcomteetest.out
	case $rc in
	0) ;;
	124|137|143) ktap_diag "killed after $secs s (hung?)" ;;
	*) ktap_diag "exit status $rc" ;;
	esac
	if [ $rc -eq 0 ] && grep -qx '    SUCCESS\.' /tmp/qcomteetest.out; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
}

ktap_plan 3
run "diagnostics: heap info from QTEE (UID 143)" -d
run "skeleton TA loaded from a buffer, add" -l "$ta" 0 0
run "skeleton TA loaded from a memory object, add" -l "$ta" 1 0
rm -f /tmp/qcomteetest.out
ktap_done
