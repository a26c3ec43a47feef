// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the Qualcomm DPP NVMEM layout: RWFS containers built in
 * memory, good and damaged, parsed through a reader that fails the test on
 * any access past the partition.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "qcom-dpp.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define IMG_SIZE	SZ_8K
#define HDR2_OFF	0x100
#define TABLE_OFF	0x200
#define TABLE_ENTRIES	8
#define DATA_START	0x1000
#define WLAN_OFF	0x000
#define OTHER_OFF	0x100
#define BT_OFF		0x200

static const u8 wlan_mac[QCOM_DPP_ADDR_LEN] = {
	0x02, 0x11, 0x22, 0x33, 0x44, 0x55
};

/* As the BT.PROVISION blob stores it... */
static const u8 bt_addr_stored[QCOM_DPP_ADDR_LEN] = {
	0x13, 0x71, 0xda, 0x7d, 0x1a, 0x00
};

/* ...and as the cell reads it. */
static const u8 bt_addr[QCOM_DPP_ADDR_LEN] = {
	0x00, 0x1a, 0x7d, 0xda, 0x71, 0x13
};

struct dpp_img {
	u8 *buf;
	size_t size;
	struct kunit *test;
};

static int dpp_read(void *priv, unsigned int offset, void *buf, size_t bytes)
{
	struct dpp_img *img = priv;

	if (offset > img->size || bytes > img->size - offset) {
		KUNIT_FAIL(img->test, "read of %zu bytes at 0x%x, past the end",
			   bytes, offset);
		return -EINVAL;
	}
	memcpy(buf, img->buf + offset, bytes);

	return 0;
}

static struct qcom_dpp_header *img_hdr(struct dpp_img *img)
{
	return (struct qcom_dpp_header *)img->buf;
}

static struct qcom_dpp_header2 *img_hdr2(struct dpp_img *img)
{
	return (struct qcom_dpp_header2 *)(img->buf + HDR2_OFF);
}

static struct qcom_dpp_entry *img_entry(struct dpp_img *img, int i)
{
	return (struct qcom_dpp_entry *)(img->buf + TABLE_OFF +
					 i * QCOM_DPP_ENTRY_SIZE);
}

static void set_utf16(__le16 *dst, const char *s)
{
	int i;

	for (i = 0; s[i] && i < QCOM_DPP_NAME_UNITS; i++)
		dst[i] = cpu_to_le16(s[i]);
}

static void img_set_entry(struct dpp_img *img, int i, const char *name,
			  const char *vendor, u32 offset, u32 region,
			  u32 data_len)
{
	struct qcom_dpp_entry *e = img_entry(img, i);

	memset(e, 0, sizeof(*e));
	set_utf16(e->name, name);
	set_utf16(e->vendor, vendor);
	e->region_len = cpu_to_le32(region);
	e->data_len = cpu_to_le32(data_len);
	e->present = cpu_to_le32(1);
	e->offset = cpu_to_le32(offset);
}

/*
 * The reference container: WLAN.PROVISION, another blob, BT.PROVISION and
 * the terminating entry, in a table with room for 8 entries.
 */
static void img_init(struct kunit *test, struct dpp_img *img)
{
	struct qcom_dpp_header2 *hdr2;
	struct qcom_dpp_header *hdr;
	u8 *blob;

	img->size = IMG_SIZE;
	img->test = test;
	img->buf = kunit_kzalloc(test, img->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img->buf);

	hdr = img_hdr(img);
	memcpy(hdr->magic, QCOM_DPP_MAGIC, QCOM_DPP_MAGIC_LEN);
	hdr->reserved0 = cpu_to_le32(1);
	hdr->header2_offset = cpu_to_le32(HDR2_OFF);
	hdr->data_start = cpu_to_le32(DATA_START);
	hdr->header_size = cpu_to_le32(QCOM_DPP_HEADER_SIZE);
	hdr->full_length = cpu_to_le32(IMG_SIZE);

	hdr2 = img_hdr2(img);
	memcpy(hdr2->magic, QCOM_DPP_MAGIC, QCOM_DPP_MAGIC_LEN);
	hdr2->table_offset = cpu_to_le32(TABLE_OFF);
	hdr2->table_size = cpu_to_le32(TABLE_ENTRIES * QCOM_DPP_ENTRY_SIZE);
	hdr2->data_start = cpu_to_le32(DATA_START);

	img_set_entry(img, 0, "WLAN.PROVISION", "QCOM", WLAN_OFF, 0x100, 9);
	img_set_entry(img, 1, "OTHER.BLOB", "OEM", OTHER_OFF, 0x100, 0x10);
	img_set_entry(img, 2, "BT.PROVISION", "OEM", BT_OFF, 0x100, 8);

	blob = img->buf + DATA_START + WLAN_OFF;
	memcpy(blob, "\xa1\xa2\xa3", 3);
	memcpy(blob + 3, wlan_mac, sizeof(wlan_mac));
	memset(img->buf + DATA_START + OTHER_OFF, 0x77, 0x10);
	blob = img->buf + DATA_START + BT_OFF;
	memcpy(blob, "\xb1\xb2", 2);
	memcpy(blob + 2, bt_addr_stored, sizeof(bt_addr_stored));
}

static struct device *test_dev(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "qcom-dpp-test");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);

	return dev;
}

static int dpp_parse(struct kunit *test, struct dpp_img *img,
		     struct qcom_dpp_cells *cells)
{
	return qcom_dpp_parse(test_dev(test), img->size, dpp_read, img, cells);
}

static void dpp_good(struct kunit *test)
{
	struct qcom_dpp_cells cells;
	struct dpp_img img;

	img_init(test, &img);
	KUNIT_ASSERT_EQ(test, dpp_parse(test, &img, &cells), 0);
	KUNIT_EXPECT_TRUE(test, cells.found[QCOM_DPP_WLAN_MAC]);
	KUNIT_EXPECT_TRUE(test, cells.found[QCOM_DPP_BT_ADDR]);
	KUNIT_EXPECT_EQ(test, cells.offset[QCOM_DPP_WLAN_MAC],
			DATA_START + WLAN_OFF + 3);
	KUNIT_EXPECT_EQ(test, cells.offset[QCOM_DPP_BT_ADDR],
			DATA_START + BT_OFF + 2);
}

/* Both addresses read as a consumer sees them, through the post-processing. */
static void dpp_byte_order(struct kunit *test)
{
	struct qcom_dpp_cells cells;
	u8 addr[QCOM_DPP_ADDR_LEN];
	struct dpp_img img;

	img_init(test, &img);
	KUNIT_ASSERT_EQ(test, dpp_parse(test, &img, &cells), 0);

	memcpy(addr, img.buf + cells.offset[QCOM_DPP_WLAN_MAC], sizeof(addr));
	KUNIT_EXPECT_MEMEQ(test, addr, wlan_mac, sizeof(addr));

	memcpy(addr, img.buf + cells.offset[QCOM_DPP_BT_ADDR], sizeof(addr));
	KUNIT_EXPECT_MEMEQ(test, addr, bt_addr_stored, sizeof(addr));
	KUNIT_ASSERT_EQ(test, qcom_dpp_bd_addr_pp(NULL, "bt-bd-address", 0,
						  cells.offset[QCOM_DPP_BT_ADDR],
						  addr, sizeof(addr)), 0);
	KUNIT_EXPECT_MEMEQ(test, addr, bt_addr, sizeof(addr));

	/* Only whole addresses are reversed. */
	KUNIT_EXPECT_EQ(test, qcom_dpp_bd_addr_pp(NULL, "bt-bd-address", 0, 0,
						  addr, 5), -EINVAL);
	KUNIT_EXPECT_MEMEQ(test, addr, bt_addr, sizeof(addr));
}

struct dpp_case {
	const char *desc;
	void (*change)(struct dpp_img *img);
	int want;
	bool wlan;
	bool bt;
};

static void img_ok(struct dpp_img *img)
{
}

static void img_bad_magic(struct dpp_img *img)
{
	memcpy(img_hdr(img)->magic, "RWFZ", QCOM_DPP_MAGIC_LEN);
}

static void img_erased(struct dpp_img *img)
{
	memset(img->buf, 0xff, img->size);
}

static void img_bad_magic2(struct dpp_img *img)
{
	img_hdr2(img)->magic[0] = 0;
}

static void img_tiny(struct dpp_img *img)
{
	img->size = QCOM_DPP_HEADER_SIZE - 1;
}

static void img_hdr2_outside(struct dpp_img *img)
{
	img_hdr(img)->header2_offset = cpu_to_le32(IMG_SIZE -
						   QCOM_DPP_HEADER_SIZE + 1);
}

static void img_hdr2_far(struct dpp_img *img)
{
	img_hdr(img)->header2_offset = cpu_to_le32(U32_MAX);
}

static void img_hdr2_overlap(struct dpp_img *img)
{
	img_hdr(img)->header2_offset = cpu_to_le32(QCOM_DPP_HEADER_SIZE - 4);
}

static void img_hdr2_last(struct dpp_img *img)
{
	/* The second header ends exactly at the end of the partition. */
	memcpy(img->buf + IMG_SIZE - QCOM_DPP_HEADER_SIZE, img_hdr2(img),
	       QCOM_DPP_HEADER_SIZE);
	img_hdr(img)->header2_offset = cpu_to_le32(IMG_SIZE -
						   QCOM_DPP_HEADER_SIZE);
}

static void img_table_outside(struct dpp_img *img)
{
	img_hdr2(img)->table_offset = cpu_to_le32(IMG_SIZE -
						  QCOM_DPP_ENTRY_SIZE + 1);
	img_hdr2(img)->table_size = cpu_to_le32(QCOM_DPP_ENTRY_SIZE);
}

static void img_table_huge(struct dpp_img *img)
{
	img_hdr2(img)->table_size = cpu_to_le32(U32_MAX / QCOM_DPP_ENTRY_SIZE *
						QCOM_DPP_ENTRY_SIZE);
}

static void img_table_far(struct dpp_img *img)
{
	img_hdr2(img)->table_offset = cpu_to_le32(U32_MAX);
}

static void img_table_partial(struct dpp_img *img)
{
	img_hdr2(img)->table_size = cpu_to_le32(3 * QCOM_DPP_ENTRY_SIZE + 1);
}

static void img_table_empty(struct dpp_img *img)
{
	img_hdr2(img)->table_size = 0;
}

static void img_no_terminator(struct dpp_img *img)
{
	img_hdr2(img)->table_size = cpu_to_le32(3 * QCOM_DPP_ENTRY_SIZE);
}

static void img_terminator_last(struct dpp_img *img)
{
	img_hdr2(img)->table_size = cpu_to_le32(4 * QCOM_DPP_ENTRY_SIZE);
}

static void img_blob_outside(struct dpp_img *img)
{
	img_entry(img, 2)->offset = cpu_to_le32(IMG_SIZE - DATA_START - 0xff);
}

static void img_blob_far(struct dpp_img *img)
{
	img_entry(img, 0)->offset = cpu_to_le32(U32_MAX);
	img_hdr2(img)->data_start = cpu_to_le32(U32_MAX);
}

static void img_region_huge(struct dpp_img *img)
{
	img_entry(img, 0)->region_len = cpu_to_le32(U32_MAX);
}

static void img_data_len_large(struct dpp_img *img)
{
	img_entry(img, 2)->data_len = cpu_to_le32(0x101);
}

static void img_data_len_small(struct dpp_img *img)
{
	img_entry(img, 0)->data_len = cpu_to_le32(8);
}

static void img_bt_data_len_small(struct dpp_img *img)
{
	img_entry(img, 2)->data_len = cpu_to_le32(7);
}

static void img_no_bt(struct dpp_img *img)
{
	img_entry(img, 2)->name[0] = cpu_to_le16('X');
}

static void img_no_wlan(struct dpp_img *img)
{
	/* Ended by the terminator before the blob. */
	img_entry(img, 0)->present = 0;
}

static void img_names_near(struct dpp_img *img)
{
	/* Prefixes and extensions of the names do not count. */
	set_utf16(img_entry(img, 0)->name, "WLAN.PROVISION2");
	img_entry(img, 2)->name[11] = 0;
}

static void img_other_blob_bad(struct dpp_img *img)
{
	/* Blobs the layout does not use are not checked. */
	img_entry(img, 1)->offset = cpu_to_le32(U32_MAX);
	img_entry(img, 1)->data_len = cpu_to_le32(U32_MAX);
}

static void img_duplicate(struct dpp_img *img)
{
	img_set_entry(img, 3, "WLAN.PROVISION", "OEM", U32_MAX, U32_MAX, 0);
}

static void img_vendor_any(struct dpp_img *img)
{
	set_utf16(img_entry(img, 0)->vendor, "SOMEONE ELSE");
	memset(img_entry(img, 2)->vendor, 0xff,
	       sizeof(img_entry(img, 2)->vendor));
}

static void img_present_other(struct dpp_img *img)
{
	img_entry(img, 0)->present = cpu_to_le32(2);
}

static const struct dpp_case dpp_cases[] = {
	{ "good", img_ok, 0, true, true },
	{ "bad magic", img_bad_magic, -EINVAL },
	{ "erased flash", img_erased, -EINVAL },
	{ "bad magic in the second header", img_bad_magic2, -EINVAL },
	{ "partition smaller than a header", img_tiny, -EINVAL },
	{ "second header outside", img_hdr2_outside, -EINVAL },
	{ "second header at 4 GiB", img_hdr2_far, -EINVAL },
	{ "second header overlaps the first", img_hdr2_overlap, -EINVAL },
	{ "second header at the end", img_hdr2_last, 0, true, true },
	{ "table outside", img_table_outside, -EINVAL },
	{ "table size huge", img_table_huge, -EINVAL },
	{ "table at 4 GiB", img_table_far, -EINVAL },
	{ "table size not a multiple", img_table_partial, -EINVAL },
	{ "table empty", img_table_empty, -EINVAL },
	{ "no terminator", img_no_terminator, -EINVAL },
	{ "terminator is the last entry", img_terminator_last, 0, true, true },
	{ "blob outside", img_blob_outside, -EINVAL },
	{ "blob at 8 GiB", img_blob_far, -EINVAL },
	{ "region length huge", img_region_huge, -EINVAL },
	{ "data_len larger than the region", img_data_len_large, -EINVAL },
	{ "WLAN data_len too small", img_data_len_small, -EINVAL },
	{ "BT data_len too small", img_bt_data_len_small, -EINVAL },
	{ "no BT blob", img_no_bt, 0, true, false },
	{ "no blob at all", img_no_wlan, 0, false, false },
	{ "names that nearly match", img_names_near, 0, false, false },
	{ "bad unused blob", img_other_blob_bad, 0, true, true },
	{ "duplicate blob", img_duplicate, 0, true, true },
	{ "any vendor", img_vendor_any, 0, true, true },
	{ "present is not 1", img_present_other, 0, true, true },
};

static void dpp_case_desc(const struct dpp_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dpp, dpp_cases, dpp_case_desc);

static void dpp_container(struct kunit *test)
{
	const struct dpp_case *c = test->param_value;
	struct qcom_dpp_cells cells;
	struct dpp_img img;

	img_init(test, &img);
	c->change(&img);
	KUNIT_EXPECT_EQ(test, dpp_parse(test, &img, &cells), c->want);
	KUNIT_EXPECT_EQ(test, cells.found[QCOM_DPP_WLAN_MAC], c->wlan);
	KUNIT_EXPECT_EQ(test, cells.found[QCOM_DPP_BT_ADDR], c->bt);
	if (c->wlan)
		KUNIT_EXPECT_EQ(test, cells.offset[QCOM_DPP_WLAN_MAC],
				DATA_START + WLAN_OFF + 3);
	if (c->bt)
		KUNIT_EXPECT_EQ(test, cells.offset[QCOM_DPP_BT_ADDR],
				DATA_START + BT_OFF + 2);
}

/* Entry and header sizes as the facts give them. */
static void dpp_layout_sizes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct qcom_dpp_entry), 244);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_entry, vendor), 98);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_entry, region_len), 196);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_entry, offset), 208);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_header, header2_offset),
			8);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_header, data_start), 24);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_header, full_length),
			32);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_header2, table_offset),
			8);
	KUNIT_EXPECT_EQ(test, offsetof(struct qcom_dpp_header2, data_start),
			20);
}

static struct kunit_case qcom_dpp_test_cases[] = {
	KUNIT_CASE(dpp_good),
	KUNIT_CASE(dpp_byte_order),
	KUNIT_CASE_PARAM(dpp_container, dpp_gen_params),
	KUNIT_CASE(dpp_layout_sizes),
	{}
};

static struct kunit_suite qcom_dpp_test_suite = {
	.name = "nvmem-qcom-dpp",
	.test_cases = qcom_dpp_test_cases,
};

kunit_test_suite(qcom_dpp_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the Qualcomm DPP NVMEM layout");
