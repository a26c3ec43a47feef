#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every broken image of the generator's manifest (firmware/manifest.tsv):
# "echo start" fails with an errno, the remote stays offline, the kernel
# logs the expected line, and the remote boots its good image afterwards.
# The simulator side (refused at the expected PAS call, the remote never
# ran) is checked on the secure log by e2e.py; kmemleak after the test.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/rproc.sh
MANIFEST=/lib/firmware/$FW/manifest.tsv

grep -v '^#' $MANIFEST | awk -F'\t' '$5 == "fails"' > /tmp/broken
n=$(wc -l < /tmp/broken)
ktap_plan $((n + 2))
ktap_check "adsp running before" rproc_wait adsp running 15
rproc_stop adsp
# The kernel's lines of one start: those after a marker written to the
# log (the log itself stays whole for the dump after the tests).
since_marker() {
	dmesg | sed -n "/qcomtz: rproc_broken: start $1\$/,\$p"
}
while IFS="$(printf '\t')" read -r file remote pas form result stage sim klog; do
	echo "qcomtz: rproc_broken: start $file" >/dev/kmsg
	# The manifest names files relative to the firmware directory.
	klog=$(echo "$klog" | sed -E "s#([^ ]+\.(mbn|mdt|b[0-9]{2}))#$FW/\1#")
	err=$(rproc_start_err "$remote" "$FW/$file")
	st=$(rproc_state "$remote")
	if [ -z "$err" ]; then
		ktap_fail "$file ($stage): start did not fail"
		rproc_stop "$remote"
		continue
	fi
	ktap_diag "$file: start: $err"
	if [ "$st" != offline ]; then
		ktap_fail "$file ($stage): state $st after the failed start"
	elif [ "$klog" != - ] && ! since_marker "$file" | grep -qF "$klog"; then
		ktap_diag "$(since_marker "$file" | tail -5)"
		ktap_fail "$file ($stage): no kernel line '$klog'"
	else
		ktap_ok "$file ($stage): $err, offline"
	fi
done < /tmp/broken
ktap_check "adsp boots its good image again" rproc_start adsp $FW/adsp.mbn
ktap_done
