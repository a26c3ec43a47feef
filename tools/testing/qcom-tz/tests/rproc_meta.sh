#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PAS metadata near the size of the SCM memory pool (256 KiB), at EL2
# where it must come from that pool: 192 KiB of metadata boots, 300 KiB
# fails cleanly with ENOMEM and a line that says why.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
ktap_plan 4
ktap_check "wpss with 192 KiB of metadata starts" \
	rproc_start wpss $FW/wpss-meta192k.mbn
ktap_check "... and stops" rproc_stop wpss
ktap_check "300 KiB of metadata: the start fails with ENOMEM, offline" \
	eval '[ "$(rproc_start_err wpss $FW/wpss-meta300k.mbn)" = "Cannot allocate memory" ] &&
	      [ "$(rproc_state wpss)" = offline ]'
ktap_check "... the kernel says the metadata does not fit" \
	eval 'dmesg | grep -q "no room for 307228 bytes of PAS metadata in the SCM memory pool"'
ktap_done
