// SPDX-License-Identifier: GPL-2.0
/*
 * Resource tables for PAS GET_RSCTABLE (include/tzsim/rsctable.h): the
 * strict check of the firmware's own table and the complete table TZ
 * returns (the firmware's entries plus the dynamic ones of the remote).
 *
 * Pure: no MMIO, no logging (reasons go to @why), also built into the
 * host unit tests. Every field is read and written byte by byte (the
 * output is normal-world memory, Device memory with the MMU off), every
 * offset and size is checked in 64-bit arithmetic before any access.
 */
#include <tzsim/le.h>
#include <tzsim/rsctable.h>

/*
 * The remotes' register blocks as the remote sees them: the "reg" of
 * their PAS nodes (sc7280.dtsi, board/qcs6490-tzsim.dts).
 */
static const struct {
	unsigned int pas_id;
	uint32_t da;
} regs_da[] = {
	{ 1, 0x03700000 },	/* remoteproc_adsp */
	{ 18, 0x0a300000 },	/* remoteproc_cdsp */
	{ 4, 0x04080000 },	/* remoteproc_mpss */
	{ 6, 0x08a00000 },	/* remoteproc_wpss */
};

static int fail(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tz_vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return RSCTABLE_EINVAL;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static bool inside(uint64_t a, uint64_t alen, uint64_t base, uint64_t size)
{
	return a >= base && alen <= size && a - base <= size - alen;
}

static const char *type_name(uint32_t type)
{
	switch (type) {
	case RSC_CARVEOUT:
		return "carveout";
	case RSC_DEVMEM:
		return "devmem";
	case RSC_TRACE:
		return "trace";
	case RSC_VDEV:
		return "vdev";
	}
	return "?";
}

void rsctable_ctx_init(struct rsctable_ctx *ctx, const struct soc_remote *r,
		       bool devmem, uint32_t pad)
{
	unsigned int i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->name = r->name;
	ctx->mem_base = r->mem_base;
	ctx->mem_size = r->mem_size;
	for (i = 0; i < ARRAY_SIZE(regs_da); i++)
		if (regs_da[i].pas_id == r->pas_id)
			ctx->regs_da = regs_da[i].da;
	ctx->devmem = devmem;
	ctx->pad = pad;
}

/* The physical address of the carveout's @n-th page from the top. */
static bool top_page(const struct rsctable_ctx *ctx, unsigned int n,
		     uint32_t *pa)
{
	uint64_t end = ctx->mem_base + ctx->mem_size;

	if (ctx->mem_size < (uint64_t)n * RSCTABLE_PAGE ||
	    end < ctx->mem_base || end > (1ULL << 32) ||
	    (end & (RSCTABLE_PAGE - 1)))
		return false;
	*pa = (uint32_t)(end - (uint64_t)n * RSCTABLE_PAGE);
	return true;
}

static bool ctx_regs(const struct rsctable_ctx *ctx, struct rsctable_window *w)
{
	if (!ctx->regs_da || !top_page(ctx, 1, &w->pa))
		return false;
	w->da = ctx->regs_da;
	w->len = RSCTABLE_REGS_SIZE;
	return true;
}

static bool ctx_trace(const struct rsctable_ctx *ctx, struct rsctable_window *w)
{
	if (!top_page(ctx, 2, &w->pa))
		return false;
	w->da = w->pa;
	w->len = RSCTABLE_TRACE_SIZE;
	return true;
}

bool rsctable_regs_window(const struct soc_remote *r,
			  struct rsctable_window *w)
{
	struct rsctable_ctx ctx;

	rsctable_ctx_init(&ctx, r, true, 0);
	return ctx_regs(&ctx, w);
}

bool rsctable_trace_window(const struct soc_remote *r,
			   struct rsctable_window *w)
{
	struct rsctable_ctx ctx;

	rsctable_ctx_init(&ctx, r, true, 0);
	return ctx_trace(&ctx, w);
}

/*
 * Size of entry @i at @off (its type word included) into *@size, checked
 * against the @len bytes of the table. The caller made sure that the
 * type word itself is inside.
 */
static int entry_size(const uint8_t *buf, size_t len, unsigned int i,
		      uint32_t off, uint32_t *type, uint32_t *size, char *why,
		      size_t whylen)
{
	const uint8_t *p = buf + off + RSC_ENTRY_HDR_SIZE;
	uint64_t avail = len - off - RSC_ENTRY_HDR_SIZE, need;

	*type = get32(buf + off);
	switch (*type) {
	case RSC_CARVEOUT:
		need = RSC_CARVEOUT_SIZE;
		break;
	case RSC_DEVMEM:
		need = RSC_DEVMEM_SIZE;
		break;
	case RSC_TRACE:
		need = RSC_TRACE_SIZE;
		break;
	case RSC_VDEV:
		need = RSC_VDEV_SIZE;
		if (need > avail)
			break;
		/* the vrings, then config_len bytes of config space */
		need += (uint64_t)p[21] * RSC_VRING_SIZE + get32(p + 16);
		break;
	default:
		return fail(why, whylen,
			    "entry %u at 0x%x: unknown resource type %u", i,
			    off, *type);
	}
	if (need > avail)
		return fail(why, whylen,
			    "entry %u (%s) at 0x%x: needs %llu bytes, the table ends %llu bytes after its type",
			    i, type_name(*type), off, (unsigned long long)need,
			    (unsigned long long)avail);
	*size = (uint32_t)(RSC_ENTRY_HDR_SIZE + need);
	return RSCTABLE_OK;
}

static int check_devmem(const struct rsctable_ctx *ctx, const uint8_t *p,
			unsigned int i, char *why, size_t whylen)
{
	uint32_t da = get32(p), pa = get32(p + 4), len = get32(p + 8);
	uint32_t flags = get32(p + 12);
	struct rsctable_window w;

	if ((da | pa | len) & (RSCTABLE_PAGE - 1))
		return fail(why, whylen,
			    "entry %u (devmem): da 0x%x pa 0x%x len 0x%x not page aligned",
			    i, da, pa, len);
	if (flags & ~RSC_IOMMU_FLAGS)
		return fail(why, whylen,
			    "entry %u (devmem): unknown IOMMU flags 0x%x", i,
			    flags);
	if (!inside(pa, len, ctx->mem_base, ctx->mem_size))
		return fail(why, whylen,
			    "entry %u (devmem): maps pa 0x%x+0x%x, outside the remote's carveout 0x%llx+0x%llx",
			    i, pa, len, (unsigned long long)ctx->mem_base,
			    (unsigned long long)ctx->mem_size);
	if (overlap(da, len, ctx->mem_base, ctx->mem_size))
		return fail(why, whylen,
			    "entry %u (devmem): da 0x%x+0x%x collides with the identity map of the carveout",
			    i, da, len);
	if (ctx->devmem && ctx_regs(ctx, &w) && overlap(da, len, w.da, w.len))
		return fail(why, whylen,
			    "entry %u (devmem): da 0x%x+0x%x collides with the register window at 0x%x",
			    i, da, len, w.da);
	return RSCTABLE_OK;
}

/* The checks of entry @i's fields (@p: past its type word). */
static int check_entry(const struct rsctable_ctx *ctx, const uint8_t *p,
		       uint32_t type, unsigned int i, char *why, size_t whylen)
{
	switch (type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		if (get32(p + 16))
			return fail(why, whylen,
				    "entry %u (%s): reserved 0x%x, must be 0",
				    i, type_name(type), get32(p + 16));
		if (!get32(p + 8))
			return fail(why, whylen, "entry %u (%s): len 0", i,
				    type_name(type));
		if (type == RSC_DEVMEM)
			return check_devmem(ctx, p, i, why, whylen);
		return RSCTABLE_OK;
	case RSC_TRACE:
		if (get32(p + 8))
			return fail(why, whylen,
				    "entry %u (trace): reserved 0x%x, must be 0",
				    i, get32(p + 8));
		if (!get32(p + 4))
			return fail(why, whylen, "entry %u (trace): len 0",
				    i);
		return RSCTABLE_OK;
	case RSC_VDEV:
		if (p[22] || p[23])
			return fail(why, whylen,
				    "entry %u (vdev): reserved bytes 0x%02x 0x%02x, must be 0",
				    i, p[22], p[23]);
		if (p[21] > RSC_VDEV_MAX_VRINGS)
			return fail(why, whylen,
				    "entry %u (vdev): %u vrings, at most %d", i,
				    p[21], RSC_VDEV_MAX_VRINGS);
		return RSCTABLE_OK;
	}
	return RSCTABLE_EINVAL;	/* entry_size() refused it already */
}

/* No two DEVMEM entries may map the same device address. */
static int check_devmem_das(const struct rsctable_parsed *t,
			    const uint8_t *buf, char *why, size_t whylen)
{
	const uint8_t *a, *b;
	unsigned int i, j;

	for (i = 0; i < t->num; i++) {
		if (t->e[i].type != RSC_DEVMEM)
			continue;
		a = buf + t->e[i].offset + RSC_ENTRY_HDR_SIZE;
		for (j = 0; j < i; j++) {
			if (t->e[j].type != RSC_DEVMEM)
				continue;
			b = buf + t->e[j].offset + RSC_ENTRY_HDR_SIZE;
			if (overlap(get32(a), get32(a + 8), get32(b),
				    get32(b + 8)))
				return fail(why, whylen,
					    "entries %u and %u (devmem): da ranges 0x%x+0x%x and 0x%x+0x%x overlap",
					    j, i, get32(b), get32(b + 8),
					    get32(a), get32(a + 8));
		}
	}
	return RSCTABLE_OK;
}

int rsctable_parse(struct rsctable_parsed *t, const uint8_t *buf, size_t len,
		   const struct rsctable_ctx *ctx, char *why, size_t whylen)
{
	uint32_t ver, num, off, type = 0, size = 0;
	const struct rsctable_entry *o;
	uint64_t arr_end;
	unsigned int i, j;
	int ret;

	t->num = 0;
	if (len < RSC_HDR_SIZE)
		return fail(why, whylen,
			    "%zu bytes, shorter than the %d-byte header", len,
			    RSC_HDR_SIZE);
	ver = get32(buf);
	num = get32(buf + 4);
	if (!ver && !num && !get32(buf + 8) && !get32(buf + 12)) {
		if (len != RSC_HDR_SIZE)
			return fail(why, whylen,
				    "empty table (version 0) of %zu bytes, must be exactly %d",
				    len, RSC_HDR_SIZE);
		return RSCTABLE_OK;
	}
	if (ver != 1)
		return fail(why, whylen,
			    "version %u, expected 1 (or the all-zero %d-byte empty table)",
			    ver, RSC_HDR_SIZE);
	if (get32(buf + 8) || get32(buf + 12))
		return fail(why, whylen,
			    "reserved words 0x%x 0x%x, must be 0",
			    get32(buf + 8), get32(buf + 12));
	if (num > RSCTABLE_MAX_ENTRIES)
		return fail(why, whylen, "%u entries, at most %d", num,
			    RSCTABLE_MAX_ENTRIES);
	arr_end = RSC_HDR_SIZE + 4ULL * num;
	if (arr_end > len)
		return fail(why, whylen,
			    "%u entries: the offset array ends at 0x%llx, past the table's %zu bytes",
			    num, (unsigned long long)arr_end, len);

	for (i = 0; i < num; i++) {
		off = get32(buf + RSC_HDR_SIZE + 4 * i);
		if (off & 3)
			return fail(why, whylen,
				    "entry %u: offset 0x%x is not a multiple of 4",
				    i, off);
		if (off < arr_end || (uint64_t)off + RSC_ENTRY_HDR_SIZE > len)
			return fail(why, whylen,
				    "entry %u: offset 0x%x is not within 0x%llx..0x%zx",
				    i, off, (unsigned long long)arr_end,
				    len - RSC_ENTRY_HDR_SIZE);
		ret = entry_size(buf, len, i, off, &type, &size, why, whylen);
		if (ret)
			return ret;
		for (j = 0; j < i; j++) {
			o = &t->e[j];
			if (overlap(off, size, o->offset, o->size))
				return fail(why, whylen,
					    "entries %u and %u overlap (0x%x+0x%x and 0x%x+0x%x)",
					    j, i, o->offset, o->size, off,
					    size);
		}
		ret = check_entry(ctx, buf + off + RSC_ENTRY_HDR_SIZE, type, i,
				  why, whylen);
		if (ret)
			return ret;
		t->e[i] = (struct rsctable_entry){
			.type = type, .offset = off, .size = size,
		};
		t->num = i + 1;
	}
	ret = check_devmem_das(t, buf, why, whylen);
	if (ret)
		t->num = 0;
	return ret;
}

unsigned int rsctable_nr_dynamic(const struct rsctable_ctx *ctx)
{
	struct rsctable_window w;

	return (ctx->devmem && ctx_regs(ctx, &w)) + ctx_trace(ctx, &w) +
	       !!ctx->pad;
}

/*
 * Start entry *@idx at the first 4-byte boundary from @pos: zero the gap
 * and record its offset (when writing). Returns its offset.
 */
static uint64_t next_entry(uint8_t *out, uint64_t pos, unsigned int *idx)
{
	uint64_t at = ALIGN_UP(pos, 4ULL);

	if (out) {
		memset(out + pos, 0, at - pos);
		put32(out + RSC_HDR_SIZE + 4 * *idx, (uint32_t)at);
	}
	(*idx)++;
	return at;
}

/* The dynamic DEVMEM or TRACE entry (type word included) at @p. */
static void dynamic_entry(uint8_t *p, uint32_t type,
			  const struct rsctable_ctx *ctx,
			  const struct rsctable_window *w)
{
	char name[RSC_NAME_SIZE];
	uint8_t *f = p + RSC_ENTRY_HDR_SIZE;

	memset(name, 0, sizeof(name));
	put32(p, type);
	if (type == RSC_DEVMEM) {
		put32(f, w->da);
		put32(f + 4, w->pa);
		put32(f + 8, w->len);
		put32(f + 12, IOMMU_READ | IOMMU_WRITE);
		put32(f + 16, 0);
		tz_snprintf(name, sizeof(name), "%s-regs", ctx->name);
		memcpy(f + 20, name, sizeof(name));
	} else {
		put32(f, w->da);
		put32(f + 4, w->len);
		put32(f + 8, 0);
		tz_snprintf(name, sizeof(name), "%s-trace", ctx->name);
		memcpy(f + 12, name, sizeof(name));
	}
}

/* Lay the table out; with @out NULL only count its bytes. */
static uint64_t emit(uint8_t *out, const struct rsctable_parsed *t,
		     const uint8_t *in, const struct rsctable_ctx *ctx)
{
	unsigned int num = t->num + rsctable_nr_dynamic(ctx), idx = 0, i;
	uint64_t pos = RSC_HDR_SIZE + 4ULL * num;
	struct rsctable_window w;

	if (out) {
		put32(out, 1);
		put32(out + 4, num);
		put32(out + 8, 0);
		put32(out + 12, 0);
	}
	for (i = 0; i < t->num; i++) {
		pos = next_entry(out, pos, &idx);
		if (out)
			memcpy(out + pos, in + t->e[i].offset, t->e[i].size);
		pos += t->e[i].size;
	}
	if (ctx->devmem && ctx_regs(ctx, &w)) {
		pos = next_entry(out, pos, &idx);
		if (out)
			dynamic_entry(out + pos, RSC_DEVMEM, ctx, &w);
		pos += RSC_ENTRY_HDR_SIZE + RSC_DEVMEM_SIZE;
	}
	if (ctx_trace(ctx, &w)) {
		pos = next_entry(out, pos, &idx);
		if (out)
			dynamic_entry(out + pos, RSC_TRACE, ctx, &w);
		pos += RSC_ENTRY_HDR_SIZE + RSC_TRACE_SIZE;
	}
	if (ctx->pad) {
		pos = next_entry(out, pos, &idx);
		if (out) {
			put32(out + pos, RSC_VENDOR_START);
			memset(out + pos + RSC_ENTRY_HDR_SIZE, 0, ctx->pad);
		}
		pos += RSC_ENTRY_HDR_SIZE + (uint64_t)ctx->pad;
	}
	return pos;
}

uint64_t rsctable_out_size(const struct rsctable_parsed *t,
			   const struct rsctable_ctx *ctx)
{
	return emit(NULL, t, NULL, ctx);
}

uint64_t rsctable_build(uint8_t *out, const struct rsctable_parsed *t,
			const uint8_t *in, const struct rsctable_ctx *ctx)
{
	return emit(out, t, in, ctx);
}
