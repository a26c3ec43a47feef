// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the wire format of the SCM storage service: the command
 * header and the storage details as the firmware reads them, the mapping
 * of its result codes to errno, and the decoding of GET_INFO.
 *
 * The expected values are the firmware's wire ABI, written out as numbers
 * on purpose.
 */
#include <kunit/test.h>
#include <linux/arm-smccc.h>
#include <linux/errno.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "qcom_scm.h"

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

static struct kunit_case qcom_scm_storage_abi_cases[] = {
	KUNIT_CASE(scm_storage_layout),
	KUNIT_CASE(scm_storage_result_errno),
	KUNIT_CASE(scm_storage_info_decoding),
	{}
};

static struct kunit_suite qcom_scm_storage_abi_suite = {
	.name = "qcom_scm_storage_abi",
	.test_cases = qcom_scm_storage_abi_cases,
};

kunit_test_suite(qcom_scm_storage_abi_suite);

MODULE_DESCRIPTION("KUnit tests for the Qualcomm SCM storage wire format");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
