#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# refresh-patch.sh [PATCH] - refresh the topmost (or named) quilt patch of
# the build tree with pinned flags, so that every developer produces the
# same bytes: unified diff with function names (-p), a/ b/ prefixes, no
# index lines, no timestamps, a diffstat in the header, nobody's quiltrc.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
src=${KSRC:-$top/build/linux}
export QUILT_PATCHES="$top/patches" QUILT_PC=.pc QUILT_DIFF_OPTS=-p
cd "$src"
quilt --quiltrc=- refresh -p ab --no-index --no-timestamps --diffstat \
	--sort "$@"
