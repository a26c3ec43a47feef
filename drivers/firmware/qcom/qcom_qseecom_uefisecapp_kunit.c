// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the checks the uefisecapp client applies to responses
 * from the secure world: the command a response answers, its length, and
 * the offset/size pairs that locate data inside it. The secure world's
 * numbers are not trusted, so every check is also tried with the values
 * a lying firmware could send (sums that wrap around, lengths past the
 * buffer).
 *
 * Included at the end of qcom_qseecom_uefisecapp.c, so that the static
 * helpers are tested as they are built.
 */
#include <kunit/device.h>
#include <kunit/test.h>

struct qcuefi_range_case {
	const char *name;
	u32 offset, size, length;
	bool ok;
};

static const struct qcuefi_range_case qcuefi_range_cases[] = {
	{ "data right after the header", 24, 5, 29, true },
	{ "empty data at the end", 29, 0, 29, true },
	{ "everything", 0, 29, 29, true },
	{ "one byte past the end", 24, 6, 29, false },
	{ "offset past the end", 30, 0, 29, false },
	{ "sum wraps around to 1", 0xfffffffc, 5, 29, false },
	{ "size wraps around", 24, 0xffffffff, 29, false },
	{ "both at the limit", 0xffffffff, 0xffffffff, 0xffffffff, false },
	{ "zero length, zero range", 0, 0, 0, true },
};

static void qcuefi_range_case_desc(const struct qcuefi_range_case *c,
				   char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(qcuefi_range, qcuefi_range_cases, qcuefi_range_case_desc);

static struct device *qcuefi_test_dev(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "qcuefi-kunit");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	return dev;
}

static void qcuefi_test_range(struct kunit *test)
{
	const struct qcuefi_range_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, qcuefi_rsp_range_ok(qcuefi_test_dev(test), "data",
						  c->offset, c->size,
						  c->length), c->ok);
}

struct qcuefi_header_case {
	const char *name;
	u32 rsp_cmd_id, length;
	size_t min_len, max_len;
	bool ok;
};

static const struct qcuefi_header_case qcuefi_header_cases[] = {
	{ "exact fixed length", QSEE_CMD_UEFI_SET_VARIABLE, 20, 20, 20, true },
	{ "fixed length, one short", QSEE_CMD_UEFI_SET_VARIABLE, 19, 20, 20,
	  false },
	{ "fixed length, one over", QSEE_CMD_UEFI_SET_VARIABLE, 21, 20, 20,
	  false },
	{ "variable length inside the buffer", QSEE_CMD_UEFI_SET_VARIABLE, 100,
	  24, 4096, true },
	{ "length of the whole buffer", QSEE_CMD_UEFI_SET_VARIABLE, 4096, 24,
	  4096, true },
	{ "length past the buffer", QSEE_CMD_UEFI_SET_VARIABLE, 4097, 24, 4096,
	  false },
	{ "length 0", QSEE_CMD_UEFI_SET_VARIABLE, 0, 24, 4096, false },
	{ "answers another command", QSEE_CMD_UEFI_GET_VARIABLE, 20, 20, 20,
	  false },
	{ "answers no command", 0, 20, 20, 20, false },
};

static void qcuefi_header_case_desc(const struct qcuefi_header_case *c,
				    char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(qcuefi_header, qcuefi_header_cases, qcuefi_header_case_desc);

static void qcuefi_test_header(struct kunit *test)
{
	const struct qcuefi_header_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test,
			qcuefi_rsp_header_ok(qcuefi_test_dev(test),
					     QSEE_CMD_UEFI_SET_VARIABLE,
					     c->rsp_cmd_id, c->length,
					     c->min_len, c->max_len), c->ok);
}

/* The response layouts are the firmware's ABI: their sizes must not move. */
static void qcuefi_test_layouts(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct qsee_rsp_uefi_get_variable), 24);
	KUNIT_EXPECT_EQ(test, sizeof(struct qsee_rsp_uefi_set_variable), 20);
	KUNIT_EXPECT_EQ(test, sizeof(struct qsee_rsp_uefi_get_next_variable),
			28);
	KUNIT_EXPECT_EQ(test,
			sizeof(struct qsee_rsp_uefi_query_variable_info), 40);
}

static struct kunit_case qcuefi_test_cases[] = {
	KUNIT_CASE_PARAM(qcuefi_test_range, qcuefi_range_gen_params),
	KUNIT_CASE_PARAM(qcuefi_test_header, qcuefi_header_gen_params),
	KUNIT_CASE(qcuefi_test_layouts),
	{}
};

static struct kunit_suite qcuefi_test_suite = {
	.name = "qcom-uefisecapp",
	.test_cases = qcuefi_test_cases,
};

kunit_test_suite(qcuefi_test_suite);
