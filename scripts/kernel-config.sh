#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-config.sh SRC OBJ FRAGMENT... - OBJ/.config = allnoconfig + the
# fragments. Regenerated every time (a patch may add Kconfig symbols) in a
# scratch folder, and copied over OBJ/.config only when it differs, so an
# unchanged configuration rebuilds nothing. Fails if a requested symbol did
# not end up with the requested value: olddefconfig silently drops symbols
# whose dependencies are missing.
set -euo pipefail
src=$(realpath "$1") obj=$(realpath -m "$2")
shift 2
scratch="$obj.config-scratch"
mkdir -p "$obj" "$scratch"
cat "$@" >"$scratch/fragment"
make -s -C "$src" O="$scratch" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	KCONFIG_ALLCONFIG="$scratch/fragment" allnoconfig >/dev/null
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF -- "$line" "$scratch/.config" && continue
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^${sym}=" "$scratch/.config" || continue
		;;
	*) continue ;;
	esac
	echo "kernel-config: '$line' did not stick (missing dependency?)" >&2
	bad=1
done <"$scratch/fragment"
[ $bad -eq 0 ] || exit 1
if ! cmp -s "$scratch/.config" "$obj/.config"; then
	echo "  CONFIG  $obj/.config"
	cp "$scratch/.config" "$obj/.config"
fi
