#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-tree.sh SRC - make SRC a Linux 6.12 tree carrying our changes:
#   1. unpack Debian's linux-source-6.12 once (never again while SRC exists),
#   2. apply patches/ with quilt; when the series changes, pop and re-push,
#   3. copy the new files (drivers/, include/, Documentation/, arch/) over,
#      touching only files whose content changed (so rebuilds stay small),
#   4. merge our MAINTAINERS fragment into the tree's MAINTAINERS.
set -euo pipefail

src=${1:?usage: kernel-tree.sh SRC}
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz

if [ ! -f "$src/.qcomtz-unpacked" ]; then
	echo "  UNPACK  $tarball"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" -xf "$tarball"
	mv "$src.tmp/linux-source-6.12" "$src"
	rmdir "$src.tmp"
	cp "$src/MAINTAINERS" "$src/.qcomtz-MAINTAINERS.orig"
	touch "$src/.qcomtz-unpacked"
fi
echo "  BASE    linux $(make -s -C "$src" kernelversion) ($(dpkg-query -W -f='${Version}' linux-source-6.12))"

# -- patches ---------------------------------------------------------------
export QUILT_PATCHES="$top/patches"
export QUILT_PC=.pc
export QUILT_NO_DIFF_INDEX=1 QUILT_NO_DIFF_TIMESTAMPS=1
quilt_() { (cd "$src" && quilt --quiltrc=- "$@"); }

stamp=$(cd "$top/patches" && cat series $(grep -v '^#' series 2>/dev/null) 2>/dev/null | sha1sum | cut -d' ' -f1)
if [ "$(cat "$src/.qcomtz-patches" 2>/dev/null)" != "$stamp" ]; then
	if [ -s "$src/.pc/applied-patches" ]; then
		echo "  QUILT   pop -a"
		quilt_ pop -a -f -q >/dev/null
	fi
	if grep -qv '^#' "$top/patches/series" 2>/dev/null; then
		echo "  QUILT   push -a"
		# --fuzz=0: a patch that no longer applies exactly is an error.
		quilt_ push -a -q --fuzz=0 >/dev/null
	fi
	echo "$stamp" >"$src/.qcomtz-patches"
fi

# -- new files ---------------------------------------------------------------
for d in arch drivers include Documentation; do
	[ -d "$top/$d" ] || continue
	rsync -rc --itemize-changes "$top/$d/" "$src/$d/" | sed -n 's/^>f[^ ]* /  COPY    /p'
done

# -- MAINTAINERS ---------------------------------------------------------------
python3 "$top/scripts/merge-maintainers.py" "$src/.qcomtz-MAINTAINERS.orig" \
	"$top/MAINTAINERS" "$src/MAINTAINERS"
