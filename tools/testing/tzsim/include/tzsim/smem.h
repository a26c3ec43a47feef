/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Qualcomm shared memory (SMEM) as the boot loader lays it out and as a
 * remote processor allocates in it: the version 12 ("partitioned") layout
 * that the kernel's drivers/soc/qcom/smem.c parses.
 *
 *   0x000000  struct smem_header (8400 bytes): initialized = 1,
 *             version[7] = 12 << 16, free_offset = 0x3000, available = 0,
 *             toc[] unused (all zero)
 *   0x003000  global partition, hosts 0xfffe/0xfffe (QCOM_SMEM_HOST_ANY
 *             and hosts without a partition of their own), the rest
 *   ...       one partition per AP <-> remote pair, hosts 0/<pid>,
 *             SMEM_REMOTE_PART_SIZE each, in the order of @hosts
 *   size-4K   partition table "$TOC" (version 1), then "SIII" info with
 *             num_items = SMEM_NUM_ITEMS
 *
 * Every partition starts with a "$PRT" header; items are allocated from
 * its start ("uncached" list: 16-byte header with canary 0xa5a5, data
 * padded to 8 bytes); the "cached" list grows down from its end and stays
 * empty (Linux never allocates there; find walks it all the same).
 *
 * Pure code on a memory window: the firmware passes SOC_SMEM_BASE, the host
 * unit tests a buffer. All accesses are aligned 16/32-bit (the MMU is off at
 * EL3: Device memory); an entry that would make one unaligned or reach out of
 * its partition is reported as corrupt, never followed.
 */
#ifndef TZSIM_SMEM_H
#define TZSIM_SMEM_H

#include <tzsim/lib.h>

#define SMEM_HOST_APPS		0
#define SMEM_HOST_GLOBAL	0xfffe
#define SMEM_HOST_COUNT		20		/* Linux: remote hosts < 20 */
#define SMEM_HOST_ANY		0xffffffffU	/* QCOM_SMEM_HOST_ANY (-1) */

#define SMEM_VERSION_INDEX	7		/* SMEM_MASTER_SBL_VERSION_INDEX */
#define SMEM_PART_VERSION	12		/* SMEM_GLOBAL_PART_VERSION */
#define SMEM_HEADER_SIZE	8400
#define SMEM_FIRST_PART		0x3000		/* ALIGN(header, 4K) */
#define SMEM_TOC_SIZE		0x1000		/* the last 4K */
#define SMEM_ITEM_FIXED		8		/* items 0..7: boot loader only */
#define SMEM_NUM_ITEMS		1024		/* "SIII" num_items */
#define SMEM_CACHELINE		64
#define SMEM_REMOTE_PART_SIZE	0x20000		/* 128 KiB per AP<->remote */
#define SMEM_MAX_HOSTS		16		/* remote partitions */

#define SMEM_PRIVATE_CANARY	0xa5a5
#define SMEM_PART_HDR_SIZE	32		/* struct smem_partition_header */
#define SMEM_ENTRY_HDR_SIZE	16		/* struct smem_private_entry */

/* Results, with Linux's errno values. */
#define SMEM_OK			0
#define SMEM_ENOENT		(-2)
#define SMEM_EEXIST		(-17)
#define SMEM_EINVAL		(-22)
#define SMEM_ENOSPC		(-28)

/* The SMEM window: @base maps @size bytes (SOC_SMEM_SIZE). */
struct smem_region {
	uint8_t *base;
	uint32_t size;
};

/* A partition, as found through the partition table. */
struct smem_part {
	uint8_t *hdr;		/* its "$PRT" header */
	uint32_t offset;	/* from the start of SMEM */
	uint32_t size;
	uint32_t cacheline;
	uint16_t host0, host1;
};

/*
 * Lay out SMEM as the boot loader does (see above): @phys is the physical
 * address the "SIII" info records, @hosts the remote host ids (SMP2P
 * remote pids, 1..19, distinct) that get a partition with the AP (host 0).
 * Returns SMEM_OK, or SMEM_EINVAL if they do not fit.
 */
int smem_layout(const struct smem_region *s, uint32_t phys,
		const unsigned int *hosts, unsigned int nr_hosts);

/* num_items of the "SIII" info (the highest item number + 1), or 0. */
unsigned int smem_item_count(const struct smem_region *s);

/*
 * The partition Linux uses for @host (qcom_smem_get/alloc): the AP<->@host
 * one if @host < SMEM_HOST_COUNT has one, else the global partition. Checks
 * the table entry and the "$PRT" header as Linux does. SMEM_OK or
 * SMEM_EINVAL.
 */
int smem_partition(const struct smem_region *s, unsigned int host,
		   struct smem_part *part);

/*
 * The data of item @item in @host's partition (uncached list, then cached
 * list, as qcom_smem_get), and its size without padding in *@size if not
 * NULL; NULL if absent or the partition is corrupt.
 */
void *smem_find(const struct smem_region *s, unsigned int host,
		unsigned int item, uint32_t *size);

/*
 * Allocate @size bytes for item @item in @host's partition, appended to the
 * uncached list exactly as qcom_smem_alloc() does (the data is not
 * cleared). Call with the SMEM hardware mutex held. Returns SMEM_OK,
 * SMEM_EEXIST, SMEM_ENOSPC, or SMEM_EINVAL (item number out of range,
 * corrupt partition).
 */
int smem_alloc(const struct smem_region *s, unsigned int host,
	       unsigned int item, uint32_t size);

/*
 * The SMEM hardware mutex (a qcom,tcsr-mutex lock: the owner id, 0 when
 * free; Linux takes it as owner 1 = APPS). take() waits, up to @tries
 * reads, for it to be free, then writes @owner and reads it back: SMEM_OK,
 * or SMEM_EINVAL (still held: the caller decides). release() frees it if
 * @owner holds it.
 */
int smem_hwlock_take(volatile uint32_t *lock, uint32_t owner,
		     unsigned long tries);
void smem_hwlock_release(volatile uint32_t *lock, uint32_t owner);

#endif /* TZSIM_SMEM_H */
