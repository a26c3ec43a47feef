// SPDX-License-Identifier: GPL-2.0-only
/*
 * MTD partition parser for GUID Partition Tables (GPT)
 *
 * Some boot flashes, such as the SPI-NOR of Qualcomm boards, carry a GPT as
 * the UEFI specification defines it instead of a flash-specific table. This
 * parser registers the used entries of that table as MTD partitions.
 *
 * Finding the table: the primary header is looked for at LBA 1 with 512-byte
 * and then 4096-byte logical blocks (only sizes for which the device holds at
 * least three blocks). A header with the "EFI PART" signature fixes the LBA
 * size. If that header or its entry array is refused, the backup header is
 * read: at the primary's alternate LBA when the primary's own CRC was good
 * and that LBA is on the device, else at the last LBA. If no LBA size has a
 * primary signature, a backup header alone at the last LBA is accepted. When
 * no table is usable the parser finds no partitions, and the device stays
 * usable as a whole.
 *
 * A header is accepted when:
 *  - its revision is 1.x and its size is between 92 bytes and one LBA;
 *  - its CRC32, computed with the CRC field zeroed, matches;
 *  - its my_lba is the LBA it was read from;
 *  - the usable LBAs are on the device and exclude LBAs 0 and 1 and the
 *    header itself;
 *  - an entry is a power of two from 128 to 1024 bytes (UEFI asks for
 *    128 * 2^n; the upper bound keeps the array at most 1 MiB);
 *  - there are 1 to 1024 entries;
 *  - the entry array is on the device, after LBA 1, and overlaps neither the
 *    header nor the usable LBAs; its CRC32 matches.
 *
 * Entries: an all-zero type GUID marks an unused entry. A used entry is
 * skipped, with a warning, if its last LBA comes before its first, if it
 * goes past the end of the device, if it leaves the usable LBAs (where the
 * GPT's own structures are) or if it overlaps an entry accepted before it.
 * Names are converted from UTF-16LE to UTF-8; unpaired surrogates and
 * control characters become U+FFFD. An entry without a name is called
 * "gpt<N>", N being its 1-based index in the array, as in the partition
 * numbers of block devices. Attribute bit 60 (read-only, as the UEFI and
 * Microsoft basic data partition attributes define it) makes the partition
 * read-only, whatever its type GUID.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/crc32.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/mtd/mtd.h>
#include <linux/mtd/partitions.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "gptpart.h"

#define GPTPART_REPLACEMENT_CHAR	0xfffd

static const u32 gptpart_lba_sizes[] = { 512, SZ_4K };

/**
 * gptpart_crc32() - CRC32 as GPT uses it
 * @buf: data
 * @len: length of @buf in bytes
 *
 * Return: the CRC32 (IEEE 802.3, reflected, inverted in and out) of @buf.
 */
VISIBLE_IF_KUNIT u32 gptpart_crc32(const void *buf, size_t len)
{
	return crc32_le(~0, buf, len) ^ ~0;
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_crc32);

/* CRC32 of the first @size bytes of a header, its CRC field taken as zero. */
static u32 gptpart_header_crc32(const u8 *buf, u32 size)
{
	static const u8 zero[sizeof_field(struct gptpart_header, header_crc32)];
	size_t field = offsetof(struct gptpart_header, header_crc32);
	u32 crc;

	crc = crc32_le(~0, buf, field);
	crc = crc32_le(crc, zero, sizeof(zero));
	crc = crc32_le(crc, buf + field + sizeof(zero),
		       size - field - sizeof(zero));

	return crc ^ ~0;
}

static int gptpart_refuse(const char **why, const char *reason)
{
	*why = reason;

	return -EINVAL;
}

/**
 * gptpart_check_header() - check a GPT header
 * @buf: the LBA that holds the header, @lba_size bytes
 * @lba_size: logical block size in bytes
 * @lba: LBA @buf was read from
 * @num_lbas: number of whole LBAs on the device
 * @t: filled in with the header's values if it is accepted
 * @why: set to the reason if the header is refused
 *
 * Checks everything in the header but the CRC of the entry array, see
 * gptpart_check_entries(). @t->alternate_lba is set as soon as the header's
 * CRC is known to be good, even if a later check fails, so that the caller
 * can look for the backup header there; it is 0 otherwise.
 *
 * Return: 0 if the header is accepted, -ENOENT if @buf has no GPT signature,
 * -EINVAL if the header is refused.
 */
VISIBLE_IF_KUNIT int gptpart_check_header(const void *buf, u32 lba_size,
					  u64 lba, u64 num_lbas,
					  struct gptpart_table *t,
					  const char **why)
{
	const struct gptpart_header *h = buf;
	u64 first, last, start, end;
	u32 size, entry_size, num;

	memset(t, 0, sizeof(*t));

	if (memcmp(h->signature, GPTPART_SIGNATURE, sizeof(h->signature))) {
		*why = "no GPT signature";
		return -ENOENT;
	}

	if (le32_to_cpu(h->revision) >> 16 != GPTPART_REVISION_1_0 >> 16)
		return gptpart_refuse(why, "unsupported revision");

	size = le32_to_cpu(h->header_size);
	if (size < GPTPART_HEADER_SIZE || size > lba_size)
		return gptpart_refuse(why, "bad header size");

	if (gptpart_header_crc32(buf, size) != le32_to_cpu(h->header_crc32))
		return gptpart_refuse(why, "bad header CRC");

	t->alternate_lba = le64_to_cpu(h->alternate_lba);

	if (le64_to_cpu(h->my_lba) != lba)
		return gptpart_refuse(why, "header's own LBA does not match");

	first = le64_to_cpu(h->first_usable_lba);
	last = le64_to_cpu(h->last_usable_lba);
	if (first > last || last >= num_lbas)
		return gptpart_refuse(why, "usable LBAs not on the device");
	if (first < 2 || (lba >= first && lba <= last))
		return gptpart_refuse(why, "usable LBAs overlap a header");

	entry_size = le32_to_cpu(h->entry_size);
	if (entry_size < GPTPART_ENTRY_MIN_SIZE ||
	    entry_size > GPTPART_ENTRY_MAX_SIZE || !is_power_of_2(entry_size))
		return gptpart_refuse(why, "bad entry size");

	num = le32_to_cpu(h->num_entries);
	if (!num || num > GPTPART_MAX_ENTRIES)
		return gptpart_refuse(why, "bad number of entries");

	t->entries_lbas = DIV_ROUND_UP(num * entry_size, lba_size);
	start = le64_to_cpu(h->entries_lba);
	if (start < 2 || start >= num_lbas ||
	    t->entries_lbas > num_lbas - start)
		return gptpart_refuse(why, "entry array not on the device");

	end = start + t->entries_lbas - 1;
	if (lba >= start && lba <= end)
		return gptpart_refuse(why, "entry array overlaps the header");
	if (start <= last && end >= first)
		return gptpart_refuse(why, "entry array overlaps the usable LBAs");

	t->lba_size = lba_size;
	t->num_lbas = num_lbas;
	t->my_lba = lba;
	t->first_usable_lba = first;
	t->last_usable_lba = last;
	t->entries_lba = start;
	t->num_entries = num;
	t->entry_size = entry_size;
	t->entries_crc32 = le32_to_cpu(h->entries_crc32);

	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_check_header);

/**
 * gptpart_check_entries() - check the CRC of a GPT entry array
 * @t: the header that describes the array
 * @array: the array, at least @t->num_entries * @t->entry_size bytes
 * @why: set to the reason if the array is refused
 *
 * Return: 0 if the CRC matches, -EINVAL otherwise.
 */
VISIBLE_IF_KUNIT int gptpart_check_entries(const struct gptpart_table *t,
					   const void *array, const char **why)
{
	size_t len = (size_t)t->num_entries * t->entry_size;

	if (gptpart_crc32(array, len) != t->entries_crc32)
		return gptpart_refuse(why, "bad entry array CRC");

	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_check_entries);

static bool gptpart_is_high_surrogate(u16 u)
{
	return (u & 0xfc00) == 0xd800;
}

static bool gptpart_is_low_surrogate(u16 u)
{
	return (u & 0xfc00) == 0xdc00;
}

static bool gptpart_is_control(u16 u)
{
	return u < 0x20 || (u >= 0x7f && u < 0xa0);
}

/**
 * gptpart_name_to_utf8() - convert a GPT partition name to UTF-8
 * @name: the entry's name, %GPTPART_NAME_UNITS UTF-16LE code units
 * @buf: output, %GPTPART_NAME_MAX bytes
 *
 * The name ends at the first NUL unit or after %GPTPART_NAME_UNITS units.
 * Unpaired surrogates and control characters are replaced by U+FFFD. @buf is
 * always NUL-terminated; it is empty if the name is.
 */
VISIBLE_IF_KUNIT void gptpart_name_to_utf8(const __le16 *name, char *buf)
{
	wchar_t units[GPTPART_NAME_UNITS];
	int i, n, len;

	for (n = 0; n < GPTPART_NAME_UNITS; n++) {
		units[n] = le16_to_cpu(name[n]);
		if (!units[n])
			break;
	}

	for (i = 0; i < n; i++) {
		if (gptpart_is_high_surrogate(units[i]) && i + 1 < n &&
		    gptpart_is_low_surrogate(units[i + 1]))
			i++;
		else if (gptpart_is_high_surrogate(units[i]) ||
			 gptpart_is_low_surrogate(units[i]) ||
			 gptpart_is_control(units[i]))
			units[i] = GPTPART_REPLACEMENT_CHAR;
	}

	len = utf16s_to_utf8s(units, n, UTF16_HOST_ENDIAN, buf,
			      GPTPART_NAME_MAX - 1);
	buf[len] = '\0';
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_name_to_utf8);

static const struct gptpart_entry *
gptpart_entry(const struct gptpart_table *t, const void *array, u32 i)
{
	return array + (size_t)i * t->entry_size;
}

static bool gptpart_entry_is_used(const struct gptpart_entry *e)
{
	return memchr_inv(e->type_guid, 0, sizeof(e->type_guid));
}

/**
 * gptpart_cleanup() - free partitions made by the GPT parser
 * @parts: the partitions
 * @nr_parts: number of partitions
 */
VISIBLE_IF_KUNIT void gptpart_cleanup(const struct mtd_partition *parts,
				      int nr_parts)
{
	int i;

	for (i = 0; i < nr_parts; i++)
		kfree(parts[i].name);

	kfree(parts);
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_cleanup);

/**
 * gptpart_parse_entries() - turn a checked GPT entry array into partitions
 * @t: the header that describes the array
 * @array: the entry array, checked by gptpart_check_entries()
 * @mtd_name: name of the MTD device, for messages
 * @pparts: set to the partitions, or to NULL if there is none
 *
 * Unused entries are ignored; bad ones are skipped with a warning.
 * Partitions are in the order of their entries; free them with
 * gptpart_cleanup().
 *
 * Return: the number of partitions, or -ENOMEM.
 */
VISIBLE_IF_KUNIT int gptpart_parse_entries(const struct gptpart_table *t,
					   const void *array,
					   const char *mtd_name,
					   struct mtd_partition **pparts)
{
	struct mtd_partition *parts;
	char name[GPTPART_NAME_MAX];
	int nr = 0, used = 0, j;
	u32 i;

	*pparts = NULL;

	for (i = 0; i < t->num_entries; i++)
		if (gptpart_entry_is_used(gptpart_entry(t, array, i)))
			used++;
	if (!used)
		return 0;

	parts = kcalloc(used, sizeof(*parts), GFP_KERNEL);
	if (!parts)
		return -ENOMEM;

	for (i = 0; i < t->num_entries; i++) {
		const struct gptpart_entry *e = gptpart_entry(t, array, i);
		struct mtd_partition *p = &parts[nr];
		u64 first, last;

		if (!gptpart_entry_is_used(e))
			continue;

		first = le64_to_cpu(e->first_lba);
		last = le64_to_cpu(e->last_lba);
		if (last < first) {
			pr_warn("%s: GPT entry %u: last LBA %llu before first LBA %llu, skipped\n",
				mtd_name, i + 1, last, first);
			continue;
		}
		if (last >= t->num_lbas) {
			pr_warn("%s: GPT entry %u: LBAs %llu-%llu past the end of the device (%llu LBAs), skipped\n",
				mtd_name, i + 1, first, last, t->num_lbas);
			continue;
		}
		if (first < t->first_usable_lba || last > t->last_usable_lba) {
			pr_warn("%s: GPT entry %u: LBAs %llu-%llu outside the usable LBAs %llu-%llu, skipped\n",
				mtd_name, i + 1, first, last,
				t->first_usable_lba, t->last_usable_lba);
			continue;
		}

		p->offset = first * t->lba_size;
		p->size = (last - first + 1) * t->lba_size;
		for (j = 0; j < nr; j++) {
			if (p->offset < parts[j].offset + parts[j].size &&
			    parts[j].offset < p->offset + p->size)
				break;
		}
		if (j < nr) {
			pr_warn("%s: GPT entry %u: LBAs %llu-%llu overlap partition \"%s\", skipped\n",
				mtd_name, i + 1, first, last, parts[j].name);
			continue;
		}

		gptpart_name_to_utf8(e->name, name);
		if (name[0])
			p->name = kstrdup(name, GFP_KERNEL);
		else
			p->name = kasprintf(GFP_KERNEL, "gpt%u", i + 1);
		if (!p->name) {
			gptpart_cleanup(parts, nr);
			return -ENOMEM;
		}

		if (le64_to_cpu(e->attributes) & GPTPART_ATTR_READ_ONLY)
			p->mask_flags = MTD_WRITEABLE;

		nr++;
	}

	if (!nr) {
		kfree(parts);
		return 0;
	}

	*pparts = parts;

	return nr;
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_parse_entries);

static u64 gptpart_num_lbas(struct mtd_info *mtd, u32 lba_size)
{
	return mtd->size >> ilog2(lba_size);
}

static int gptpart_read(struct mtd_info *mtd, u64 lba, u32 lba_size,
			size_t len, void *buf)
{
	size_t retlen;
	int ret;

	ret = mtd_read(mtd, lba * lba_size, len, &retlen, buf);
	if (ret && !mtd_is_bitflip(ret))
		return ret;

	return retlen == len ? 0 : -EIO;
}

/*
 * Reads the header at @lba into @hdr (one LBA) and checks it, then reads its
 * entry array into a new buffer, *@array, and checks that.
 */
static int gptpart_load(struct mtd_info *mtd, u32 lba_size, u64 lba, void *hdr,
			struct gptpart_table *t, void **array, const char **why)
{
	size_t len;
	void *buf;
	int ret;

	memset(t, 0, sizeof(*t));

	ret = gptpart_read(mtd, lba, lba_size, lba_size, hdr);
	if (ret) {
		*why = "header read error";
		return ret;
	}

	ret = gptpart_check_header(hdr, lba_size, lba,
				   gptpart_num_lbas(mtd, lba_size), t, why);
	if (ret)
		return ret;

	len = t->entries_lbas * lba_size;
	buf = kvmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	ret = gptpart_read(mtd, t->entries_lba, lba_size, len, buf);
	if (ret) {
		*why = "entry array read error";
		goto err_free;
	}

	ret = gptpart_check_entries(t, buf, why);
	if (ret)
		goto err_free;

	*array = buf;

	return 0;

err_free:
	kvfree(buf);
	return ret;
}

/* Only a lack of memory stops the search; any other failure means "no GPT". */
static int gptpart_find_result(int ret)
{
	if (!ret || ret == -ENOMEM)
		return ret;

	return -ENOENT;
}

/* Finds a usable GPT. Returns 0, -ENOENT if there is none, or -ENOMEM. */
static int gptpart_find(struct mtd_info *mtd, void *hdr,
			struct gptpart_table *t, void **array)
{
	const char *why = NULL, *why_backup = NULL;
	u64 num_lbas, backup;
	u32 lba_size = 0;
	int ret = -ENOENT;
	int i;

	for (i = 0; i < ARRAY_SIZE(gptpart_lba_sizes); i++) {
		lba_size = gptpart_lba_sizes[i];
		if (gptpart_num_lbas(mtd, lba_size) < 3)
			continue;

		ret = gptpart_load(mtd, lba_size, 1, hdr, t, array, &why);
		if (ret != -ENOENT)
			break;
	}

	if (!ret || ret == -ENOMEM)
		return ret;

	if (ret != -ENOENT) {
		num_lbas = gptpart_num_lbas(mtd, lba_size);
		backup = t->alternate_lba;
		if (backup < 2 || backup >= num_lbas)
			backup = num_lbas - 1;

		pr_warn("%s: primary GPT (%u-byte LBAs) refused: %s (%d), trying the backup at LBA %llu\n",
			mtd->name, lba_size, why, ret, backup);

		ret = gptpart_load(mtd, lba_size, backup, hdr, t, array,
				   &why_backup);
		if (!ret)
			pr_warn("%s: using the backup GPT at LBA %llu\n",
				mtd->name, backup);
		else if (ret != -ENOMEM)
			pr_warn("%s: backup GPT at LBA %llu refused too: %s (%d); no partitions\n",
				mtd->name, backup, why_backup, ret);

		return gptpart_find_result(ret);
	}

	/* No primary header at all: perhaps only the backup survived. */
	for (i = 0; i < ARRAY_SIZE(gptpart_lba_sizes); i++) {
		lba_size = gptpart_lba_sizes[i];
		num_lbas = gptpart_num_lbas(mtd, lba_size);
		if (num_lbas < 3)
			continue;

		ret = gptpart_load(mtd, lba_size, num_lbas - 1, hdr, t, array,
				   &why_backup);
		if (ret == -ENOENT)
			continue;

		if (!ret)
			pr_warn("%s: no primary GPT, using the backup at LBA %llu (%u-byte LBAs)\n",
				mtd->name, num_lbas - 1, lba_size);
		else if (ret != -ENOMEM)
			pr_warn("%s: no primary GPT, and the backup at LBA %llu (%u-byte LBAs) is refused: %s (%d); no partitions\n",
				mtd->name, num_lbas - 1, lba_size, why_backup,
				ret);

		return gptpart_find_result(ret);
	}

	pr_info("%s: no GPT found with 512 or 4096-byte LBAs; no partitions\n",
		mtd->name);

	return -ENOENT;
}

/**
 * gptpart_parse() - the GPT parser's &mtd_part_parser.parse_fn
 * @mtd: the device
 * @pparts: set to the partitions found
 * @data: unused
 *
 * Return: the number of partitions (0 if there is no usable table), or a
 * negative error code.
 */
VISIBLE_IF_KUNIT int gptpart_parse(struct mtd_info *mtd,
				   const struct mtd_partition **pparts,
				   struct mtd_part_parser_data *data)
{
	struct mtd_partition *parts;
	struct gptpart_table t;
	void *array = NULL;
	void *hdr;
	int ret;

	hdr = kmalloc(SZ_4K, GFP_KERNEL);
	if (!hdr)
		return -ENOMEM;

	ret = gptpart_find(mtd, hdr, &t, &array);
	kfree(hdr);
	if (ret)
		return ret == -ENOENT ? 0 : ret;

	ret = gptpart_parse_entries(&t, array, mtd->name, &parts);
	kvfree(array);
	if (!ret)
		pr_warn("%s: GPT has no usable partition entry\n", mtd->name);
	else if (ret > 0)
		*pparts = parts;

	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(gptpart_parse);

static const struct of_device_id gptpart_of_match_table[] = {
	{ .compatible = "gpt-partitions" },
	{ }
};
MODULE_DEVICE_TABLE(of, gptpart_of_match_table);

static struct mtd_part_parser gptpart_parser = {
	.parse_fn = gptpart_parse,
	.cleanup = gptpart_cleanup,
	.name = "gptpart",
	.of_match_table = gptpart_of_match_table,
};
module_mtd_part_parser(gptpart_parser);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MTD partition parser for GUID Partition Tables");
