/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GUID Partition Table (GPT) on-flash format, as the MTD GPT parser reads
 * it, and the parser's internals shared with its KUnit tests.
 */
#ifndef _MTD_PARSERS_GPTPART_H
#define _MTD_PARSERS_GPTPART_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/types.h>

struct mtd_info;
struct mtd_partition;
struct mtd_part_parser_data;

#define GPTPART_SIGNATURE		"EFI PART"
#define GPTPART_REVISION_1_0		0x00010000
#define GPTPART_HEADER_SIZE		92
#define GPTPART_ENTRY_MIN_SIZE		128
#define GPTPART_ENTRY_MAX_SIZE		1024
#define GPTPART_MAX_ENTRIES		1024
#define GPTPART_NAME_UNITS		36
/* Longest UTF-8 name: 3 bytes per UTF-16 code unit, plus the NUL. */
#define GPTPART_NAME_MAX		(GPTPART_NAME_UNITS * 3 + 1)
/*
 * Bit 60 of the partition attributes: read-only, as the UEFI and Microsoft
 * basic data partition attributes define it.
 */
#define GPTPART_ATTR_READ_ONLY		BIT_ULL(60)

/**
 * struct gptpart_header - GPT header, little endian, at LBA 1 (primary) or
 *			   at the last LBA (backup)
 * @signature: "EFI PART"
 * @revision: 0x00010000 for revision 1.0
 * @header_size: bytes covered by @header_crc32
 * @header_crc32: CRC32 of the header, computed with this field zeroed
 * @reserved: must be zero
 * @my_lba: LBA of this header
 * @alternate_lba: LBA of the other header
 * @first_usable_lba: first LBA partitions may use
 * @last_usable_lba: last LBA partitions may use (inclusive)
 * @disk_guid: disk GUID
 * @entries_lba: first LBA of the partition entry array
 * @num_entries: number of entries in the array
 * @entry_size: size of one entry in bytes
 * @entries_crc32: CRC32 of the whole entry array
 */
struct gptpart_header {
	u8 signature[8];
	__le32 revision;
	__le32 header_size;
	__le32 header_crc32;
	__le32 reserved;
	__le64 my_lba;
	__le64 alternate_lba;
	__le64 first_usable_lba;
	__le64 last_usable_lba;
	u8 disk_guid[16];
	__le64 entries_lba;
	__le32 num_entries;
	__le32 entry_size;
	__le32 entries_crc32;
} __packed;
static_assert(sizeof(struct gptpart_header) == GPTPART_HEADER_SIZE);

/**
 * struct gptpart_entry - GPT partition entry, little endian
 * @type_guid: partition type GUID, all zero for an unused entry
 * @unique_guid: unique partition GUID
 * @first_lba: first LBA of the partition
 * @last_lba: last LBA of the partition (inclusive)
 * @attributes: attribute bits
 * @name: partition name, UTF-16LE, NUL-terminated unless all units are used
 */
struct gptpart_entry {
	u8 type_guid[16];
	u8 unique_guid[16];
	__le64 first_lba;
	__le64 last_lba;
	__le64 attributes;
	__le16 name[GPTPART_NAME_UNITS];
} __packed;
static_assert(sizeof(struct gptpart_entry) == GPTPART_ENTRY_MIN_SIZE);

/**
 * struct gptpart_table - a GPT header that passed the checks, in CPU order
 * @lba_size: logical block size in bytes
 * @num_lbas: number of whole LBAs on the device
 * @my_lba: LBA of this header
 * @alternate_lba: LBA of the other header, as this header gives it
 * @first_usable_lba: first LBA partitions may use
 * @last_usable_lba: last LBA partitions may use (inclusive)
 * @entries_lba: first LBA of the partition entry array
 * @entries_lbas: number of LBAs the entry array spans
 * @num_entries: number of entries in the array
 * @entry_size: size of one entry in bytes
 * @entries_crc32: CRC32 of the entry array
 */
struct gptpart_table {
	u32 lba_size;
	u64 num_lbas;
	u64 my_lba;
	u64 alternate_lba;
	u64 first_usable_lba;
	u64 last_usable_lba;
	u64 entries_lba;
	u64 entries_lbas;
	u32 num_entries;
	u32 entry_size;
	u32 entries_crc32;
};

#if IS_ENABLED(CONFIG_KUNIT)
u32 gptpart_crc32(const void *buf, size_t len);
int gptpart_check_header(const void *buf, u32 lba_size, u64 lba, u64 num_lbas,
			 struct gptpart_table *t, const char **why);
int gptpart_check_entries(const struct gptpart_table *t, const void *array,
			  const char **why);
void gptpart_name_to_utf8(const __le16 *name, char *buf);
int gptpart_parse_entries(const struct gptpart_table *t, const void *array,
			  const char *mtd_name, struct mtd_partition **pparts);
int gptpart_parse(struct mtd_info *mtd, const struct mtd_partition **pparts,
		  struct mtd_part_parser_data *data);
void gptpart_cleanup(const struct mtd_partition *parts, int nr_parts);
#endif

#endif /* _MTD_PARSERS_GPTPART_H */
