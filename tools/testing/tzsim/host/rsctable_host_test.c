// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of PAS GET_RSCTABLE's pure parts and of PAS's SHM bridge
 * policy: the strict check of the firmware's resource table
 * (services/rsctable.c) on good and crafted tables, the complete table TZ
 * builds (dynamic entries, layout, the size behind the "buffer not
 * sufficient" answer), walked the way Linux's rsc_table_for_each_entry()
 * and rproc_handle_*() read it; the EL1/EL2 memory policy and the leaked
 * bridge search (services/pas_policy.c); the rsctable_pad= key. Every
 * table is parsed from, and built into, a buffer of its exact size (ASan
 * sees any access past it). KTAP output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/le.h>
#include <tzsim/pas.h>
#include <tzsim/rsctable.h>
#include <tzsim/soc.h>

#define SZ_16K		16384

static const struct soc_remote *remote_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes; i++)
		if (!strcmp(soc_remotes[i].name, name))
			return &soc_remotes[i];
	return NULL;
}

static void adsp_ctx(struct rsctable_ctx *ctx, bool el2, uint32_t pad)
{
	rsctable_ctx_init(ctx, remote_named("adsp"), el2, pad);
}

/* -- Building input tables. -- */

struct tb {
	uint8_t buf[4096];
	uint32_t num, pos;
};

static void tb_init(struct tb *t, uint32_t num)
{
	memset(t, 0, sizeof(*t));
	put32(t->buf, 1);
	put32(t->buf + 4, num);
	t->num = num;
	t->pos = RSC_HDR_SIZE + 4 * num;
}

/* Entry @idx: @size bytes of @e at the current position. */
static uint32_t tb_add(struct tb *t, unsigned int idx, const uint8_t *e,
		       size_t size)
{
	uint32_t at = t->pos;

	put32(t->buf + RSC_HDR_SIZE + 4 * idx, at);
	memcpy(t->buf + at, e, size);
	t->pos = ALIGN_UP(at + (uint32_t)size, 4U);
	return at;
}

/* CARVEOUT and DEVMEM share a layout. */
static size_t mem_entry(uint8_t *e, uint32_t type, uint32_t da, uint32_t pa,
			uint32_t len, uint32_t flags, const char *name)
{
	memset(e, 0, 56);
	put32(e, type);
	put32(e + 4, da);
	put32(e + 8, pa);
	put32(e + 12, len);
	put32(e + 16, flags);
	strncpy((char *)e + 24, name, 31);
	return 56;
}

static size_t trace_entry(uint8_t *e, uint32_t da, uint32_t len,
			  const char *name)
{
	memset(e, 0, 48);
	put32(e, RSC_TRACE);
	put32(e + 4, da);
	put32(e + 8, len);
	strncpy((char *)e + 16, name, 31);
	return 48;
}

static size_t vdev_entry(uint8_t *e, uint8_t vrings, uint32_t config_len)
{
	size_t size = 4 + 24 + 20 * vrings + config_len, i;

	memset(e, 0, size);
	put32(e, RSC_VDEV);
	put32(e + 4, 7);		/* VIRTIO_ID_RPROC_SERIAL */
	put32(e + 4 + 16, config_len);
	e[4 + 21] = vrings;
	for (i = 0; i < vrings; i++) {
		put32(e + 28 + 20 * i + 4, 16);	/* align */
		put32(e + 28 + 20 * i + 8, 256);	/* num */
	}
	for (i = 0; i < config_len; i++)
		e[28 + 20 * vrings + i] = (uint8_t)(0x11 * (i + 1));
	return size;
}

/* adsp's carveout is 0x86700000+0x2800000. */
#define ADSP_MEM	0x86700000U
#define ADSP_END	0x88f00000U

/*
 * A good table: carveout, devmem, trace, vdev (2 vrings, 6 bytes of
 * config: it ends unaligned), devmem. Its size into *@len.
 */
static void good_table(struct tb *t, size_t *len)
{
	uint8_t e[256];
	size_t n;

	tb_init(t, 5);
	n = mem_entry(e, RSC_CARVEOUT, 0xffffffff, 0xffffffff, 0x10000, 3,
		      "heap");
	tb_add(t, 0, e, n);
	n = mem_entry(e, RSC_DEVMEM, 0x20000000, ADSP_MEM + 0x100000, 0x2000,
		      3, "mailbox");
	tb_add(t, 1, e, n);
	n = trace_entry(e, ADSP_MEM + 0x200000, 0x8000, "fw-trace");
	tb_add(t, 2, e, n);
	n = vdev_entry(e, 2, 6);
	tb_add(t, 3, e, n);
	n = mem_entry(e, RSC_DEVMEM, 0x21000000, ADSP_MEM + 0x300000, 0x1000,
		      1, "timer");
	tb_add(t, 4, e, n);
	*len = t->pos;
}

static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *q = malloc(len ? len : 1);

	memcpy(q, p, len);
	return q;
}

static int parse_exact(const uint8_t *buf, size_t len,
		       const struct rsctable_ctx *ctx,
		       struct rsctable_parsed *t, char *why)
{
	uint8_t *copy = dup_exact(buf, len);
	int ret;

	why[0] = '\0';
	ret = rsctable_parse(t, copy, len, ctx, why, 256);
	free(copy);
	return ret;
}

static int check_bad(const uint8_t *buf, size_t len, const char *want)
{
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	char why[256];
	int ret;

	adsp_ctx(&ctx, true, 0);
	ret = parse_exact(buf, len, &ctx, &t, why);
	if (ret != RSCTABLE_EINVAL) {
		fprintf(stderr, "# accepted, wanted \"%s\"\n", want);
		return -1;
	}
	if (!strstr(why, want)) {
		fprintf(stderr, "# got \"%s\", wanted \"%s\"\n", why, want);
		return -1;
	}
	return 0;
}

/*
 * -- Linux's reading of the table TZ returns (6.12 rsc_table.h and
 * remoteproc_core.c's handlers). --
 */

struct linux_view {
	unsigned int devmem, trace, carveout, vdev, vendor;
	uint32_t devmem_da, devmem_pa, devmem_len, devmem_flags;
};

static int linux_walk(const uint8_t *table, size_t sz, struct linux_view *v)
{
	uint32_t num, i, offset, type, avail;
	const uint8_t *rsc;

	memset(v, 0, sizeof(*v));
	if (sz < RSC_HDR_SIZE)
		return -1;
	num = get32(table + 4);
	if (RSC_HDR_SIZE + 4ULL * num > sz)	/* Linux reads offset[] blind */
		return -1;
	for (i = 0; i < num; i++) {
		offset = get32(table + RSC_HDR_SIZE + 4 * i);
		if (offset < RSC_HDR_SIZE || offset >= sz || sz - offset < 4)
			return -1;	/* "rsc table is truncated" */
		type = get32(table + offset);
		avail = sz - offset - 4;
		rsc = table + offset + 4;
		if (type >= RSC_VENDOR_START && type <= RSC_VENDOR_END) {
			v->vendor++;	/* "unsupported vendor resource" */
			continue;
		}
		switch (type) {
		case RSC_CARVEOUT:
		case RSC_DEVMEM:
			if (avail < 52 || get32(rsc + 16))
				return -1;
			if (type == RSC_CARVEOUT) {
				v->carveout++;
				break;
			}
			v->devmem++;
			v->devmem_da = get32(rsc);
			v->devmem_pa = get32(rsc + 4);
			v->devmem_len = get32(rsc + 8);
			v->devmem_flags = get32(rsc + 12);
			break;
		case RSC_TRACE:
			if (avail < 44 || get32(rsc + 8))
				return -1;
			v->trace++;
			break;
		case RSC_VDEV:
			if (24 + 20ULL * rsc[21] + get32(rsc + 16) > avail ||
			    rsc[22] || rsc[23] || rsc[21] > 2)
				return -1;
			v->vdev++;
			break;
		}
	}
	return 0;
}

/* Build into a buffer of exactly the announced size, pre-filled. */
static uint8_t *build_exact(const struct rsctable_parsed *t,
			    const uint8_t *in, const struct rsctable_ctx *ctx,
			    uint64_t *size)
{
	uint8_t *out;

	*size = rsctable_out_size(t, ctx);
	out = malloc(*size);
	memset(out, 0xa5, *size);
	if (rsctable_build(out, t, in, ctx) != *size) {
		free(out);
		return NULL;
	}
	return out;
}

/* -- The input: accepted tables. -- */

TEST(rsctable_empty_header)
{
	static const uint8_t zero[RSC_HDR_SIZE];
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	struct linux_view v;
	uint8_t *out;
	uint64_t size;
	char why[256];

	adsp_ctx(&ctx, true, 0);
	ASSERT_EQ(RSCTABLE_OK, parse_exact(zero, sizeof(zero), &ctx, &t, why));
	EXPECT_EQ(0, t.num);

	/* EL2: header, 2 offsets, devmem (56), trace (48) */
	out = build_exact(&t, zero, &ctx, &size);
	ASSERT_NE(NULL, out);
	EXPECT_EQ(16 + 8 + 56 + 48, size);
	EXPECT_EQ(1, get32(out));
	EXPECT_EQ(2, get32(out + 4));
	EXPECT_EQ(0, get32(out + 8));
	EXPECT_EQ(0, get32(out + 12));
	EXPECT_EQ(24, get32(out + 16));
	EXPECT_EQ(80, get32(out + 20));
	EXPECT_EQ(RSC_DEVMEM, get32(out + 24));
	EXPECT_EQ(0x03700000, get32(out + 28));		/* da */
	EXPECT_EQ(ADSP_END - 0x1000, get32(out + 32));	/* pa */
	EXPECT_EQ(0x1000, get32(out + 36));		/* len */
	EXPECT_EQ(3, get32(out + 40));			/* flags */
	EXPECT_EQ(0, get32(out + 44));			/* reserved */
	EXPECT_STREQ("adsp-regs", (char *)out + 48);
	EXPECT_EQ(0, out[48 + 31]);
	EXPECT_EQ(RSC_TRACE, get32(out + 80));
	EXPECT_EQ(ADSP_END - 0x2000, get32(out + 84));	/* da */
	EXPECT_EQ(0x1000, get32(out + 88));
	EXPECT_EQ(0, get32(out + 92));
	EXPECT_STREQ("adsp-trace", (char *)out + 96);
	EXPECT_EQ(0, linux_walk(out, size, &v));
	EXPECT_EQ(1, v.devmem);
	EXPECT_EQ(1, v.trace);
	free(out);

	/* EL1: no devmem (no IOMMU domain on Linux's side) */
	adsp_ctx(&ctx, false, 0);
	EXPECT_EQ(1, rsctable_nr_dynamic(&ctx));
	out = build_exact(&t, zero, &ctx, &size);
	ASSERT_NE(NULL, out);
	EXPECT_EQ(16 + 4 + 48, size);
	EXPECT_EQ(1, get32(out + 4));
	EXPECT_EQ(RSC_TRACE, get32(out + 20));
	EXPECT_EQ(0, linux_walk(out, size, &v));
	EXPECT_EQ(0, v.devmem);
	free(out);
}

TEST(rsctable_empty_variants)
{
	uint8_t b[64] = { 0 };
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	char why[256];

	adsp_ctx(&ctx, true, 0);
	/* version 0 only as exactly the 16 zero bytes Linux sends */
	EXPECT_EQ(0, check_bad(b, 17, "empty table (version 0) of 17 bytes"));
	EXPECT_EQ(0, check_bad(b, 15, "shorter than the 16-byte header"));
	EXPECT_EQ(0, check_bad(b, 0, "shorter than the 16-byte header"));
	put32(b + 4, 1);
	EXPECT_EQ(0, check_bad(b, 16, "version 0, expected 1"));
	put32(b + 4, 0);
	put32(b + 12, 1);
	EXPECT_EQ(0, check_bad(b, 16, "version 0, expected 1"));
	/* version 1 without entries, any size */
	memset(b, 0, sizeof(b));
	put32(b, 1);
	EXPECT_EQ(RSCTABLE_OK, parse_exact(b, 16, &ctx, &t, why));
	EXPECT_EQ(RSCTABLE_OK, parse_exact(b, 64, &ctx, &t, why));
	EXPECT_EQ(0, t.num);
}

TEST(rsctable_good_table)
{
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	struct linux_view v;
	uint8_t *in, *out;
	uint64_t size;
	size_t len, i;
	char why[256];
	struct tb tb;

	good_table(&tb, &len);
	in = dup_exact(tb.buf, len);
	adsp_ctx(&ctx, true, 0);
	ASSERT_EQ(RSCTABLE_OK, rsctable_parse(&t, in, len, &ctx, why,
					      sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(5, t.num);
	EXPECT_EQ(RSC_CARVEOUT, t.e[0].type);
	EXPECT_EQ(56, t.e[0].size);
	EXPECT_EQ(RSC_DEVMEM, t.e[1].type);
	EXPECT_EQ(RSC_TRACE, t.e[2].type);
	EXPECT_EQ(48, t.e[2].size);
	EXPECT_EQ(RSC_VDEV, t.e[3].type);
	EXPECT_EQ(4 + 24 + 40 + 6, t.e[3].size);
	EXPECT_EQ(RSC_DEVMEM, t.e[4].type);

	out = build_exact(&t, in, &ctx, &size);
	ASSERT_NE(NULL, out);
	/* header + 7 offsets, the five entries (vdev padded to 76), 2 more */
	EXPECT_EQ(16 + 28 + 56 + 56 + 48 + 76 + 56 + 56 + 48, size);
	EXPECT_EQ(7, get32(out + 4));
	/* the firmware's entries byte for byte, at aligned offsets */
	for (i = 0; i < 5; i++) {
		uint32_t off = get32(out + 16 + 4 * i);

		EXPECT_EQ(0, off & 3);
		EXPECT_EQ(0, memcmp(out + off, in + t.e[i].offset,
				    t.e[i].size)) TH_LOG("entry %zu", i);
	}
	/* the vdev's alignment gap is zero, no byte left unwritten */
	EXPECT_EQ(0, out[get32(out + 16 + 12) + 74]);
	EXPECT_EQ(0, out[get32(out + 16 + 12) + 75]);
	EXPECT_EQ(get32(out + 16 + 12) + 76, get32(out + 16 + 16));
	for (i = 0; i < size; i++)
		if (out[i] == 0xa5)
			break;
	EXPECT_EQ(size, i) TH_LOG("byte %zu not written", i);

	EXPECT_EQ(0, linux_walk(out, size, &v));
	EXPECT_EQ(1, v.carveout);
	EXPECT_EQ(3, v.devmem);
	EXPECT_EQ(2, v.trace);
	EXPECT_EQ(1, v.vdev);
	EXPECT_EQ(0x03700000, v.devmem_da);	/* the last one: TZ's */
	free(out);
	free(in);
}

/* -- The input: refused tables. -- */

TEST(rsctable_bad_header)
{
	struct tb tb;
	size_t len;

	good_table(&tb, &len);
	put32(tb.buf, 2);
	EXPECT_EQ(0, check_bad(tb.buf, len, "version 2, expected 1"));
	put32(tb.buf, 1);
	put32(tb.buf + 8, 1);
	EXPECT_EQ(0, check_bad(tb.buf, len, "reserved words 0x1 0x0"));
	put32(tb.buf + 8, 0);
	put32(tb.buf + 4, RSCTABLE_MAX_ENTRIES + 1);
	EXPECT_EQ(0, check_bad(tb.buf, 4096, "65 entries, at most 64"));
	put32(tb.buf + 4, 0xffffffff);
	EXPECT_EQ(0, check_bad(tb.buf, 4096, "4294967295 entries"));
	/* num too large for the table: the offset array runs past it */
	memset(tb.buf, 0, sizeof(tb.buf));
	put32(tb.buf, 1);
	put32(tb.buf + 4, 2);
	EXPECT_EQ(0, check_bad(tb.buf, 20,
			       "2 entries: the offset array ends at 0x18, past the table's 20 bytes"));
}

TEST(rsctable_bad_offsets)
{
	struct tb tb;
	size_t len;

	good_table(&tb, &len);
	/* unaligned */
	put32(tb.buf + 16 + 8, get32(tb.buf + 16 + 8) + 2);
	EXPECT_EQ(0, check_bad(tb.buf, len,
			       "entry 2: offset 0x96 is not a multiple of 4"));
	/* inside the header / the offset array */
	good_table(&tb, &len);
	put32(tb.buf + 16, 0);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 0: offset 0x0 is not within 0x24.."));
	put32(tb.buf + 16, 0x20);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 0: offset 0x20 is not within"));
	/* past the end, the type word not inside, huge (no wrap) */
	good_table(&tb, &len);
	put32(tb.buf + 16 + 16, (uint32_t)len);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 4: offset"));
	put32(tb.buf + 16 + 16, (uint32_t)len - 4);	/* a type, no more */
	EXPECT_EQ(0, check_bad(tb.buf, len,
			       "entry 4 (carveout) at 0x144: needs 52 bytes"));
	put32(tb.buf + 16 + 16, 0xfffffffc);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 4: offset 0xfffffffc"));
}

TEST(rsctable_entry_past_end)
{
	struct tb tb;
	size_t len;

	/* the last entry (devmem, 56 bytes) one byte short */
	good_table(&tb, &len);
	EXPECT_EQ(0, check_bad(tb.buf, len - 1,
			       "entry 4 (devmem) at 0x110: needs 52 bytes, the table ends 51 bytes after its type"));
	/* only its type word is there */
	EXPECT_EQ(0, check_bad(tb.buf, len - 52, "entry 4 (devmem)"));
	/* a vdev whose config space runs past the end, and a huge one */
	good_table(&tb, &len);
	put32(tb.buf + get32(tb.buf + 16 + 12) + 4 + 16, 400);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 3 (vdev)"));
	put32(tb.buf + get32(tb.buf + 16 + 12) + 4 + 16, 0xffffffff);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 3 (vdev)"));
	/* a vdev whose fixed part is cut */
	good_table(&tb, &len);
	EXPECT_EQ(0, check_bad(tb.buf, get32(tb.buf + 16 + 12) + 10,
			       "entry 3 (vdev)"));
}

TEST(rsctable_overlapping_entries)
{
	struct tb tb;
	size_t len;

	/* two offsets to the same entry */
	good_table(&tb, &len);
	put32(tb.buf + 16 + 8, get32(tb.buf + 16 + 4));
	EXPECT_EQ(0, check_bad(tb.buf, len, "entries 1 and 2 overlap"));
	/* the trace starts in the devmem's name */
	good_table(&tb, &len);
	put32(tb.buf + 16 + 8, get32(tb.buf + 16 + 4) + 52);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entries 1 and 2 overlap"));
	/* the last one inside the vdev's config space */
	good_table(&tb, &len);
	put32(tb.buf + 16 + 16, get32(tb.buf + 16 + 12) + 64);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entries 3 and 4 overlap"));
}

TEST(rsctable_unknown_types)
{
	static const uint32_t types[] = { 4, 127, RSC_VENDOR_START, 300,
					  RSC_VENDOR_END, 0xffffffff };
	struct tb tb;
	size_t len, i;
	char want[64];

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		good_table(&tb, &len);
		put32(tb.buf + get32(tb.buf + 16 + 8), types[i]);
		snprintf(want, sizeof(want), "unknown resource type %u",
			 types[i]);
		EXPECT_EQ(0, check_bad(tb.buf, len, want));
	}
}

TEST(rsctable_entry_fields)
{
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	uint8_t *p;
	struct tb tb;
	size_t len;
	char why[256];

#define ENTRY(i)	(tb.buf + get32(tb.buf + 16 + 4 * (i)) + 4)
	good_table(&tb, &len);
	put32(ENTRY(0) + 16, 1);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 0 (carveout): reserved 0x1"));
	good_table(&tb, &len);
	put32(ENTRY(0) + 8, 0);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 0 (carveout): len 0"));
	good_table(&tb, &len);
	put32(ENTRY(2) + 8, 5);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 2 (trace): reserved 0x5"));
	good_table(&tb, &len);
	put32(ENTRY(2) + 4, 0);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 2 (trace): len 0"));
	good_table(&tb, &len);
	ENTRY(3)[23] = 1;
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 3 (vdev): reserved bytes"));
	good_table(&tb, &len);
	ENTRY(3)[21] = 3;
	put32(ENTRY(3) + 16, 0);	/* 3 vrings still fit */
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 3 (vdev): 3 vrings, at most 2"));

	/* devmem: reserved, len, alignment, flags, what it maps, where */
	good_table(&tb, &len);
	p = ENTRY(1);
	put32(p + 16, 1);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 1 (devmem): reserved 0x1"));
	put32(p + 16, 0);
	put32(p + 8, 0);
	EXPECT_EQ(0, check_bad(tb.buf, len, "entry 1 (devmem): len 0"));
	put32(p + 8, 0x1800);
	EXPECT_EQ(0, check_bad(tb.buf, len, "not page aligned"));
	put32(p + 8, 0x2000);
	put32(p + 4, ADSP_MEM + 0x100800);
	EXPECT_EQ(0, check_bad(tb.buf, len, "not page aligned"));
	put32(p + 4, ADSP_MEM + 0x100000);
	put32(p + 12, 0x43);
	EXPECT_EQ(0, check_bad(tb.buf, len, "unknown IOMMU flags 0x43"));
	put32(p + 12, 3);
	put32(p + 4, ADSP_MEM - 0x1000);	/* one page below */
	EXPECT_EQ(0, check_bad(tb.buf, len, "outside the remote's carveout"));
	put32(p + 4, ADSP_END - 0x1000);	/* one page past the end */
	EXPECT_EQ(0, check_bad(tb.buf, len, "outside the remote's carveout"));
	put32(p + 4, 0xfffff000);		/* wraps in 32 bits */
	EXPECT_EQ(0, check_bad(tb.buf, len, "outside the remote's carveout"));
	put32(p + 4, 0x40000000);		/* Linux RAM */
	EXPECT_EQ(0, check_bad(tb.buf, len, "outside the remote's carveout"));
	put32(p + 4, ADSP_END - 0x2000);	/* the last two pages: fine */
	adsp_ctx(&ctx, true, 0);
	EXPECT_EQ(RSCTABLE_OK, parse_exact(tb.buf, len, &ctx, &t, why))
		TH_LOG("%s", why);
	put32(p, ADSP_END - 0x1000);		/* da in the identity map */
	EXPECT_EQ(0, check_bad(tb.buf, len,
			       "collides with the identity map of the carveout"));
	put32(p, 0x036ff000);			/* da over the register page */
	EXPECT_EQ(0, check_bad(tb.buf, len,
			       "collides with the register window at 0x3700000"));
	/* at EL1 TZ adds no register window: nothing to collide with */
	adsp_ctx(&ctx, false, 0);
	EXPECT_EQ(RSCTABLE_OK, parse_exact(tb.buf, len, &ctx, &t, why))
		TH_LOG("%s", why);
	/* two devmem entries on the same device addresses */
	good_table(&tb, &len);
	put32(ENTRY(4), 0x20001000);
	EXPECT_EQ(0, check_bad(tb.buf, len,
			       "entries 1 and 4 (devmem): da ranges 0x20000000+0x2000 and 0x20001000+0x1000 overlap"));
#undef ENTRY
}

/* Random corruption: never a crash, and what is accepted Linux can walk. */
TEST(rsctable_random_corruption)
{
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	struct linux_view v;
	unsigned int i, k, accepted = 0, walked = 0;
	uint32_t seed = 4242;
	uint8_t *bad, *out;
	uint64_t size;
	char why[256];
	struct tb tb;
	size_t len;

	good_table(&tb, &len);
	adsp_ctx(&ctx, true, 0);
	for (i = 0; i < 5000; i++) {
		bad = dup_exact(tb.buf, len);
		for (k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245 + 12345;
			bad[(seed >> 8) % len] ^= (uint8_t)(1 << (seed % 8));
		}
		if (!rsctable_parse(&t, bad, len, &ctx, why, sizeof(why))) {
			accepted++;
			out = build_exact(&t, bad, &ctx, &size);
			ASSERT_NE(NULL, out);
			if (!linux_walk(out, size, &v))
				walked++;
			free(out);
		}
		free(bad);
	}
	/* flips in names, features and addresses keep a table valid */
	EXPECT_LT(0, accepted);
	EXPECT_EQ(accepted, walked);
}

/* -- The output: size, "buffer not sufficient", padding. -- */

TEST(rsctable_overflow_size)
{
	static const uint8_t zero[RSC_HDR_SIZE];
	struct rsctable_parsed t;
	struct rsctable_ctx ctx;
	struct linux_view v;
	uint8_t *out;
	uint64_t size, i;
	char why[256];

	adsp_ctx(&ctx, true, 0);
	ASSERT_EQ(RSCTABLE_OK, parse_exact(zero, 16, &ctx, &t, why));
	/* what the kernel's first 16 KiB buffer holds */
	EXPECT_GT(SZ_16K, rsctable_out_size(&t, &ctx));

	adsp_ctx(&ctx, true, 20000);
	EXPECT_EQ(3, rsctable_nr_dynamic(&ctx));
	size = rsctable_out_size(&t, &ctx);
	EXPECT_EQ(16 + 12 + 56 + 48 + 4 + 20000, size);
	EXPECT_LT(SZ_16K, size);	/* -> a2 = 20, a3 = size, retry */
	out = build_exact(&t, zero, &ctx, &size);
	ASSERT_NE(NULL, out);
	EXPECT_EQ(RSC_VENDOR_START, get32(out + get32(out + 24)));
	EXPECT_EQ(16 + 12 + 56 + 48, get32(out + 24));
	for (i = get32(out + 24) + 4; i < size; i++)
		if (out[i])
			break;
	EXPECT_EQ(size, i);
	EXPECT_EQ(0, linux_walk(out, size, &v));
	EXPECT_EQ(1, v.vendor);
	EXPECT_EQ(1, v.devmem);
	EXPECT_EQ(1, v.trace);
	free(out);

	/* the largest padding, after the largest firmware table */
	adsp_ctx(&ctx, true, TZSIM_RSCTABLE_PAD_MAX);
	EXPECT_EQ(16 + 12 + 56 + 48 + 4 + TZSIM_RSCTABLE_PAD_MAX,
		  rsctable_out_size(&t, &ctx));
}

/* The windows TZ hands out: legal for every remote. */
TEST(rsctable_windows)
{
	struct rsctable_window regs, trace;
	const struct soc_remote *r;
	unsigned int i, j;

	for (i = 0; i < soc_nr_remotes; i++) {
		r = &soc_remotes[i];
		ASSERT_TRUE(rsctable_regs_window(r, &regs)) TH_LOG("%s", r->name);
		ASSERT_TRUE(rsctable_trace_window(r, &trace));
		EXPECT_EQ(r->mem_base + r->mem_size - 0x1000, regs.pa);
		EXPECT_EQ(0x1000, regs.len);
		EXPECT_EQ(0, regs.da & 0xfff);
		EXPECT_NE(0, regs.da);
		EXPECT_EQ(r->mem_base + r->mem_size - 0x2000, trace.pa);
		EXPECT_EQ(trace.pa, trace.da);
		/*
		 * the register da is no carveout address: never an
		 * identity map in any remote's domain
		 */
		for (j = 0; j < soc_nr_remotes; j++)
			EXPECT_TRUE(regs.da + regs.len <= soc_remotes[j].mem_base ||
				    regs.da >= soc_remotes[j].mem_base +
					       soc_remotes[j].mem_size);
	}
	EXPECT_TRUE(rsctable_regs_window(remote_named("adsp"), &regs));
	EXPECT_EQ(0x03700000, regs.da);
	EXPECT_TRUE(rsctable_regs_window(remote_named("cdsp"), &regs));
	EXPECT_EQ(0x0a300000, regs.da);
	EXPECT_TRUE(rsctable_regs_window(remote_named("modem"), &regs));
	EXPECT_EQ(0x04080000, regs.da);
	EXPECT_TRUE(rsctable_regs_window(remote_named("wpss"), &regs));
	EXPECT_EQ(0x08a00000, regs.da);
}

/* -- PAS's SHM bridge policy. -- */

static const struct shm_bridge_info bridges[] = {
	{ 0x5b00000000, 0x86700000, 0x2800000 },	/* adsp's carveout */
	{ 0x5b00000001, 0x50000000, 0x10000 },		/* tzmem area */
	{ 0x5b00000002, 0x50010000, 0x10000 },		/* the next one */
};

static struct pas_bridge_view view(unsigned int el, bool enforced,
				   unsigned int nr)
{
	return (struct pas_bridge_view){
		.boot_el = el, .enforced = enforced, .bridges = bridges,
		.nr = nr,
	};
}

TEST(policy_el2_strict)
{
	struct pas_bridge_view v = view(2, true, 3);

	/* the carveout, exactly bridged; metadata inside a tzmem area */
	EXPECT_EQ(PAS_MEM_BRIDGED, pas_mem_policy(&v, 0x86700000, 0x2800000));
	EXPECT_EQ(PAS_MEM_BRIDGED, pas_mem_policy(&v, 0x50001000, 0x1234));
	EXPECT_EQ(PAS_MEM_BRIDGED, pas_mem_policy(&v, 0x5000f000, 0x1000));
	/* one byte past a bridge, across two adjacent ones, none at all */
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, 0x86700000, 0x2800001));
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, 0x866fffff, 0x10));
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, 0x5000f000, 0x2000));
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, 0x60000000, 0x1000));
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, UINT64_MAX, 1));
	/* no bridge over the carveout (Linux did not create it) */
	v = view(2, true, 0);
	EXPECT_EQ(PAS_MEM_REFUSED, pas_mem_policy(&v, 0x86700000, 0x2800000));
}

TEST(policy_el1_and_open)
{
	struct pas_bridge_view v = view(1, true, 0);

	/* EL1: the hypervisor's part, accepted unbridged */
	EXPECT_EQ(PAS_MEM_HYP, pas_mem_policy(&v, 0x86700000, 0x2800000));
	EXPECT_EQ(PAS_MEM_HYP, pas_mem_policy(&v, 0x50000000, 0x100));
	v = view(1, true, 3);
	EXPECT_EQ(PAS_MEM_BRIDGED, pas_mem_policy(&v, 0x50000000, 0x100));
	/* bridges not enforced: accepted at either EL */
	v = view(2, false, 0);
	EXPECT_EQ(PAS_MEM_OPEN, pas_mem_policy(&v, 0x86700000, 0x2800000));
	v = view(1, false, 1);
	EXPECT_EQ(PAS_MEM_OPEN, pas_mem_policy(&v, 0x60000000, 0x1000));
}

TEST(policy_leaked_bridges)
{
	static const struct shm_bridge_info b[] = {
		{ 1, 0x86600000, 0x100000 },	/* ends where adsp starts */
		{ 2, 0x86600000 - 0x1000, 0x1000 },
		{ 3, 0x88f00000, 0x1000 },	/* starts where adsp ends */
		{ 4, 0x88eff000, 0x1000 },	/* adsp's last page */
		{ 5, 0x866ff000, 0x2000 },	/* across adsp's start */
		{ 6, 0x86700000, 0x2800000 },	/* the whole carveout */
	};
	struct pas_bridge_view v = {
		.boot_el = 2, .enforced = true, .bridges = b,
		.nr = ARRAY_SIZE(b),
	};
	int i;

	i = pas_bridge_overlap(&v, 0x86700000, 0x2800000, 0);
	EXPECT_EQ(3, i);
	i = pas_bridge_overlap(&v, 0x86700000, 0x2800000, i + 1);
	EXPECT_EQ(4, i);
	i = pas_bridge_overlap(&v, 0x86700000, 0x2800000, i + 1);
	EXPECT_EQ(5, i);
	EXPECT_EQ(-1, pas_bridge_overlap(&v, 0x86700000, 0x2800000, 6));
	EXPECT_EQ(-1, pas_bridge_overlap(&v, 0x86700000, 0x2800000, 100));
	/* another carveout: none */
	EXPECT_EQ(-1, pas_bridge_overlap(&v, 0x88f01000, 0x1e00000 - 0x1000,
					 0));
	v.nr = 0;
	EXPECT_EQ(-1, pas_bridge_overlap(&v, 0x86700000, 0x2800000, 0));
}

/* -- The configuration key. -- */

TEST(config_rsctable_pad)
{
	static const char *const bad[] = {
		"rsctable_pad=-1", "rsctable_pad=1048577", "rsctable_pad=",
		"rsctable_pad=16k", "rsctable_pad=0x100001",
	};
	struct tzsim_config cfg;
	char err[160];
	unsigned int i;

	ASSERT_EQ(0, tzsim_config_parse(&cfg, "", 0, err, sizeof(err)));
	EXPECT_EQ(0, cfg.rsctable_pad);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "rsctable_pad=20000", 18, err,
					sizeof(err)));
	EXPECT_EQ(20000, cfg.rsctable_pad);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "rsctable_pad=0x100000 el=1",
					26, err, sizeof(err)));
	EXPECT_EQ(1048576, cfg.rsctable_pad);
	EXPECT_EQ(1, cfg.boot_el);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-1, tzsim_config_parse(&cfg, bad[i], strlen(bad[i]),
						 err, sizeof(err)));
		EXPECT_NE(NULL, strstr(err, "needs bytes from 0 to 1048576"))
			TH_LOG("%s: %s", bad[i], err);
	}
}

TEST_HARNESS_MAIN
