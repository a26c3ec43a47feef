#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# With a slow firmware erase (erase_us=200: 13 ms per 64 KiB chunk, 3.3 s
# for the device), an erase of the whole device is killed after 0.5 s: it
# must stop between chunks (the host counts the chunks the firmware saw)
# and leave the driver usable.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 4
ktap_check "driver loads with allow_write=1" storage_load allow_write=1
mtd_debug erase $MTD 0 0x2000000 >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 $pid
wait $pid
rc=$?
ktap_check "the erase was killed (SIGKILL), not completed" test $rc = 137
ktap_check "the device still reads afterwards" \
	eval 'mtd_debug read $MTD 0x1ff0000 65536 /tmp/x >/dev/null'
ktap_check "driver unloads" storage_unload
ktap_done
