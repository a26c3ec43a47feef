// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the MTD GPT partition parser: tables are built in memory
 * with real CRC32s and read through a fake MTD device.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/mtd/mtd.h>
#include <linux/mtd/partitions.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "gptpart.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define IMG_SIZE	SZ_1M
#define IMG_ENTRIES	128

/* A disk image with a protective MBR and both GPT headers and arrays. */
struct gpt_img {
	u8 *buf;
	size_t size;
	u32 lba;
	u64 num_lbas;
	u64 array_lbas;
};

struct gpt_dev {
	struct mtd_info mtd;
	const struct gpt_img *img;
	struct kunit *test;
};

struct gpt_result {
	const struct mtd_partition *parts;
	int n;
};

static struct gptpart_header *img_hdr(const struct gpt_img *img, u64 lba)
{
	return (struct gptpart_header *)(img->buf + lba * img->lba);
}

static u64 img_backup_lba(const struct gpt_img *img)
{
	return img->num_lbas - 1;
}

static void img_write_header(struct gpt_img *img, u64 my, u64 alt,
			     u64 entries, u32 num_entries)
{
	struct gptpart_header *h = img_hdr(img, my);

	memcpy(h->signature, GPTPART_SIGNATURE, sizeof(h->signature));
	h->revision = cpu_to_le32(GPTPART_REVISION_1_0);
	h->header_size = cpu_to_le32(GPTPART_HEADER_SIZE);
	h->my_lba = cpu_to_le64(my);
	h->alternate_lba = cpu_to_le64(alt);
	h->first_usable_lba = cpu_to_le64(2 + img->array_lbas);
	h->last_usable_lba = cpu_to_le64(img->num_lbas - 2 - img->array_lbas);
	memset(h->disk_guid, 0x5a, sizeof(h->disk_guid));
	h->entries_lba = cpu_to_le64(entries);
	h->num_entries = cpu_to_le32(num_entries);
	h->entry_size = cpu_to_le32(GPTPART_ENTRY_MIN_SIZE);
}

/* Recomputes the header's own CRC. */
static void img_seal_header(struct gpt_img *img, u64 lba)
{
	struct gptpart_header *h = img_hdr(img, lba);
	u32 size = le32_to_cpu(h->header_size);

	h->header_crc32 = 0;
	h->header_crc32 = cpu_to_le32(gptpart_crc32(h, size));
}

/* Recomputes the array CRC and then the header CRC of one header. */
static void img_seal_one(struct gpt_img *img, u64 lba)
{
	struct gptpart_header *h = img_hdr(img, lba);
	size_t len = (size_t)le32_to_cpu(h->num_entries) *
		     le32_to_cpu(h->entry_size);
	u8 *array = img->buf + le64_to_cpu(h->entries_lba) * img->lba;

	h->entries_crc32 = cpu_to_le32(gptpart_crc32(array, len));
	img_seal_header(img, lba);
}

static void img_seal(struct gpt_img *img)
{
	img_seal_one(img, 1);
	img_seal_one(img, img_backup_lba(img));
}

static void img_init_entries(struct kunit *test, struct gpt_img *img,
			     size_t size, u32 lba, u32 num_entries)
{
	img->buf = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img->buf);
	img->size = size;
	img->lba = lba;
	img->num_lbas = size / lba;
	img->array_lbas = DIV_ROUND_UP(num_entries * GPTPART_ENTRY_MIN_SIZE,
				       lba);

	/* Protective MBR: one partition of type 0xee, boot signature. */
	img->buf[446 + 4] = 0xee;
	img->buf[510] = 0x55;
	img->buf[511] = 0xaa;

	img_write_header(img, 1, img_backup_lba(img), 2, num_entries);
	img_write_header(img, img_backup_lba(img), 1,
			 img_backup_lba(img) - img->array_lbas, num_entries);
	img_seal(img);
}

static void img_init(struct kunit *test, struct gpt_img *img, size_t size,
		     u32 lba)
{
	img_init_entries(test, img, size, lba, IMG_ENTRIES);
}

static struct gptpart_entry *img_entry(const struct gpt_img *img, u64 hdr_lba,
				       u32 i)
{
	const struct gptpart_header *h = img_hdr(img, hdr_lba);

	return (struct gptpart_entry *)(img->buf +
		le64_to_cpu(h->entries_lba) * img->lba +
		(size_t)i * le32_to_cpu(h->entry_size));
}

/* Writes entry @i of both arrays; @name is ASCII. Call img_seal() after. */
static void img_set_entry(struct gpt_img *img, u32 i, u64 first, u64 last,
			  u64 attrs, const char *name)
{
	u64 hdrs[] = { 1, img_backup_lba(img) };
	int h, c;

	for (h = 0; h < ARRAY_SIZE(hdrs); h++) {
		struct gptpart_entry *e = img_entry(img, hdrs[h], i);

		memset(e, 0, sizeof(*e));
		memset(e->type_guid, 0xa2, sizeof(e->type_guid));
		memset(e->unique_guid, i + 1, sizeof(e->unique_guid));
		e->first_lba = cpu_to_le64(first);
		e->last_lba = cpu_to_le64(last);
		e->attributes = cpu_to_le64(attrs);
		for (c = 0; name[c] && c < GPTPART_NAME_UNITS; c++)
			e->name[c] = cpu_to_le16(name[c]);
	}
}

static int gpt_dev_read(struct mtd_info *mtd, loff_t from, size_t len,
			size_t *retlen, u_char *buf)
{
	struct gpt_dev *dev = container_of(mtd, struct gpt_dev, mtd);

	/* mtd_read() already refuses reads past mtd->size. */
	if (from < 0 || from + len > dev->mtd.size) {
		KUNIT_FAIL(dev->test, "read of %zu bytes at %lld, past the end",
			   len, from);
		return -EINVAL;
	}

	memcpy(buf, dev->img->buf + from, len);
	*retlen = len;

	return 0;
}

static struct mtd_info *gpt_dev(struct kunit *test, const struct gpt_img *img,
				u64 size)
{
	struct gpt_dev *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_LE(test, size, img->size);
	dev->img = img;
	dev->test = test;
	dev->mtd.name = "gpt-test";
	dev->mtd.type = MTD_NORFLASH;
	dev->mtd.flags = MTD_CAP_NORFLASH;
	dev->mtd.size = size;
	dev->mtd.erasesize = SZ_4K;
	dev->mtd.writesize = 1;
	dev->mtd._read = gpt_dev_read;

	return &dev->mtd;
}

static void gpt_result_free(void *data)
{
	struct gpt_result *r = data;

	if (r->n > 0)
		gptpart_cleanup(r->parts, r->n);
}

/* Runs the parser; the partitions are freed when the test ends. */
static int gpt_run(struct kunit *test, struct mtd_info *mtd,
		   const struct mtd_partition **parts)
{
	struct gpt_result *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->n = gptpart_parse(mtd, &r->parts, NULL);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, gpt_result_free, r));
	*parts = r->parts;

	return r->n;
}

static int gpt_run_img(struct kunit *test, const struct gpt_img *img,
		       const struct mtd_partition **parts)
{
	return gpt_run(test, gpt_dev(test, img, img->size), parts);
}

static void expect_part(struct kunit *test, const struct mtd_partition *p,
			const char *name, u64 offset, u64 size, u32 mask)
{
	KUNIT_EXPECT_STREQ(test, p->name, name);
	KUNIT_EXPECT_EQ(test, p->offset, offset);
	KUNIT_EXPECT_EQ(test, p->size, size);
	KUNIT_EXPECT_EQ(test, p->mask_flags, mask);
}

/*
 * The reference table: a read-only entry, an unused entry, an unnamed entry
 * and one that ends at the last usable LBA.
 */
static void img_fill(struct gpt_img *img)
{
	u64 first = 2 + img->array_lbas;
	u64 last = img->num_lbas - 2 - img->array_lbas;

	img_set_entry(img, 0, first, first + 7, 0, "hyp");
	img_set_entry(img, 1, first + 8, first + 8, GPTPART_ATTR_READ_ONLY,
		      "DPP");
	img_set_entry(img, 3, first + 9, first + 15, 0, "");
	img_set_entry(img, 7, first + 16, last, BIT_ULL(0), "uefi");
	img_seal(img);
}

static void expect_fill(struct kunit *test, const struct gpt_img *img,
			const struct mtd_partition *parts, int n)
{
	u64 lba = img->lba, first = 2 + img->array_lbas;
	u64 last = img->num_lbas - 2 - img->array_lbas;

	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_ASSERT_NOT_NULL(test, parts);
	expect_part(test, &parts[0], "hyp", first * lba, 8 * lba, 0);
	expect_part(test, &parts[1], "DPP", (first + 8) * lba, lba,
		    MTD_WRITEABLE);
	expect_part(test, &parts[2], "gpt4", (first + 9) * lba, 7 * lba, 0);
	expect_part(test, &parts[3], "uefi", (first + 16) * lba,
		    (last - first - 15) * lba, 0);
}

static void gpt_good(struct kunit *test)
{
	const u32 *lba = test->param_value;
	const struct mtd_partition *parts;
	struct gpt_img img;
	int n;

	img_init(test, &img, IMG_SIZE, *lba);
	img_fill(&img);
	n = gpt_run_img(test, &img, &parts);
	expect_fill(test, &img, parts, n);
}

static const u32 gpt_lba_sizes[] = { 512, 4096 };

static void gpt_lba_desc(const u32 *lba, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u-byte LBAs", *lba);
}

KUNIT_ARRAY_PARAM(gpt_lba, gpt_lba_sizes, gpt_lba_desc);

/* Devices shorter than three LBAs are not probed. */
static void gpt_tiny_device(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	KUNIT_EXPECT_EQ(test, gpt_run(test, gpt_dev(test, &img, 1024), &parts),
			0);
	KUNIT_EXPECT_EQ(test, gpt_run(test, gpt_dev(test, &img, 0), &parts),
			0);
}

/* The primary's CRC is bad: its alternate LBA is ignored, the last is used. */
static void gpt_bad_header_crc(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	img_hdr(&img, 1)->alternate_lba = cpu_to_le64(5);
	n = gpt_run_img(test, &img, &parts);
	expect_fill(test, &img, parts, n);
}

/*
 * The primary's array CRC is bad: the backup is read at the primary's
 * alternate LBA, here not the device's last LBA.
 */
static void gpt_bad_array_crc(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img, dev_img;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	img_entry(&img, 1, 0)->name[0] = cpu_to_le16('H');

	/* The device is 8 KiB larger than the disk the GPT was made for. */
	dev_img = img;
	dev_img.size = IMG_SIZE + SZ_8K;
	dev_img.buf = kunit_kzalloc(test, dev_img.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dev_img.buf);
	memcpy(dev_img.buf, img.buf, img.size);

	n = gpt_run_img(test, &dev_img, &parts);
	expect_fill(test, &img, parts, n);
}

/* Only the backup is left; for both LBA sizes. */
static void gpt_backup_only(struct kunit *test)
{
	const u32 *lba = test->param_value;
	const struct mtd_partition *parts;
	struct gpt_img img;
	int n;

	img_init(test, &img, IMG_SIZE, *lba);
	img_fill(&img);
	memset(img_hdr(&img, 1), 0, img.lba);
	n = gpt_run_img(test, &img, &parts);
	expect_fill(test, &img, parts, n);
}

static void gpt_both_bad(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	img_hdr(&img, 1)->disk_guid[0] ^= 1;
	img_entry(&img, img_backup_lba(&img), 0)->first_lba ^= cpu_to_le64(1);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);

	/* Backup only, and bad. */
	memset(img_hdr(&img, 1), 0, img.lba);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);
}

static void gpt_none(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;

	img_init(test, &img, IMG_SIZE, 512);
	memset(img.buf, 0xff, img.size);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);
}

/* All entries unused: a valid table without partitions. */
static void gpt_empty(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;

	img_init(test, &img, IMG_SIZE, 4096);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);
}

static void gpt_entry_past_device(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	u64 first = 2 + 4;
	int n;

	img_init(test, &img, IMG_SIZE, 4096);
	img_set_entry(&img, 0, first, first, 0, "a");
	img_set_entry(&img, 1, first + 1, img.num_lbas, 0, "past");
	img_set_entry(&img, 2, img.num_lbas + 10, img.num_lbas + 20, 0,
		      "far");
	img_set_entry(&img, 3, first + 1, U64_MAX, 0, "huge");
	img_set_entry(&img, 4, first + 2, first + 2, 0, "b");
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 2);
	expect_part(test, &parts[0], "a", first * SZ_4K, SZ_4K, 0);
	expect_part(test, &parts[1], "b", (first + 2) * SZ_4K, SZ_4K, 0);
}

/* Entries reaching into the GPT's own structures are refused. */
static void gpt_entry_over_gpt(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	u64 first, last;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	first = 2 + img.array_lbas;
	last = img.num_lbas - 2 - img.array_lbas;
	img_set_entry(&img, 0, 0, 0, 0, "mbr");
	img_set_entry(&img, 1, 1, first, 0, "header");
	img_set_entry(&img, 2, first - 1, first + 1, 0, "array");
	img_set_entry(&img, 3, last, last + 1, 0, "backup");
	img_set_entry(&img, 4, img_backup_lba(&img), img_backup_lba(&img), 0,
		      "backup-header");
	img_set_entry(&img, 5, first, last, 0, "all");
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 1);
	expect_part(test, &parts[0], "all", first * 512,
		    (last - first + 1) * 512, 0);
}

static void gpt_entry_overlap(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	u64 first = 2 + 32;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	img_set_entry(&img, 0, first + 10, first + 19, 0, "a");
	img_set_entry(&img, 1, first + 19, first + 30, 0, "tail");
	img_set_entry(&img, 2, first, first + 10, 0, "head");
	img_set_entry(&img, 3, first + 12, first + 13, 0, "inside");
	img_set_entry(&img, 4, first, first + 40, 0, "around");
	img_set_entry(&img, 5, first + 10, first + 19, 0, "same");
	img_set_entry(&img, 6, first + 20, first + 29, 0, "b");
	img_set_entry(&img, 7, first, first + 9, 0, "c");
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 3);
	expect_part(test, &parts[0], "a", (first + 10) * 512, 10 * 512, 0);
	expect_part(test, &parts[1], "b", (first + 20) * 512, 10 * 512, 0);
	expect_part(test, &parts[2], "c", first * 512, 10 * 512, 0);
}

static void gpt_entry_last_before_first(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	u64 first = 2 + 32;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	img_set_entry(&img, 0, first + 5, first + 4, 0, "backwards");
	img_set_entry(&img, 1, first + 5, first + 5, 0, "one");
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 1);
	expect_part(test, &parts[0], "one", (first + 5) * 512, 512, 0);

	/* Nothing left: no partitions. */
	img_set_entry(&img, 1, first + 5, first, 0, "one");
	img_seal(&img);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);
}

struct name_case {
	const char *desc;
	u16 units[GPTPART_NAME_UNITS];
	const char *want;
};

static const struct name_case name_cases[] = {
	{ "ASCII", { 'b', 'o', 'o', 't' }, "boot" },
	{ "empty", { 0 }, "" },
	{ "Latin-1", { 'c', 0xe9, 0xfc }, "c\xc3\xa9\xc3\xbc" },
	{ "CJK", { 0x65e5, 0x672c }, "\xe6\x97\xa5\xe6\x9c\xac" },
	{ "surrogate pair", { 'x', 0xd83d, 0xde00, 'y' },
	  "x\xf0\x9f\x98\x80y" },
	{ "unpaired high surrogate", { 0xd83d, 'A' }, "\xef\xbf\xbd\x41" },
	{ "high surrogate at the end", { 'A', 0xd83d }, "A\xef\xbf\xbd" },
	{ "unpaired low surrogate", { 'A', 0xde00, 'B' },
	  "A\xef\xbf\xbd\x42" },
	{ "two high surrogates", { 0xd83d, 0xd83d, 0xde00 },
	  "\xef\xbf\xbd\xf0\x9f\x98\x80" },
	{ "control characters", { 'a', '\n', 0x1b, 0x7f, 0x85, 'b' },
	  "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\x62" },
	{ "stops at NUL", { 'a', 'b', 0, 'c' }, "ab" },
	{ "36 units without NUL",
	  { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l',
	    'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x',
	    'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' },
	  "abcdefghijklmnopqrstuvwxyz0123456789" },
};

static void name_desc(const struct name_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(name, name_cases, name_desc);

static void gpt_name(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	__le16 name[GPTPART_NAME_UNITS];
	char buf[GPTPART_NAME_MAX];
	int i;

	for (i = 0; i < GPTPART_NAME_UNITS; i++)
		name[i] = cpu_to_le16(c->units[i]);
	memset(buf, 0x55, sizeof(buf));
	gptpart_name_to_utf8(name, buf);
	KUNIT_EXPECT_STREQ(test, buf, c->want);
}

/* The longest name: 36 three-byte characters fill the buffer exactly. */
static void gpt_name_longest(struct kunit *test)
{
	__le16 name[GPTPART_NAME_UNITS];
	char buf[GPTPART_NAME_MAX];
	int i;

	for (i = 0; i < GPTPART_NAME_UNITS; i++)
		name[i] = cpu_to_le16(0x65e5);
	gptpart_name_to_utf8(name, buf);
	KUNIT_EXPECT_EQ(test, strlen(buf), GPTPART_NAME_MAX - 1);
	for (i = 0; i < GPTPART_NAME_UNITS; i++)
		KUNIT_EXPECT_MEMEQ(test, buf + 3 * i, "\xe6\x97\xa5", 3);

	/* Surrogate pairs take 4 bytes for 2 units. */
	for (i = 0; i < GPTPART_NAME_UNITS; i += 2) {
		name[i] = cpu_to_le16(0xd83d);
		name[i + 1] = cpu_to_le16(0xde00);
	}
	gptpart_name_to_utf8(name, buf);
	KUNIT_EXPECT_EQ(test, strlen(buf), GPTPART_NAME_UNITS * 2);
}

/* Odd names survive the whole parser; an empty name becomes "gpt<N>". */
static void gpt_names_in_table(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	struct gptpart_entry *e;
	u64 first = 2 + 32;
	int n, i;

	img_init(test, &img, IMG_SIZE, 512);
	img_set_entry(&img, 0, first, first, 0, "");
	img_set_entry(&img, 41, first + 1, first + 1, 0, "");
	img_set_entry(&img, 42, first + 2, first + 2, 0, "");
	e = img_entry(&img, 1, 41);
	e->name[0] = cpu_to_le16(0xdc00);
	e = img_entry(&img, 1, 42);
	for (i = 0; i < GPTPART_NAME_UNITS; i++)
		e->name[i] = cpu_to_le16('A' + i % 26);
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_STREQ(test, parts[0].name, "gpt1");
	KUNIT_EXPECT_STREQ(test, parts[1].name, "\xef\xbf\xbd");
	KUNIT_EXPECT_STREQ(test, parts[2].name,
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ");
}

/* 1024 entries are accepted, 1025 are refused. */
static void gpt_too_many_entries(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	u64 first;
	int n;

	img_init_entries(test, &img, IMG_SIZE, 512, GPTPART_MAX_ENTRIES);
	first = 2 + img.array_lbas;
	img_set_entry(&img, GPTPART_MAX_ENTRIES - 1, first, first, 0, "last");
	img_seal(&img);
	n = gpt_run_img(test, &img, &parts);
	KUNIT_ASSERT_EQ(test, n, 1);
	expect_part(test, &parts[0], "last", first * 512, 512, 0);

	img_hdr(&img, 1)->num_entries = cpu_to_le32(GPTPART_MAX_ENTRIES + 1);
	img_hdr(&img, img_backup_lba(&img))->num_entries =
		cpu_to_le32(GPTPART_MAX_ENTRIES + 1);
	img_seal(&img);
	KUNIT_EXPECT_EQ(test, gpt_run_img(test, &img, &parts), 0);
}

/* A table made for a larger disk than the device is refused. */
static void gpt_device_smaller(struct kunit *test)
{
	const struct mtd_partition *parts;
	struct gpt_img img;
	int n;

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	KUNIT_EXPECT_EQ(test,
			gpt_run(test, gpt_dev(test, &img, IMG_SIZE / 2), &parts),
			0);
	/* Even the primary's entry array does not fit. */
	KUNIT_EXPECT_EQ(test, gpt_run(test, gpt_dev(test, &img, SZ_8K), &parts),
			0);
	/* The usable LBAs end one LBA past the end of the device. */
	KUNIT_EXPECT_EQ(test,
			gpt_run(test, gpt_dev(test, &img, IMG_SIZE - 34 * 512),
				&parts),
			0);
	/*
	 * Only the backup is cut off: the primary describes nothing past the
	 * end of the device, so it is used as it is.
	 */
	n = gpt_run(test, gpt_dev(test, &img, IMG_SIZE - 512), &parts);
	expect_fill(test, &img, parts, n);
}

struct header_case {
	const char *desc;
	void (*change)(struct gptpart_header *h);
	int want;
};

static void hdr_ok(struct gptpart_header *h)
{
}

static void hdr_signature(struct gptpart_header *h)
{
	h->signature[7] = 'X';
}

static void hdr_revision(struct gptpart_header *h)
{
	h->revision = cpu_to_le32(0x00020000);
}

static void hdr_revision_minor(struct gptpart_header *h)
{
	h->revision = cpu_to_le32(0x00010001);
}

static void hdr_size_small(struct gptpart_header *h)
{
	h->header_size = cpu_to_le32(GPTPART_HEADER_SIZE - 1);
}

static void hdr_size_lba(struct gptpart_header *h)
{
	h->header_size = cpu_to_le32(512);
}

static void hdr_size_large(struct gptpart_header *h)
{
	h->header_size = cpu_to_le32(513);
}

static void hdr_my_lba(struct gptpart_header *h)
{
	h->my_lba = cpu_to_le64(2);
}

static void hdr_entry_size_small(struct gptpart_header *h)
{
	h->entry_size = cpu_to_le32(64);
}

static void hdr_entry_size_odd(struct gptpart_header *h)
{
	h->entry_size = cpu_to_le32(136);
}

static void hdr_entry_size_large(struct gptpart_header *h)
{
	h->entry_size = cpu_to_le32(2048);
}

static void hdr_entry_size_256(struct gptpart_header *h)
{
	h->entry_size = cpu_to_le32(256);
	h->num_entries = cpu_to_le32(64);
}

static void hdr_no_entries(struct gptpart_header *h)
{
	h->num_entries = 0;
}

static void hdr_usable_reversed(struct gptpart_header *h)
{
	h->first_usable_lba = cpu_to_le64(100);
	h->last_usable_lba = cpu_to_le64(99);
}

static void hdr_usable_past_end(struct gptpart_header *h)
{
	h->last_usable_lba = cpu_to_le64(IMG_SIZE / 512);
}

static void hdr_usable_over_header(struct gptpart_header *h)
{
	h->first_usable_lba = cpu_to_le64(1);
}

static void hdr_array_over_usable(struct gptpart_header *h)
{
	h->entries_lba = cpu_to_le64(3);
}

static void hdr_array_over_header(struct gptpart_header *h)
{
	h->entries_lba = cpu_to_le64(1);
}

static void hdr_array_past_end(struct gptpart_header *h)
{
	h->entries_lba = cpu_to_le64(IMG_SIZE / 512 - 1);
}

static void hdr_array_huge_lba(struct gptpart_header *h)
{
	h->entries_lba = cpu_to_le64(U64_MAX - 1);
}

static const struct header_case header_cases[] = {
	{ "good", hdr_ok, 0 },
	{ "no signature", hdr_signature, -ENOENT },
	{ "revision 2.0", hdr_revision, -EINVAL },
	{ "revision 1.1", hdr_revision_minor, 0 },
	{ "header size 91", hdr_size_small, -EINVAL },
	{ "header size of one LBA", hdr_size_lba, 0 },
	{ "header size over one LBA", hdr_size_large, -EINVAL },
	{ "wrong my_lba", hdr_my_lba, -EINVAL },
	{ "entry size 64", hdr_entry_size_small, -EINVAL },
	{ "entry size 136", hdr_entry_size_odd, -EINVAL },
	{ "entry size 2048", hdr_entry_size_large, -EINVAL },
	{ "entry size 256", hdr_entry_size_256, 0 },
	{ "no entries", hdr_no_entries, -EINVAL },
	{ "usable LBAs reversed", hdr_usable_reversed, -EINVAL },
	{ "usable LBAs past the end", hdr_usable_past_end, -EINVAL },
	{ "usable LBAs over the header", hdr_usable_over_header, -EINVAL },
	{ "array over the usable LBAs", hdr_array_over_usable, -EINVAL },
	{ "array over the header", hdr_array_over_header, -EINVAL },
	{ "array past the end", hdr_array_past_end, -EINVAL },
	{ "array at a huge LBA", hdr_array_huge_lba, -EINVAL },
};

static void header_desc(const struct header_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(header, header_cases, header_desc);

static void gpt_header(struct kunit *test)
{
	const struct header_case *c = test->param_value;
	struct gptpart_header *h;
	struct gptpart_table t;
	const char *why = NULL;
	struct gpt_img img;
	int ret;

	img_init(test, &img, IMG_SIZE, 512);
	h = img_hdr(&img, 1);
	c->change(h);
	img_seal_header(&img, 1);
	ret = gptpart_check_header(h, 512, 1, img.num_lbas, &t, &why);
	KUNIT_EXPECT_EQ(test, ret, c->want);
	if (ret) {
		KUNIT_EXPECT_NOT_NULL(test, why);
		kunit_info(test, "refused: %s\n", why);
		return;
	}
	KUNIT_EXPECT_EQ(test, t.lba_size, 512);
	KUNIT_EXPECT_EQ(test, t.my_lba, 1);
	KUNIT_EXPECT_EQ(test, t.alternate_lba, img.num_lbas - 1);
	KUNIT_EXPECT_EQ(test, t.entries_lba, 2);
	KUNIT_EXPECT_EQ(test, t.entries_lbas, 32);
}

/* A header with a bad CRC is refused and gives no alternate LBA. */
static void gpt_header_crc(struct kunit *test)
{
	struct gptpart_table t;
	const char *why = NULL;
	struct gpt_img img;

	img_init(test, &img, IMG_SIZE, 512);
	img_hdr(&img, 1)->header_crc32 ^= cpu_to_le32(1);
	KUNIT_EXPECT_EQ(test, gptpart_check_header(img_hdr(&img, 1), 512, 1,
						   img.num_lbas, &t, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, t.alternate_lba, 0);

	/* The backup header checks out at its own LBA only. */
	KUNIT_EXPECT_EQ(test,
			gptpart_check_header(img_hdr(&img, img.num_lbas - 1),
					     512, img.num_lbas - 1,
					     img.num_lbas, &t, &why), 0);
	KUNIT_EXPECT_EQ(test,
			gptpart_check_header(img_hdr(&img, img.num_lbas - 1),
					     512, 1, img.num_lbas, &t, &why),
			-EINVAL);
}

/*
 * Known answers of an independent CRC-32 (Python's zlib.crc32()), so that
 * a bug in gptpart_crc32() cannot pass by sealing the very tables it then
 * checks: the standard check value of "123456789", a 128-entry array of
 * unused entries, and the array and header CRCs of the reference image
 * (img_init() and img_fill() on 1 MiB of 512-byte LBAs), computed over
 * the same bytes laid out by a script of their own.
 */
static void gpt_crc_known_answers(struct kunit *test)
{
	static const u8 zero_array[IMG_ENTRIES * GPTPART_ENTRY_MIN_SIZE];
	struct gptpart_header *h;
	struct gpt_img img;

	KUNIT_EXPECT_EQ(test, gptpart_crc32("123456789", 9), 0xcbf43926);
	KUNIT_EXPECT_EQ(test, gptpart_crc32(zero_array, sizeof(zero_array)),
			0xab54d286);

	img_init(test, &img, IMG_SIZE, 512);
	img_fill(&img);
	h = img_hdr(&img, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->entries_crc32), 0xa0d03eb1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->header_crc32), 0x8f7ef860);
	h = img_hdr(&img, img_backup_lba(&img));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->entries_crc32), 0xa0d03eb1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->header_crc32), 0x3c0cd66b);
}

static struct kunit_case gptpart_test_cases[] = {
	KUNIT_CASE(gpt_crc_known_answers),
	KUNIT_CASE_PARAM(gpt_good, gpt_lba_gen_params),
	KUNIT_CASE(gpt_tiny_device),
	KUNIT_CASE(gpt_bad_header_crc),
	KUNIT_CASE(gpt_bad_array_crc),
	KUNIT_CASE_PARAM(gpt_backup_only, gpt_lba_gen_params),
	KUNIT_CASE(gpt_both_bad),
	KUNIT_CASE(gpt_none),
	KUNIT_CASE(gpt_empty),
	KUNIT_CASE(gpt_entry_past_device),
	KUNIT_CASE(gpt_entry_over_gpt),
	KUNIT_CASE(gpt_entry_overlap),
	KUNIT_CASE(gpt_entry_last_before_first),
	KUNIT_CASE_PARAM(gpt_name, name_gen_params),
	KUNIT_CASE(gpt_name_longest),
	KUNIT_CASE(gpt_names_in_table),
	KUNIT_CASE(gpt_too_many_entries),
	KUNIT_CASE(gpt_device_smaller),
	KUNIT_CASE_PARAM(gpt_header, header_gen_params),
	KUNIT_CASE(gpt_header_crc),
	{}
};

static struct kunit_suite gptpart_test_suite = {
	.name = "mtd-gptpart",
	.test_cases = gptpart_test_cases,
};

kunit_test_suite(gptpart_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the MTD GPT partition parser");
