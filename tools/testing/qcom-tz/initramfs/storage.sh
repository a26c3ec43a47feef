# SPDX-License-Identifier: GPL-2.0
# Helpers for the SCM storage tests: ". /lib/qcomtz/storage.sh".
MTD_PARAMS=/sys/module/qcom_scm_storage/parameters

# storage_load [PARAM=VALUE...]: load the driver, set $MTD to its device.
storage_load() {
	insmod /lib/modules/qcom_scm_storage.ko "$@" || return 1
	MTD=/dev/$(awk -F: '/"qcom_scm_storage"/ { print $1 }' /proc/mtd)
	[ -c "$MTD" ]
}

storage_unload() {
	rmmod qcom_scm_storage
}

# sha256 of LEN bytes of the device at OFFSET.
storage_sha() {
	mtd_debug read "$MTD" "$1" "$2" /tmp/sha.bin >/dev/null 2>&1 || return 1
	sha256sum /tmp/sha.bin | cut -d' ' -f1
	rm -f /tmp/sha.bin
}

# A file of LEN pseudo-random bytes.
random_file() {
	dd if=/dev/urandom of="$1" bs="$2" count=1 2>/dev/null
}
