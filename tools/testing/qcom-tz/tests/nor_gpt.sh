#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The NOR's content (tools/testing/qcom-tz/firmware/mknor.py image): the
# GPT partitions as MTD partitions with their names, each read in full
# (its sha256 goes to the log for the host to compare with the image), all
# read-only while allow_write=0, and the DPP layout's NVMEM cells read from
# sysfs and by a device tree consumer (nvmem_mac_consumer.ko).
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 6

ktap_check "driver loads" storage_load

# Partitions: "mtdN: size erasesize "name"" lines after the master's.
grep -v '"qcom_scm_storage"' /proc/mtd | sed 1d > /tmp/parts
n=$(wc -l < /tmp/parts)
ktap_diag "partitions: $n"
ktap_check "25 GPT partitions listed" test "$n" -eq 25

# Each partition read in full, named as mtdinfo names it.
bad=0
while read -r dev size erase name; do
	dev=/dev/${dev%:}
	name=$(mtdinfo "$dev" | sed -n 's/^Name: *//p')
	bytes=$(mtdinfo "$dev" | sed -n 's/^Amount of eraseblocks:.*(\([0-9]*\) bytes.*/\1/p')
	if ! mtd_debug read "$dev" 0 "$bytes" /tmp/p.bin >/dev/null 2>&1; then
		bad=$((bad + 1))
		continue
	fi
	ktap_diag "part $name $bytes $(sha256sum /tmp/p.bin | cut -d' ' -f1)"
	[ "$name" = DPP ] && DPP=$dev
done < /tmp/parts
rm -f /tmp/p.bin
ktap_check "every partition read" test "$bad" -eq 0

# allow_write=0: no partition can be erased (nor written).
refused=0
while read -r dev rest; do
	mtd_debug erase "/dev/${dev%:}" 0 4096 >/dev/null 2>&1 ||
		refused=$((refused + 1))
done < /tmp/parts
ktap_check "every partition refuses an erase (read-only)" test "$refused" -eq 25

# DPP's cells: /sys/bus/nvmem/devices/mtdN/cells/<name>@<offset>,<bits>.
cells=/sys/bus/nvmem/devices/${DPP#/dev/}/cells
ktap_diag "cells: $(ls "$cells" 2>&1 | tr '\n' ' ')"
for c in wlan-mac-address bt-bd-address; do
	f=$(ls "$cells"/"$c"* 2>/dev/null | head -n1)
	[ -n "$f" ] && ktap_diag "cell $c $(hexdump -v -e '6/1 "%02x:"' "$f" | sed 's/:$//')"
done
ktap_check "both address cells read" test \
	"$(ls "$cells" 2>/dev/null | grep -c 'address')" -eq 2

# A device tree consumer gets the Wi-Fi MAC through of_get_mac_address().
insmod /lib/modules/nvmem_mac_consumer.ko
mac=
for i in $(seq 50); do
	mac=$(cat /sys/bus/platform/devices/mac-consumer/mac 2>/dev/null) &&
		[ -n "$mac" ] && break
	sleep 0.1
done
ktap_diag "consumer-mac $mac"
rmmod nvmem_mac_consumer
storage_unload
ktap_check "the consumer got a MAC" test -n "$mac"
ktap_done
