#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# quic-teec.sh OUTDIR - cross-build quic-teec's test program qcomteetest
# (libqcomtee + tests, BSD-3-Clause, ../shared/vendor/) for the arm64
# guest. Leaves OUTDIR/qcomteetest (dynamic: libcbor.so.0.8 and libc.so.6,
# Debian ships no libcbor.a) and the example TA image it loads,
# OUTDIR/ta/smcinvoke_skeleton_ta64.mbn. Incremental: the tarball is
# unpacked into OUTDIR/src only when it is newer than that tree, CMake
# configures OUTDIR/build once. QUIC_TEEC_TAR overrides the tarball,
# JOBS the build's parallelism (1). "quic-teec.sh --ta-only OUTDIR" only
# unpacks and installs the TA image (the simulator's host tests check it).
#
# At this commit the tests do not build with -Werror on 64-bit (a %u for
# a size_t), hence -Wno-error=format. QCBOR is not in Debian: the build
# falls back to libcbor (-lcbor), from libcbor-dev:arm64 (scripts/deps.sh),
# which the cross compiler finds in /usr/include and
# /usr/lib/aarch64-linux-gnu.
set -euo pipefail

ta_only=0
if [ "${1:-}" = --ta-only ]; then
	ta_only=1
	shift
fi
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
# The workplace's shared folder sits next to the repo; a clone elsewhere
# (e.g. a CI folder) finds it at its fixed place.
name=quic-teec-61f6fab.tar.gz
tar=${QUIC_TEEC_TAR:-}
for d in "$top/../shared/vendor" /work/shared/vendor; do
	[ -n "$tar" ] || [ ! -f "$d/$name" ] || tar=$d/$name
done
tar=${tar:-$top/../shared/vendor/$name}

[ -f "$tar" ] || { echo "quic-teec: no $tar" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd) src=$out/src bld=$out/build log=$out/build.log

# A new tarball means a new tree and a clean build (its files keep the
# archive's dates, which may be older than our objects).
if [ ! -d "$src" ] || [ "$tar" -nt "$src" ]; then
	rm -rf "$src" "$src.tmp" "$bld"
	mkdir "$src.tmp"
	tar -xzf "$tar" -C "$src.tmp" --strip-components=1
	mv "$src.tmp" "$src"
	touch "$src"
fi

# Copy only what changed, so the initramfs sees stable dates.
install_if_changed() {
	cmp -s "$1" "$2" 2>/dev/null || cp "$1" "$2"
}
mkdir -p "$out/ta"
install_if_changed "$src/tests/ta/smcinvoke_skeleton_ta/smcinvoke_skeleton_ta64.mbn" \
	"$out/ta/smcinvoke_skeleton_ta64.mbn"
[ $ta_only -eq 0 ] || exit 0

: >"$log"
fail() {
	echo "quic-teec: $1 failed, log: $log" >&2
	tail -n 40 "$log" >&2
	exit 1
}

if [ ! -f "$bld/CMakeCache.txt" ]; then
	cmake -S "$src" -B "$bld" \
		-DCMAKE_TOOLCHAIN_FILE="$src/CMakeToolchain.txt" \
		-DBUILD_UNITTEST=ON -DCMAKE_C_FLAGS=-Wno-error=format \
		>>"$log" 2>&1 ||
		{ rm -f "$bld/CMakeCache.txt"; fail "cmake configure"; }
fi
cmake --build "$bld" -j "${JOBS:-1}" >>"$log" 2>&1 || fail "build"

install_if_changed "$bld/tests/qcomteetest" "$out/qcomteetest"
echo "  QUICTEEC $out/qcomteetest"
