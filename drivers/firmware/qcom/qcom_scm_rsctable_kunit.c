// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the check of resource tables the secure world returns
 * (PAS_GET_RSCTABLE) before the remoteproc core walks them.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "qcom_scm.h"

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

static struct kunit_case qcom_scm_rsctable_cases[] = {
	KUNIT_CASE_PARAM(scm_rsc_table_check, scm_rsc_gen_params),
	{}
};

static struct kunit_suite qcom_scm_rsctable_suite = {
	.name = "qcom_scm_rsctable",
	.test_cases = qcom_scm_rsctable_cases,
};

kunit_test_suite(qcom_scm_rsctable_suite);

MODULE_DESCRIPTION("KUnit tests for the Qualcomm SCM resource table check");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
