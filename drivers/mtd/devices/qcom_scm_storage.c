// SPDX-License-Identifier: GPL-2.0-only
/*
 * MTD driver for the SPI-NOR that Qualcomm TrustZone firmware manages.
 *
 * On some Qualcomm SoCs (e.g. QCS6490 boards with Windows-compatible
 * firmware) the boot SPI-NOR is reachable only through the firmware's SCM
 * storage service. This driver exposes it as an MTD device.
 *
 * Writes and erases can make the board unbootable, so the device is
 * read-only until the administrator sets the allow_write module parameter;
 * the firmware never sees a WRITE or ERASE before that.
 *
 * Transfers go through one tzmem buffer set up at probe: data is copied
 * once between it and the MTD caller, and each SCM call moves as much as
 * the buffer holds. Erases are split into bounded chunks so that one SMC
 * never holds a CPU for long, and a large erase can be interrupted.
 *
 * The flash holds a GPT: its partitions become MTD partitions (parser
 * "gptpart"), unless the kernel command line or the "partitions" node of
 * the device tree says otherwise. The device tree node is the "flash"
 * child of the SCM node, where a partition can carry an NVMEM layout.
 * Partitions go through this driver, so they are read-only like it.
 */
#include <kunit/visibility.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mtd/mtd.h>
#include <linux/mtd/partitions.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "qcom_scm_storage.h"

static bool allow_write;
module_param(allow_write, bool, 0644);
MODULE_PARM_DESC(allow_write,
		 "Allow writes and erases of the firmware-managed flash (default: read-only)");

/*
 * The firmware erases in its own block size (4 KiB on the known boards),
 * but UBIFS needs erase blocks of 15 KiB or more: let the administrator
 * expose a larger, power-of-two multiple, such as the 64 KiB block erase
 * unit of the chip.
 */
static unsigned int erase_size;
module_param(erase_size, uint, 0444);
MODULE_PARM_DESC(erase_size,
		 "Erase block size exposed to MTD: a power-of-two multiple of the firmware block (default: the firmware block)");

struct qcom_scm_storage {
	struct device *dev;
	struct mtd_info mtd;
	/* Serialises the use of the transfer buffer. */
	struct mutex lock;
	enum qcom_scm_storage_type type;
	u32 block_size;
	size_t xfer_max;
	void *hdr;
	void *data;
};

/**
 * qcom_scm_storage_check_geometry() - Validate the geometry from firmware
 * @info: what GET_INFO reported
 * @xfer_max: the payload bytes per call this geometry allows
 *
 * Return: 0 if the driver can use the device, -EINVAL otherwise.
 */
VISIBLE_IF_KUNIT int
qcom_scm_storage_check_geometry(const struct qcom_scm_storage_info *info,
				size_t *xfer_max)
{
	u64 size;

	if (!info->block_size || !is_power_of_2(info->block_size) ||
	    info->block_size > QCOM_SCM_STORAGE_XFER_MAX)
		return -EINVAL;
	if (!info->total_blocks ||
	    check_mul_overflow(info->total_blocks, (u64)info->block_size,
			       &size) || size > (u64)LLONG_MAX)
		return -EINVAL;
	*xfer_max = min_t(u64, round_down(QCOM_SCM_STORAGE_XFER_MAX,
					  info->block_size), size);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(qcom_scm_storage_check_geometry);

/**
 * qcom_scm_storage_span() - The whole blocks one call moves
 * @pos: byte offset of the transfer
 * @len: bytes left to transfer
 * @block_size: block size (a power of two)
 * @xfer_max: most bytes per call (a multiple of @block_size)
 * @span: the span to transfer
 *
 * A call covers whole blocks, starting at the block holding @pos and
 * ending at the one holding the last byte, or earlier when @xfer_max is
 * reached.
 */
VISIBLE_IF_KUNIT void qcom_scm_storage_span(u64 pos, size_t len, u32 block_size,
					    size_t xfer_max,
					    struct qcom_scm_storage_span *span)
{
	u64 start = round_down(pos, block_size);
	size_t head = pos - start;
	size_t bytes = min_t(u64, round_up(head + (u64)len, block_size),
			     xfer_max);

	span->lba = div_u64(start, block_size);
	span->head = head;
	span->bytes = bytes;
	span->copy = min_t(size_t, bytes - head, len);
}
EXPORT_SYMBOL_IF_KUNIT(qcom_scm_storage_span);

static int qcom_scm_storage_writable(struct qcom_scm_storage *st,
				     const char *what)
{
	if (READ_ONCE(allow_write))
		return 0;
	dev_warn_ratelimited(st->dev,
			     "%s refused: the flash is read-only; echo 1 > /sys/module/qcom_scm_storage/parameters/allow_write to allow it\n",
			     what);
	return -EROFS;
}

static int qcom_scm_storage_read(struct mtd_info *mtd, loff_t from, size_t len,
				 size_t *retlen, u_char *buf)
{
	struct qcom_scm_storage *st = mtd->priv;
	struct qcom_scm_storage_span span;
	int ret = 0;

	guard(mutex)(&st->lock);
	while (len) {
		qcom_scm_storage_span(from, len, st->block_size, st->xfer_max,
				      &span);
		ret = qcom_scm_storage_send(st->hdr, st->data, st->type,
					    QCOM_SCM_STORAGE_READ, span.lba,
					    span.bytes);
		if (ret) {
			dev_err_ratelimited(st->dev,
					    "read of %zu bytes at block %llu failed: %d\n",
					    span.bytes, span.lba, ret);
			break;
		}
		memcpy(buf, st->data + span.head, span.copy);
		buf += span.copy;
		from += span.copy;
		len -= span.copy;
		*retlen += span.copy;
	}
	return ret;
}

static int qcom_scm_storage_write(struct mtd_info *mtd, loff_t to, size_t len,
				  size_t *retlen, const u_char *buf)
{
	struct qcom_scm_storage *st = mtd->priv;
	struct qcom_scm_storage_span span;
	int ret;

	ret = qcom_scm_storage_writable(st, "write");
	if (ret)
		return ret;

	guard(mutex)(&st->lock);
	while (len) {
		qcom_scm_storage_span(to, len, st->block_size, st->xfer_max,
				      &span);
		/*
		 * The firmware programs whole blocks. NOR programming only
		 * clears bits, so 0xff around the caller's bytes leaves the
		 * rest of a partial block as it is: no read-modify-write.
		 */
		memset(st->data, 0xff, span.head);
		memcpy(st->data + span.head, buf, span.copy);
		memset(st->data + span.head + span.copy, 0xff,
		       span.bytes - span.head - span.copy);
		ret = qcom_scm_storage_send(st->hdr, st->data, st->type,
					    QCOM_SCM_STORAGE_WRITE, span.lba,
					    span.bytes);
		if (ret) {
			dev_err_ratelimited(st->dev,
					    "write of %zu bytes at block %llu failed: %d\n",
					    span.bytes, span.lba, ret);
			break;
		}
		buf += span.copy;
		to += span.copy;
		len -= span.copy;
		*retlen += span.copy;
	}
	return ret;
}

static int qcom_scm_storage_erase(struct mtd_info *mtd,
				  struct erase_info *instr)
{
	struct qcom_scm_storage *st = mtd->priv;
	u64 addr = instr->addr, len = instr->len;
	int ret;

	if (!IS_ALIGNED(addr, mtd->erasesize) ||
	    !IS_ALIGNED(len, mtd->erasesize)) {
		dev_err_ratelimited(st->dev,
				    "erase of 0x%llx+0x%llx is not aligned to the %u-byte erase block\n",
				    addr, len, mtd->erasesize);
		return -EINVAL;
	}
	ret = qcom_scm_storage_writable(st, "erase");
	if (ret)
		return ret;

	while (len) {
		/* Bounded chunks, ending on a chunk boundary. */
		u64 chunk = min(len, QCOM_SCM_STORAGE_ERASE_CHUNK -
				(addr & (QCOM_SCM_STORAGE_ERASE_CHUNK - 1)));

		scoped_guard(mutex, &st->lock)
			ret = qcom_scm_storage_send(st->hdr, NULL, st->type,
						    QCOM_SCM_STORAGE_ERASE,
						    div_u64(addr, st->block_size),
						    chunk);
		if (ret) {
			dev_err_ratelimited(st->dev,
					    "erase of 0x%llx+0x%llx failed: %d\n",
					    addr, chunk, ret);
			instr->fail_addr = addr;
			return ret;
		}
		addr += chunk;
		len -= chunk;
		if (len && fatal_signal_pending(current)) {
			instr->fail_addr = addr;
			return -EINTR;
		}
		cond_resched();
	}
	return 0;
}

static void qcom_scm_storage_tzmem_free(void *buf)
{
	qcom_tzmem_free(buf);
}

static void *qcom_scm_storage_alloc(struct qcom_scm_storage *st,
				    struct qcom_tzmem_pool *pool, size_t size)
{
	void *buf = qcom_tzmem_alloc(pool, size, GFP_KERNEL);

	if (!buf || devm_add_action_or_reset(st->dev,
					     qcom_scm_storage_tzmem_free, buf))
		return NULL;
	return buf;
}

/*
 * Partition tables, in the order they are tried: the device tree's
 * partitions node when there is one (its compatible names the parser),
 * else the GPT the flash carries.
 */
static const char * const qcom_scm_storage_dt_parts[] = {
	"cmdlinepart", "ofpart", NULL
};

static const char * const qcom_scm_storage_gpt_parts[] = {
	"cmdlinepart", "gptpart", NULL
};

static void qcom_scm_storage_put_node(void *np)
{
	of_node_put(np);
}

static int qcom_scm_storage_probe(struct platform_device *pdev)
{
	const struct qcom_scm_storage_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct device *dev = &pdev->dev;
	struct qcom_tzmem_pool_config pool_cfg = {
		.policy = QCOM_TZMEM_POLICY_STATIC,
	};
	struct qcom_tzmem_pool *pool;
	struct qcom_scm_storage *st;
	struct device_node *np;
	struct mtd_info *mtd;
	int ret;

	if (!pdata)
		return dev_err_probe(dev, -EINVAL, "no platform data\n");

	st = devm_kzalloc(dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->dev = dev;
	st->type = pdata->type;
	st->block_size = pdata->info.block_size;
	if (qcom_scm_storage_check_geometry(&pdata->info, &st->xfer_max))
		return dev_err_probe(dev, -EINVAL,
				     "unusable geometry from firmware: %llu blocks of %u bytes\n",
				     pdata->info.total_blocks,
				     pdata->info.block_size);

	pool_cfg.initial_size = PAGE_ALIGN(QCOM_SCM_STORAGE_HDR_SIZE) +
				PAGE_ALIGN(st->xfer_max);
	pool = devm_qcom_tzmem_pool_new(dev, &pool_cfg);
	if (IS_ERR(pool))
		return dev_err_probe(dev, PTR_ERR(pool),
				     "cannot create the tzmem pool\n");
	st->hdr = qcom_scm_storage_alloc(st, pool, QCOM_SCM_STORAGE_HDR_SIZE);
	st->data = qcom_scm_storage_alloc(st, pool, st->xfer_max);
	if (!st->hdr || !st->data)
		return -ENOMEM;

	ret = devm_mutex_init(dev, &st->lock);
	if (ret)
		return ret;

	mtd = &st->mtd;
	mtd->name = "qcom_scm_storage";
	mtd->type = MTD_NORFLASH;
	mtd->flags = MTD_CAP_NORFLASH;
	mtd->size = pdata->info.total_blocks * st->block_size;
	mtd->erasesize = erase_size ?: st->block_size;
	if (!is_power_of_2(mtd->erasesize) ||
	    mtd->erasesize < st->block_size ||
	    !IS_ALIGNED(mtd->size, mtd->erasesize))
		return dev_err_probe(dev, -EINVAL,
				     "erase_size %u is not a power-of-two multiple of the %u-byte block dividing the device\n",
				     erase_size, st->block_size);
	mtd->writesize = 1;
	mtd->writebufsize = st->block_size;
	mtd->owner = THIS_MODULE;
	mtd->dev.parent = dev;
	np = of_get_child_by_name(dev_of_node(dev->parent), "flash");
	ret = devm_add_action_or_reset(dev, qcom_scm_storage_put_node, np);
	if (ret)
		return ret;
	mtd_set_of_node(mtd, np);
	mtd->priv = st;
	mtd->_read = qcom_scm_storage_read;
	mtd->_write = qcom_scm_storage_write;
	mtd->_erase = qcom_scm_storage_erase;
	platform_set_drvdata(pdev, st);

	dev_info(dev, "%s %s: %llu MiB, %u-byte blocks, %u-byte erase blocks, %zu KiB per call, %s\n",
		 pdata->info.memory_type, pdata->info.product_name,
		 mtd->size >> 20, st->block_size, mtd->erasesize,
		 st->xfer_max >> 10,
		 READ_ONCE(allow_write) ? "writable" : "read-only");

	np = of_get_child_by_name(np, "partitions");
	of_node_put(np);

	return mtd_device_parse_register(mtd, np ? qcom_scm_storage_dt_parts :
					 qcom_scm_storage_gpt_parts, NULL, NULL,
					 0);
}

static void qcom_scm_storage_remove(struct platform_device *pdev)
{
	struct qcom_scm_storage *st = platform_get_drvdata(pdev);

	WARN_ON(mtd_device_unregister(&st->mtd));
}

static const struct platform_device_id qcom_scm_storage_ids[] = {
	{ "qcom_scm_storage" },
	{}
};
MODULE_DEVICE_TABLE(platform, qcom_scm_storage_ids);

static struct platform_driver qcom_scm_storage_driver = {
	.probe = qcom_scm_storage_probe,
	.remove = qcom_scm_storage_remove,
	.driver = {
		.name = "qcom_scm_storage",
	},
	.id_table = qcom_scm_storage_ids,
};
module_platform_driver(qcom_scm_storage_driver);

MODULE_DESCRIPTION("MTD driver for the SPI-NOR managed by Qualcomm TrustZone");
MODULE_LICENSE("GPL");
