# SPDX-License-Identifier: GPL-2.0
# Helpers for the remote processor tests: ". /lib/qcomtz/rproc.sh".
# Remotes are found by their name (adsp, cdsp, modem, wpss), never by
# their remoteprocN number, which depends on probe order.
FW=qcom/qcs6490

# rproc NAME: the sysfs directory of that remote processor.
rproc() {
	local d
	for d in /sys/class/remoteproc/remoteproc*; do
		[ "$(cat "$d/name" 2>/dev/null)" = "$1" ] && { echo "$d"; return 0; }
	done
	return 1
}

rproc_state() {
	cat "$(rproc "$1")/state"
}

# rproc_wait NAME STATE [SECONDS]: wait until NAME is in STATE (default
# 10 s). Returns 1 on timeout.
rproc_wait() {
	local n=0
	while [ $n -lt $((${3:-10} * 10)) ]; do
		[ "$(rproc_state "$1")" = "$2" ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	echo "    # $1: still $(rproc_state "$1") after ${3:-10} s, wanted $2"
	return 1
}

# rproc_set NAME FILE VALUE: write a sysfs attribute, keep its errno.
rproc_set() {
	echo "$3" > "$(rproc "$1")/$2"
}

# rproc_start NAME [FIRMWARE]: set the firmware, start, and wait for it.
rproc_start() {
	if [ -n "$2" ]; then
		rproc_set "$1" firmware "$2" || return 1
	fi
	rproc_set "$1" state start && rproc_wait "$1" running
}

rproc_stop() {
	rproc_set "$1" state stop && rproc_wait "$1" offline
}

# rproc_start_err NAME FIRMWARE: start with FIRMWARE; prints the error
# message of the failed write ("" if it worked).
rproc_start_err() {
	rproc_set "$1" firmware "$2" || return 1
	( rproc_set "$1" state start ) 2>&1 | sed 's/.*: //'
}

# Little-endian reads from a file: elf_u32 FILE OFFSET, elf_u16 ...
elf_u32() {
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

elf_u16() {
	od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '
}

# elf_segments FILE: "paddr offset filesz" of each loadable segment of an
# ELF32 file (PT_LOAD, p_memsz != 0, not the hash segment), as
# mdt_loader and the remoteproc coredump see them.
elf_segments() {
	local phoff phnum ph type flags memsz k=0
	phoff=$(elf_u32 "$1" 28)
	phnum=$(elf_u16 "$1" 44)
	while [ $k -lt "$phnum" ]; do
		ph=$((phoff + 32 * k))
		type=$(elf_u32 "$1" $ph)
		flags=$(elf_u32 "$1" $((ph + 24)))
		memsz=$(elf_u32 "$1" $((ph + 20)))
		if [ "$type" = 1 ] && [ "$memsz" != 0 ] &&
		   [ $((flags & 0x7000000)) != $((0x2000000)) ]; then
			echo "$(elf_u32 "$1" $((ph + 12))) $(elf_u32 "$1" $((ph + 4))) $(elf_u32 "$1" $((ph + 16)))"
		fi
		k=$((k + 1))
	done
}

# sha256 of LEN bytes of FILE at OFFSET.
file_sha() {
	tail -c +$(($2 + 1)) "$1" | head -c "$3" | sha256sum | cut -d' ' -f1
}

# rproc_dump_matches DUMP FIRMWARE: every loadable segment of FIRMWARE
# (a single-file image under /lib/firmware) is in the ELF coredump DUMP
# at the same address, byte for byte.
rproc_dump_matches() {
	local fw n paddr off len doff
	[ -r "$1" ] || return 1
	cat "$1" > /tmp/dump.elf || return 1
	fw=/lib/firmware/$2
	n=0
	elf_segments /tmp/dump.elf > /tmp/dump.segs
	elf_segments "$fw" > /tmp/fw.segs
	while read -r paddr off len; do
		doff=$(awk -v p="$paddr" '$1 == p { print $2 }' /tmp/dump.segs)
		if [ -z "$doff" ]; then
			echo "    # segment at $paddr missing from the dump"
			return 1
		fi
		if [ "$(file_sha "$fw" "$off" "$len")" != \
		     "$(file_sha /tmp/dump.elf "$doff" "$len")" ]; then
			echo "    # segment at $paddr differs in the dump"
			return 1
		fi
		n=$((n + 1))
	done < /tmp/fw.segs
	echo "    # $n segments found in the dump"
	rm -f /tmp/dump.elf
	[ $n -gt 0 ]
}
