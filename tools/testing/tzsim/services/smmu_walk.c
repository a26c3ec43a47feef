// SPDX-License-Identifier: GPL-2.0
/*
 * An SMMUv3 stage 1 walk in software, as the hardware would do it for a
 * transaction without substream (ARM IHI 0070, and what Linux 6.12's
 * arm-smmu-v3.c and io-pgtable-arm.c write):
 *
 *   CR0.SMMUEN -> STRTAB_BASE{,_CFG}: linear, or 2-level (L1 descriptor:
 *   SPAN, L2Ptr) -> the STE: V, Config (abort, bypass, S1; S2 and nested
 *   are not walked), S1ContextPtr, S1Fmt, S1CDMax, S1DSS -> CD 0: V,
 *   AA64, ENDI, EPD0, T0SZ, TG0 (4K, 16K, 64K), IPS, HA/HD, TTB0 -> the
 *   AArch64 long-descriptor tables from the start level T0SZ and TG0 give
 *   (as io-pgtable-arm computes it): table, block and page descriptors,
 *   APTable[1] and AP[2] for write permission, AF.
 *
 * Pure code on register values and a read callback: also built into the
 * host unit tests. Every address followed is checked against the
 * normal-world DRAM window before it is read, and every walk has a read
 * budget, so a corrupt or hostile table can neither make EL3 read
 * elsewhere nor loop. A range check keeps the table each level last used
 * (tables do not move under a walk), so a page costs one read and a
 * block covers its whole size in one step.
 */
#include <tzsim/smmu.h>

#define GENMASK64(h, l)		((~0ULL >> (63 - (h))) & (~0ULL << (l)))

#define CR0_SMMUEN		(1U << 0)
#define IDR1_SIDSIZE(v)		((v) & 0x3f)
#define IDR5_OAS(v)		((v) & 0x7)
#define IDR5_GRAN4K		(1U << 4)
#define IDR5_GRAN16K		(1U << 5)
#define IDR5_GRAN64K		(1U << 6)

#define STRTAB_BASE_ADDR	GENMASK64(51, 6)
#define STRTAB_CFG_FMT(v)	(((v) >> 16) & 0x3)
#define STRTAB_CFG_SPLIT(v)	(((v) >> 6) & 0x1f)
#define STRTAB_CFG_LOG2SIZE(v)	((v) & 0x3f)
#define STRTAB_FMT_LINEAR	0
#define STRTAB_FMT_2LVL		1
#define STRTAB_L1_SPAN(d)	((d) & 0x1f)
#define STRTAB_L1_L2PTR		GENMASK64(51, 6)
#define STE_SIZE		64

#define STE0_V			(1ULL << 0)
#define STE0_CFG(v)		(((v) >> 1) & 0x7)
#define STE_CFG_ABORT		0
#define STE_CFG_BYPASS		4
#define STE_CFG_S1		5
#define STE_CFG_S2		6
#define STE_CFG_NESTED		7
#define STE0_S1FMT(v)		(((v) >> 4) & 0x3)
#define STE0_S1CTXPTR		GENMASK64(51, 6)
#define STE0_S1CDMAX(v)		((v) >> 59)
#define STE1_S1DSS(v)		((v) & 0x3)
#define S1DSS_TERMINATE		0
#define S1DSS_BYPASS		1
#define S1DSS_SSID0		2
#define S1FMT_LINEAR		0

#define CDL1_V			(1ULL << 0)
#define CDL1_L2PTR		GENMASK64(51, 12)
#define CD0_T0SZ(v)		((v) & 0x3f)
#define CD0_TG0(v)		(((v) >> 6) & 0x3)
#define CD0_EPD0		(1ULL << 14)
#define CD0_ENDI		(1ULL << 15)
#define CD0_V			(1ULL << 31)
#define CD0_IPS(v)		(((v) >> 32) & 0x7)
#define CD0_AA64		(1ULL << 41)
#define CD0_HD			(1ULL << 42)
#define CD0_HA			(1ULL << 43)
#define CD1_TTB0		GENMASK64(51, 4)

#define DESC_VALID		(1ULL << 0)
#define DESC_TYPE(d)		((d) & 0x3)
#define DESC_TYPE_BLOCK		1
#define DESC_TYPE_TABLE		3	/* and "page" at level 3 */
#define DESC_AP_RDONLY		(1ULL << 7)	/* AP[2] */
#define DESC_AF			(1ULL << 10)
#define DESC_DBM		(1ULL << 51)
#define DESC_APTABLE_RDONLY	(1ULL << 62)	/* APTable[1] */

#define MAX_LEVEL		3

/* IPS / IDR5.OAS encodings, in bits; 0 for the reserved one. */
static const unsigned char pa_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };

static const char *const result_names[SMMU_NR_RESULTS] = {
	[SMMU_OK] = "ok",
	[SMMU_NOT_MAPPED] = "not-mapped",
	[SMMU_NOT_IDENTITY] = "not-identity",
	[SMMU_READ_ONLY] = "read-only",
	[SMMU_FAULT] = "fault",
	[SMMU_MAPPED] = "mapped",
	[SMMU_STE_INVALID] = "ste-invalid",
	[SMMU_STE_ABORT] = "ste-abort",
	[SMMU_STE_BYPASS] = "ste-bypass",
	[SMMU_CD_INVALID] = "cd-invalid",
	[SMMU_UNSUPPORTED] = "unsupported",
	[SMMU_DISABLED] = "smmu-disabled",
	[SMMU_BAD_TABLE] = "bad-table",
	[SMMU_TOO_MANY_READS] = "too-many-reads",
	[SMMU_BAD_ARGS] = "bad-args",
	[SMMU_ABSENT] = "no-smmu",
};

const char *smmu_result_name(int result)
{
	if (result < 0 || result >= SMMU_NR_RESULTS)
		return "?";
	return result_names[result];
}

/* The u64 at @pa, if it is normal-world DRAM and the budget allows. */
static int rd(struct smmu_mem *m, uint64_t pa, uint64_t *val)
{
	uint64_t max = m->max_reads ? m->max_reads : SMMU_DEFAULT_MAX_READS;

	if (m->reads >= max)
		return SMMU_TOO_MANY_READS;
	if ((pa & 7) || m->dram_size < 8 || pa < m->dram_base ||
	    pa - m->dram_base > m->dram_size - 8)
		return SMMU_BAD_TABLE;
	m->reads++;
	return m->read64(m->priv, pa, val) ? SMMU_BAD_TABLE : SMMU_OK;
}

/* Where a stream's set-up stopped: result, text, refused address. */
struct stop {
	const char *why;
	uint64_t bad_pa;
};

static int stop(struct stop *st, int result, const char *why)
{
	st->why = why;
	return result;
}

static int rd_cfg(struct smmu_mem *m, uint64_t pa, uint64_t *val,
		  struct stop *st, const char *what)
{
	int ret = rd(m, pa, val);

	if (ret) {
		st->bad_pa = pa;
		st->why = ret == SMMU_BAD_TABLE ? what : "read budget exhausted";
	}
	return ret;
}

/* The STE's address: linear or 2-level stream table. */
static int find_ste(const struct smmu_regs *regs, struct smmu_mem *m,
		    uint32_t sid, uint64_t *ste_pa, struct stop *st)
{
	uint32_t cfg = regs->strtab_base_cfg;
	unsigned int log2size = STRTAB_CFG_LOG2SIZE(cfg);
	unsigned int split = STRTAB_CFG_SPLIT(cfg), span;
	uint64_t base = regs->strtab_base & STRTAB_BASE_ADDR, l1, l2idx;
	int ret;

	if (regs->idr1 && IDR1_SIDSIZE(regs->idr1) < 32 &&
	    sid >> IDR1_SIDSIZE(regs->idr1))
		return stop(st, SMMU_STE_INVALID,
			    "stream id wider than IDR1.SIDSIZE");
	if (log2size < 32 && sid >> log2size)
		return stop(st, SMMU_STE_INVALID,
			    "stream id beyond the stream table (LOG2SIZE)");
	switch (STRTAB_CFG_FMT(cfg)) {
	case STRTAB_FMT_LINEAR:
		*ste_pa = base + (uint64_t)sid * STE_SIZE;
		return SMMU_OK;
	case STRTAB_FMT_2LVL:
		break;
	default:
		return stop(st, SMMU_STE_INVALID,
			    "reserved STRTAB_BASE_CFG.FMT");
	}
	if (split != 6 && split != 8 && split != 10)
		return stop(st, SMMU_STE_INVALID,
			    "reserved STRTAB_BASE_CFG.SPLIT");
	ret = rd_cfg(m, base + (uint64_t)(sid >> split) * 8, &l1, st,
		     "level 1 stream table outside normal-world DRAM");
	if (ret)
		return ret;
	span = STRTAB_L1_SPAN(l1);
	if (!span)
		return stop(st, SMMU_STE_INVALID,
			    "no level 2 stream table (L1 SPAN 0)");
	if (span > split + 1)
		return stop(st, SMMU_STE_INVALID, "reserved L1 SPAN");
	l2idx = sid & ((1U << split) - 1);
	if (l2idx >= 1ULL << (span - 1))
		return stop(st, SMMU_STE_INVALID,
			    "stream id beyond its level 2 table (SPAN)");
	*ste_pa = (l1 & STRTAB_L1_L2PTR) + l2idx * STE_SIZE;
	return SMMU_OK;
}

/* CD 0's address, for a stage 1 STE (@ste0, @ste1). */
static int find_cd(struct smmu_mem *m, uint64_t ste0, uint64_t ste1,
		   uint64_t *cd_pa, struct stop *st)
{
	uint64_t ctx = ste0 & STE0_S1CTXPTR, l1;
	int ret;

	*cd_pa = ctx;
	/* S1CDMax 0: no substreams, the pointer is to the one CD. */
	if (!STE0_S1CDMAX(ste0))
		return SMMU_OK;
	switch (STE1_S1DSS(ste1)) {
	case S1DSS_TERMINATE:
		return stop(st, SMMU_STE_ABORT,
			    "S1DSS terminate: no-substream traffic aborts");
	case S1DSS_BYPASS:
		return stop(st, SMMU_STE_BYPASS,
			    "S1DSS bypass: no-substream traffic untranslated");
	case S1DSS_SSID0:
		break;
	default:
		return stop(st, SMMU_STE_INVALID, "reserved S1DSS");
	}
	if (STE0_S1FMT(ste0) == S1FMT_LINEAR)
		return SMMU_OK;
	if (STE0_S1FMT(ste0) == 3)
		return stop(st, SMMU_STE_INVALID, "reserved S1Fmt");
	/* 2-level CD table (4K or 64K leaves): substream 0 is L1[0], L2[0]. */
	ret = rd_cfg(m, ctx, &l1, st,
		     "level 1 CD table outside normal-world DRAM");
	if (ret)
		return ret;
	if (!(l1 & CDL1_V))
		return stop(st, SMMU_CD_INVALID,
			    "no level 2 CD table for substream 0");
	*cd_pa = l1 & CDL1_L2PTR;
	return SMMU_OK;
}

/* Decode CD 0 (words @cd0, @cd1) into @s. */
static int decode_cd(const struct smmu_regs *regs, uint64_t cd0,
		     uint64_t cd1, struct smmu_stream *s, struct stop *st)
{
	static const unsigned char tg0_shift[4] = { 12, 16, 14, 0 };
	static const uint32_t tg0_idr5[4] = {
		IDR5_GRAN4K, IDR5_GRAN64K, IDR5_GRAN16K, 0
	};
	unsigned int g = tg0_shift[CD0_TG0(cd0)], stride, levels;
	unsigned int oas = pa_bits[CD0_IPS(cd0)];

	if (!(cd0 & CD0_V))
		return stop(st, SMMU_CD_INVALID, "CD 0 not valid (CD.V clear)");
	if (!(cd0 & CD0_AA64))
		return stop(st, SMMU_UNSUPPORTED,
			    "AArch32 (VMSAv8-32 LPAE) tables (CD.AA64 clear)");
	if (cd0 & CD0_ENDI)
		return stop(st, SMMU_UNSUPPORTED,
			    "big-endian tables (CD.ENDI set)");
	if (cd0 & CD0_EPD0)
		return stop(st, SMMU_CD_INVALID,
			    "TTB0 walks disabled (CD.EPD0 set)");
	if (!g)
		return stop(st, SMMU_CD_INVALID, "reserved CD.TG0");
	if (regs->idr5 && !(regs->idr5 & tg0_idr5[CD0_TG0(cd0)]))
		return stop(st, SMMU_CD_INVALID,
			    "CD.TG0 granule not supported (IDR5)");
	if (!oas)
		return stop(st, SMMU_CD_INVALID, "reserved CD.IPS");
	if (regs->idr5 && pa_bits[IDR5_OAS(regs->idr5)] &&
	    pa_bits[IDR5_OAS(regs->idr5)] < oas)
		oas = pa_bits[IDR5_OAS(regs->idr5)];

	s->granule_shift = g;
	s->ias = 64 - CD0_T0SZ(cd0);
	s->oas = oas;
	s->hd = cd0 & CD0_HD;
	s->ha = cd0 & CD0_HA;
	s->ttb = cd1 & CD1_TTB0;
	/* io-pgtable-arm: levels = DIV_ROUND_UP(ias - pg_shift, bits/level) */
	stride = g - 3;
	if (s->ias > (g == 16 ? 52U : 48U) || s->ias <= g)
		return stop(st, SMMU_CD_INVALID,
			    "CD.T0SZ out of range for the granule");
	levels = (s->ias - g + stride - 1) / stride;
	if (levels > MAX_LEVEL + 1)
		return stop(st, SMMU_CD_INVALID,
			    "CD.T0SZ needs more than 4 levels");
	s->start_level = MAX_LEVEL + 1 - levels;
	return SMMU_OK;
}

static int resolve(const struct smmu_regs *regs, struct smmu_mem *m,
		   uint32_t sid, struct smmu_stream *s, struct stop *st)
{
	uint64_t ste0, ste1, cd0, cd1;
	int ret;

	memset(s, 0, sizeof(*s));
	s->sid = sid;
	if (!(regs->cr0 & CR0_SMMUEN))
		return stop(st, SMMU_DISABLED,
			    "SMMU disabled (CR0.SMMUEN clear): no translation");
	ret = find_ste(regs, m, sid, &s->ste_pa, st);
	if (!ret)
		ret = rd_cfg(m, s->ste_pa, &ste0, st,
			     "STE outside normal-world DRAM");
	if (!ret)
		ret = rd_cfg(m, s->ste_pa + 8, &ste1, st,
			     "STE outside normal-world DRAM");
	if (ret)
		return ret;
	if (!(ste0 & STE0_V))
		return stop(st, SMMU_STE_INVALID, "STE not valid (STE.V clear)");
	switch (STE0_CFG(ste0)) {
	case STE_CFG_ABORT:
		return stop(st, SMMU_STE_ABORT, "STE.Config abort");
	case STE_CFG_BYPASS:
		return stop(st, SMMU_STE_BYPASS,
			    "STE.Config bypass: untranslated, not isolated");
	case STE_CFG_S1:
		break;
	case STE_CFG_S2:
	case STE_CFG_NESTED:
		return stop(st, SMMU_UNSUPPORTED,
			    "stage 2 translation (STE.Config S2/nested)");
	default:
		return stop(st, SMMU_STE_INVALID, "reserved STE.Config");
	}
	ret = find_cd(m, ste0, ste1, &s->cd_pa, st);
	if (!ret)
		ret = rd_cfg(m, s->cd_pa, &cd0, st,
			     "CD outside normal-world DRAM");
	if (!ret)
		ret = rd_cfg(m, s->cd_pa + 8, &cd1, st,
			     "CD outside normal-world DRAM");
	if (ret)
		return ret;
	return decode_cd(regs, cd0, cd1, s, st);
}

int smmu_walk_stream(const struct smmu_regs *regs, struct smmu_mem *mem,
		     uint32_t sid, struct smmu_stream *s, const char **why)
{
	struct stop st = { .why = "ok" };
	int ret;

	mem->reads = 0;
	ret = resolve(regs, mem, sid, s, &st);
	if (why)
		*why = st.why;
	return ret;
}

/* -- The table walk -- */

/* Shift of the input address bits a level-@l descriptor resolves. */
static unsigned int lvl_shift(const struct smmu_stream *s, int l)
{
	return s->granule_shift + (MAX_LEVEL - l) * (s->granule_shift - 3);
}

/* Block descriptors allowed at level @l (no LPA2: not at level 0). */
static bool block_ok(const struct smmu_stream *s, int l)
{
	switch (s->granule_shift) {
	case 12:
		return l == 1 || l == 2;
	case 14:
		return l == 2;
	default:
		/* 64K: 512M at level 2; 4T at level 1 with 52-bit OAs */
		return l == 2 || (l == 1 && s->oas == 52);
	}
}

/* Output (or next-table) address of descriptor @d. */
static uint64_t desc_addr(const struct smmu_stream *s, uint64_t d)
{
	uint64_t a = d & GENMASK64(47, s->granule_shift);

	/* 64K granule, 52-bit: PA[51:48] live in descriptor bits [15:12] */
	if (s->granule_shift == 16 && s->oas == 52)
		a |= ((d >> 12) & 0xf) << 48;
	return a;
}

/* The table each level last used, by the input region it covers. */
struct walk_cache {
	bool valid[MAX_LEVEL + 1];
	uint64_t tag[MAX_LEVEL + 1];	/* va >> lvl_shift(level - 1) */
	uint64_t table[MAX_LEVEL + 1];
	bool ro[MAX_LEVEL + 1];		/* APTable write-protect above */
};

static int xlate_end(struct smmu_xlate *x, int result, const char *why)
{
	x->result = result;
	x->why = why;
	return result;
}

static int xlate(struct smmu_mem *m, const struct smmu_stream *s,
		 struct walk_cache *c, uint64_t va, struct smmu_xlate *x)
{
	int l = s->start_level, k, ret;
	uint64_t table = s->ttb;
	bool ro = false;

	memset(x, 0, sizeof(*x));
	x->level = -1;
	if (s->ias < 64 && va >> s->ias) {
		/* TTB1's half (EPD1 in Linux's CDs) or a hole: faults */
		x->va_start = va;
		x->size = 0 - va;
		return xlate_end(x, SMMU_NOT_MAPPED,
				 "above the input range (CD.T0SZ)");
	}
	for (k = MAX_LEVEL; c && k > s->start_level; k--) {
		if (c->valid[k] && c->tag[k] == va >> lvl_shift(s, k - 1)) {
			l = k;
			table = c->table[k];
			ro = c->ro[k];
			break;
		}
	}
	for (;;) {
		unsigned int shift = lvl_shift(s, l);
		unsigned int bits = l == s->start_level ? s->ias - shift :
				    s->granule_shift - 3;
		uint64_t pa = table + ((va >> shift) & ((1ULL << bits) - 1)) * 8;
		uint64_t d, out;

		x->level = l;
		x->va_start = va & ~((1ULL << shift) - 1);
		x->size = 1ULL << shift;
		ret = rd(m, pa, &d);
		if (ret) {
			x->bad_pa = pa;
			return xlate_end(x, ret, ret == SMMU_BAD_TABLE ?
					 "translation table outside normal-world DRAM" :
					 "read budget exhausted");
		}
		if (!(d & DESC_VALID))
			return xlate_end(x, SMMU_NOT_MAPPED,
					 "invalid descriptor");
		if (l < MAX_LEVEL && DESC_TYPE(d) == DESC_TYPE_TABLE) {
			table = desc_addr(s, d);
			if (s->oas < 64 && table >> s->oas)
				return xlate_end(x, SMMU_FAULT,
						 "table address above CD.IPS");
			ro |= !!(d & DESC_APTABLE_RDONLY);
			l++;
			if (c) {
				c->valid[l] = true;
				c->tag[l] = va >> shift;
				c->table[l] = table;
				c->ro[l] = ro;
				for (k = l + 1; k <= MAX_LEVEL; k++)
					c->valid[k] = false;
			}
			continue;
		}
		if (l == MAX_LEVEL && DESC_TYPE(d) != DESC_TYPE_TABLE)
			return xlate_end(x, SMMU_FAULT,
					 "reserved descriptor type at level 3");
		if (l < MAX_LEVEL && !block_ok(s, l))
			return xlate_end(x, SMMU_FAULT,
					 "block descriptor at a level without blocks");
		out = desc_addr(s, d) & ~(x->size - 1);
		if (s->oas < 64 && out >> s->oas)
			return xlate_end(x, SMMU_FAULT,
					 "output address above CD.IPS");
		if (!(d & DESC_AF) && !s->ha)
			return xlate_end(x, SMMU_FAULT,
					 "access flag clear (access flag fault)");
		x->pa = out + (va - x->va_start);
		x->writable = !ro && (!(d & DESC_AP_RDONLY) ||
				      (s->hd && (d & DESC_DBM)));
		return xlate_end(x, SMMU_OK, x->writable ? "read/write" :
				 "read-only");
	}
}

int smmu_walk_translate(struct smmu_mem *mem, const struct smmu_stream *s,
			uint64_t iova, struct smmu_xlate *x)
{
	mem->reads = 0;
	return xlate(mem, s, NULL, iova, x);
}

static int range_fail(struct smmu_report *rep, int result, uint64_t at,
		      const struct smmu_xlate *x, uint64_t pa,
		      const char *why)
{
	rep->result = result;
	rep->first_bad = at;
	rep->pa = pa;
	rep->level = x->level;
	rep->why = why;
	return result;
}

int smmu_walk_range(const struct smmu_regs *regs, struct smmu_mem *mem,
		    uint32_t sid, uint64_t base, uint64_t size,
		    enum smmu_check mode, struct smmu_report *rep)
{
	struct stop st = { .why = "ok" };
	struct walk_cache cache;
	struct smmu_xlate x;
	uint64_t cur = base, last, end;
	int ret;

	memset(rep, 0, sizeof(*rep));
	memset(&cache, 0, sizeof(cache));
	rep->first_bad = base;
	rep->level = -1;
	mem->reads = 0;
	if (!size || base + (size - 1) < base) {
		rep->result = SMMU_BAD_ARGS;
		rep->why = "empty or wrapping range";
		return rep->result;
	}
	last = base + (size - 1);
	ret = resolve(regs, mem, sid, &rep->stream, &st);
	if (ret) {
		rep->result = ret;
		rep->why = st.why;
		rep->pa = st.bad_pa;
		rep->reads = mem->reads;
		return ret;
	}
	for (;;) {
		ret = xlate(mem, &rep->stream, &cache, cur, &x);
		rep->leaves++;
		rep->reads = mem->reads;
		if (ret == SMMU_BAD_TABLE || ret == SMMU_TOO_MANY_READS)
			return range_fail(rep, ret, cur, &x, x.bad_pa, x.why);
		if (mode == SMMU_CHECK_IDENTITY_RW) {
			if (ret)
				return range_fail(rep, ret, cur, &x, 0, x.why);
			if (x.pa != cur)
				return range_fail(rep, SMMU_NOT_IDENTITY, cur,
						  &x, x.pa,
						  "mapped to another address");
			if (!x.writable)
				return range_fail(rep, SMMU_READ_ONLY, cur, &x,
						  x.pa, "mapped read-only");
		} else if (!ret) {
			return range_fail(rep, SMMU_MAPPED, cur, &x, x.pa,
					  x.writable ? "mapped read/write" :
					  "mapped read-only");
		}
		end = x.va_start + (x.size - 1);
		if (end >= last)
			break;
		cur = end + 1;
	}
	rep->result = SMMU_OK;
	rep->why = "ok";
	return SMMU_OK;
}

void smmu_report_str(const struct smmu_report *rep, char *buf, size_t len)
{
	const struct smmu_stream *s = &rep->stream;
	char lvl[24] = "";

	if (rep->level >= 0)
		tz_snprintf(lvl, sizeof(lvl), " (level %d)", rep->level);
	switch (rep->result) {
	case SMMU_OK:
		tz_snprintf(buf, len,
			    "%uK granule, %d levels, ias %u, oas %u, TTB0 0x%llx, %llu leaves, %llu reads",
			    1U << (s->granule_shift - 10),
			    MAX_LEVEL + 1 - s->start_level, s->ias, s->oas,
			    (unsigned long long)s->ttb,
			    (unsigned long long)rep->leaves,
			    (unsigned long long)rep->reads);
		break;
	case SMMU_NOT_MAPPED:
	case SMMU_FAULT:
		tz_snprintf(buf, len, "0x%llx: %s%s",
			    (unsigned long long)rep->first_bad, rep->why, lvl);
		break;
	case SMMU_NOT_IDENTITY:
	case SMMU_READ_ONLY:
	case SMMU_MAPPED:
		tz_snprintf(buf, len, "0x%llx -> 0x%llx: %s%s",
			    (unsigned long long)rep->first_bad,
			    (unsigned long long)rep->pa, rep->why, lvl);
		break;
	case SMMU_BAD_TABLE:
		tz_snprintf(buf, len, "0x%llx: %s (address 0x%llx)",
			    (unsigned long long)rep->first_bad, rep->why,
			    (unsigned long long)rep->pa);
		break;
	case SMMU_TOO_MANY_READS:
		tz_snprintf(buf, len, "0x%llx: %s after %llu reads",
			    (unsigned long long)rep->first_bad, rep->why,
			    (unsigned long long)rep->reads);
		break;
	default:
		tz_snprintf(buf, len, "%s", rep->why ? rep->why : "?");
		break;
	}
}
