// SPDX-License-Identifier: GPL-2.0-only
/*
 * NVMEM layout for the Qualcomm DPP provisioning data
 *
 * The DPP partition of the boot flash of Qualcomm boards holds device
 * provisioning data as named blobs in an "RWFS" container: a first header at
 * offset 0 gives the offset of a second header, which gives the offset and
 * size of the blob table and the start of the data area. Each filled table
 * entry names a blob and gives its region (offset from the data area,
 * length) and the number of meaningful bytes in it; the first entry that is
 * not present ends the table. Offsets in the headers are taken from the
 * start of the partition.
 *
 * Two blobs are exposed as cells, whatever their vendor field:
 *  - WLAN.PROVISION: 3 bytes, then the Wi-Fi MAC address in transmission
 *    order, the "wlan-mac-address" cell;
 *  - BT.PROVISION: 2 bytes, then the Bluetooth device address stored
 *    byte-reversed; the "bt-bd-address" cell reads it in canonical order,
 *    most significant byte first, as a MAC address is written.
 *
 * The container is checked before any cell is added, and nothing is read
 * past the end of the partition. A missing blob only means a missing cell.
 */

#include <kunit/visibility.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/nvmem-consumer.h>
#include <linux/nvmem-provider.h>
#include <linux/of.h>
#include <linux/string.h>

#include "qcom-dpp.h"

/**
 * qcom_dpp_bd_addr_pp() - read a Bluetooth device address in canonical order
 * @priv: unused
 * @id: unused
 * @index: unused
 * @offset: unused
 * @buf: the address as stored, reversed in place
 * @bytes: length of @buf, %QCOM_DPP_ADDR_LEN
 *
 * Return: 0, or -EINVAL if @bytes is not the length of an address.
 */
VISIBLE_IF_KUNIT int qcom_dpp_bd_addr_pp(void *priv, const char *id, int index,
					 unsigned int offset, void *buf,
					 size_t bytes)
{
	u8 *addr = buf;
	int i;

	if (bytes != QCOM_DPP_ADDR_LEN)
		return -EINVAL;

	for (i = 0; i < QCOM_DPP_ADDR_LEN / 2; i++)
		swap(addr[i], addr[QCOM_DPP_ADDR_LEN - 1 - i]);

	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(qcom_dpp_bd_addr_pp);

/**
 * struct qcom_dpp_blob - a blob the layout exposes as a cell
 * @blob: name of the blob in the table
 * @cell: name of the cell
 * @offset: offset of the address in the blob
 * @read_post_process: how the cell is read, if not as stored
 */
struct qcom_dpp_blob {
	const char *blob;
	const char *cell;
	unsigned int offset;
	nvmem_cell_post_process_t read_post_process;
};

static const struct qcom_dpp_blob qcom_dpp_blobs[QCOM_DPP_NUM_CELLS] = {
	[QCOM_DPP_WLAN_MAC] = {
		.blob = "WLAN.PROVISION",
		.cell = "wlan-mac-address",
		.offset = 3,
	},
	[QCOM_DPP_BT_ADDR] = {
		.blob = "BT.PROVISION",
		.cell = "bt-bd-address",
		.offset = 2,
		.read_post_process = qcom_dpp_bd_addr_pp,
	},
};

static bool qcom_dpp_name_is(const struct qcom_dpp_entry *e, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < QCOM_DPP_NAME_UNITS; i++) {
		u16 c = le16_to_cpu(e->name[i]);

		if (i == len)
			return !c;
		if (c != (u8)name[i])
			return false;
	}

	return len == QCOM_DPP_NAME_UNITS;
}

/* Checks one filled table entry and records it if it is a blob we expose. */
static int qcom_dpp_check_entry(struct device *dev,
				const struct qcom_dpp_entry *e, u64 data_start,
				size_t size, struct qcom_dpp_cells *cells)
{
	const struct qcom_dpp_blob *b;
	u32 region, len;
	u64 start;
	int id;

	for (id = 0; id < QCOM_DPP_NUM_CELLS; id++)
		if (qcom_dpp_name_is(e, qcom_dpp_blobs[id].blob))
			break;
	if (id == QCOM_DPP_NUM_CELLS)
		return 0;

	b = &qcom_dpp_blobs[id];
	if (cells->found[id]) {
		dev_warn(dev, "%s: duplicate blob ignored\n", b->blob);
		return 0;
	}

	start = data_start + le32_to_cpu(e->offset);
	region = le32_to_cpu(e->region_len);
	len = le32_to_cpu(e->data_len);

	if (start + region > size) {
		dev_err(dev, "%s: blob (0x%x bytes at 0x%llx) outside the partition (0x%zx bytes)\n",
			b->blob, region, start, size);
		return -EINVAL;
	}
	if (len > region) {
		dev_err(dev, "%s: data length %u larger than its region (%u bytes)\n",
			b->blob, len, region);
		return -EINVAL;
	}
	if (len < b->offset + QCOM_DPP_ADDR_LEN) {
		dev_err(dev, "%s: data length %u too small, %u bytes needed\n",
			b->blob, len, b->offset + QCOM_DPP_ADDR_LEN);
		return -EINVAL;
	}

	cells->found[id] = true;
	cells->offset[id] = start + b->offset;

	return 0;
}

static int qcom_dpp_parse_container(struct device *dev, size_t size,
				    int (*read)(void *priv, unsigned int offset,
						void *buf, size_t bytes),
				    void *priv, struct qcom_dpp_cells *cells)
{
	u64 hdr2_off, table_off, data_start;
	struct qcom_dpp_header2 hdr2;
	struct qcom_dpp_header hdr;
	struct qcom_dpp_entry e;
	bool terminated = false;
	u32 table_size, i, n;
	int ret;

	/* Every offset the container gives is 32 bits wide. */
	size = min_t(size_t, size, U32_MAX);

	if (size < sizeof(hdr)) {
		dev_err(dev, "partition too small (%zu bytes) for an RWFS header\n",
			size);
		return -EINVAL;
	}

	ret = read(priv, 0, &hdr, sizeof(hdr));
	if (ret)
		return ret;

	if (memcmp(hdr.magic, QCOM_DPP_MAGIC, QCOM_DPP_MAGIC_LEN)) {
		dev_err(dev, "bad magic %*ph, not an RWFS container\n",
			QCOM_DPP_MAGIC_LEN, hdr.magic);
		return -EINVAL;
	}

	hdr2_off = le32_to_cpu(hdr.header2_offset);
	if (hdr2_off + sizeof(hdr2) > size) {
		dev_err(dev, "second header at 0x%llx outside the partition (0x%zx bytes)\n",
			hdr2_off, size);
		return -EINVAL;
	}
	if (hdr2_off < sizeof(hdr)) {
		dev_err(dev, "second header at 0x%llx overlaps the first\n",
			hdr2_off);
		return -EINVAL;
	}

	ret = read(priv, hdr2_off, &hdr2, sizeof(hdr2));
	if (ret)
		return ret;

	if (memcmp(hdr2.magic, QCOM_DPP_MAGIC, QCOM_DPP_MAGIC_LEN)) {
		dev_err(dev, "bad magic %*ph in the second header\n",
			QCOM_DPP_MAGIC_LEN, hdr2.magic);
		return -EINVAL;
	}

	table_off = le32_to_cpu(hdr2.table_offset);
	table_size = le32_to_cpu(hdr2.table_size);
	data_start = le32_to_cpu(hdr2.data_start);

	if (table_off + table_size > size) {
		dev_err(dev, "blob table (0x%x bytes at 0x%llx) outside the partition (0x%zx bytes)\n",
			table_size, table_off, size);
		return -EINVAL;
	}
	if (table_size % QCOM_DPP_ENTRY_SIZE) {
		dev_err(dev, "blob table size %u not a multiple of the %u-byte entry\n",
			table_size, QCOM_DPP_ENTRY_SIZE);
		return -EINVAL;
	}

	n = table_size / QCOM_DPP_ENTRY_SIZE;
	for (i = 0; i < n; i++) {
		ret = read(priv, table_off + i * QCOM_DPP_ENTRY_SIZE, &e,
			   sizeof(e));
		if (ret)
			return ret;

		if (!le32_to_cpu(e.present)) {
			terminated = true;
			break;
		}

		ret = qcom_dpp_check_entry(dev, &e, data_start, size, cells);
		if (ret)
			return ret;
	}

	if (!terminated) {
		dev_err(dev, "blob table (%u entries) has no terminating entry\n",
			n);
		return -EINVAL;
	}

	for (i = 0; i < QCOM_DPP_NUM_CELLS; i++)
		if (!cells->found[i])
			dev_info(dev, "no %s blob, no %s cell\n",
				 qcom_dpp_blobs[i].blob, qcom_dpp_blobs[i].cell);

	return 0;
}

/**
 * qcom_dpp_parse() - find the cells in a DPP partition
 * @dev: device for messages
 * @size: size of the partition in bytes
 * @read: reads @bytes at @offset of the partition into @buf, returns 0 or
 *	  a negative error code; never called past @size
 * @priv: passed to @read
 * @cells: set to the cells found; none if the container is refused
 *
 * Checks both headers and the blob table, and the blobs of the cells. Any
 * inconsistency fails the whole parse, with a message saying what is wrong.
 * A blob that is not in the table is only reported.
 *
 * Return: 0 (even if no blob was found), -EINVAL if the container is bad,
 * or the error of @read.
 */
VISIBLE_IF_KUNIT int qcom_dpp_parse(struct device *dev, size_t size,
				    int (*read)(void *priv, unsigned int offset,
						void *buf, size_t bytes),
				    void *priv, struct qcom_dpp_cells *cells)
{
	int ret;

	memset(cells, 0, sizeof(*cells));

	ret = qcom_dpp_parse_container(dev, size, read, priv, cells);
	if (ret)
		memset(cells, 0, sizeof(*cells));

	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(qcom_dpp_parse);

static int qcom_dpp_read(void *priv, unsigned int offset, void *buf,
			 size_t bytes)
{
	int ret;

	ret = nvmem_device_read(priv, offset, bytes, buf);
	if (ret < 0)
		return ret;

	return ret == bytes ? 0 : -EIO;
}

static int qcom_dpp_add_cells(struct nvmem_layout *layout)
{
	struct nvmem_device *nvmem = layout->nvmem;
	struct qcom_dpp_cells cells;
	int i, ret;

	ret = qcom_dpp_parse(&layout->dev, nvmem_dev_size(nvmem), qcom_dpp_read,
			     nvmem, &cells);
	if (ret)
		return ret;

	struct device_node *layout_np __free(device_node) =
		of_nvmem_layout_get_container(nvmem);
	if (!layout_np)
		return -ENOENT;

	for (i = 0; i < QCOM_DPP_NUM_CELLS; i++) {
		const struct qcom_dpp_blob *b = &qcom_dpp_blobs[i];
		struct nvmem_cell_info info = {
			.name = b->cell,
			.offset = cells.offset[i],
			.raw_len = QCOM_DPP_ADDR_LEN,
			.bytes = QCOM_DPP_ADDR_LEN,
			.read_post_process = b->read_post_process,
		};

		if (!cells.found[i])
			continue;

		info.np = of_get_child_by_name(layout_np, b->cell);
		ret = nvmem_add_one_cell(nvmem, &info);
		if (ret) {
			of_node_put(info.np);
			return ret;
		}
	}

	return 0;
}

static int qcom_dpp_probe(struct nvmem_layout *layout)
{
	layout->add_cells = qcom_dpp_add_cells;

	return nvmem_layout_register(layout);
}

static void qcom_dpp_remove(struct nvmem_layout *layout)
{
	nvmem_layout_unregister(layout);
}

static const struct of_device_id qcom_dpp_of_match_table[] = {
	{ .compatible = "qcom,dpp-layout" },
	{ }
};
MODULE_DEVICE_TABLE(of, qcom_dpp_of_match_table);

static struct nvmem_layout_driver qcom_dpp_layout = {
	.driver = {
		.name = "qcom-dpp-layout",
		.of_match_table = qcom_dpp_of_match_table,
	},
	.probe = qcom_dpp_probe,
	.remove = qcom_dpp_remove,
};
module_nvmem_layout_driver(qcom_dpp_layout);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NVMEM layout for the Qualcomm DPP provisioning data");
