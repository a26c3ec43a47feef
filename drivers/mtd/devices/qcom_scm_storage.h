/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the Qualcomm SCM storage MTD driver shared with its KUnit
 * tests.
 */
#ifndef _QCOM_SCM_STORAGE_H
#define _QCOM_SCM_STORAGE_H

#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/sizes.h>
#include <linux/types.h>

/*
 * Payload bytes per SCM call: 256 KiB, 4 calls per MiB. The buffer lives in
 * the driver's own tzmem pool (its own SHM bridge), so it does not compete
 * with the 256 KiB SCM pool that every other SCM user shares.
 */
#define QCOM_SCM_STORAGE_XFER_MAX	SZ_256K
/*
 * Bytes erased per SCM call: a real 64 KiB NOR block erase takes about
 * 50-400 ms, which is as long as one SMC should keep a CPU.
 */
#define QCOM_SCM_STORAGE_ERASE_CHUNK	SZ_64K

/**
 * struct qcom_scm_storage_span - the blocks one SCM call transfers
 * @lba: first block
 * @head: offset of the caller's first byte in the first block
 * @bytes: whole-block bytes the call moves
 * @copy: caller bytes in this call
 */
struct qcom_scm_storage_span {
	u64 lba;
	size_t head;
	size_t bytes;
	size_t copy;
};

#if IS_ENABLED(CONFIG_KUNIT)
int qcom_scm_storage_check_geometry(const struct qcom_scm_storage_info *info,
				    size_t *xfer_max);
void qcom_scm_storage_span(u64 pos, size_t len, u32 block_size,
			   size_t xfer_max, struct qcom_scm_storage_span *span);
#endif

#endif /* _QCOM_SCM_STORAGE_H */
