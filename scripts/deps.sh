#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build and the tests need, from Debian's archive only.
# Idempotent: does nothing (and needs no network) when all is present.
set -euo pipefail

host_pkgs=(
	linux-source-6.12 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm ccache sparse quilt flex bison bc libelf-dev libssl-dev
	device-tree-compiler cpio xz-utils gzip python3 rsync kmod make gcc
	perl file openssl cmake
	libcbor-dev:arm64
	coccinelle ocaml libpython3-dev python3-ply python3-git dt-schema
	yamllint git
)
# coccinelle: make coccicheck; ocaml: the compiler spatch runs for the
# rules with OCaml scripts ("No OCaml compiler found" otherwise);
# libpython3-dev: libpython3.11.so, which spatch loads for the rules with
# Python scripts (without it every spatch run fails: "Py.find_library");
# python3-ply/python3-git: checkpatch's
# spdxcheck.py in the series' git tree; dt-schema/yamllint: the binding
# checks (scripts/series.py, scripts/check.py lint).
# libcbor-dev:arm64 (multiarch, pulls libc6:arm64) is the one foreign
# package installed on the host: quic-teec's qcomteetest links against it
# (scripts/quic-teec.sh); Debian ships no libcbor.a, so the guest gets
# libcbor0.8 too.
# Guest user space (arm64 .debs are downloaded and unpacked, never installed).
guest_pkgs=(busybox-static mtd-utils e2fsprogs efivar libefivar1 libcbor0.8)

missing=()
for p in "${host_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

need_update=0
[ ${#missing[@]} -eq 0 ] || need_update=1
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$SUDO dpkg --add-architecture arm64
	need_update=1
fi
if [ $need_update -eq 0 ]; then
	for p in "${guest_pkgs[@]}"; do
		apt-cache show "$p:arm64" >/dev/null 2>&1 || need_update=1
	done
fi
if [ $need_update -eq 1 ]; then
	echo "deps: apt-get update"
	$SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends "${missing[@]}"
fi
