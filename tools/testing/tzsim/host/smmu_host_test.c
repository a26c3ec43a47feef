// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the SMMUv3 walk (services/smmu_walk.c) against a
 * re-implementation of what Linux 6.12 writes to memory and registers:
 * arm-smmu-v3.c's stream table (linear with abort STEs, or 2-level with
 * L2 tables made on demand), STEs (abort, bypass, S1 CD table) and S1 CDs,
 * and io-pgtable-arm.c's AArch64 stage 1 tables, filled the way the IOMMU
 * core's iommu_map()/iommu_unmap() split a range into pages and blocks.
 * The "kernel" allocates from a 16 MiB buffer standing for part of
 * normal-world DRAM; the walk reads it through the callback, which also
 * records any read it should never have made. Then services/smmu.c, the
 * remote model's hooks, on a fake register page, clock and log, and the
 * config key that turns the board's SMMU on (core/config_parse.c).
 * ASan/UBSan; output is KTAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/plat.h>
#include <tzsim/smmu.h>
#include <tzsim/soc.h>

#define SZ_4K		0x1000ULL
#define SZ_16K		0x4000ULL
#define SZ_64K		0x10000ULL
#define SZ_2M		0x200000ULL
#define SZ_32M		0x2000000ULL
#define SZ_512M		0x20000000ULL
#define SZ_1G		0x40000000ULL
#define GENMASK(h, l)	((~0ULL >> (63 - (h))) & (~0ULL << (l)))

/*
 * The board: a DRAM window, and the part of it the fake memory backs. The
 * backing is host memory mapped at its own "physical" address, so that
 * services/smmu.c, which reads tables through plain pointers as EL3 does
 * with the MMU off, runs on it unchanged. 1 GiB: in ASan's low memory,
 * and below the 44 bits of output address QEMU's SMMU offers.
 */
#define MEM_BASE	0x40000000ULL
#define MEM_SIZE	(16ULL << 20)
#define DRAM_BASE	0x30000000ULL
#define DRAM_SIZE	0x40000000ULL
#define SECURE_RAM	0x0e000000ULL

/* The sc7280 remotes' carveouts and stream ids (soc.c, the overlay). */
#define ADSP_BASE	0x86700000ULL
#define ADSP_SIZE	0x2800000ULL
#define ADSP_SID	0x1800
#define CDSP_BASE	0x88f00000ULL
#define CDSP_SIZE	0x1e00000ULL
#define CDSP_SID	0x11a0
#define MODEM_BASE	0x8b800000ULL
#define MODEM_SIZE	0xf600000ULL

/* ---- Fake normal-world memory ---- */

struct fake {
	uint8_t *mem;
	uint64_t next;		/* bump allocator */
	uint64_t calls;		/* read64 callbacks */
	uint64_t outside;	/* ... for addresses outside the window */
};

static void fake_init(struct fake *f)
{
	void *p = mmap((void *)(uintptr_t)MEM_BASE, MEM_SIZE,
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	memset(f, 0, sizeof(*f));
	if (p != (void *)(uintptr_t)MEM_BASE) {
		perror("mmap of the fake DRAM at 0x40000000");
		abort();
	}
	f->mem = p;
	f->next = MEM_BASE;
}

static void fake_free(struct fake *f)
{
	munmap(f->mem, MEM_SIZE);
}

/* dma_alloc_coherent()/iommu_alloc_pages(): zeroed, naturally aligned. */
static uint64_t dma_alloc(struct fake *f, uint64_t size)
{
	uint64_t align = SZ_4K, pa;

	while (align < size)
		align <<= 1;
	pa = (f->next + align - 1) & ~(align - 1);
	if (pa + size > MEM_BASE + MEM_SIZE) {
		fprintf(stderr, "fake DRAM exhausted\n");
		abort();
	}
	f->next = pa + size;
	return pa;
}

static uint64_t *at(struct fake *f, uint64_t pa)
{
	if (pa < MEM_BASE || pa + 8 > MEM_BASE + MEM_SIZE || (pa & 7)) {
		fprintf(stderr, "kernel side: bad address 0x%llx\n",
			(unsigned long long)pa);
		abort();
	}
	return (uint64_t *)(f->mem + (pa - MEM_BASE));
}

static uint64_t rd64(struct fake *f, uint64_t pa)
{
	return *at(f, pa);
}

static void wr64(struct fake *f, uint64_t pa, uint64_t v)
{
	*at(f, pa) = v;
}

static int fake_read64(void *priv, uint64_t pa, uint64_t *val)
{
	struct fake *f = priv;

	f->calls++;
	if (pa < DRAM_BASE || pa + 8 > DRAM_BASE + DRAM_SIZE)
		f->outside++;
	if (pa < MEM_BASE || pa + 8 > MEM_BASE + MEM_SIZE)
		return -1;
	memcpy(val, f->mem + (pa - MEM_BASE), 8);
	return 0;
}

static void mem_init(struct smmu_mem *m, struct fake *f)
{
	memset(m, 0, sizeof(*m));
	m->read64 = fake_read64;
	m->priv = f;
	m->dram_base = DRAM_BASE;
	m->dram_size = DRAM_SIZE;
}

/* ---- Linux's arm-smmu-v3 (6.12), as far as memory is concerned ---- */

#define L_CR0_SMMUEN		(1U << 0)
#define L_CR0_EVTQEN		(1U << 2)
#define L_CR0_CMDQEN		(1U << 3)
#define L_IDR0_ST_LVL_2LVL	(1U << 27)
#define L_IDR0_TTENDIAN_LE	(2U << 21)
#define L_IDR0_ASID16		(1U << 12)
#define L_IDR0_COHACC		(1U << 4)
#define L_IDR0_TTF_AARCH64	(2U << 2)
#define L_IDR0_S1P		(1U << 1)
#define L_IDR5_GRAN64K		(1U << 6)
#define L_IDR5_GRAN16K		(1U << 5)
#define L_IDR5_GRAN4K		(1U << 4)
#define L_IDR5_OAS_44_BIT	4

#define L_STRTAB_BASE_RA	(1ULL << 62)
#define L_STRTAB_BASE_ADDR_MASK	GENMASK(51, 6)
#define L_CFG_FMT_LINEAR	(0U << 16)
#define L_CFG_FMT_2LVL		(1U << 16)
#define L_CFG_SPLIT(x)		((x) << 6)
#define L_STRTAB_SPLIT		8
#define L_STRTAB_MAX_L1_ENTRIES	(1U << 17)
#define L_STRTAB_L1_DESC_SPAN	GENMASK(4, 0)
#define L_STRTAB_L1_L2PTR_MASK	GENMASK(51, 6)
#define L_STE_DWORDS		8

#define L_STE_0_V		(1ULL << 0)
#define L_STE_0_CFG(x)		((uint64_t)(x) << 1)
#define L_STE_CFG_ABORT		0
#define L_STE_CFG_BYPASS	4
#define L_STE_CFG_S1_TRANS	5
#define L_STE_CFG_S2_TRANS	6
#define L_STE_0_S1FMT(x)	((uint64_t)(x) << 4)
#define L_S1FMT_LINEAR		0
#define L_S1FMT_64K_L2		2
#define L_STE_0_S1CTXPTR_MASK	GENMASK(51, 6)
#define L_STE_0_S1CDMAX(x)	((uint64_t)(x) << 59)
#define L_STE_1_S1DSS(x)	((uint64_t)(x))
#define L_S1DSS_TERMINATE	0
#define L_S1DSS_BYPASS		1
#define L_S1DSS_SSID0		2
#define L_STE_1_S1CIR(x)	((uint64_t)(x) << 2)
#define L_STE_1_S1COR(x)	((uint64_t)(x) << 4)
#define L_STE_1_S1CSH(x)	((uint64_t)(x) << 6)
#define L_S1C_CACHE_WBRA	1
#define L_SH_ISH		3
#define L_STE_1_STRW(x)		((uint64_t)(x) << 30)
#define L_STRW_NSEL1		0

#define L_CTXDESC_L2_ENTRIES	1024
#define L_CTXDESC_L1_DESC_V	(1ULL << 0)
#define L_CTXDESC_L1_L2PTR_MASK	GENMASK(51, 12)
#define L_CD_DWORDS		8
#define L_CD_0_T0SZ(x)		((uint64_t)(x))
#define L_CD_0_TG0(x)		((uint64_t)(x) << 6)
#define L_CD_0_IRGN0(x)		((uint64_t)(x) << 8)
#define L_CD_0_ORGN0(x)		((uint64_t)(x) << 10)
#define L_CD_0_SH0(x)		((uint64_t)(x) << 12)
#define L_CD_0_EPD0		(1ULL << 14)
#define L_CD_0_ENDI		(1ULL << 15)
#define L_CD_0_EPD1		(1ULL << 30)
#define L_CD_0_V		(1ULL << 31)
#define L_CD_0_IPS(x)		((uint64_t)(x) << 32)
#define L_CD_0_AA64		(1ULL << 41)
#define L_CD_0_R		(1ULL << 45)
#define L_CD_0_A		(1ULL << 46)
#define L_CD_0_ASET		(1ULL << 47)
#define L_CD_0_ASID(x)		((uint64_t)(x) << 48)
#define L_CD_1_TTB0_MASK	GENMASK(51, 4)

struct lsmmu {
	struct fake *f;
	struct smmu_regs regs;
	bool two_level;
	unsigned int sid_bits;
	uint64_t strtab;	/* linear table, or the L1 table */
};

static void make_abort_ste(uint64_t ste[L_STE_DWORDS])
{
	memset(ste, 0, L_STE_DWORDS * 8);
	ste[0] = L_STE_0_V | L_STE_0_CFG(L_STE_CFG_ABORT);
}

static void make_bypass_ste(uint64_t ste[L_STE_DWORDS])
{
	memset(ste, 0, L_STE_DWORDS * 8);
	ste[0] = L_STE_0_V | L_STE_0_CFG(L_STE_CFG_BYPASS);
}

static void write_stes_abort(struct fake *f, uint64_t pa, unsigned int n)
{
	uint64_t ste[L_STE_DWORDS];
	unsigned int i, k;

	make_abort_ste(ste);
	for (i = 0; i < n; i++)
		for (k = 0; k < L_STE_DWORDS; k++)
			wr64(f, pa + i * 64 + k * 8, ste[k]);
}

static unsigned int ilog2(uint64_t v)
{
	return 63 - __builtin_clzll(v);
}

/* arm_smmu_init_strtab() + arm_smmu_write_strtab() + device reset. */
static void lsmmu_init(struct lsmmu *s, struct fake *f, bool two_level,
		       unsigned int sid_bits)
{
	memset(s, 0, sizeof(*s));
	s->f = f;
	s->two_level = two_level;
	s->sid_bits = sid_bits;
	/* QEMU 7.2's SMMUv3: what "features 0x8305" comes from */
	s->regs.idr0 = L_IDR0_ST_LVL_2LVL | L_IDR0_TTENDIAN_LE |
		       L_IDR0_ASID16 | L_IDR0_COHACC | L_IDR0_TTF_AARCH64 |
		       L_IDR0_S1P;
	s->regs.idr1 = sid_bits;
	s->regs.idr5 = L_IDR5_GRAN64K | L_IDR5_GRAN16K | L_IDR5_GRAN4K |
		       L_IDR5_OAS_44_BIT;
	if (two_level) {
		unsigned int last = ((1U << sid_bits) - 1) >> L_STRTAB_SPLIT;
		unsigned int n = last + 1 < L_STRTAB_MAX_L1_ENTRIES ?
				 last + 1 : L_STRTAB_MAX_L1_ENTRIES;

		s->strtab = dma_alloc(f, n * 8ULL);
		s->regs.strtab_base_cfg = L_CFG_FMT_2LVL |
			(ilog2(n) + L_STRTAB_SPLIT) |
			L_CFG_SPLIT(L_STRTAB_SPLIT);
	} else {
		s->strtab = dma_alloc(f, (1ULL << sid_bits) * 64);
		write_stes_abort(f, s->strtab, 1U << sid_bits);
		s->regs.strtab_base_cfg = L_CFG_FMT_LINEAR | sid_bits;
	}
	s->regs.strtab_base = (s->strtab & L_STRTAB_BASE_ADDR_MASK) |
			      L_STRTAB_BASE_RA;
	s->regs.cr0 = L_CR0_SMMUEN | L_CR0_EVTQEN | L_CR0_CMDQEN;
}

/* arm_smmu_get_step_for_sid(), after arm_smmu_init_l2_strtab(). */
static uint64_t lsmmu_ste_ptr(struct lsmmu *s, uint32_t sid)
{
	uint64_t l1, d;

	if (!s->two_level)
		return s->strtab + (uint64_t)sid * 64;
	l1 = s->strtab + (uint64_t)(sid >> L_STRTAB_SPLIT) * 8;
	d = rd64(s->f, l1);
	if (!d) {
		uint64_t l2 = dma_alloc(s->f, (1U << L_STRTAB_SPLIT) * 64);

		write_stes_abort(s->f, l2, 1U << L_STRTAB_SPLIT);
		d = (L_STRTAB_SPLIT + 1) | (l2 & L_STRTAB_L1_L2PTR_MASK);
		wr64(s->f, l1, d);
	}
	return (d & L_STRTAB_L1_L2PTR_MASK) +
	       (sid & ((1U << L_STRTAB_SPLIT) - 1)) * 64ULL;
}

static void lsmmu_write_ste(struct lsmmu *s, uint32_t sid,
			    const uint64_t ste[L_STE_DWORDS])
{
	uint64_t p = lsmmu_ste_ptr(s, sid);
	unsigned int k;

	for (k = 0; k < L_STE_DWORDS; k++)
		wr64(s->f, p + k * 8, ste[k]);
}

/* ---- Linux's io-pgtable-arm (ARM_64_LPAE_S1) and iommu core ---- */

#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)
#define IOMMU_CACHE	(1 << 2)
#define IOMMU_PRIV	(1 << 5)

#define L_PTE_TYPE_BLOCK	1ULL
#define L_PTE_TYPE_TABLE	3ULL
#define L_PTE_TYPE_PAGE		3ULL
#define L_PTE_ADDR_MASK		GENMASK(47, 12)
#define L_PTE_AF		(1ULL << 10)
#define L_PTE_SH_OS		(2ULL << 8)
#define L_PTE_SH_IS		(3ULL << 8)
#define L_PTE_AP_UNPRIV		(1ULL << 6)
#define L_PTE_AP_RDONLY		(1ULL << 7)
#define L_PTE_nG		(1ULL << 11)
#define L_PTE_APTABLE_RDONLY	(1ULL << 62)
#define L_MAIR_IDX_CACHE	1
#define L_TCR_TG0_4K		0
#define L_TCR_TG0_64K		1
#define L_TCR_TG0_16K		2
#define L_TCR_SH_IS		3
#define L_TCR_RGN_WBWA		1
#define L_MAX_LEVELS		4

struct ldomain {
	struct fake *f;
	uint64_t granule, pgsize_bitmap;
	unsigned int bits_per_level, ias, oas;
	int start_level, pgd_bits;
	uint64_t pgd;
	uint16_t asid;
};

static unsigned int l_lvl_shift(const struct ldomain *d, int l)
{
	return (L_MAX_LEVELS - l) * d->bits_per_level + 3;
}

static uint64_t l_block_size(const struct ldomain *d, int l)
{
	return 1ULL << l_lvl_shift(d, l);
}

static uint64_t l_lvl_idx(const struct ldomain *d, uint64_t a, int l)
{
	int bits = d->bits_per_level +
		   (l == d->start_level ? d->pgd_bits - d->bits_per_level : 0);

	return (a >> l_lvl_shift(d, l)) & ((1ULL << bits) - 1);
}

static uint64_t paddr_to_iopte(uint64_t pa)
{
	return (pa | (pa >> (48 - 12))) & L_PTE_ADDR_MASK;
}

static uint64_t iopte_to_paddr(const struct ldomain *d, uint64_t pte)
{
	uint64_t pa = pte & L_PTE_ADDR_MASK;

	if (d->granule < SZ_64K)
		return pa;
	return (pa | (pa << (48 - 12))) & (L_PTE_ADDR_MASK << 4);
}

/*
 * arm_smmu_domain_finalise() for S1 (ias = min(48, VA_BITS), oas = the
 * SMMU's ias, 44 on QEMU) + arm_64_lpae_alloc_pgtable_s1().
 */
static void ldomain_init(struct ldomain *d, struct fake *f, uint64_t granule,
			 unsigned int ias, unsigned int oas)
{
	unsigned int pg_shift = ilog2(granule), va_bits, levels;

	memset(d, 0, sizeof(*d));
	d->f = f;
	d->granule = granule;
	d->pgsize_bitmap = granule == SZ_4K ? SZ_4K | SZ_2M | SZ_1G :
			   granule == SZ_16K ? SZ_16K | SZ_32M :
			   SZ_64K | SZ_512M;
	d->ias = ias;
	d->oas = oas;
	d->bits_per_level = pg_shift - 3;
	va_bits = ias - pg_shift;
	levels = (va_bits + d->bits_per_level - 1) / d->bits_per_level;
	d->start_level = L_MAX_LEVELS - levels;
	d->pgd_bits = va_bits - d->bits_per_level * (levels - 1);
	d->pgd = dma_alloc(f, 8ULL << d->pgd_bits);
	d->asid = 1;
}

static uint64_t prot_to_pte(int prot)
{
	uint64_t pte = L_PTE_nG;

	if (!(prot & IOMMU_WRITE) && (prot & IOMMU_READ))
		pte |= L_PTE_AP_RDONLY;
	if (!(prot & IOMMU_PRIV))
		pte |= L_PTE_AP_UNPRIV;
	if (prot & IOMMU_CACHE)
		pte |= (L_MAIR_IDX_CACHE << 2) | L_PTE_SH_IS;
	else
		pte |= L_PTE_SH_OS;
	return pte | L_PTE_AF;
}

/* iommu_pgsize(): the biggest page both aligned and not too big. */
static uint64_t pgsize_for(const struct ldomain *d, uint64_t iova,
			   uint64_t pa, uint64_t size)
{
	uint64_t merge = iova | pa;
	uint64_t sizes = d->pgsize_bitmap & GENMASK(ilog2(size), 0);

	if (merge)
		sizes &= GENMASK(__builtin_ctzll(merge), 0);
	if (!sizes)
		abort();
	return 1ULL << ilog2(sizes);
}

/* __arm_lpae_map() of one page or block. */
static int l_map_one(struct ldomain *d, uint64_t iova, uint64_t pa,
		     uint64_t size, int prot)
{
	uint64_t table = d->pgd, ptep, pte;
	int l = d->start_level;

	for (;;) {
		ptep = table + l_lvl_idx(d, iova, l) * 8;
		pte = rd64(d->f, ptep);
		if (size == l_block_size(d, l)) {
			if (pte)
				return -17;	/* -EEXIST: unmap first */
			wr64(d->f, ptep, paddr_to_iopte(pa) | prot_to_pte(prot) |
			     (l == L_MAX_LEVELS - 1 ? L_PTE_TYPE_PAGE :
			      L_PTE_TYPE_BLOCK));
			return 0;
		}
		if (!pte) {
			uint64_t t = dma_alloc(d->f, d->granule);

			pte = paddr_to_iopte(t) | L_PTE_TYPE_TABLE;
			wr64(d->f, ptep, pte);
		} else if ((pte & 3) != L_PTE_TYPE_TABLE) {
			return -17;
		}
		table = iopte_to_paddr(d, pte);
		l++;
	}
}

/* iommu_map(domain, iova, pa, size, prot) */
static int l_iommu_map(struct ldomain *d, uint64_t iova, uint64_t pa,
		       uint64_t size, int prot)
{
	while (size) {
		uint64_t pg = pgsize_for(d, iova, pa, size);
		int ret = l_map_one(d, iova, pa, pg, prot);

		if (ret)
			return ret;
		iova += pg;
		pa += pg;
		size -= pg;
	}
	return 0;
}

/*
 * iommu_unmap(domain, iova, size): __arm_lpae_unmap() clears the entry at
 * the level of each chunk's size (a table there goes with it).
 */
static void l_iommu_unmap(struct ldomain *d, uint64_t iova, uint64_t size)
{
	while (size) {
		uint64_t pg = pgsize_for(d, iova, iova, size);
		uint64_t table = d->pgd, ptep, pte;
		int l = d->start_level;

		for (;;) {
			ptep = table + l_lvl_idx(d, iova, l) * 8;
			pte = rd64(d->f, ptep);
			if (!pte)
				return;		/* nothing there: iommu_unmap stops */
			if (pg == l_block_size(d, l)) {
				wr64(d->f, ptep, 0);
				break;
			}
			if ((pte & 3) != L_PTE_TYPE_TABLE)
				abort();	/* partial block: not in 6.12 */
			table = iopte_to_paddr(d, pte);
			l++;
		}
		iova += pg;
		size -= pg;
	}
}

static unsigned int ips_of(unsigned int oas)
{
	switch (oas) {
	case 32: return 0;
	case 36: return 1;
	case 40: return 2;
	case 42: return 3;
	case 44: return 4;
	case 48: return 5;
	default: return 6;
	}
}

/* arm_smmu_make_s1_cd() */
static void make_s1_cd(const struct ldomain *d, uint64_t cd[L_CD_DWORDS])
{
	unsigned int tg = d->granule == SZ_4K ? L_TCR_TG0_4K :
			  d->granule == SZ_16K ? L_TCR_TG0_16K : L_TCR_TG0_64K;

	memset(cd, 0, L_CD_DWORDS * 8);
	cd[0] = L_CD_0_T0SZ(64 - d->ias) | L_CD_0_TG0(tg) |
		L_CD_0_IRGN0(L_TCR_RGN_WBWA) | L_CD_0_ORGN0(L_TCR_RGN_WBWA) |
		L_CD_0_SH0(L_TCR_SH_IS) | L_CD_0_EPD1 | L_CD_0_V |
		L_CD_0_IPS(ips_of(d->oas)) | L_CD_0_AA64 | L_CD_0_R |
		L_CD_0_A | L_CD_0_ASET | L_CD_0_ASID(d->asid);
	cd[1] = d->pgd & L_CD_1_TTB0_MASK;
	cd[3] = 0x00000000f404ff44ULL;	/* MAIR: NC, WBRWA, DEV, INC_OWBRWA */
}

/* arm_smmu_make_cdtable_ste() */
static void make_cdtable_ste(uint64_t cdtab, unsigned int s1fmt,
			     unsigned int s1cdmax, unsigned int s1dss,
			     uint64_t ste[L_STE_DWORDS])
{
	memset(ste, 0, L_STE_DWORDS * 8);
	ste[0] = L_STE_0_V | L_STE_0_CFG(L_STE_CFG_S1_TRANS) |
		 L_STE_0_S1FMT(s1fmt) | (cdtab & L_STE_0_S1CTXPTR_MASK) |
		 L_STE_0_S1CDMAX(s1cdmax);
	ste[1] = L_STE_1_S1DSS(s1dss) | L_STE_1_S1CIR(L_S1C_CACHE_WBRA) |
		 L_STE_1_S1COR(L_S1C_CACHE_WBRA) | L_STE_1_S1CSH(L_SH_ISH) |
		 L_STE_1_STRW(L_STRW_NSEL1);
}

/*
 * arm_smmu_attach_dev() of a paging domain to a master without PASIDs
 * (ssid_bits 0): a linear CD table of one CD, CD 0, a S1 STE. Returns
 * the CD's address.
 */
static uint64_t l_attach(struct lsmmu *s, uint32_t sid, const struct ldomain *d)
{
	uint64_t cdtab = dma_alloc(s->f, L_CD_DWORDS * 8), cd[L_CD_DWORDS];
	uint64_t ste[L_STE_DWORDS];
	unsigned int k;

	make_s1_cd(d, cd);
	for (k = 0; k < L_CD_DWORDS; k++)
		wr64(s->f, cdtab + k * 8, cd[k]);
	make_cdtable_ste(cdtab, L_S1FMT_LINEAR, 0, L_S1DSS_SSID0, ste);
	lsmmu_write_ste(s, sid, ste);
	return cdtab;
}

/* ---- The fixture: an SMMU like QEMU's, 2-level, SIDSIZE 16 ---- */

struct env {
	struct fake f;
	struct lsmmu s;
	struct smmu_mem mem;
	struct smmu_report rep;
};

FIXTURE(smmu_walk) {
	struct env e;
};

FIXTURE_SETUP(smmu_walk)
{
	fake_init(&self->e.f);
	lsmmu_init(&self->e.s, &self->e.f, true, 16);
	mem_init(&self->e.mem, &self->e.f);
}

FIXTURE_TEARDOWN(smmu_walk)
{
	fake_free(&self->e.f);
}

static int check(struct env *e, uint32_t sid, uint64_t base,
		 uint64_t size, enum smmu_check mode)
{
	return smmu_walk_range(&e->s.regs, &e->mem, sid, base, size, mode,
			       &e->rep);
}

/* A domain like Linux's on QEMU (4K pages, VA_BITS 48), carveout mapped. */
static void map_carveout(struct env *e, struct ldomain *d, uint32_t sid,
			 uint64_t base, uint64_t size)
{
	ldomain_init(d, &e->f, SZ_4K, 48, 44);
	l_attach(&e->s, sid, d);
	if (l_iommu_map(d, base, base, size, IOMMU_READ | IOMMU_WRITE))
		abort();
}

TEST_F(smmu_walk, identity_rw_two_level_4_levels)
{
	struct ldomain adsp, cdsp;

	map_carveout(&self->e, &adsp, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	map_carveout(&self->e, &cdsp, CDSP_SID, CDSP_BASE, CDSP_SIZE);
	ASSERT_EQ(4, L_MAX_LEVELS - adsp.start_level);

	ASSERT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	/* 1 MiB of 4K pages, 19 2M blocks, 1 MiB of 4K pages */
	EXPECT_EQ(256 + 19 + 256, self->e.rep.leaves);
	EXPECT_LE(self->e.rep.reads, self->e.rep.leaves + 16);
	EXPECT_EQ(0, self->e.f.outside);
	EXPECT_EQ(12, self->e.rep.stream.granule_shift);
	EXPECT_EQ(48, self->e.rep.stream.ias);
	EXPECT_EQ(44, self->e.rep.stream.oas);
	EXPECT_EQ(0, self->e.rep.stream.start_level);
	EXPECT_EQ(adsp.pgd, self->e.rep.stream.ttb);

	ASSERT_EQ(SMMU_OK, check(&self->e, CDSP_SID, CDSP_BASE, CDSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(256 + 14 + 256, self->e.rep.leaves);
	/* each stream sees its own carveout only */
	EXPECT_EQ(SMMU_NOT_MAPPED, check(&self->e, CDSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE, self->e.rep.first_bad);
	EXPECT_EQ(SMMU_OK, check(&self->e, CDSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_UNMAPPED));
}

TEST(smmu_linear_3_levels)
{
	struct fake f;
	struct lsmmu s;
	struct ldomain d;
	struct smmu_mem mem;
	struct smmu_report rep;

	fake_init(&f);
	/* an SMMU without 2-level stream tables: linear, abort STEs */
	lsmmu_init(&s, &f, false, 13);
	mem_init(&mem, &f);
	ldomain_init(&d, &f, SZ_4K, 39, 44);	/* VA_BITS 39 */
	ASSERT_EQ(1, d.start_level);
	l_attach(&s, ADSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE, ADSP_BASE, ADSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_OK, smmu_walk_range(&s.regs, &mem, ADSP_SID, ADSP_BASE,
					   ADSP_SIZE, SMMU_CHECK_IDENTITY_RW,
					   &rep));
	EXPECT_EQ(531, rep.leaves);
	EXPECT_EQ(1, rep.stream.start_level);
	EXPECT_EQ(39, rep.stream.ias);
	EXPECT_EQ(s.strtab + ADSP_SID * 64ULL, rep.stream.ste_pa);
	/* an unattached stream: Linux's initial abort STE */
	EXPECT_EQ(SMMU_STE_ABORT, smmu_walk_range(&s.regs, &mem, CDSP_SID,
						  CDSP_BASE, CDSP_SIZE,
						  SMMU_CHECK_IDENTITY_RW,
						  &rep));
	/* beyond the table's 13 bits */
	EXPECT_EQ(SMMU_STE_INVALID, smmu_walk_range(&s.regs, &mem, 0x2000,
						    ADSP_BASE, ADSP_SIZE,
						    SMMU_CHECK_IDENTITY_RW,
						    &rep));
	EXPECT_EQ(0, f.outside);
	fake_free(&f);
}

TEST_F(smmu_walk, one_page_missing)
{
	struct ldomain d;
	char line[160];

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	l_iommu_unmap(&d, ADSP_BASE + 0x5000, SZ_4K);
	ASSERT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE + 0x5000, self->e.rep.first_bad);
	EXPECT_EQ(3, self->e.rep.level);
	smmu_report_str(&self->e.rep, line, sizeof(line));
	EXPECT_STREQ("0x86705000: invalid descriptor (level 3)", line);
	EXPECT_STREQ("not-mapped", smmu_result_name(self->e.rep.result));

	/* the last page of the carveout */
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE + 0x5000, ADSP_BASE + 0x5000,
				 SZ_4K, IOMMU_READ | IOMMU_WRITE));
	l_iommu_unmap(&d, ADSP_BASE + ADSP_SIZE - SZ_4K, SZ_4K);
	ASSERT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE + ADSP_SIZE - SZ_4K, self->e.rep.first_bad);
	/* ... and a carveout one page short is fine */
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE,
				 ADSP_SIZE - SZ_4K, SMMU_CHECK_IDENTITY_RW));
}

TEST_F(smmu_walk, one_block_missing)
{
	struct ldomain d;
	uint64_t blk = ADSP_BASE + 0x100000 + 7 * SZ_2M;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	l_iommu_unmap(&d, blk, SZ_2M);
	ASSERT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(blk, self->e.rep.first_bad);
	EXPECT_EQ(2, self->e.rep.level);
	/* the check starting inside the hole names its own start */
	ASSERT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, blk + 0x1234, 0x10,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(blk + 0x1234, self->e.rep.first_bad);
}

TEST_F(smmu_walk, one_page_read_only)
{
	struct ldomain d;
	uint64_t ro = ADSP_BASE + ADSP_SIZE - 0x3000;

	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, ADSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE, ADSP_BASE, ro - ADSP_BASE,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(0, l_iommu_map(&d, ro, ro, SZ_4K, IOMMU_READ));
	ASSERT_EQ(0, l_iommu_map(&d, ro + SZ_4K, ro + SZ_4K, 0x2000,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_READ_ONLY, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ro, self->e.rep.first_bad);
	EXPECT_EQ(ro, self->e.rep.pa);
	EXPECT_EQ(3, self->e.rep.level);
}

TEST_F(smmu_walk, read_only_block)
{
	struct ldomain d;

	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, CDSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, CDSP_BASE, CDSP_BASE, CDSP_SIZE,
				 IOMMU_READ));
	ASSERT_EQ(SMMU_READ_ONLY, check(&self->e, CDSP_SID, 0x89000000, SZ_2M,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(2, self->e.rep.level);
	/* the unmapped check sees read-only mappings too */
	ASSERT_EQ(SMMU_MAPPED, check(&self->e, CDSP_SID, CDSP_BASE, CDSP_SIZE,
				     SMMU_CHECK_UNMAPPED));
	EXPECT_STREQ("mapped read-only", self->e.rep.why);
}

TEST_F(smmu_walk, aptable_write_protect)
{
	struct ldomain d;
	uint64_t l0e;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	/* APTable[1] on the level 0 entry: everything below is read-only */
	l0e = d.pgd + l_lvl_idx(&d, ADSP_BASE, 0) * 8;
	wr64(&self->e.f, l0e, rd64(&self->e.f, l0e) | L_PTE_APTABLE_RDONLY);
	ASSERT_EQ(SMMU_READ_ONLY, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE, self->e.rep.first_bad);
}

TEST_F(smmu_walk, not_identity)
{
	struct ldomain d;
	uint64_t p = ADSP_BASE + 0x100000 + 3 * SZ_2M;

	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, ADSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE, ADSP_BASE, p - ADSP_BASE,
				 IOMMU_READ | IOMMU_WRITE));
	/* one 2M block of the carveout points elsewhere */
	ASSERT_EQ(0, l_iommu_map(&d, p, 0x90000000, SZ_2M,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(0, l_iommu_map(&d, p + SZ_2M, p + SZ_2M,
				 ADSP_BASE + ADSP_SIZE - p - SZ_2M,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_NOT_IDENTITY, check(&self->e, ADSP_SID, ADSP_BASE,
					   ADSP_SIZE, SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(p, self->e.rep.first_bad);
	EXPECT_EQ(0x90000000, self->e.rep.pa);
	EXPECT_EQ(2, self->e.rep.level);

	/* a DMA-API style mapping: IOVA at the top, pages anywhere */
	ASSERT_EQ(0, l_iommu_map(&d, 0xfff00000, ADSP_BASE, SZ_4K,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_NOT_IDENTITY, check(&self->e, ADSP_SID, 0xfff00000, SZ_4K,
					   SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE, self->e.rep.pa);
}

TEST_F(smmu_walk, ste_states)
{
	uint64_t ste[L_STE_DWORDS];
	struct ldomain d;
	uint64_t cdtab, s2[L_STE_DWORDS];

	/* no L2 stream table for this sid's L1 entry yet: SPAN 0 */
	ASSERT_EQ(SMMU_STE_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	EXPECT_STREQ("no level 2 stream table (L1 SPAN 0)", self->e.rep.why);
	EXPECT_EQ(ADSP_BASE, self->e.rep.first_bad);

	/* L2 made, the STE still Linux's initial abort one */
	lsmmu_ste_ptr(&self->e.s, ADSP_SID);
	EXPECT_EQ(SMMU_STE_ABORT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	/* ... also "unmapped", as far as the range goes: the caller decides */
	EXPECT_EQ(SMMU_STE_ABORT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_UNMAPPED));

	/* identity domain: bypass, never "identity-mapped" */
	make_bypass_ste(ste);
	lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
	EXPECT_EQ(SMMU_STE_BYPASS, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));

	/* V clear */
	memset(ste, 0, sizeof(ste));
	lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
	EXPECT_EQ(SMMU_STE_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	EXPECT_STREQ("STE not valid (STE.V clear)", self->e.rep.why);

	/* a S1 STE with substreams: S1DSS decides for no-substream DMA */
	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	cdtab = l_attach(&self->e.s, ADSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE, ADSP_BASE, ADSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
	make_cdtable_ste(cdtab, L_S1FMT_LINEAR, 4, L_S1DSS_BYPASS, ste);
	lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
	EXPECT_EQ(SMMU_STE_BYPASS, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	make_cdtable_ste(cdtab, L_S1FMT_LINEAR, 4, L_S1DSS_TERMINATE, ste);
	lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
	EXPECT_EQ(SMMU_STE_ABORT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	make_cdtable_ste(cdtab, L_S1FMT_LINEAR, 4, L_S1DSS_SSID0, ste);
	lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));

	/* stage 2 is not walked */
	memset(s2, 0, sizeof(s2));
	s2[0] = L_STE_0_V | L_STE_0_CFG(L_STE_CFG_S2_TRANS);
	lsmmu_write_ste(&self->e.s, ADSP_SID, s2);
	EXPECT_EQ(SMMU_UNSUPPORTED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	/* a reserved Config */
	s2[0] = L_STE_0_V | L_STE_0_CFG(2);
	lsmmu_write_ste(&self->e.s, ADSP_SID, s2);
	EXPECT_EQ(SMMU_STE_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	/* a sid beyond IDR1.SIDSIZE */
	EXPECT_EQ(SMMU_STE_INVALID, check(&self->e, 0x10000, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(0, self->e.f.outside);
}

TEST_F(smmu_walk, two_level_cd_table)
{
	uint64_t l1, l2, cd[L_CD_DWORDS], ste[L_STE_DWORDS];
	struct ldomain d;
	unsigned int k;

	/* a master with 16 bits of PASID on an SMMU with 2-level CDs */
	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	ASSERT_EQ(0, l_iommu_map(&d, CDSP_BASE, CDSP_BASE, CDSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
	l1 = dma_alloc(&self->e.f, (1 << 16) / L_CTXDESC_L2_ENTRIES * 8);
	make_cdtable_ste(l1, L_S1FMT_64K_L2, 16, L_S1DSS_SSID0, ste);
	lsmmu_write_ste(&self->e.s, CDSP_SID, ste);
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, CDSP_SID, CDSP_BASE, CDSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	l2 = dma_alloc(&self->e.f, L_CTXDESC_L2_ENTRIES * L_CD_DWORDS * 8);
	wr64(&self->e.f, l1, (l2 & L_CTXDESC_L1_L2PTR_MASK) | L_CTXDESC_L1_DESC_V);
	make_s1_cd(&d, cd);
	for (k = 0; k < L_CD_DWORDS; k++)
		wr64(&self->e.f, l2 + k * 8, cd[k]);
	EXPECT_EQ(SMMU_OK, check(&self->e, CDSP_SID, CDSP_BASE, CDSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(l2, self->e.rep.stream.cd_pa);
}

TEST_F(smmu_walk, cd_states)
{
	struct ldomain d;
	uint64_t cdtab, cd0;

	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	cdtab = l_attach(&self->e.s, ADSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE, ADSP_BASE, ADSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
	cd0 = rd64(&self->e.f, cdtab);

	wr64(&self->e.f, cdtab, cd0 & ~L_CD_0_V);	/* arm_smmu_clear_cd() */
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0 | L_CD_0_EPD0);
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0 & ~L_CD_0_AA64);
	EXPECT_EQ(SMMU_UNSUPPORTED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0 | L_CD_0_ENDI);
	EXPECT_EQ(SMMU_UNSUPPORTED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					  SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0 | L_CD_0_TG0(3));
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0 | L_CD_0_IPS(7));
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	/* T0SZ 8: 56 bits is more than 4 levels of 4K */
	wr64(&self->e.f, cdtab, (cd0 & ~0x3fULL) | 8);
	EXPECT_EQ(SMMU_CD_INVALID, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	wr64(&self->e.f, cdtab, cd0);
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
}

TEST_F(smmu_walk, smmu_disabled)
{
	struct ldomain d;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	self->e.s.regs.cr0 = 0;
	EXPECT_EQ(SMMU_DISABLED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				       SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(0, self->e.f.calls);
	self->e.s.regs.cr0 = L_CR0_EVTQEN | L_CR0_CMDQEN;
	EXPECT_EQ(SMMU_DISABLED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				       SMMU_CHECK_UNMAPPED));
	EXPECT_STREQ("smmu-disabled", smmu_result_name(self->e.rep.result));
}

TEST_F(smmu_walk, outside_dram_refused)
{
	struct ldomain d;
	uint64_t cdtab, l0e, saved;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);

	/* the stream table in secure RAM */
	saved = self->e.s.regs.strtab_base;
	self->e.s.regs.strtab_base = SECURE_RAM | L_STRTAB_BASE_RA;
	EXPECT_EQ(SMMU_BAD_TABLE, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(SECURE_RAM + (ADSP_SID >> 8) * 8, self->e.rep.pa);
	self->e.s.regs.strtab_base = saved;

	/* TTB0 just past the end of DRAM */
	cdtab = rd64(&self->e.f, lsmmu_ste_ptr(&self->e.s, ADSP_SID)) &
		L_STE_0_S1CTXPTR_MASK;
	saved = rd64(&self->e.f, cdtab + 8);
	wr64(&self->e.f, cdtab + 8, DRAM_BASE + DRAM_SIZE);
	EXPECT_EQ(SMMU_BAD_TABLE, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE, self->e.rep.first_bad);
	EXPECT_EQ(0, self->e.rep.level);
	wr64(&self->e.f, cdtab + 8, saved);

	/* a level 0 table descriptor pointing into secure RAM */
	l0e = d.pgd + l_lvl_idx(&d, ADSP_BASE, 0) * 8;
	saved = rd64(&self->e.f, l0e);
	wr64(&self->e.f, l0e, paddr_to_iopte(SECURE_RAM) | L_PTE_TYPE_TABLE);
	EXPECT_EQ(SMMU_BAD_TABLE, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(1, self->e.rep.level);
	EXPECT_EQ(SECURE_RAM, self->e.rep.pa & ~0xfffULL);
	wr64(&self->e.f, l0e, saved);

	/* a CD pointer below DRAM */
	{
		uint64_t ste[L_STE_DWORDS];

		make_cdtable_ste(DRAM_BASE - 0x1000, L_S1FMT_LINEAR, 0,
				 L_S1DSS_SSID0, ste);
		lsmmu_write_ste(&self->e.s, ADSP_SID, ste);
		EXPECT_EQ(SMMU_BAD_TABLE, check(&self->e, ADSP_SID, ADSP_BASE,
						ADSP_SIZE,
						SMMU_CHECK_IDENTITY_RW));
		EXPECT_EQ(DRAM_BASE - 0x1000, self->e.rep.pa);
	}
	/* never a read outside the window */
	EXPECT_EQ(0, self->e.f.outside);
}

TEST_F(smmu_walk, huge_loops_bounded)
{
	struct ldomain d;
	uint64_t l1, l2, l3;
	unsigned int i;

	/*
	 * Every level 0 entry -> the same level 1 table, every entry of
	 * which -> the same level 2 table -> the same (empty) level 3 table:
	 * 2^36 invalid pages to go through for an "unmapped" check.
	 */
	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, ADSP_SID, &d);
	l1 = dma_alloc(&self->e.f, SZ_4K);
	l2 = dma_alloc(&self->e.f, SZ_4K);
	l3 = dma_alloc(&self->e.f, SZ_4K);
	for (i = 0; i < 512; i++) {
		wr64(&self->e.f, d.pgd + i * 8, paddr_to_iopte(l1) | 3);
		wr64(&self->e.f, l1 + i * 8, paddr_to_iopte(l2) | 3);
		wr64(&self->e.f, l2 + i * 8, paddr_to_iopte(l3) | 3);
	}
	ASSERT_EQ(SMMU_TOO_MANY_READS, check(&self->e, ADSP_SID, 0, 1ULL << 48,
					     SMMU_CHECK_UNMAPPED));
	EXPECT_EQ(SMMU_DEFAULT_MAX_READS, self->e.rep.reads);
	EXPECT_EQ(SMMU_DEFAULT_MAX_READS, self->e.f.calls);

	/* the caller's own budget */
	self->e.mem.max_reads = 1000;
	self->e.f.calls = 0;
	ASSERT_EQ(SMMU_TOO_MANY_READS, check(&self->e, ADSP_SID, 0, 1ULL << 48,
					     SMMU_CHECK_UNMAPPED));
	EXPECT_EQ(1000, self->e.f.calls);

	/* a table that points to itself at every level still ends */
	self->e.mem.max_reads = 0;
	for (i = 0; i < 512; i++)
		wr64(&self->e.f, d.pgd + i * 8, paddr_to_iopte(d.pgd) | 3);
	check(&self->e, ADSP_SID, 0, 1ULL << 48, SMMU_CHECK_IDENTITY_RW);
	EXPECT_LE(self->e.rep.reads, SMMU_DEFAULT_MAX_READS);
	EXPECT_NE(SMMU_OK, self->e.rep.result);

	/* the whole 48-bit space in 1G blocks: 2^18 steps, one read each */
	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, CDSP_SID, &d);
	ASSERT_EQ(0, l_iommu_map(&d, 0, 0, 512 * SZ_1G,
				 IOMMU_READ | IOMMU_WRITE));
	self->e.f.calls = 0;
	ASSERT_EQ(SMMU_OK, check(&self->e, CDSP_SID, 0, 512 * SZ_1G,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(512, self->e.rep.leaves);
	EXPECT_EQ(0, self->e.f.outside);
}

TEST_F(smmu_walk, unmapped_after_stop)
{
	struct ldomain d;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	ASSERT_EQ(SMMU_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				     SMMU_CHECK_UNMAPPED));
	EXPECT_EQ(ADSP_BASE, self->e.rep.first_bad);
	EXPECT_EQ(ADSP_BASE, self->e.rep.pa);
	EXPECT_STREQ("mapped read/write", self->e.rep.why);

	/* qcom_pas_stop(): iommu_unmap(domain, mem_phys, mem_size) */
	l_iommu_unmap(&d, ADSP_BASE, ADSP_SIZE);
	ASSERT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_UNMAPPED));
	/* the level 3 tables stay, empty: 2 x 256 entries + 19 blocks */
	EXPECT_EQ(531, self->e.rep.leaves);
	EXPECT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));

	/* one page left behind */
	ASSERT_EQ(0, l_iommu_map(&d, ADSP_BASE + ADSP_SIZE - SZ_4K,
				 ADSP_BASE + ADSP_SIZE - SZ_4K, SZ_4K,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				     SMMU_CHECK_UNMAPPED));
	EXPECT_EQ(ADSP_BASE + ADSP_SIZE - SZ_4K, self->e.rep.first_bad);
}

TEST_F(smmu_walk, modem_sized_carveout_in_pages_and_blocks)
{
	struct ldomain d;
	uint64_t pages = MODEM_SIZE / SZ_4K;
	unsigned int l3_tables = MODEM_SIZE / SZ_2M;

	/* in 2M blocks (8M aligned): 123 steps */
	map_carveout(&self->e, &d, 0x1800 + 1, MODEM_BASE, MODEM_SIZE);
	ASSERT_EQ(SMMU_OK, check(&self->e, 0x1801, MODEM_BASE, MODEM_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(MODEM_SIZE / SZ_2M, self->e.rep.leaves);

	/* all in 4K pages (one map call per page): one read per page */
	ldomain_init(&d, &self->e.f, SZ_4K, 48, 44);
	l_attach(&self->e.s, 0x1802, &d);
	for (uint64_t p = 0; p < pages; p++)
		ASSERT_EQ(0, l_map_one(&d, MODEM_BASE + p * SZ_4K,
				       MODEM_BASE + p * SZ_4K, SZ_4K,
				       IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_OK, check(&self->e, 0x1802, MODEM_BASE, MODEM_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(pages, self->e.rep.leaves);
	EXPECT_LE(self->e.rep.reads, pages + 2 * l3_tables + 16);
}

TEST_F(smmu_walk, granules_16k_64k)
{
	struct ldomain d16, d64;
	struct smmu_xlate x;

	/* 16K, VA 48 bits: 4 levels, a 2-entry level 0 */
	ldomain_init(&d16, &self->e.f, SZ_16K, 48, 44);
	ASSERT_EQ(0, d16.start_level);
	l_attach(&self->e.s, ADSP_SID, &d16);
	ASSERT_EQ(0, l_iommu_map(&d16, ADSP_BASE, ADSP_BASE, ADSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(14, self->e.rep.stream.granule_shift);
	/* 16K pages: 0x88000000 is 32M aligned, but 0xf00000 is left */
	EXPECT_EQ(0x1900000 / SZ_16K + 0xf00000 / SZ_16K, self->e.rep.leaves);
	l_iommu_unmap(&d16, ADSP_BASE + 0x8000, SZ_16K);
	ASSERT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE + 0x8000, self->e.rep.first_bad);

	/* 64K, VA 48 bits: 3 levels from level 1 (64 entries) */
	ldomain_init(&d64, &self->e.f, SZ_64K, 48, 44);
	ASSERT_EQ(1, d64.start_level);
	l_attach(&self->e.s, CDSP_SID, &d64);
	ASSERT_EQ(0, l_iommu_map(&d64, 0x80000000, 0x80000000, SZ_512M + SZ_64K,
				 IOMMU_READ | IOMMU_WRITE));
	ASSERT_EQ(SMMU_OK, check(&self->e, CDSP_SID, 0x80000000, SZ_512M + SZ_64K,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(2, self->e.rep.leaves);
	EXPECT_EQ(16, self->e.rep.stream.granule_shift);
	ASSERT_EQ(SMMU_OK, smmu_walk_translate(&self->e.mem, &self->e.rep.stream,
					       0xa0001234, &x));
	EXPECT_EQ(0xa0001234, x.pa);
	EXPECT_EQ(3, x.level);
	EXPECT_EQ(SZ_64K, x.size);
	EXPECT_TRUE(x.writable);
	ASSERT_EQ(SMMU_OK, smmu_walk_translate(&self->e.mem, &self->e.rep.stream,
					       0x81234568, &x));
	EXPECT_EQ(2, x.level);
	EXPECT_EQ(SZ_512M, x.size);
	EXPECT_EQ(0x81234568, x.pa);
	EXPECT_EQ(SMMU_NOT_MAPPED,
		  smmu_walk_translate(&self->e.mem, &self->e.rep.stream,
				      0xa0010000, &x));
	EXPECT_EQ(3, x.level);
}

TEST_F(smmu_walk, translate_one)
{
	struct ldomain d;
	struct smmu_stream s;
	struct smmu_xlate x;
	const char *why;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	ASSERT_EQ(SMMU_OK, smmu_walk_stream(&self->e.s.regs, &self->e.mem,
					    ADSP_SID, &s, &why));
	EXPECT_STREQ("ok", why);
	/* reads: L1 descriptor, STE (2), CD (2) */
	EXPECT_EQ(5, self->e.mem.reads);

	ASSERT_EQ(SMMU_OK, smmu_walk_translate(&self->e.mem, &s,
					       ADSP_BASE + 0x1234, &x));
	EXPECT_EQ(ADSP_BASE + 0x1234, x.pa);
	EXPECT_EQ(3, x.level);
	EXPECT_EQ(4, self->e.mem.reads);
	EXPECT_TRUE(x.writable);
	ASSERT_EQ(SMMU_OK, smmu_walk_translate(&self->e.mem, &s,
					       0x88000000 + 0x4321, &x));
	EXPECT_EQ(2, x.level);
	EXPECT_EQ(0x88000000, x.va_start);
	EXPECT_EQ(SZ_2M, x.size);
	/* above the 48-bit input range: TTB1's half, EPD1 */
	EXPECT_EQ(SMMU_NOT_MAPPED, smmu_walk_translate(&self->e.mem, &s,
						       1ULL << 48, &x));
	EXPECT_EQ(-1, x.level);
	/* an empty level 0 entry */
	EXPECT_EQ(SMMU_NOT_MAPPED, smmu_walk_translate(&self->e.mem, &s,
						       1ULL << 40, &x));
	EXPECT_EQ(0, x.level);
	EXPECT_EQ(1ULL << 39, x.size);
}

TEST_F(smmu_walk, bad_descriptors)
{
	struct ldomain d;
	uint64_t l0e, l1t, l2t, l2e, l3t, l3e, v;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	l0e = d.pgd + l_lvl_idx(&d, ADSP_BASE, 0) * 8;
	l1t = iopte_to_paddr(&d, rd64(&self->e.f, l0e));
	l2t = iopte_to_paddr(&d, rd64(&self->e.f, l1t +
				      l_lvl_idx(&d, ADSP_BASE, 1) * 8));
	l2e = l2t + l_lvl_idx(&d, ADSP_BASE, 2) * 8;
	l3t = iopte_to_paddr(&d, rd64(&self->e.f, l2e));
	l3e = l3t + l_lvl_idx(&d, ADSP_BASE, 3) * 8;

	/* access flag clear */
	v = rd64(&self->e.f, l3e);
	wr64(&self->e.f, l3e, v & ~L_PTE_AF);
	EXPECT_EQ(SMMU_FAULT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				    SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(3, self->e.rep.level);
	/* a "block" at level 3 is reserved */
	wr64(&self->e.f, l3e, (v & ~3ULL) | L_PTE_TYPE_BLOCK);
	EXPECT_EQ(SMMU_FAULT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				    SMMU_CHECK_IDENTITY_RW));
	/* output address beyond IPS (44 bits) */
	wr64(&self->e.f, l3e, v | paddr_to_iopte(1ULL << 45));
	EXPECT_EQ(SMMU_FAULT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				    SMMU_CHECK_IDENTITY_RW));
	EXPECT_STREQ("output address above CD.IPS", self->e.rep.why);
	wr64(&self->e.f, l3e, v);
	/* a block at level 0 (4K granule, no LPA2) */
	v = rd64(&self->e.f, l0e);
	wr64(&self->e.f, l0e, L_PTE_AF | L_PTE_TYPE_BLOCK);
	EXPECT_EQ(SMMU_FAULT, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				    SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(0, self->e.rep.level);
	wr64(&self->e.f, l0e, v);
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE, ADSP_SIZE,
				 SMMU_CHECK_IDENTITY_RW));
}

TEST_F(smmu_walk, ranges)
{
	struct ldomain d;

	map_carveout(&self->e, &d, ADSP_SID, ADSP_BASE, ADSP_SIZE);
	EXPECT_EQ(SMMU_BAD_ARGS, check(&self->e, ADSP_SID, ADSP_BASE, 0,
				       SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(SMMU_BAD_ARGS, check(&self->e, ADSP_SID, ~0ULL - 5, 16,
				       SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(0, self->e.f.calls);
	/* unaligned sub-ranges, a byte wide, straddling a block edge */
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, ADSP_BASE + 0x123, 1,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(1, self->e.rep.leaves);
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, 0x88000000 - 0x10, 0x20,
				 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(2, self->e.rep.leaves);
	/* one byte past the carveout */
	EXPECT_EQ(SMMU_NOT_MAPPED, check(&self->e, ADSP_SID, ADSP_BASE,
					 ADSP_SIZE + 1,
					 SMMU_CHECK_IDENTITY_RW));
	EXPECT_EQ(ADSP_BASE + ADSP_SIZE, self->e.rep.first_bad);
	/* up to the very end of the 64-bit space: ends above ias */
	EXPECT_EQ(SMMU_OK, check(&self->e, ADSP_SID, 1ULL << 48,
				 0 - (1ULL << 48), SMMU_CHECK_UNMAPPED));
}

TEST(smmu_result_names)
{
	int i;

	for (i = 0; i < SMMU_NR_RESULTS; i++)
		EXPECT_STRNE("?", smmu_result_name(i));
	EXPECT_STREQ("?", smmu_result_name(SMMU_NR_RESULTS));
	EXPECT_STREQ("?", smmu_result_name(-1));
	EXPECT_STREQ("ok", smmu_result_name(SMMU_OK));
	EXPECT_STREQ("ste-bypass", smmu_result_name(SMMU_STE_BYPASS));
	EXPECT_STREQ("no-smmu", smmu_result_name(SMMU_ABSENT));
	EXPECT_EQ(15, SMMU_ABSENT);
}

/* ---- services/smmu.c: fakes for what it calls ---- */

struct tzsim_config tzsim_cfg;
static uint64_t fake_now_us;
static char log_buf[65536];
static uint64_t reg_page[0x100 / 8];	/* SMMU page 0, as far as read */

uint64_t plat_now_us(void)
{
	return fake_now_us;
}

uint64_t plat_ns_dram_base(void)
{
	return DRAM_BASE;
}

uint64_t plat_ns_dram_size(void)
{
	return DRAM_SIZE;
}

void tz_log(const char *fmt, ...)
{
	size_t len = strlen(log_buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(log_buf + len, sizeof(log_buf) - len, fmt, ap);
	va_end(ap);
	len = strlen(log_buf);
	if (len + 1 < sizeof(log_buf))
		strcat(log_buf, "\n");
}

static bool logged(const char *line)
{
	if (strstr(log_buf, line))
		return true;
	fprintf(stderr, "# not in the log: \"%s\"; the log:\n%s", line,
		log_buf);
	return false;
}

/* What Linux programmed, where EL3 reads it. */
static void sync_regs(const struct smmu_regs *r)
{
	uint8_t *p = (uint8_t *)reg_page;

	memset(reg_page, 0, sizeof(reg_page));
	memcpy(p + 0x00, &r->idr0, 4);
	memcpy(p + 0x04, &r->idr1, 4);
	memcpy(p + 0x14, &r->idr5, 4);
	memcpy(p + 0x20, &r->cr0, 4);
	memcpy(p + 0x80, &r->strtab_base, 8);
	memcpy(p + 0x88, &r->strtab_base_cfg, 4);
}

FIXTURE(smmu_glue) {
	struct fake f;
	struct lsmmu s;
	struct ldomain adsp;
	const struct soc_remote *r_adsp, *r_cdsp, *r_modem;
	char why[256];
};

FIXTURE_SETUP(smmu_glue)
{
	fake_init(&self->f);
	lsmmu_init(&self->s, &self->f, true, 16);
	sync_regs(&self->s.regs);
	tzsim_cfg.smmu_base = (uintptr_t)reg_page;
	fake_now_us = 1000000;
	log_buf[0] = '\0';
	self->r_adsp = soc_remote_by_pas_id(1);
	self->r_cdsp = soc_remote_by_pas_id(18);
	self->r_modem = soc_remote_by_pas_id(4);
	ASSERT_EQ(ADSP_SID, self->r_adsp->stream_id);
	ASSERT_EQ(CDSP_SID, self->r_cdsp->stream_id);
	ASSERT_EQ(SOC_NO_STREAM, self->r_modem->stream_id);
	ASSERT_EQ(ADSP_BASE, self->r_adsp->mem_base);
	ASSERT_EQ(ADSP_SIZE, self->r_adsp->mem_size);
	/* qcom_pas_start(): the carveout mapped before AUTH_AND_RESET */
	ldomain_init(&self->adsp, &self->f, SZ_4K, 48, 44);
	l_attach(&self->s, ADSP_SID, &self->adsp);
	ASSERT_EQ(0, l_iommu_map(&self->adsp, ADSP_BASE, ADSP_BASE, ADSP_SIZE,
				 IOMMU_READ | IOMMU_WRITE));
}

FIXTURE_TEARDOWN(smmu_glue)
{
	fake_free(&self->f);
}

TEST_F(smmu_glue, off_by_default)
{
	uint64_t bad = 0;

	tzsim_cfg.smmu_base = 0;
	EXPECT_FALSE(smmu_present());
	EXPECT_EQ(0, smmu_remote_boot(self->r_adsp, self->why,
				      sizeof(self->why)));
	EXPECT_FALSE(smmu_remote_halted(self->r_adsp));
	EXPECT_FALSE(smmu_remote_tick());
	EXPECT_EQ(SMMU_ABSENT, smmu_check_identity(ADSP_SID, ADSP_BASE,
						   ADSP_SIZE, &bad));
	EXPECT_STREQ("", log_buf);
}

TEST_F(smmu_glue, boot_identity_ok)
{
	uint64_t bad = 1;

	EXPECT_TRUE(smmu_present());
	ASSERT_EQ(0, smmu_remote_boot(self->r_adsp, self->why,
				      sizeof(self->why)));
	EXPECT_TRUE(logged("smmu: SMMUv3 at 0x"));
	EXPECT_TRUE(logged("(stage 1 yes, stage 2 no, 2-level stream table possible, SIDSIZE 16)"));
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): carveout 0x86700000+0x2800000 identity-mapped rw (4K granule, 4 levels, ias 48, oas 44, TTB0 0x"));
	EXPECT_TRUE(logged(", 531 leaves, 540 reads, 0 us)"));
	EXPECT_EQ(SMMU_OK, smmu_check_identity(ADSP_SID, ADSP_BASE,
					       ADSP_SIZE, &bad));
	/* the modem has no stream id: nothing to check */
	ASSERT_EQ(0, smmu_remote_boot(self->r_modem, self->why,
				      sizeof(self->why)));
	EXPECT_TRUE(logged("smmu: modem: no stream id, carveout not checked"));
	EXPECT_FALSE(smmu_remote_halted(self->r_modem));
}

TEST_F(smmu_glue, boot_faults)
{
	uint64_t ste[L_STE_DWORDS], bad = 0;

	l_iommu_unmap(&self->adsp, ADSP_BASE + 0x5000, SZ_4K);
	ASSERT_EQ(-1, smmu_remote_boot(self->r_adsp, self->why,
				       sizeof(self->why)));
	EXPECT_STREQ("SMMU fault, not-mapped: 0x86705000: invalid descriptor (level 3)",
		     self->why);
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): carveout 0x86700000+0x2800000 FAULT (not-mapped): 0x86705000: invalid descriptor (level 3)"));
	EXPECT_EQ(SMMU_NOT_MAPPED, smmu_check_identity(ADSP_SID, ADSP_BASE,
						       ADSP_SIZE, &bad));
	EXPECT_EQ(ADSP_BASE + 0x5000, bad);

	/* cdsp: no domain attached, the L2 stream table is not even there */
	ASSERT_EQ(-1, smmu_remote_boot(self->r_cdsp, self->why,
				       sizeof(self->why)));
	EXPECT_TRUE(logged("smmu: cdsp (sid 0x11a0): carveout 0x88f00000+0x1e00000 FAULT (ste-invalid): no level 2 stream table (L1 SPAN 0)"));

	/* an identity default domain is not Linux's map of the carveout */
	make_bypass_ste(ste);
	lsmmu_write_ste(&self->s, ADSP_SID, ste);
	ASSERT_EQ(-1, smmu_remote_boot(self->r_adsp, self->why,
				       sizeof(self->why)));
	EXPECT_STREQ("SMMU fault, ste-bypass: STE.Config bypass: untranslated, not isolated",
		     self->why);

	/* the SMMU turned off */
	self->s.regs.cr0 = 0;
	sync_regs(&self->s.regs);
	ASSERT_EQ(-1, smmu_remote_boot(self->r_adsp, self->why,
				       sizeof(self->why)));
	EXPECT_TRUE(logged("FAULT (smmu-disabled): SMMU disabled (CR0.SMMUEN clear): no translation"));
}

TEST_F(smmu_glue, no_smmu_responds)
{
	memset(reg_page, 0, sizeof(reg_page));
	ASSERT_EQ(-1, smmu_remote_boot(self->r_adsp, self->why,
				       sizeof(self->why)));
	EXPECT_STREQ("SMMU fault, no-smmu: no SMMUv3 responds (IDR0 0)",
		     self->why);
	EXPECT_TRUE(logged("smmu: no SMMUv3 at 0x"));
}

TEST_F(smmu_glue, unmapped_after_stop)
{
	ASSERT_EQ(0, smmu_remote_boot(self->r_adsp, self->why,
				      sizeof(self->why)));
	/* SHUTDOWN: the carveout is still mapped, Linux unmaps it next */
	ASSERT_TRUE(smmu_remote_halted(self->r_adsp));
	fake_now_us += 1000;
	EXPECT_TRUE(smmu_remote_tick());
	l_iommu_unmap(&self->adsp, ADSP_BASE, ADSP_SIZE);
	fake_now_us += 3000;
	EXPECT_FALSE(smmu_remote_tick());
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): carveout unmapped after stop (4 ms after SHUTDOWN, 2 polls)"));
	EXPECT_FALSE(smmu_remote_tick());
}

TEST_F(smmu_glue, still_mapped_after_stop)
{
	ASSERT_TRUE(smmu_remote_halted(self->r_adsp));
	fake_now_us += 1999000;
	EXPECT_TRUE(smmu_remote_tick());
	fake_now_us += 1000;
	EXPECT_FALSE(smmu_remote_tick());
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): CARVEOUT STILL MAPPED 2000 ms after stop: mapped: 0x86700000 -> 0x86700000: mapped read/write (level 3)"));
}

TEST_F(smmu_glue, after_stop_blocked_or_bypass)
{
	uint64_t ste[L_STE_DWORDS];

	/* detached to a blocking domain: nothing reachable */
	make_abort_ste(ste);
	lsmmu_write_ste(&self->s, ADSP_SID, ste);
	ASSERT_TRUE(smmu_remote_halted(self->r_adsp));
	EXPECT_FALSE(smmu_remote_tick());
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): carveout unmapped after stop (stream blocked: STE.Config abort, 0 ms after SHUTDOWN)"));

	/* ... to an identity domain: all of memory reachable */
	make_bypass_ste(ste);
	lsmmu_write_ste(&self->s, ADSP_SID, ste);
	ASSERT_TRUE(smmu_remote_halted(self->r_adsp));
	EXPECT_TRUE(smmu_remote_tick());
	fake_now_us += 2500000;
	EXPECT_FALSE(smmu_remote_tick());
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): CARVEOUT STILL REACHABLE (untranslated) 2500 ms after stop: ste-bypass"));
}

TEST_F(smmu_glue, restarted_before_unmap_seen)
{
	ASSERT_TRUE(smmu_remote_halted(self->r_adsp));
	fake_now_us += 1000;
	EXPECT_TRUE(smmu_remote_tick());
	/* recovery: unmapped and mapped again between two ticks */
	ASSERT_EQ(0, smmu_remote_boot(self->r_adsp, self->why,
				      sizeof(self->why)));
	EXPECT_TRUE(logged("smmu: adsp (sid 0x1800): carveout unmap after stop not seen before the next boot (1 polls)"));
	EXPECT_FALSE(smmu_remote_tick());
}

TEST(smmu_config_key)
{
	struct tzsim_config cfg;
	char err[160];

	ASSERT_EQ(0, tzsim_config_parse(&cfg, "", 0, err, sizeof(err)));
	EXPECT_EQ(0, cfg.smmu_base);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "smmu=0x09050000", 15, err,
					sizeof(err)));
	EXPECT_EQ(0x09050000, cfg.smmu_base);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "smmu=0x09050000 smmu=off", 24,
					err, sizeof(err)));
	EXPECT_EQ(0, cfg.smmu_base);
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "smmu=0x09050800", 15, err,
					 sizeof(err)));
	EXPECT_STREQ("bad option 'smmu=0x09050800': needs off or a 64 KiB aligned address",
		     err);
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "smmu=0", 6, err, sizeof(err)));
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "smmu=on", 7, err, sizeof(err)));
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "smmu=0x1000000000000", 20, err,
					 sizeof(err)));
}

TEST_HARNESS_MAIN
