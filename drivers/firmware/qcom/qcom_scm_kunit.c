// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the encoding of SCM calls: the arginfo word, the SMC
 * function IDs and the mapping of firmware status codes to errno.
 *
 * The expected values are the firmware's wire ABI, written out as numbers
 * on purpose: a change to a macro that alters what reaches the firmware
 * must fail here, not on a board.
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

static struct kunit_case qcom_scm_abi_cases[] = {
	KUNIT_CASE_PARAM(scm_arginfo_encoding, scm_arginfo_gen_params),
	KUNIT_CASE(scm_function_ids),
	KUNIT_CASE_PARAM(scm_status_to_errno, scm_errno_gen_params),
	KUNIT_CASE(scm_status_codes),
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
