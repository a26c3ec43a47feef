// SPDX-License-Identifier: GPL-2.0
/*
 * SMEM: the boot loader's version 12 layout and a remote processor's view
 * of it (find an item, allocate one), following drivers/soc/qcom/smem.c
 * field by field. Pure code: also built into the host unit tests (host/).
 * The layout is described in include/tzsim/smem.h.
 */
#include <tzsim/smem.h>

#define MAGIC32(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define TOC_MAGIC	MAGIC32('$', 'T', 'O', 'C')
#define PART_MAGIC	MAGIC32('$', 'P', 'R', 'T')
#define INFO_MAGIC	MAGIC32('S', 'I', 'I', 'I')

/* struct smem_header */
#define HDR_VERSION(i)		(64 + 4 * (i))
#define HDR_INITIALIZED		192
#define HDR_FREE_OFFSET		196
#define HDR_AVAILABLE		200
#define HDR_RESERVED		204

/* struct smem_ptable and its entries, then struct smem_info */
#define TOC_VERSION		4
#define TOC_NUM_ENTRIES		8
#define TOC_ENTRIES		32
#define TOC_ENTRY_SIZE		48
#define TE_OFFSET		0
#define TE_SIZE			4
#define TE_FLAGS		8
#define TE_HOST0		12
#define TE_HOST1		14
#define TE_CACHELINE		16
#define TOC_MAX_ENTRIES		((SMEM_TOC_SIZE - TOC_ENTRIES - 20) / TOC_ENTRY_SIZE)
#define INFO_SIZE		4
#define INFO_BASE_ADDR		8
#define INFO_NUM_ITEMS		16

/* struct smem_partition_header */
#define PH_HOST0		4
#define PH_HOST1		6
#define PH_SIZE			8
#define PH_FREE_UNCACHED	12
#define PH_FREE_CACHED		16

/* struct smem_private_entry */
#define PE_CANARY		0
#define PE_ITEM			2
#define PE_SIZE			4
#define PE_PADDING_DATA		8
#define PE_PADDING_HDR		10

/* Smallest global partition smem_layout() accepts. */
#define SMEM_MIN_GLOBAL		0x10000

static inline uint16_t rd16(const uint8_t *p)
{
	return *(const volatile uint16_t *)p;
}

static inline uint32_t rd32(const uint8_t *p)
{
	return *(const volatile uint32_t *)p;
}

static inline void wr16(uint8_t *p, uint16_t v)
{
	*(volatile uint16_t *)p = v;
}

static inline void wr32(uint8_t *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}

/* Order SMEM writes as Linux's wmb() does. */
static inline void smem_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void zero32(uint8_t *p, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i += 4)
		wr32(p + i, 0);
}

static void part_init(uint8_t *p, uint16_t host0, uint16_t host1,
		      uint32_t size)
{
	zero32(p, SMEM_PART_HDR_SIZE);
	wr32(p, PART_MAGIC);
	wr16(p + PH_HOST0, host0);
	wr16(p + PH_HOST1, host1);
	wr32(p + PH_SIZE, size);
	wr32(p + PH_FREE_UNCACHED, SMEM_PART_HDR_SIZE);
	wr32(p + PH_FREE_CACHED, size);
}

static void toc_entry(uint8_t *toc, unsigned int i, uint32_t offset,
		      uint32_t size, uint16_t host0, uint16_t host1)
{
	uint8_t *e = toc + TOC_ENTRIES + i * TOC_ENTRY_SIZE;

	wr32(e + TE_OFFSET, offset);
	wr32(e + TE_SIZE, size);
	wr32(e + TE_FLAGS, 0);
	wr16(e + TE_HOST0, host0);
	wr16(e + TE_HOST1, host1);
	wr32(e + TE_CACHELINE, SMEM_CACHELINE);
}

int smem_layout(const struct smem_region *s, uint32_t phys,
		const unsigned int *hosts, unsigned int nr_hosts)
{
	uint8_t *b = s->base, *toc, *info;
	uint32_t toc_off, global, off;
	unsigned int i, j;

	if (nr_hosts > SMEM_MAX_HOSTS || s->size % SMEM_TOC_SIZE)
		return SMEM_EINVAL;
	for (i = 0; i < nr_hosts; i++) {
		if (hosts[i] == SMEM_HOST_APPS || hosts[i] >= SMEM_HOST_COUNT)
			return SMEM_EINVAL;
		for (j = 0; j < i; j++)
			if (hosts[j] == hosts[i])
				return SMEM_EINVAL;
	}
	if ((uint64_t)SMEM_FIRST_PART + SMEM_MIN_GLOBAL + SMEM_TOC_SIZE +
	    (uint64_t)nr_hosts * SMEM_REMOTE_PART_SIZE > s->size)
		return SMEM_EINVAL;
	toc_off = s->size - SMEM_TOC_SIZE;
	global = toc_off - SMEM_FIRST_PART - nr_hosts * SMEM_REMOTE_PART_SIZE;

	/* The header, not yet "initialized". */
	zero32(b, SMEM_FIRST_PART);
	wr32(b + HDR_VERSION(SMEM_VERSION_INDEX), SMEM_PART_VERSION << 16);
	wr32(b + HDR_FREE_OFFSET, SMEM_FIRST_PART);
	wr32(b + HDR_AVAILABLE, 0);

	/* Partitions: the global one, then AP <-> each remote. */
	toc = b + toc_off;
	zero32(toc, SMEM_TOC_SIZE);
	part_init(b + SMEM_FIRST_PART, SMEM_HOST_GLOBAL, SMEM_HOST_GLOBAL,
		  global);
	toc_entry(toc, 0, SMEM_FIRST_PART, global, SMEM_HOST_GLOBAL,
		  SMEM_HOST_GLOBAL);
	off = SMEM_FIRST_PART + global;
	for (i = 0; i < nr_hosts; i++) {
		part_init(b + off, SMEM_HOST_APPS, hosts[i],
			  SMEM_REMOTE_PART_SIZE);
		toc_entry(toc, i + 1, off, SMEM_REMOTE_PART_SIZE,
			  SMEM_HOST_APPS, hosts[i]);
		off += SMEM_REMOTE_PART_SIZE;
	}
	wr32(toc + TOC_VERSION, 1);
	wr32(toc + TOC_NUM_ENTRIES, nr_hosts + 1);
	info = toc + TOC_ENTRIES + (nr_hosts + 1) * TOC_ENTRY_SIZE;
	wr32(info, INFO_MAGIC);
	wr32(info + INFO_SIZE, s->size);
	wr32(info + INFO_BASE_ADDR, phys);
	wr16(info + INFO_NUM_ITEMS, SMEM_NUM_ITEMS);
	smem_wmb();
	wr32(toc, TOC_MAGIC);
	smem_wmb();
	wr32(b + HDR_INITIALIZED, 1);
	return SMEM_OK;
}

/* The partition table, or NULL if there is none (or not version 1). */
static uint8_t *smem_toc(const struct smem_region *s, uint32_t *nr)
{
	uint8_t *toc;

	if (s->size < SMEM_TOC_SIZE || s->size % 8)
		return NULL;
	toc = s->base + s->size - SMEM_TOC_SIZE;
	if (rd32(toc) != TOC_MAGIC || rd32(toc + TOC_VERSION) != 1)
		return NULL;
	*nr = rd32(toc + TOC_NUM_ENTRIES);
	if (*nr > TOC_MAX_ENTRIES)
		return NULL;
	return toc;
}

unsigned int smem_item_count(const struct smem_region *s)
{
	uint32_t nr;
	uint8_t *toc = smem_toc(s, &nr), *info;

	if (!toc)
		return 0;
	info = toc + TOC_ENTRIES + nr * TOC_ENTRY_SIZE;
	if (rd32(info) != INFO_MAGIC)
		return 0;
	return rd16(info + INFO_NUM_ITEMS);
}

/* qcom_smem_partition_header()'s checks, and ours for safe walking. */
static int check_part(const struct smem_region *s, const uint8_t *e,
		      struct smem_part *p)
{
	uint32_t unc, cac;

	p->offset = rd32(e + TE_OFFSET);
	p->size = rd32(e + TE_SIZE);
	p->cacheline = rd32(e + TE_CACHELINE);
	p->host0 = rd16(e + TE_HOST0);
	p->host1 = rd16(e + TE_HOST1);
	if (p->offset % 8 || p->size < SMEM_PART_HDR_SIZE ||
	    (uint64_t)p->offset + p->size > s->size - SMEM_TOC_SIZE)
		return SMEM_EINVAL;
	p->hdr = s->base + p->offset;
	if (rd32(p->hdr) != PART_MAGIC || rd16(p->hdr + PH_HOST0) != p->host0 ||
	    rd16(p->hdr + PH_HOST1) != p->host1 ||
	    rd32(p->hdr + PH_SIZE) != p->size)
		return SMEM_EINVAL;
	unc = rd32(p->hdr + PH_FREE_UNCACHED);
	cac = rd32(p->hdr + PH_FREE_CACHED);
	if (unc > p->size || unc < SMEM_PART_HDR_SIZE || cac > p->size ||
	    unc > cac)
		return SMEM_EINVAL;
	return SMEM_OK;
}

int smem_partition(const struct smem_region *s, unsigned int host,
		   struct smem_part *part)
{
	uint32_t nr, i;
	uint8_t *toc = smem_toc(s, &nr), *e, *global = NULL;

	if (!toc)
		return SMEM_EINVAL;
	for (i = 0; i < nr; i++) {
		uint16_t h0, h1;

		e = toc + TOC_ENTRIES + i * TOC_ENTRY_SIZE;
		if (!rd32(e + TE_OFFSET) || !rd32(e + TE_SIZE))
			continue;
		h0 = rd16(e + TE_HOST0);
		h1 = rd16(e + TE_HOST1);
		if (h0 == SMEM_HOST_GLOBAL && h1 == SMEM_HOST_GLOBAL) {
			if (!global)
				global = e;
			continue;
		}
		if (host < SMEM_HOST_COUNT &&
		    ((h0 == SMEM_HOST_APPS && h1 == host) ||
		     (h1 == SMEM_HOST_APPS && h0 == host)))
			return check_part(s, e, part);
	}
	if (!global)
		return SMEM_EINVAL;
	return check_part(s, global, part);
}

/*
 * Walk @p's uncached list for @item: SMEM_OK with the entry's offset in
 * *@at, SMEM_ENOENT with the end of the list in *@at, or SMEM_EINVAL.
 */
static int walk_uncached(const struct smem_part *p, unsigned int item,
			 uint32_t *at)
{
	uint32_t end = rd32(p->hdr + PH_FREE_UNCACHED);
	uint64_t off = SMEM_PART_HDR_SIZE;

	while (off < end) {
		const uint8_t *e = p->hdr + off;

		if (off % 8 || off + SMEM_ENTRY_HDR_SIZE > p->size ||
		    rd16(e + PE_CANARY) != SMEM_PRIVATE_CANARY)
			return SMEM_EINVAL;
		if (rd16(e + PE_ITEM) == item) {
			*at = off;
			return SMEM_OK;
		}
		off += SMEM_ENTRY_HDR_SIZE + rd16(e + PE_PADDING_HDR) +
		       (uint64_t)rd32(e + PE_SIZE);
	}
	if (off != end)		/* the last entry overruns the free offset */
		return SMEM_EINVAL;
	*at = off;
	return SMEM_ENOENT;
}

/* The data of the entry at @data (offset) of @esize bytes, or NULL. */
static void *entry_data(const struct smem_part *p, const uint8_t *e,
			uint64_t data, uint32_t *size)
{
	uint32_t esize = rd32(e + PE_SIZE);
	uint16_t pad = rd16(e + PE_PADDING_DATA);

	if (esize > p->size || pad > esize || data % 8 ||
	    data + esize > p->size)
		return NULL;
	if (size)
		*size = esize - pad;
	return p->hdr + data;
}

static void *find_cached(const struct smem_part *p, unsigned int item,
			 uint32_t *size)
{
	uint32_t cl = p->cacheline, hsz, end = rd32(p->hdr + PH_FREE_CACHED);
	uint64_t off;

	/* cacheline: a power of two that keeps the headers aligned */
	if (cl < 8 || cl > 4096 || (cl & (cl - 1)))
		return NULL;
	hsz = ALIGN_UP((uint32_t)SMEM_ENTRY_HDR_SIZE, cl);
	if (hsz > p->size)
		return NULL;
	off = p->size - hsz;
	while (off > end) {
		const uint8_t *e = p->hdr + off;
		uint32_t esize;

		if (off % 8 || rd16(e + PE_CANARY) != SMEM_PRIVATE_CANARY)
			return NULL;
		esize = rd32(e + PE_SIZE);
		if (esize > off)
			return NULL;
		if (rd16(e + PE_ITEM) == item)
			return entry_data(p, e, off - esize, size);
		if ((uint64_t)esize + hsz > off)
			return NULL;
		off -= esize + hsz;
	}
	return NULL;
}

void *smem_find(const struct smem_region *s, unsigned int host,
		unsigned int item, uint32_t *size)
{
	struct smem_part p;
	uint32_t at;
	int ret;

	if (item >= smem_item_count(s) || smem_partition(s, host, &p))
		return NULL;
	ret = walk_uncached(&p, item, &at);
	if (ret == SMEM_OK) {
		const uint8_t *e = p.hdr + at;

		return entry_data(&p, e, (uint64_t)at + SMEM_ENTRY_HDR_SIZE +
				  rd16(e + PE_PADDING_HDR), size);
	}
	if (ret != SMEM_ENOENT)
		return NULL;
	return find_cached(&p, item, size);
}

int smem_alloc(const struct smem_region *s, unsigned int host,
	       unsigned int item, uint32_t size)
{
	struct smem_part p;
	uint64_t alloc;
	uint32_t at;
	uint8_t *e;
	int ret;

	if (item < SMEM_ITEM_FIXED || item >= smem_item_count(s) ||
	    smem_partition(s, host, &p))
		return SMEM_EINVAL;
	ret = walk_uncached(&p, item, &at);
	if (ret == SMEM_OK)
		return SMEM_EEXIST;
	if (ret != SMEM_ENOENT)
		return ret;
	alloc = SMEM_ENTRY_HDR_SIZE + ALIGN_UP((uint64_t)size, 8);
	if (at + alloc > rd32(p.hdr + PH_FREE_CACHED))
		return SMEM_ENOSPC;
	e = p.hdr + at;
	wr16(e + PE_CANARY, SMEM_PRIVATE_CANARY);
	wr16(e + PE_ITEM, item);
	wr32(e + PE_SIZE, ALIGN_UP(size, 8));
	wr16(e + PE_PADDING_DATA, ALIGN_UP(size, 8) - size);
	wr16(e + PE_PADDING_HDR, 0);	/* reserved: left as it is, as Linux */
	/* The entry before the free offset that makes it visible. */
	smem_wmb();
	wr32(p.hdr + PH_FREE_UNCACHED, at + alloc);
	return SMEM_OK;
}

int smem_hwlock_take(volatile uint32_t *lock, uint32_t owner,
		     unsigned long tries)
{
	while (tries--) {
		if (*lock)
			continue;
		*lock = owner;
		smem_wmb();
		if (*lock == owner)
			return SMEM_OK;
	}
	return SMEM_EINVAL;
}

void smem_hwlock_release(volatile uint32_t *lock, uint32_t owner)
{
	smem_wmb();
	if (*lock == owner)
		*lock = 0;
}
