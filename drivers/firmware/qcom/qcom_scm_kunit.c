// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the encoding of SCM calls: the arginfo word, the SMC
 * function IDs, the mapping of firmware status codes to errno, and the
 * wire format of the storage service.
 *
 * The expected values are the firmware's wire ABI, written out as numbers
 * on purpose: a change to a macro that alters what reaches the firmware
 * must fail here, not on a board.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/arm-smccc.h>
#include <linux/errno.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "qcom_scm.h"

struct scm_arginfo_case {
	const char *name;
	u32 arginfo;
	u32 wire;
};

static const struct scm_arginfo_case scm_arginfo_cases[] = {
	{ "no argument", QCOM_SCM_ARGS(0), 0x0 },
	{ "one value", QCOM_SCM_ARGS(1), 0x1 },
	{ "four values (shm bridge create)", QCOM_SCM_ARGS(4), 0x4 },
	{ "ro,val,rw,val (storage)",
	  QCOM_SCM_ARGS(4, QCOM_SCM_RO, QCOM_SCM_VAL, QCOM_SCM_RW,
			QCOM_SCM_VAL), 0x214 },
	{ "rw,val (qseecom app lookup)",
	  QCOM_SCM_ARGS(2, QCOM_SCM_RW, QCOM_SCM_VAL), 0x22 },
	{ "val,rw,val,rw,val (qseecom app send)",
	  QCOM_SCM_ARGS(5, QCOM_SCM_VAL, QCOM_SCM_RW, QCOM_SCM_VAL,
			QCOM_SCM_RW, QCOM_SCM_VAL), 0x885 },
	{ "val,rw (pas init image)",
	  QCOM_SCM_ARGS(2, QCOM_SCM_VAL, QCOM_SCM_RW), 0x82 },
	{ "val,ro,val,rw,val (pas get rsctable)",
	  QCOM_SCM_ARGS(5, QCOM_SCM_VAL, QCOM_SCM_RO, QCOM_SCM_VAL,
			QCOM_SCM_RW, QCOM_SCM_VAL), 0x845 },
	{ "ten arguments, last one bufval",
	  QCOM_SCM_ARGS(10, QCOM_SCM_VAL, QCOM_SCM_VAL, QCOM_SCM_VAL,
			QCOM_SCM_VAL, QCOM_SCM_VAL, QCOM_SCM_VAL,
			QCOM_SCM_VAL, QCOM_SCM_VAL, QCOM_SCM_VAL,
			QCOM_SCM_BUFVAL), 0xc0000a },
};

static void scm_arginfo_desc(const struct scm_arginfo_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(scm_arginfo, scm_arginfo_cases, scm_arginfo_desc);

static void scm_arginfo_encoding(struct kunit *test)
{
	const struct scm_arginfo_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, c->arginfo, c->wire);
}

static void scm_function_ids(struct kunit *test)
{
	/* IS_CALL_AVAIL as the convention probe sends it, fast SMC64. */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(0x06, 0x01)),
			0xc2000601);
	/* ...and its argument: the queried call in the SMC form. */
	KUNIT_EXPECT_EQ(test, SCM_SMC_FNID(0x06, 0x01) |
			(ARM_SMCCC_OWNER_SIP << ARM_SMCCC_OWNER_SHIFT),
			0x02000601);
	/* The same probe for the 32-bit convention. */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL,
						 ARM_SMCCC_SMC_32,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(0x06, 0x01)),
			0x82000601);
	/* WAITQ resume (yielding) and get context (fast). */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(0x24, 0x02)),
			0x42002402);
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(0x24, 0x03)),
			0xc2002403);
	/* SHM bridge create: SIP, yielding, SMC64. */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(0x0c, 0x1e)),
			0x42000c1e);
	/* QSEECOM: app lookup (owner 50) and app send (owner 48). */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_TRUSTED_OS,
						 SCM_SMC_FNID(0x01, 0x03)),
			0x72000103);
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_TRUSTED_APP,
						 SCM_SMC_FNID(0x00, 0x01)),
			0x70000001);
	/* The legacy convention packs service and command differently. */
	KUNIT_EXPECT_EQ(test, SCM_LEGACY_FNID(0x06, 0x01), 0x1801);
}

struct scm_errno_case {
	int status;
	int err;
};

static const struct scm_errno_case scm_errno_cases[] = {
	{ QCOM_SCM_ERROR, -EIO },
	{ QCOM_SCM_EINVAL_ARG, -EINVAL },
	{ QCOM_SCM_EINVAL_ADDR, -EINVAL },
	{ QCOM_SCM_EOPNOTSUPP, -EOPNOTSUPP },
	{ QCOM_SCM_ENOMEM, -ENOMEM },
	{ QCOM_SCM_V2_EBUSY, -EBUSY },
	{ -6, -EINVAL },
	{ -100, -EINVAL },
};

static void scm_errno_desc(const struct scm_errno_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "firmware status %d", c->status);
}

KUNIT_ARRAY_PARAM(scm_errno, scm_errno_cases, scm_errno_desc);

static void scm_status_to_errno(struct kunit *test)
{
	const struct scm_errno_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, qcom_scm_remap_error(c->status), c->err);
}

static void scm_status_codes(struct kunit *test)
{
	/* The values firmware puts in x0, as the ABI defines them. */
	KUNIT_EXPECT_EQ(test, QCOM_SCM_INTERRUPTED, 1);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_WAITQ_SLEEP, 2);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_ERROR, -1);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_EINVAL_ARG, -2);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_EINVAL_ADDR, -3);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_EOPNOTSUPP, -4);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_ENOMEM, -5);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_V2_EBUSY, -12);
}

/* The storage buffers as the firmware reads them (packed, little endian). */
static void scm_storage_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct qcom_scm_storage_cmd_hdr), 40);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_cmd_hdr,
				       storage_cmd), 32);
	KUNIT_EXPECT_EQ(test, sizeof(struct qcom_scm_storage_details), 32);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_details,
				       data_ptr), 16);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_STORAGE_HDR_SIZE, 72);
	KUNIT_EXPECT_EQ(test, sizeof(struct qcom_scm_storage_info_wire), 105);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       block_size), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       manufacturer_id), 20);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       serial_num), 28);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       fw_version), 36);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       memory_type), 68);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_scm_storage_info_wire,
				       product_name), 73);
	/* The one command and its arginfo (RO, VAL, RW, VAL). */
	KUNIT_EXPECT_EQ(test, ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL,
						 ARM_SMCCC_SMC_64,
						 ARM_SMCCC_OWNER_SIP,
						 SCM_SMC_FNID(QCOM_SCM_SVC_STORAGE,
							      QCOM_SCM_STORAGE_CMD)),
			0x42001a01);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_STORAGE_READ, 1);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_STORAGE_WRITE, 2);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_STORAGE_ERASE, 3);
	KUNIT_EXPECT_EQ(test, QCOM_SCM_STORAGE_GET_INFO, 4);
}

static void scm_storage_result_errno(struct kunit *test)
{
	static const int want[] = {
		0, -ENOMEM, -EINVAL, -EIO, -EACCES, -EOPNOTSUPP, -EBADMSG,
		-EALREADY, -ENOENT, -EROFS,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		KUNIT_EXPECT_EQ_MSG(test, qcom_scm_storage_result_to_errno(i),
				    want[i], "result %d", i);
	/* Codes the driver does not know are I/O errors. */
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_result_to_errno(10), -EIO);
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_result_to_errno(0xffffffff),
			-EIO);
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_result_to_errno(U64_MAX), -EIO);
}

static void scm_storage_info_decoding(struct kunit *test)
{
	/* What the Radxa Dragon Q6A reports, as bytes on the wire. */
	u8 raw[105] = {
		[1] = 0x20,				/* 8192 blocks */
		[9] = 0x10,				/* 4096 bytes */
		[13] = 0x01,				/* 256-byte pages */
		[28] = 0xef, [29] = 0x60, [30] = 0x19,	/* serial 1663215 */
	};
	struct qcom_scm_storage_info_wire wire;
	struct qcom_scm_storage_info info;

	memcpy(raw + 68, "NOR", 3);
	/* A product name filling its field, with no NUL. */
	memset(raw + 73, 'W', 32);
	memcpy(&wire, raw, sizeof(wire));
	qcom_scm_storage_info_decode(&wire, &info);

	KUNIT_EXPECT_EQ(test, info.total_blocks, 8192);
	KUNIT_EXPECT_EQ(test, info.block_size, 4096);
	KUNIT_EXPECT_EQ(test, info.page_size, 256);
	KUNIT_EXPECT_EQ(test, info.num_physical, 0);
	KUNIT_EXPECT_EQ(test, info.serial_num, 1663215);
	KUNIT_EXPECT_STREQ(test, info.memory_type, "NOR");
	KUNIT_EXPECT_STREQ(test, info.fw_version, "");
	KUNIT_EXPECT_EQ(test, strlen(info.product_name), 32);
}

/*
 * Resource tables from the secure world (PAS_GET_RSCTABLE): a 16-byte
 * header, an offset per entry, entries of at least a fw_rsc_hdr (4 bytes).
 */
struct scm_rsc_case {
	const char *name;
	u32 num;
	u32 offsets[4];
	size_t size;		/* the size the firmware reports */
	int ret;
};

static const struct scm_rsc_case scm_rsc_cases[] = {
	{ "empty table", 0, {}, 16, 0 },
	{ "one entry right after the offsets", 1, { 20 }, 20 + 8, 0 },
	{ "two entries", 2, { 24, 40 }, 64, 0 },
	{ "smaller than the header", 0, {}, 15, -EINVAL },
	{ "no room for the offset array", 4, { 32, 32, 32, 32 }, 28, -EINVAL },
	{ "num that overflows the offset array", 0x40000000, {}, 64, -EINVAL },
	{ "entry inside the header", 1, { 8 }, 64, -EINVAL },
	{ "entry inside the offset array", 2, { 20, 40 }, 64, -EINVAL },
	{ "entry header past the end", 1, { 61 }, 64, -EINVAL },
	{ "entry offset past the end", 1, { 0xfffffff0 }, 64, -EINVAL },
	{ "entry header exactly at the end", 1, { 60 }, 64, 0 },
};

static void scm_rsc_case_desc(const struct scm_rsc_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(scm_rsc, scm_rsc_cases, scm_rsc_case_desc);

static void scm_rsc_table_check(struct kunit *test)
{
	const struct scm_rsc_case *c = test->param_value;
	struct device *dev = kunit_device_register(test, "scm-rsc-kunit");
	u32 *buf;
	size_t i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	/* Exactly the reported size, so that KASAN sees any overread. */
	buf = kunit_kzalloc(test, c->size ?: 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	if (c->size >= 8)
		buf[1] = c->num;
	for (i = 0; i < ARRAY_SIZE(c->offsets) && 16 + 4 * (i + 1) <= c->size;
	     i++)
		buf[4 + i] = c->offsets[i];

	KUNIT_EXPECT_EQ(test, qcom_scm_rsc_table_check(dev, buf, c->size),
			c->ret);
}

static struct kunit_case qcom_scm_abi_cases[] = {
	KUNIT_CASE_PARAM(scm_arginfo_encoding, scm_arginfo_gen_params),
	KUNIT_CASE(scm_function_ids),
	KUNIT_CASE_PARAM(scm_status_to_errno, scm_errno_gen_params),
	KUNIT_CASE(scm_status_codes),
	KUNIT_CASE(scm_storage_layout),
	KUNIT_CASE(scm_storage_result_errno),
	KUNIT_CASE(scm_storage_info_decoding),
	KUNIT_CASE_PARAM(scm_rsc_table_check, scm_rsc_gen_params),
	{}
};

static struct kunit_suite qcom_scm_abi_suite = {
	.name = "qcom_scm_abi",
	.test_cases = qcom_scm_abi_cases,
};

kunit_test_suite(qcom_scm_abi_suite);

MODULE_DESCRIPTION("KUnit tests for the Qualcomm SCM call encoding");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
