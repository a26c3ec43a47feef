/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Qualcomm DPP ("RWFS") container format, as the NVMEM layout reads it, and
 * the layout's internals shared with its KUnit tests.
 */
#ifndef _NVMEM_LAYOUTS_QCOM_DPP_H
#define _NVMEM_LAYOUTS_QCOM_DPP_H

#include <linux/build_bug.h>
#include <linux/types.h>

struct device;

#define QCOM_DPP_MAGIC			"RWFS"
#define QCOM_DPP_MAGIC_LEN		4
#define QCOM_DPP_NAME_UNITS		49
#define QCOM_DPP_HEADER_SIZE		68
/* Name and vendor (49 UTF-16 units each), 4 u32 fields, 32 bytes padding */
#define QCOM_DPP_ENTRY_SIZE		(49 * 2 + 49 * 2 + 4 * 4 + 32)
/* Length of a MAC or Bluetooth device address */
#define QCOM_DPP_ADDR_LEN		6

/**
 * struct qcom_dpp_header - first RWFS header, at offset 0, little endian
 * @magic: "RWFS"
 * @reserved0: unknown
 * @header2_offset: offset of the second header in the partition
 * @reserved1: unknown
 * @data_start: start of the data area (not used by the layout)
 * @header_size: header size (not used by the layout)
 * @full_length: length of the container (not used by the layout)
 * @padding: padding
 */
struct qcom_dpp_header {
	u8 magic[QCOM_DPP_MAGIC_LEN];
	__le32 reserved0;
	__le32 header2_offset;
	__le32 reserved1[3];
	__le32 data_start;
	__le32 header_size;
	__le32 full_length;
	u8 padding[32];
} __packed;
static_assert(sizeof(struct qcom_dpp_header) == QCOM_DPP_HEADER_SIZE);

/**
 * struct qcom_dpp_header2 - second RWFS header, little endian
 * @magic: "RWFS"
 * @reserved0: unknown
 * @table_offset: offset of the blob table in the partition
 * @table_size: size of the whole blob table in bytes
 * @reserved1: unknown
 * @data_start: offset in the partition that blob offsets are relative to
 * @reserved2: unknown
 * @padding: padding
 */
struct qcom_dpp_header2 {
	u8 magic[QCOM_DPP_MAGIC_LEN];
	__le32 reserved0;
	__le32 table_offset;
	__le32 table_size;
	__le32 reserved1;
	__le32 data_start;
	__le32 reserved2;
	u8 padding[40];
} __packed;
static_assert(sizeof(struct qcom_dpp_header2) == QCOM_DPP_HEADER_SIZE);

/**
 * struct qcom_dpp_entry - blob table entry, little endian
 * @name: blob name, UTF-16LE, NUL-terminated unless all units are used
 * @vendor: vendor name, UTF-16LE, e.g. "QCOM" or "OEM"
 * @region_len: size of the region reserved for the blob (0x100-aligned)
 * @data_len: meaningful bytes at the start of the region
 * @present: non-zero for a filled entry; the first zero ends the table
 * @offset: offset of the region from the second header's @data_start
 * @padding: padding
 */
struct qcom_dpp_entry {
	__le16 name[QCOM_DPP_NAME_UNITS];
	__le16 vendor[QCOM_DPP_NAME_UNITS];
	__le32 region_len;
	__le32 data_len;
	__le32 present;
	__le32 offset;
	u8 padding[32];
} __packed;
static_assert(sizeof(struct qcom_dpp_entry) == QCOM_DPP_ENTRY_SIZE);

/**
 * enum qcom_dpp_cell_id - the cells the layout provides
 * @QCOM_DPP_WLAN_MAC: "wlan-mac-address", from the WLAN.PROVISION blob
 * @QCOM_DPP_BT_ADDR: "bt-bd-address", from the BT.PROVISION blob
 * @QCOM_DPP_NUM_CELLS: number of cells
 */
enum qcom_dpp_cell_id {
	QCOM_DPP_WLAN_MAC,
	QCOM_DPP_BT_ADDR,
	QCOM_DPP_NUM_CELLS
};

/**
 * struct qcom_dpp_cells - where the cells are in the partition
 * @found: whether the blob of each cell was found
 * @offset: offset of each found cell's 6 bytes in the partition
 */
struct qcom_dpp_cells {
	bool found[QCOM_DPP_NUM_CELLS];
	unsigned int offset[QCOM_DPP_NUM_CELLS];
};

#if IS_ENABLED(CONFIG_KUNIT)
int qcom_dpp_parse(struct device *dev, size_t size,
		   int (*read)(void *priv, unsigned int offset, void *buf,
			       size_t bytes),
		   void *priv, struct qcom_dpp_cells *cells);
int qcom_dpp_bd_addr_pp(void *priv, const char *id, int index,
			unsigned int offset, void *buf, size_t bytes);
#endif

#endif /* _NVMEM_LAYOUTS_QCOM_DPP_H */
