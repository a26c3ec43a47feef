#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# KUnit suite run on the simulated board against the simulator: SHM bridge
# per tzmem pool, enforcement of bridges, the extra-args buffer.
. /lib/qcomtz/ktap.sh
kunit_module tzsim_rig_kunit.ko tzsim_rig
