#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# initramfs.sh OUT.cpio.gz KOBJ MODDIR [FWDIR] - the guest's root file
# system: busybox from Debian's arm64 package, our init and guest tests,
# the test modules built in MODDIR, and FWDIR as /lib/firmware. Built
# without root (gen_init_cpio list).
set -euo pipefail

out=$1 kobj=$2 moddir=$3 fwdir=${4:-}
top=$(cd "$(dirname "$0")/.." && pwd)
guest=$top/tools/testing/qcom-tz
debs=$(dirname "$out")/debs

mkdir -p "$debs"
deb() {
	local f
	f=$(ls "$debs"/"$1"_*_arm64.deb 2>/dev/null | head -n1)
	if [ -z "$f" ]; then
		(cd "$debs" && apt-get download -q "$1:arm64" >/dev/null 2>&1) ||
			{ echo "initramfs: cannot download $1:arm64" >&2; exit 1; }
		f=$(ls "$debs"/"$1"_*_arm64.deb | head -n1)
	fi
	if [ ! -d "$debs/$1" ] || [ "$f" -nt "$debs/$1" ]; then
		rm -rf "$debs/$1"
		dpkg-deb -x "$f" "$debs/$1"
	fi
	echo "$debs/$1"
}
bb=$(deb busybox-static)/bin/busybox

# mtd-utils, chattr (e2fsprogs; busybox-static has none), efivar(1),
# quic-teec's qcomteetest and the shared libraries they need (glibc, its
# loader, libcbor, ...).
libpkgs="libc6 libiniparser1 liblzo2-2 libselinux1 libpcre2-8-0 libssl3
	libuuid1 libzstd1 zlib1g libext2fs2 libcom-err2 libefivar1 libcbor0.8"
mtdutils=$(deb mtd-utils)
e2fsprogs=$(deb e2fsprogs)
efivar=$(deb efivar)
libroots=
for p in $libpkgs; do
	libroots="$libroots $(deb "$p")"
done

# Emit gen_init_cpio lines for everything under ROOT/SUB (dirs, files,
# symlinks), placed under DEST in the initramfs.
add_tree() {
	local root=$1 sub=$2 dest=$3
	[ -d "$root/$sub" ] || return 0
	(cd "$root/$sub" && find . -mindepth 1 | sort) | while read -r p; do
		p=${p#./}
		if [ -L "$root/$sub/$p" ]; then
			echo "slink $dest/$p $(readlink "$root/$sub/$p") 0777 0 0"
		elif [ -d "$root/$sub/$p" ]; then
			echo "dir $dest/$p 0755 0 0"
		elif [ -f "$root/$sub/$p" ]; then
			echo "file $dest/$p $root/$sub/$p $(stat -c %a "$root/$sub/$p") 0 0"
		fi
	done
}

applets="sh ash cat echo printf test [ grep egrep sed awk cut tr head tail wc
	ls mkdir rmdir rm cp mv ln cmp diff dd od hexdump xxd md5sum sha256sum
	sort uniq seq sleep date stat find xargs sync uname true false expr
	mount umount insmod rmmod lsmod modprobe dmesg poweroff reboot kill
	ps setsid cttyhack timeout basename dirname env tee touch chmod less
	vi more yes"

# The QTEE test program (static, raw ioctls) and the example TA image.
qtee=$(dirname "$out")/qtee
mkdir -p "$qtee"
make -s -C "$guest/qtee" O="$qtee" all
python3 "$guest/firmware/mkta.py" --out "$qtee/ta" >/dev/null

# quic-teec's qcomteetest (dynamic: no libcbor.a in Debian) and its own TA
# image. Every library it needs, and theirs, must come from libpkgs.
quicteec=$(dirname "$out")/quic-teec
"$top/scripts/quic-teec.sh" "$quicteec"
needed() {
	aarch64-linux-gnu-readelf -d "$1" |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
}
findlib() {
	local r d
	for r in $libroots; do
		for d in usr/lib/aarch64-linux-gnu lib/aarch64-linux-gnu; do
			[ -e "$r/$d/$1" ] && { echo "$r/$d/$1"; return 0; }
		done
	done
	return 1
}
todo=("$quicteec/qcomteetest") seen=" "
while [ ${#todo[@]} -gt 0 ]; do
	f=${todo[0]}
	todo=("${todo[@]:1}")
	for n in $(needed "$f"); do
		case "$seen" in *" $n "*) continue ;; esac
		seen="$seen$n "
		l=$(findlib "$n") || {
			echo "initramfs: $n (for $(basename "$f")) in no package of libpkgs" >&2
			exit 1
		}
		todo+=("$l")
	done
done

list=$(mktemp) deps=$(mktemp)
trap 'rm -f "$list" "$deps"' EXIT
{
	for d in /bin /sbin /dev /proc /sys /tmp /lib /lib/modules /lib/qcomtz \
		 /tests /etc /root /usr /usr/sbin /usr/lib /data; do
		echo "dir $d 0755 0 0"
	done
	# Debian's arm64 libraries, from /lib and /usr/lib alike, all go to
	# /usr/lib/aarch64-linux-gnu (a merged /usr); the loader is
	# /lib/ld-linux-aarch64.so.1.
	lib=/usr/lib/aarch64-linux-gnu
	echo "dir $lib 0755 0 0"
	for r in $libroots; do
		add_tree "$r" usr/lib/aarch64-linux-gnu $lib | sed "/\/gconv/d"
		add_tree "$r" lib/aarch64-linux-gnu $lib
	done | sort -u -k2,2
	echo "slink /lib/aarch64-linux-gnu $lib 0777 0 0"
	echo "slink /lib/ld-linux-aarch64.so.1 $lib/ld-linux-aarch64.so.1 0777 0 0"
	for f in "$mtdutils"/usr/sbin/*; do
		echo "file /usr/sbin/$(basename "$f") $f 0755 0 0"
	done
	echo "dir /usr/bin 0755 0 0"
	for f in chattr lsattr; do
		echo "file /usr/bin/$f $e2fsprogs/usr/bin/$f 0755 0 0"
	done
	echo "file /usr/bin/efivar $efivar/usr/bin/efivar 0755 0 0"
	if [ -n "$fwdir" ]; then
		echo "dir /lib/firmware 0755 0 0"
		add_tree "$fwdir" . /lib/firmware
	fi
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $bb 0755 0 0"
	for a in $applets; do
		echo "slink /bin/$a busybox 0777 0 0"
	done
	echo "file /init $guest/initramfs/init 0755 0 0"
	echo "file /demo.sh $guest/initramfs/demo.sh 0755 0 0"
	echo "file /lib/qcomtz/ktap.sh $guest/initramfs/ktap.sh 0644 0 0"
	echo "file /lib/qcomtz/kmemleak.sh $guest/initramfs/kmemleak.sh 0755 0 0"
	echo "file /lib/qcomtz/storage.sh $guest/initramfs/storage.sh 0644 0 0"
	echo "file /lib/qcomtz/efivars.sh $guest/initramfs/efivars.sh 0644 0 0"
	echo "file /lib/qcomtz/rproc.sh $guest/initramfs/rproc.sh 0644 0 0"
	echo "dir /lib/qcomtz/qtee 0755 0 0"
	echo "file /lib/qcomtz/qtee/qteetest $qtee/qteetest 0755 0 0"
	echo "file /lib/qcomtz/qtee/qteeuser $qtee/qteeuser 0755 0 0"
	echo "file /lib/qcomtz/qtee/smcinvoke_skeleton_ta64.mbn $qtee/ta/smcinvoke_skeleton_ta64.mbn 0644 0 0"
	echo "file /lib/qcomtz/qtee/qcomteetest $quicteec/qcomteetest 0755 0 0"
	echo "dir /lib/qcomtz/quic-teec 0755 0 0"
	echo "file /lib/qcomtz/quic-teec/smcinvoke_skeleton_ta64.mbn $quicteec/ta/smcinvoke_skeleton_ta64.mbn 0644 0 0"
	for t in "$guest"/tests/*.sh; do
		echo "file /tests/$(basename "$t") $t 0755 0 0"
	done
	# The kernel's modules (the driver under test, MTD tests) and ours,
	# and /lib/modules/deps: "NAME.ko DEP.ko..." for the modules that need
	# others (the guest has no modprobe database; tests/kunit.sh reads it).
	for m in $(sed 's/\.o$/.ko/' "$kobj/modules.order" 2>/dev/null) \
		 "$moddir"/*.ko; do
		case "$m" in /*) ;; *) m=$kobj/$m ;; esac
		[ -e "$m" ] || continue
		echo "file /lib/modules/$(basename "$m") $m 0644 0 0"
		d=$(/sbin/modinfo -F depends "$m" | tr , ' ')
		[ -z "$d" ] || echo "$(basename "$m")$(printf ' %s.ko' $d)" >>"$deps"
	done
	echo "file /lib/modules/deps $deps 0644 0 0"
} >"$list"
"$kobj/usr/gen_init_cpio" "$list" | gzip -n -9 >"$out.tmp"
mv "$out.tmp" "$out"
echo "  CPIO    $out ($(stat -c %s "$out") bytes)"
