#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# allow_write=1 at run time (no reload): erase, write and read back random
# data at unaligned offsets and sizes, NOR program semantics, flashcp, bad
# input, concurrent readers and writers, and the way back to read-only.
# Leaves a marker at 16 MiB for the persistence test of the next boot.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 16
storage_load || { ktap_fail "driver loads"; ktap_done; }
echo 1 > $MTD_PARAMS/allow_write
ktap_check "allow_write flips to Y at run time" \
	test "$(cat $MTD_PARAMS/allow_write)" = Y

# 5003 bytes at 0x1007b: inside three erase blocks, both ends unaligned.
random_file /tmp/a 5003
ok=1
flash_erase -q $MTD 0x10000 3 || ok=0
mtd_debug write $MTD 0x1007b 5003 /tmp/a >/dev/null || ok=0
mtd_debug read $MTD 0x1007b 5003 /tmp/a.back >/dev/null || ok=0
cmp -s /tmp/a /tmp/a.back || ok=0
ktap_check "unaligned 5003-byte write reads back" test $ok = 1
ktap_check "bytes around it stay erased (0xff)" \
	eval 'mtd_debug read $MTD 0x10000 123 /tmp/h >/dev/null &&
	      [ "$(od -An -tx1 -v /tmp/h | tr -d " \n" | tr -d f)" = "" ]'

# 1 MiB + 7 at an unaligned offset: several calls, both ends partial.
random_file /tmp/b 1048583
ok=1
flash_erase -q $MTD 0x200000 258 || ok=0
mtd_debug write $MTD 0x200007 1048583 /tmp/b >/dev/null || ok=0
mtd_debug read $MTD 0x200007 1048583 /tmp/b.back >/dev/null || ok=0
cmp -s /tmp/b /tmp/b.back || ok=0
ktap_check "1 MiB + 7 bytes at an unaligned offset reads back" test $ok = 1

# Programming only clears bits: 0x0f then 0xf0 without erase gives 0x00.
printf '\017\017\017\017' > /tmp/p1
printf '\360\360\360\360' > /tmp/p2
flash_erase -q $MTD 0x300000 1
mtd_debug write $MTD 0x300000 4 /tmp/p1 >/dev/null
mtd_debug write $MTD 0x300000 4 /tmp/p2 >/dev/null
ktap_check "writing without erasing ANDs the bits, as on NOR" \
	eval 'mtd_debug read $MTD 0x300000 4 /tmp/p3 >/dev/null &&
	      [ "$(od -An -tx1 /tmp/p3 | tr -d " \n")" = 00000000 ]'

random_file /tmp/c 70001
ktap_check "flashcp writes and verifies a file" \
	eval 'flashcp /tmp/c $MTD && mtd_debug read $MTD 0 70001 /tmp/c.back >/dev/null && cmp -s /tmp/c /tmp/c.back'

ktap_check "unaligned erase refused (EINVAL)" \
	eval '! mtd_debug erase $MTD 0x100 0x1000 2>/dev/null >/dev/null &&
	      dmesg | grep -q "erase of 0x100+0x1000 is not aligned"'
ktap_check "zero-length erase, read and write do nothing" \
	eval 'mtd_debug erase $MTD 0x1000 0 >/dev/null 2>&1;
	      mtd_debug read $MTD 0x1000 0 /tmp/z >/dev/null 2>&1;
	      mtd_debug write $MTD 0x1000 0 /tmp/z >/dev/null 2>&1;
	      mtd_debug read $MTD 0 70001 /tmp/c.back >/dev/null &&
	      cmp -s /tmp/c /tmp/c.back'
ktap_check "erase past the end refused" \
	eval '! mtd_debug erase $MTD 0x1fff000 0x2000 >/dev/null 2>&1'
ktap_check "write at the end of the device refused (ENOSPC)" \
	eval '! mtd_debug write $MTD 0x2000000 16 /tmp/a >/dev/null 2>&1'
# The character device cuts a write that crosses the end to what fits.
flash_erase -q $MTD 0x1fff000 1
mtd_debug write $MTD 0x1ffff00 4096 /tmp/a >/dev/null 2>&1
head -c 256 /tmp/a > /tmp/a256
ktap_check "a write crossing the end stops at the end" \
	eval 'mtd_debug read $MTD 0x1ffff00 256 /tmp/end >/dev/null &&
	      cmp -s /tmp/a256 /tmp/end'

# Four writers, each on its own region, and four readers of one region.
flash_erase -q $MTD 0x800000 256
random_file /tmp/w 65536
mtd_debug read $MTD 0x400007 300000 /tmp/ref >/dev/null
for i in 0 1 2 3; do
	mtd_debug write $MTD $((0x800000 + i * 0x40000)) 65536 /tmp/w >/dev/null &
	mtd_debug read $MTD 0x400007 300000 /tmp/r$i >/dev/null &
done
wait
ok=1
for i in 0 1 2 3; do
	mtd_debug read $MTD $((0x800000 + i * 0x40000)) 65536 /tmp/w$i >/dev/null
	cmp -s /tmp/w /tmp/w$i || ok=0
	cmp -s /tmp/ref /tmp/r$i || ok=0
done
ktap_check "concurrent readers and writers" test $ok = 1

random_file /tmp/marker 4096
flash_erase -q $MTD 0x1000000 1
mtd_debug write $MTD 0x1000000 4096 /tmp/marker >/dev/null
ktap_check "marker written at 16 MiB" \
	test "$(storage_sha 0x1000000 4096)" = "$(sha256sum /tmp/marker | cut -d' ' -f1)"
ktap_diag "marker-sha256 $(sha256sum /tmp/marker | cut -d' ' -f1)"

echo 0 > $MTD_PARAMS/allow_write
ktap_check "allow_write=0 refuses again without reload" \
	eval '! mtd_debug erase $MTD 0x1000000 4096 >/dev/null 2>&1'
ktap_check "the marker survived the refused erase" \
	test "$(storage_sha 0x1000000 4096)" = "$(sha256sum /tmp/marker | cut -d' ' -f1)"
ktap_check "driver unloads" storage_unload
ktap_done
