// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the Qualcomm SCM storage MTD driver: how transfers are
 * cut into SCM calls, and which firmware geometries are accepted.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sizes.h>

#include "qcom_scm_storage.h"

struct span_case {
	const char *name;
	u64 pos;
	size_t len;
	u32 block_size;
	size_t xfer_max;
	struct qcom_scm_storage_span want;
};

static const struct span_case span_cases[] = {
	{ "aligned, one block", 0, SZ_4K, SZ_4K, SZ_256K,
	  { .lba = 0, .head = 0, .bytes = SZ_4K, .copy = SZ_4K } },
	{ "aligned, whole buffer", SZ_1M, SZ_1M, SZ_4K, SZ_256K,
	  { .lba = 256, .head = 0, .bytes = SZ_256K, .copy = SZ_256K } },
	{ "unaligned start inside a block", 100, 10, SZ_4K, SZ_256K,
	  { .lba = 0, .head = 100, .bytes = SZ_4K, .copy = 10 } },
	{ "unaligned start, crosses a block", SZ_4K - 1, 2, SZ_4K, SZ_256K,
	  { .lba = 0, .head = SZ_4K - 1, .bytes = SZ_8K, .copy = 2 } },
	{ "unaligned start, capped by the buffer", 5 * SZ_4K + 7, SZ_1M,
	  SZ_4K, SZ_256K,
	  { .lba = 5, .head = 7, .bytes = SZ_256K, .copy = SZ_256K - 7 } },
	{ "unaligned tail", SZ_8K, SZ_4K + 1, SZ_4K, SZ_256K,
	  { .lba = 2, .head = 0, .bytes = SZ_8K, .copy = SZ_4K + 1 } },
	{ "large blocks", 3 * SZ_64K + 5, 1, SZ_64K, SZ_256K,
	  { .lba = 3, .head = 5, .bytes = SZ_64K, .copy = 1 } },
	{ "last block of 32 MiB", SZ_32M - SZ_4K, SZ_4K, SZ_4K, SZ_256K,
	  { .lba = 8191, .head = 0, .bytes = SZ_4K, .copy = SZ_4K } },
};

static void span_desc(const struct span_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(span, span_cases, span_desc);

static void storage_span(struct kunit *test)
{
	const struct span_case *c = test->param_value;
	struct qcom_scm_storage_span s;

	qcom_scm_storage_span(c->pos, c->len, c->block_size, c->xfer_max, &s);
	KUNIT_EXPECT_EQ(test, s.lba, c->want.lba);
	KUNIT_EXPECT_EQ(test, s.head, c->want.head);
	KUNIT_EXPECT_EQ(test, s.bytes, c->want.bytes);
	KUNIT_EXPECT_EQ(test, s.copy, c->want.copy);
	/* Invariants: whole blocks, within the buffer, progress made. */
	KUNIT_EXPECT_EQ(test, s.bytes % c->block_size, 0);
	KUNIT_EXPECT_LE(test, s.bytes, c->xfer_max);
	KUNIT_EXPECT_GT(test, s.copy, 0);
	KUNIT_EXPECT_LE(test, s.head + s.copy, s.bytes);
}

/* Walking a transfer span by span delivers every byte exactly once. */
static void storage_span_walk(struct kunit *test)
{
	static const u64 starts[] = { 0, 1, SZ_4K - 1, SZ_4K, 123457 };
	static const size_t lens[] = { 1, 4095, SZ_4K, SZ_1M + 3, 777777 };
	int i, j;

	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		for (j = 0; j < ARRAY_SIZE(lens); j++) {
			struct qcom_scm_storage_span s;
			u64 pos = starts[i];
			size_t len = lens[j], done = 0, calls = 0;

			while (done < len) {
				qcom_scm_storage_span(pos + done, len - done,
						      SZ_4K, SZ_256K, &s);
				KUNIT_ASSERT_EQ(test, s.lba * SZ_4K + s.head,
						pos + done);
				done += s.copy;
				calls++;
			}
			KUNIT_EXPECT_EQ(test, done, len);
			/* The minimum number of calls for the blocks covered. */
			KUNIT_EXPECT_EQ(test, calls,
					DIV_ROUND_UP(round_up(pos + len, SZ_4K) -
						     round_down(pos, SZ_4K),
						     SZ_256K));
		}
	}
}

static void storage_geometry(struct kunit *test)
{
	struct qcom_scm_storage_info info = {
		.total_blocks = 8192, .block_size = SZ_4K,
	};
	size_t xfer = 0;

	/* The Radxa Dragon Q6A: 32 MiB of 4 KiB blocks. */
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_check_geometry(&info, &xfer), 0);
	KUNIT_EXPECT_EQ(test, xfer, SZ_256K);

	/* A device smaller than the buffer: calls never exceed it. */
	info.total_blocks = 16;
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_check_geometry(&info, &xfer), 0);
	KUNIT_EXPECT_EQ(test, xfer, 16 * SZ_4K);

	/* The largest block size the buffer holds. */
	info.total_blocks = 128;
	info.block_size = SZ_256K;
	KUNIT_EXPECT_EQ(test, qcom_scm_storage_check_geometry(&info, &xfer), 0);
	KUNIT_EXPECT_EQ(test, xfer, SZ_256K);
}

static void storage_geometry_rejected(struct kunit *test)
{
	static const struct qcom_scm_storage_info bad[] = {
		{ .total_blocks = 8192, .block_size = 0 },
		{ .total_blocks = 0, .block_size = SZ_4K },
		{ .total_blocks = 8192, .block_size = 3000 },	/* not 2^n */
		{ .total_blocks = 8, .block_size = SZ_512K },	/* > buffer */
		{ .total_blocks = U64_MAX, .block_size = SZ_4K }, /* overflow */
		{ .total_blocks = 1ULL << 52, .block_size = SZ_4K }, /* > 2^63 */
	};
	size_t xfer;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    qcom_scm_storage_check_geometry(&bad[i], &xfer),
				    -EINVAL, "case %d", i);
}

static struct kunit_case qcom_scm_storage_cases[] = {
	KUNIT_CASE_PARAM(storage_span, span_gen_params),
	KUNIT_CASE(storage_span_walk),
	KUNIT_CASE(storage_geometry),
	KUNIT_CASE(storage_geometry_rejected),
	{}
};

static struct kunit_suite qcom_scm_storage_suite = {
	.name = "qcom_scm_storage",
	.test_cases = qcom_scm_storage_cases,
};

kunit_test_suite(qcom_scm_storage_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the Qualcomm SCM storage MTD driver");
MODULE_LICENSE("GPL");
