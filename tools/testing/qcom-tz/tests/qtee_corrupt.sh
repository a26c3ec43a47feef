#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QTEE protocol corruption: tzsim_ctl arms each corruption kind of the
# simulated QTEE once (tools/testing/tzsim/include/tzsim/qtee_corrupt.h,
# through /sys/kernel/debug/tzsim/qtee_corrupt), and qteetest -C checks
# that the qcomtee driver fails that call with EPROTO, hands nothing to
# user space, and that the next normal call works; last, that QTEE's
# heap comes back to its level (nothing leaked on the QTEE side).
# qteetest prints the subtests (KTAP) and its status is this test's;
# loading tzsim_ctl goes in as its first subtest (-r).
dir=/lib/qcomtz/qtee

# Built in on the board (CONFIG_QCOMTEE=y); a modular build loads it here.
if [ ! -d /sys/bus/platform/drivers/qcomtee ] &&
   [ -e /lib/modules/qcomtee.ko ]; then
	insmod /lib/modules/qcomtee.ko
fi

# Another test of the same boot may have loaded it already.
ctl=ok
if [ ! -e /sys/kernel/debug/tzsim/qtee_corrupt ]; then
	insmod /lib/modules/tzsim_ctl.ko || ctl=fail
fi

exec "$dir/qteetest" -C -r "$ctl:tzsim_ctl loaded" \
	"$dir/smcinvoke_skeleton_ta64.mbn"
