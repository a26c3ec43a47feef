// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of SMEM, SMP2P and the remote processor model
 * (services/smem.c, smp2p.c, remote.c) against a re-implementation of
 * what Linux 6.12 does with them: drivers/soc/qcom/smem.c's probe checks,
 * qcom_smem_alloc() and qcom_smem_get() on the version 12 layout, and
 * smp2p.c's outbound item, interrupt handler and SSR ack. The two sides
 * share a 2 MiB buffer as they share SMEM on the board; the GIC, the clock
 * and the tick are fakes. Built with ASan/UBSan; output is KTAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/faults.h>
#include <tzsim/plat.h>
#include <tzsim/remote.h>
#include <tzsim/smem.h>
#include <tzsim/smp2p.h>
#include <tzsim/soc.h>

#define SMEM_SIZE	0x200000U
#define SMEM_PHYS	0x80900000U
#define L_EINVAL	(-22)
#define L_EEXIST	(-17)
#define L_ENOSPC	(-28)
#define L_ENOENT	(-2)
#define L_ENXIO		(-6)
#define BIT(n)		(1U << (n))

/* ---- Fakes for what services/remote.c calls ---- */

struct fault_plan tzsim_faults;
static uint64_t fake_now_us;
static unsigned int pend_count[512];
static unsigned int tick_requests;
static char log_buf[16384];

uint64_t plat_now_us(void)
{
	return fake_now_us;
}

void plat_gic_pend_spi(unsigned int spi)
{
	pend_count[spi]++;
}

void remote_tick_request(void)
{
	tick_requests++;
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
	return strstr(log_buf, line) != NULL;
}

/* ---- Linux's structures (drivers/soc/qcom/smem.c, smp2p.c) ---- */

struct l_global_entry {
	uint32_t allocated, offset, size, aux_base;
};

struct l_smem_header {
	uint32_t proc_comm[4][4];
	uint32_t version[32];
	uint32_t initialized, free_offset, available, reserved;
	struct l_global_entry toc[512];
};

struct l_ptable_entry {
	uint32_t offset, size, flags;
	uint16_t host0, host1;
	uint32_t cacheline;
	uint32_t reserved[7];
};

struct l_ptable {
	uint8_t magic[4];
	uint32_t version, num_entries, reserved[5];
	struct l_ptable_entry entry[];
};

struct l_part_header {
	uint8_t magic[4];
	uint16_t host0, host1;
	uint32_t size, offset_free_uncached, offset_free_cached, reserved[3];
};

struct l_private_entry {
	uint16_t canary, item;
	uint32_t size;
	uint16_t padding_data, padding_hdr;
	uint32_t reserved;
};

struct l_info {
	uint8_t magic[4];
	uint32_t size, base_addr, reserved;
	uint16_t num_items;
};

struct l_smp2p_item {
	uint32_t magic;
	uint8_t version;
	unsigned features:24;
	uint16_t local_pid, remote_pid, total_entries, valid_entries;
	uint32_t flags;
	struct {
		uint8_t name[16];
		uint32_t value;
	} entries[16];
} __attribute__((packed));

_Static_assert(sizeof(struct l_smem_header) == SMEM_HEADER_SIZE, "header");
_Static_assert(sizeof(struct l_ptable) == 32, "ptable");
_Static_assert(sizeof(struct l_ptable_entry) == 48, "ptable entry");
_Static_assert(sizeof(struct l_part_header) == SMEM_PART_HDR_SIZE, "phdr");
_Static_assert(sizeof(struct l_private_entry) == SMEM_ENTRY_HDR_SIZE, "pe");
_Static_assert(sizeof(struct l_smp2p_item) == SMP2P_ITEM_SIZE, "smp2p");

/* ---- Linux's smem.c, for the version 12 layout ---- */

struct l_part {
	uint8_t *virt;
	size_t size, cacheline;
};

struct l_smem {
	uint8_t *base;
	size_t size;
	unsigned int item_count;
	struct l_part global, partitions[SMEM_HOST_COUNT];
};

static struct l_ptable *l_ptable(struct l_smem *l)
{
	struct l_ptable *pt = (void *)(l->base + l->size - 4096);

	if (memcmp(pt->magic, "$TOC", 4) || pt->version != 1)
		return NULL;
	return pt;
}

static uint8_t *l_partition_header(struct l_smem *l,
				   struct l_ptable_entry *e, uint16_t host0,
				   uint16_t host1)
{
	struct l_part_header *h = (void *)(l->base + e->offset);

	if (memcmp(h->magic, "$PRT", 4) || h->host0 != host0 ||
	    h->host1 != host1 || h->size != e->size ||
	    h->offset_free_uncached > h->size)
		return NULL;
	return (uint8_t *)h;
}

/* qcom_smem_probe() from the "initialized" check on: 0 or an errno. */
static int l_probe(struct l_smem *l, uint8_t *base, size_t size)
{
	struct l_smem_header *hdr = (void *)base;
	struct l_ptable *pt;
	struct l_info *info;
	uint32_t i;

	memset(l, 0, sizeof(*l));
	l->base = base;
	l->size = size;
	if (hdr->initialized != 1 || hdr->reserved)
		return L_EINVAL;
	if (hdr->version[7] >> 16 != 12)
		return L_EINVAL;
	pt = l_ptable(l);
	if (!pt)
		return L_ENOENT;
	for (i = 0; i < pt->num_entries; i++) {
		struct l_ptable_entry *e = &pt->entry[i];

		if (!e->offset || !e->size || e->host0 != 0xfffe ||
		    e->host1 != 0xfffe)
			continue;
		l->global.virt = l_partition_header(l, e, 0xfffe, 0xfffe);
		if (!l->global.virt)
			return L_EINVAL;
		l->global.size = e->size;
		l->global.cacheline = e->cacheline;
		break;
	}
	if (!l->global.virt)
		return L_EINVAL;
	info = (void *)&pt->entry[pt->num_entries];
	l->item_count = memcmp(info->magic, "SIII", 4) ? 512 : info->num_items;
	/* qcom_smem_enumerate_partitions(smem, SMEM_HOST_APPS) */
	for (i = 0; i < pt->num_entries; i++) {
		struct l_ptable_entry *e = &pt->entry[i];
		unsigned int remote;

		if (!e->offset || !e->size)
			continue;
		if (e->host0 == 0)
			remote = e->host1;
		else if (e->host1 == 0)
			remote = e->host0;
		else
			continue;
		if (remote >= SMEM_HOST_COUNT || l->partitions[remote].virt)
			return L_EINVAL;
		l->partitions[remote].virt = l_partition_header(l, e, e->host0,
								e->host1);
		if (!l->partitions[remote].virt)
			return L_EINVAL;
		l->partitions[remote].size = e->size;
		l->partitions[remote].cacheline = e->cacheline;
	}
	return 0;
}

static struct l_part *l_part_of(struct l_smem *l, unsigned int host)
{
	if (host < SMEM_HOST_COUNT && l->partitions[host].virt)
		return &l->partitions[host];
	return &l->global;
}

/* qcom_smem_alloc() + qcom_smem_alloc_private() */
static int l_alloc(struct l_smem *l, unsigned int host, unsigned int item,
		   size_t size)
{
	struct l_part *part = l_part_of(l, host);
	struct l_part_header *phdr = (void *)part->virt;
	uint8_t *p_end = part->virt + part->size;
	uint8_t *hdr = part->virt + sizeof(*phdr);
	uint8_t *end = part->virt + phdr->offset_free_uncached;
	uint8_t *cached = part->virt + phdr->offset_free_cached;
	struct l_private_entry *e;
	size_t alloc_size;

	if (item < 8 || item >= l->item_count)
		return L_EINVAL;
	if (end > p_end || cached > p_end)
		return L_EINVAL;
	while (hdr < end) {
		e = (void *)hdr;
		if (e->canary != 0xa5a5)
			return L_EINVAL;
		if (e->item == item)
			return L_EEXIST;
		hdr += sizeof(*e) + e->padding_hdr + e->size;
	}
	if (hdr > p_end)
		return L_EINVAL;
	alloc_size = sizeof(*e) + ((size + 7) & ~7UL);
	if (hdr + alloc_size > cached)
		return L_ENOSPC;
	e = (void *)hdr;
	e->canary = 0xa5a5;
	e->item = item;
	e->size = (size + 7) & ~7UL;
	e->padding_data = e->size - size;
	e->padding_hdr = 0;
	phdr->offset_free_uncached += alloc_size;
	return 0;
}

/* qcom_smem_get() + qcom_smem_get_private(); NULL with *err on failure */
static void *l_get(struct l_smem *l, unsigned int host, unsigned int item,
		   size_t *size, int *err)
{
	struct l_part *part = l_part_of(l, host);
	struct l_part_header *phdr = (void *)part->virt;
	uint8_t *p_end = part->virt + part->size;
	uint8_t *p = part->virt + sizeof(*phdr);
	uint8_t *end = part->virt + phdr->offset_free_uncached;
	struct l_private_entry *e;
	size_t hsz;
	int dummy;

	if (!err)
		err = &dummy;
	*err = L_EINVAL;
	if (item >= l->item_count)
		return NULL;
	while (p < end) {
		e = (void *)p;
		if (e->canary != 0xa5a5)
			return NULL;
		if (e->item == item) {
			if (size) {
				if (e->size > part->size ||
				    e->padding_data > e->size)
					return NULL;
				*size = e->size - e->padding_data;
			}
			*err = 0;
			return p + sizeof(*e) + e->padding_hdr;
		}
		p += sizeof(*e) + e->padding_hdr + e->size;
	}
	if (p > p_end)
		return NULL;
	hsz = (sizeof(*e) + part->cacheline - 1) & ~(part->cacheline - 1);
	p = part->virt + phdr->size - hsz;
	end = part->virt + phdr->offset_free_cached;
	while (p > end) {
		e = (void *)p;
		if (e->canary != 0xa5a5)
			return NULL;
		if (e->item == item) {
			if (size)
				*size = e->size - e->padding_data;
			*err = 0;
			return p - e->size;
		}
		p -= e->size + hsz;
	}
	*err = L_ENOENT;
	return NULL;
}

/* ---- Linux's smp2p.c, one edge ---- */

struct l_smp2p {
	struct l_smem *smem;
	unsigned int pid, in_item, out_item;
	struct l_smp2p_item *in, *out;
	unsigned int valid_entries;
	bool ssr_ack_enabled, ssr_ack, negotiation_done;
	uint32_t *in_value;	/* "slave-kernel" */
	uint32_t last_value;
	uint32_t rising, falling;	/* bits fired since last looked */
	uint32_t *stop;		/* "master-kernel" */
};

/* qcom_smp2p_probe(): the outbound item and its one entry. */
static int l_smp2p_probe(struct l_smp2p *s, struct l_smem *l,
			 const struct soc_remote *r)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->smem = l;
	s->pid = r->smp2p_remote_pid;
	s->in_item = r->smem_in_item;
	s->out_item = r->smem_out_item;
	ret = l_alloc(l, s->pid, s->out_item, sizeof(*s->out));
	if (ret && ret != L_EEXIST)
		return ret;
	s->out = l_get(l, s->pid, s->out_item, NULL, NULL);
	if (!s->out)
		return L_EINVAL;
	memset(s->out, 0, sizeof(*s->out));
	s->out->magic = SMP2P_MAGIC;
	s->out->local_pid = 0;
	s->out->remote_pid = s->pid;
	s->out->total_entries = 16;
	s->out->features = 1;	/* SMP2P_ALL_FEATURES */
	s->out->version = 1;
	strcpy((char *)s->out->entries[0].name, "master-kernel");
	s->stop = (uint32_t *)(s->out->entries[0].name + 16);
	s->out->valid_entries = 1;
	return 0;
}

/* qcom_smp2p_intr(), recording which inbound bits fired. */
static void l_smp2p_intr(struct l_smp2p *s)
{
	bool ack_restart = false;
	uint32_t val, status;
	unsigned int i;

	if (!s->in) {
		s->in = l_get(s->smem, s->pid, s->in_item, NULL, NULL);
		if (!s->in)
			return;
	}
	if (!s->negotiation_done && s->in->version == s->out->version) {
		s->out->features &= s->in->features;
		s->ssr_ack_enabled = s->out->features & 1;
		s->negotiation_done = true;
	}
	if (!s->negotiation_done)
		return;
	if (s->ssr_ack_enabled)
		ack_restart = !!(s->in->flags & 1) != s->ssr_ack;
	for (i = s->valid_entries; i < s->in->valid_entries; i++)
		if (!strcmp((char *)s->in->entries[i].name, "slave-kernel"))
			s->in_value = (uint32_t *)(s->in->entries[i].name + 16);
	s->valid_entries = i;
	if (s->in_value) {
		val = *s->in_value;
		status = val ^ s->last_value;
		s->last_value = val;
		s->rising |= status & val;
		s->falling |= status & ~val;
	}
	if (ack_restart) {
		s->ssr_ack = !s->ssr_ack;
		s->out->flags = (s->out->flags & ~2U) | (s->ssr_ack ? 2 : 0);
	}
}

static uint32_t take_rising(struct l_smp2p *s)
{
	uint32_t v = s->rising;

	s->rising = 0;
	s->falling = 0;
	return v;
}

/* ---- Helpers ---- */

static uint8_t *new_smem(void)
{
	uint8_t *b = aligned_alloc(4096, SMEM_SIZE);

	memset(b, 0x5a, SMEM_SIZE);	/* not zero: the layout must not rely on it */
	return b;
}

static const unsigned int board_hosts[] = { 2, 5, 1, 13 };

static uint8_t *board_smem(struct l_smem *l)
{
	struct smem_region s = { new_smem(), SMEM_SIZE };

	if (smem_layout(&s, SMEM_PHYS, board_hosts, 4) || l_probe(l, s.base, SMEM_SIZE))
		return NULL;
	return s.base;
}

static uint32_t free_uncached(struct l_smem *l, unsigned int host)
{
	return ((struct l_part_header *)l_part_of(l, host)->virt)->offset_free_uncached;
}

static const struct soc_remote *remote(const char *name)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes; i++)
		if (!strcmp(soc_remotes[i].name, name))
			return &soc_remotes[i];
	return NULL;
}

/* ---- SMEM layout ---- */

TEST(layout_probes_like_linux)
{
	struct l_smem l;
	struct smem_region s = { new_smem(), SMEM_SIZE };
	struct l_smem_header *hdr = (void *)s.base;
	struct l_ptable *pt;
	struct l_info *info;
	unsigned int i, h;

	ASSERT_EQ(SMEM_OK, smem_layout(&s, SMEM_PHYS, board_hosts, 4));
	ASSERT_EQ(0, l_probe(&l, s.base, SMEM_SIZE));
	EXPECT_EQ(12U << 16, hdr->version[7]);
	EXPECT_EQ(1, hdr->initialized);
	EXPECT_EQ(0x3000, hdr->free_offset);
	EXPECT_EQ(0, hdr->available);
	for (i = 0; i < 512; i++)
		ASSERT_EQ(0, hdr->toc[i].allocated);
	EXPECT_EQ(SMEM_NUM_ITEMS, l.item_count);
	EXPECT_EQ(SMEM_NUM_ITEMS, smem_item_count(&s));

	/* A partition for each remote, none for anyone else. */
	for (h = 0; h < SMEM_HOST_COUNT; h++) {
		bool want = h == 1 || h == 2 || h == 5 || h == 13;

		EXPECT_EQ(want, l.partitions[h].virt != NULL) {
			TH_LOG("host %u", h);
		}
	}
	pt = l_ptable(&l);
	ASSERT_NE(NULL, pt);
	ASSERT_EQ(5, pt->num_entries);
	info = (void *)&pt->entry[5];
	EXPECT_EQ(0, memcmp(info->magic, "SIII", 4));
	EXPECT_EQ(SMEM_SIZE, info->size);
	EXPECT_EQ(SMEM_PHYS, info->base_addr);

	/* Partitions: 4K aligned, in order, between header and table. */
	EXPECT_EQ(0x3000, pt->entry[0].offset);
	EXPECT_EQ(0xfffe, pt->entry[0].host0);
	for (i = 0; i < pt->num_entries; i++) {
		struct l_ptable_entry *e = &pt->entry[i];
		struct l_part_header *ph = (void *)(s.base + e->offset);

		EXPECT_EQ(0, e->offset % 4096);
		EXPECT_EQ(0, e->size % 4096);
		EXPECT_EQ(SMEM_CACHELINE, e->cacheline);
		EXPECT_GE(e->offset, SMEM_HEADER_SIZE);
		EXPECT_LE(e->offset + e->size, SMEM_SIZE - 4096);
		if (i + 1 < pt->num_entries)
			EXPECT_EQ(e->offset + e->size, pt->entry[i + 1].offset);
		EXPECT_EQ(32, ph->offset_free_uncached);
		EXPECT_EQ(e->size, ph->offset_free_cached);
		if (i) {
			EXPECT_EQ(0, e->host0);
			EXPECT_EQ(board_hosts[i - 1], e->host1);
			EXPECT_EQ(SMEM_REMOTE_PART_SIZE, e->size);
		}
	}
	EXPECT_EQ(SMEM_SIZE - 4096, pt->entry[4].offset + pt->entry[4].size);
	free(s.base);
}

TEST(partition_lookup_agrees)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct smem_part p;
	unsigned int host;

	ASSERT_NE(NULL, b);
	for (host = 0; host < 40; host++) {
		ASSERT_EQ(SMEM_OK, smem_partition(&s, host, &p));
		EXPECT_EQ(l_part_of(&l, host)->virt, p.hdr) {
			TH_LOG("host %u", host);
		}
	}
	ASSERT_EQ(SMEM_OK, smem_partition(&s, SMEM_HOST_ANY, &p));
	EXPECT_EQ(l.global.virt, p.hdr);
	EXPECT_EQ(0xfffe, p.host0);
	EXPECT_EQ(0xfffe, p.host1);
	ASSERT_EQ(SMEM_OK, smem_partition(&s, 13, &p));
	EXPECT_EQ(0, p.host0);
	EXPECT_EQ(13, p.host1);
	free(b);
}

TEST(layout_rejects)
{
	struct smem_region s = { new_smem(), SMEM_SIZE };
	static const unsigned int dup[] = { 2, 5, 2 }, apps[] = { 0 },
				  big[] = { 20 };
	unsigned int many[SMEM_MAX_HOSTS + 1], i;
	struct smem_region small = { s.base, 0x40000 }, odd = { s.base, 0x1ff800 };

	for (i = 0; i <= SMEM_MAX_HOSTS; i++)
		many[i] = i + 1;
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&s, 0, dup, 3));
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&s, 0, apps, 1));
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&s, 0, big, 1));
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&s, 0, many, SMEM_MAX_HOSTS + 1));
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&small, 0, board_hosts, 4));
	EXPECT_EQ(SMEM_EINVAL, smem_layout(&odd, 0, board_hosts, 4));
	/* Nothing laid out: no table, nothing to find. */
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 100, 8));
	EXPECT_EQ(NULL, smem_find(&s, 2, 100, NULL));
	EXPECT_EQ(0, smem_item_count(&s));
	free(s.base);
}

/* ---- Allocation: both sides see the same items ---- */

TEST(alloc_agrees_with_linux)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	uint32_t size;
	size_t lsize;
	void *p;

	ASSERT_NE(NULL, b);
	/* The remote's item, then Linux's, in the adsp partition. */
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 2, 443, SMP2P_ITEM_SIZE));
	EXPECT_EQ(32 + 16 + 344, free_uncached(&l, 2));
	ASSERT_EQ(0, l_alloc(&l, 2, 429, SMP2P_ITEM_SIZE));
	EXPECT_EQ(32 + 2 * (16 + 344), free_uncached(&l, 2));
	p = smem_find(&s, 2, 443, &size);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(p, l_get(&l, 2, 443, &lsize, NULL));
	EXPECT_EQ(SMP2P_ITEM_SIZE, size);
	EXPECT_EQ(SMP2P_ITEM_SIZE, lsize);
	p = smem_find(&s, 2, 429, &size);
	EXPECT_EQ(p, l_get(&l, 2, 429, NULL, NULL));
	EXPECT_EQ(0, ((uintptr_t)p) % 8);
	/* Both refuse a second allocation. */
	EXPECT_EQ(SMEM_EEXIST, smem_alloc(&s, 2, 429, 8));
	EXPECT_EQ(L_EEXIST, l_alloc(&l, 2, 443, 8));
	/* Another partition does not see them. */
	EXPECT_EQ(NULL, smem_find(&s, 5, 443, NULL));
	EXPECT_EQ(NULL, smem_find(&s, SMEM_HOST_ANY, 429, NULL));
	free(b);
}

TEST(items_above_512)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	uint32_t size;

	ASSERT_NE(NULL, b);
	/* wpss's SMP2P items and crash reason: beyond the v11 limit. */
	ASSERT_EQ(0, l_alloc(&l, 13, 616, SMP2P_ITEM_SIZE));
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 13, 617, SMP2P_ITEM_SIZE));
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, SMEM_HOST_ANY, 626, 256));
	EXPECT_EQ(smem_find(&s, 13, 616, NULL), l_get(&l, 13, 616, NULL, NULL));
	EXPECT_EQ(smem_find(&s, 13, 617, NULL), l_get(&l, 13, 617, NULL, NULL));
	EXPECT_NE(NULL, smem_find(&s, SMEM_HOST_ANY, 626, &size));
	EXPECT_EQ(256, size);
	EXPECT_EQ(smem_find(&s, SMEM_HOST_ANY, 626, NULL),
		  l_get(&l, SMEM_HOST_ANY, 626, NULL, NULL));
	/* The last item number, and the first one out of range. */
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 5, SMEM_NUM_ITEMS - 1, 4));
	EXPECT_NE(NULL, l_get(&l, 5, SMEM_NUM_ITEMS - 1, NULL, NULL));
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 5, SMEM_NUM_ITEMS, 4));
	EXPECT_EQ(L_EINVAL, l_alloc(&l, 5, SMEM_NUM_ITEMS, 4));
	EXPECT_EQ(NULL, smem_find(&s, 5, SMEM_NUM_ITEMS, NULL));
	/* The boot loader's items. */
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 5, 7, 4));
	EXPECT_EQ(L_EINVAL, l_alloc(&l, 5, 7, 4));
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 5, 8, 4));
	free(b);
}

TEST(host_without_partition_uses_global)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };

	ASSERT_NE(NULL, b);
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 3, 300, 40));
	EXPECT_NE(NULL, smem_find(&s, SMEM_HOST_ANY, 300, NULL));
	EXPECT_EQ(smem_find(&s, 25, 300, NULL), l_get(&l, 3, 300, NULL, NULL));
	EXPECT_EQ(L_EEXIST, l_alloc(&l, SMEM_HOST_ANY, 300, 40));
	EXPECT_EQ(NULL, smem_find(&s, 2, 300, NULL));
	free(b);
}

TEST(padding_rules)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct l_private_entry *e;
	uint32_t size;
	size_t lsize;
	uint8_t *p;

	ASSERT_NE(NULL, b);
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 1, 100, 13));
	p = smem_find(&s, 1, 100, &size);
	ASSERT_NE(NULL, p);
	e = (void *)(p - 16);
	EXPECT_EQ(0xa5a5, e->canary);
	EXPECT_EQ(100, e->item);
	EXPECT_EQ(16, e->size);
	EXPECT_EQ(3, e->padding_data);
	EXPECT_EQ(0, e->padding_hdr);
	EXPECT_EQ(13, size);
	EXPECT_EQ(p, l_get(&l, 1, 100, &lsize, NULL));
	EXPECT_EQ(13, lsize);
	/* A zero-sized item is a bare header. */
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 1, 101, 0));
	EXPECT_NE(NULL, smem_find(&s, 1, 101, &size));
	EXPECT_EQ(0, size);
	EXPECT_EQ(32 + 32 + 16, free_uncached(&l, 1));
	free(b);
}

/* Same calls on two copies, ours and Linux's: same results, same bytes. */
TEST(byte_identical_to_linux)
{
	struct l_smem l;
	uint8_t *ours = board_smem(&l), *theirs = new_smem();
	struct smem_region s = { ours, SMEM_SIZE };
	static const unsigned int hosts[] = { 1, 2, 5, 13, 3, SMEM_HOST_ANY };
	uint32_t seed = 12345;
	unsigned int i, nospc = 0, exist = 0;

	ASSERT_NE(NULL, ours);
	memcpy(theirs, ours, SMEM_SIZE);
	ASSERT_EQ(0, l_probe(&l, theirs, SMEM_SIZE));
	for (i = 0; i < 4000; i++) {
		unsigned int host, item, size;
		int a, b;

		seed = seed * 1103515245 + 12345;
		host = hosts[(seed >> 8) % ARRAY_SIZE(hosts)];
		item = (seed >> 12) % (SMEM_NUM_ITEMS + 8);
		size = (seed >> 3) % 3000;
		a = smem_alloc(&s, host, item, size);
		b = l_alloc(&l, host, item, size);
		ASSERT_EQ(b, a) {
			TH_LOG("call %u: host %u item %u size %u", i, host,
			       item, size);
		}
		nospc += a == SMEM_ENOSPC;
		exist += a == SMEM_EEXIST;
	}
	EXPECT_GT(nospc, 0);	/* the remote partitions filled up */
	EXPECT_GT(exist, 0);
	EXPECT_EQ(0, memcmp(ours, theirs, SMEM_SIZE));
	free(ours);
	free(theirs);
}

TEST(partition_full)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct l_part_header *ph;
	unsigned int item = 10;
	uint32_t left;

	ASSERT_NE(NULL, b);
	while (smem_alloc(&s, 5, item, 1000) == SMEM_OK)
		item++;
	EXPECT_EQ(SMEM_ENOSPC, smem_alloc(&s, 5, item, 1000));
	EXPECT_EQ(L_ENOSPC, l_alloc(&l, 5, item, 1000));
	ph = (void *)l.partitions[5].virt;
	left = ph->offset_free_cached - ph->offset_free_uncached;
	EXPECT_LT(left, 16 + 1000);
	/* What is left fits exactly, then nothing does. */
	EXPECT_EQ(SMEM_ENOSPC, smem_alloc(&s, 5, item, left - 16 + 1));
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 5, item, left - 16));
	EXPECT_EQ(ph->offset_free_cached, ph->offset_free_uncached);
	EXPECT_EQ(SMEM_ENOSPC, smem_alloc(&s, 5, item + 1, 0));
	EXPECT_EQ(L_ENOSPC, l_alloc(&l, 5, item + 1, 0));
	EXPECT_NE(NULL, smem_find(&s, 5, item, NULL));
	EXPECT_NE(NULL, smem_find(&s, 5, 10, NULL));
	/* The other partitions are untouched. */
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 2, 10, 1000));
	free(b);
}

TEST(cached_list)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct l_part_header *ph;
	struct l_private_entry *e;
	uint32_t size;

	ASSERT_NE(NULL, b);
	/* A remote's cached item: header at the top, data below it. */
	ph = (void *)l.partitions[2].virt;
	e = (void *)((uint8_t *)ph + ph->size - 64);
	e->canary = 0xa5a5;
	e->item = 500;
	e->size = 128;
	e->padding_data = 8;
	e->padding_hdr = 0;
	ph->offset_free_cached = ph->size - 64 - 128;
	EXPECT_EQ((uint8_t *)e - 128, smem_find(&s, 2, 500, &size));
	EXPECT_EQ(120, size);
	EXPECT_EQ(smem_find(&s, 2, 500, NULL), l_get(&l, 2, 500, NULL, NULL));
	/* Linux only checks the uncached list for duplicates; so do we. */
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 2, 500, 8));
	EXPECT_EQ(L_EEXIST, l_alloc(&l, 2, 500, 8));
	free(b);
}

TEST(corrupt_partitions)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct l_part_header *ph;
	struct l_private_entry *e;
	uint32_t keep;

	ASSERT_NE(NULL, b);
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 2, 100, 8));
	ASSERT_EQ(SMEM_OK, smem_alloc(&s, 2, 101, 8));
	ph = (void *)l.partitions[2].virt;
	e = (void *)((uint8_t *)ph + 32);

	/* A bad canary: both sides give up on the partition. */
	e->canary = 0x1234;
	EXPECT_EQ(NULL, smem_find(&s, 2, 101, NULL));
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 102, 8));
	EXPECT_EQ(L_EINVAL, l_alloc(&l, 2, 102, 8));
	e->canary = 0xa5a5;

	/* Sizes that lead out of the partition or out of alignment. */
	keep = e->size;
	e->size = 0xfffffff0;
	EXPECT_EQ(NULL, smem_find(&s, 2, 101, NULL));
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 102, 8));
	e->size = 12;
	EXPECT_EQ(NULL, smem_find(&s, 2, 101, NULL));
	e->size = keep;
	e->padding_hdr = 4;
	EXPECT_EQ(NULL, smem_find(&s, 2, 100, NULL));
	e->padding_hdr = 0;
	e->padding_data = 9;
	EXPECT_EQ(NULL, smem_find(&s, 2, 100, NULL));
	e->padding_data = 0;
	EXPECT_NE(NULL, smem_find(&s, 2, 101, NULL));

	/* Free offsets out of range: the header is refused, as by Linux. */
	keep = ph->offset_free_uncached;
	ph->offset_free_uncached = ph->size + 8;
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 102, 8));
	EXPECT_NE(0, l_probe(&l, b, SMEM_SIZE));
	ph->offset_free_uncached = keep;
	ASSERT_EQ(0, l_probe(&l, b, SMEM_SIZE));
	keep = ph->offset_free_cached;
	ph->offset_free_cached = 16;
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 102, 8));
	ph->offset_free_cached = keep;
	/* A free offset in the middle of an entry. */
	ph->offset_free_uncached -= 8;
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 102, 8));
	ph->offset_free_uncached += 8;
	EXPECT_EQ(SMEM_OK, smem_alloc(&s, 2, 102, 8));

	/* A partition table entry pointing out of SMEM. */
	((struct l_ptable *)(b + SMEM_SIZE - 4096))->entry[1].size = 0x7ffff000;
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 103, 8));
	((struct l_ptable *)(b + SMEM_SIZE - 4096))->magic[0] = 'x';
	EXPECT_EQ(SMEM_EINVAL, smem_alloc(&s, 2, 103, 8));
	EXPECT_EQ(0, smem_item_count(&s));
	free(b);
}

TEST(hwlock)
{
	volatile uint32_t lock = 0;

	EXPECT_EQ(SMEM_OK, smem_hwlock_take(&lock, 3, 1));
	EXPECT_EQ(3, lock);
	smem_hwlock_release(&lock, 2);		/* not the owner */
	EXPECT_EQ(3, lock);
	smem_hwlock_release(&lock, 3);
	EXPECT_EQ(0, lock);
	lock = 1;				/* Linux (APPS) holds it */
	EXPECT_EQ(SMEM_EINVAL, smem_hwlock_take(&lock, 3, 1000));
	EXPECT_EQ(1, lock);
}

/* ---- SMP2P items ---- */

TEST(smp2p_item_layout)
{
	uint32_t buf[SMP2P_ITEM_SIZE / 4];
	struct l_smp2p_item *it = (void *)buf;
	uint8_t *p = (uint8_t *)buf;
	int i;

	memset(buf, 0xee, sizeof(buf));
	smp2p_item_init(p, 13, 0, SMP2P_FEATURE_SSR_ACK);
	EXPECT_EQ(SMP2P_MAGIC, it->magic);
	EXPECT_EQ(0, memcmp(p, "$SMP", 4));
	EXPECT_EQ(1, it->version);
	EXPECT_EQ(1, (uint32_t)it->features);
	EXPECT_EQ(13, it->local_pid);
	EXPECT_EQ(0, it->remote_pid);
	EXPECT_EQ(16, it->total_entries);
	EXPECT_EQ(0, it->valid_entries);
	EXPECT_EQ(0, it->flags);
	EXPECT_TRUE(smp2p_item_valid(p));
	EXPECT_EQ(13, smp2p_local_pid(p));
	EXPECT_EQ(0, smp2p_remote_pid(p));

	EXPECT_EQ(0, smp2p_entry_add(p, SMP2P_ENTRY_REMOTE));
	EXPECT_EQ(1, it->valid_entries);
	EXPECT_EQ(16, it->total_entries);
	EXPECT_STREQ("slave-kernel", (char *)it->entries[0].name);
	EXPECT_EQ(0, memcmp(it->entries[0].name, "slave-kernel\0\0\0\0", 16));
	smp2p_entry_set(p, 0, 0x86);
	EXPECT_EQ(0x86, it->entries[0].value);
	EXPECT_EQ(0x86, smp2p_entry_get(p, 0));
	EXPECT_EQ(0, smp2p_entry_find(p, "slave-kernel"));
	EXPECT_EQ(-1, smp2p_entry_find(p, "slave"));
	EXPECT_EQ(-1, smp2p_entry_find(p, "slave-kernel-x"));
	smp2p_set_flags(p, SMP2P_FLAG_RESTART_DONE);
	EXPECT_EQ(1, it->flags);

	/* A 16-character name fills the field; 17 do not fit. */
	EXPECT_EQ(-1, smp2p_entry_add(p, "0123456789abcdefg"));
	EXPECT_EQ(1, smp2p_entry_add(p, "0123456789abcdef"));
	EXPECT_EQ(1, smp2p_entry_find(p, "0123456789abcdef"));
	for (i = 2; i < 16; i++)
		EXPECT_EQ(i, smp2p_entry_add(p, "more"));
	EXPECT_EQ(-1, smp2p_entry_add(p, "full"));
	EXPECT_EQ(16, it->valid_entries);

	/* What makes an item unreadable. */
	it->version = 2;
	EXPECT_FALSE(smp2p_item_valid(p));
	it->version = 1;
	it->valid_entries = 17;
	EXPECT_FALSE(smp2p_item_valid(p));
	EXPECT_EQ(16, smp2p_valid_entries(p));
	it->valid_entries = 1;
	it->magic = 0;
	EXPECT_FALSE(smp2p_item_valid(p));
	/* Re-initialising clears the entries, sets the features. */
	smp2p_item_init(p, 2, 0, 0);
	EXPECT_TRUE(smp2p_item_valid(p));
	EXPECT_EQ(0, it->valid_entries);
	EXPECT_EQ(0, (uint32_t)it->features);
	EXPECT_EQ(0, it->entries[0].value);
}

TEST(smp2p_reads_linux_item)
{
	struct l_smem l;
	uint8_t *b = board_smem(&l);
	struct smem_region s = { b, SMEM_SIZE };
	struct l_smp2p lp;
	uint8_t *ap;
	uint32_t size;

	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, l_smp2p_probe(&lp, &l, remote("adsp")));
	ap = smem_find(&s, 2, 429, &size);
	ASSERT_NE(NULL, ap);
	EXPECT_EQ(SMP2P_ITEM_SIZE, size);
	EXPECT_TRUE(smp2p_item_valid(ap));
	EXPECT_EQ(0, smp2p_local_pid(ap));
	EXPECT_EQ(2, smp2p_remote_pid(ap));
	EXPECT_EQ(SMP2P_FEATURE_SSR_ACK, smp2p_features(ap));
	EXPECT_EQ(0, smp2p_entry_find(ap, SMP2P_ENTRY_AP));
	*lp.stop = BIT(SOC_SMP2P_OUT_STOP);
	EXPECT_EQ(1, smp2p_entry_get(ap, 0));
	free(b);
}

/* ---- The remote model ---- */

struct board {
	uint8_t *smem;
	volatile uint32_t mutex;
	struct l_smem l;
	struct l_smp2p edge[8];
};

static struct board board;

/* SMEM laid out, Linux's smem and smp2p probed on every edge. */
static int board_up(void)
{
	unsigned int i;

	memset(&board, 0, sizeof(board));
	memset(pend_count, 0, sizeof(pend_count));
	memset(&tzsim_faults, 0, sizeof(tzsim_faults));
	log_buf[0] = '\0';
	tick_requests = 0;
	fake_now_us = 1000000;
	board.smem = new_smem();
	if (remote_setup(board.smem, SMEM_SIZE, SMEM_PHYS, &board.mutex))
		return -1;
	if (l_probe(&board.l, board.smem, SMEM_SIZE))
		return -2;
	for (i = 0; i < soc_nr_remotes; i++)
		if (l_smp2p_probe(&board.edge[i], &board.l, &soc_remotes[i]))
			return -3;
	return 0;
}

static struct l_smp2p *edge(const struct soc_remote *r)
{
	return &board.edge[r - soc_remotes];
}

/* The AP's interrupt handler, as Linux runs it after a ring. */
static uint32_t ap_irq(const struct soc_remote *r)
{
	l_smp2p_intr(edge(r));
	return take_rising(edge(r));
}

static const char *crash_reason(unsigned int item)
{
	size_t len;
	const char *msg = l_get(&board.l, SMEM_HOST_ANY, item, &len, NULL);

	return msg && len && memchr(msg, 0, len) ? msg : NULL;
}

TEST(remote_boot_ready_handover)
{
	const struct soc_remote *r = remote("adsp");
	uint32_t in_size;
	size_t len;
	struct l_smp2p_item *in;

	ASSERT_EQ(0, board_up());
	EXPECT_EQ(REMOTE_OFF, remote_state(r));
	EXPECT_FALSE(remote_tick());
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_EQ(REMOTE_RUNNING, remote_state(r));
	EXPECT_STREQ("running", remote_state_name(remote_state(r)));
	EXPECT_TRUE(logged("remote adsp: running\n"));
	EXPECT_EQ(1, pend_count[180]);
	EXPECT_EQ(0, pend_count[184]);
	EXPECT_EQ(1, tick_requests);
	EXPECT_EQ(0, board.mutex);		/* taken and given back */

	/* Where Linux looks for it: adsp's partition, item 443. */
	in = l_get(&board.l, 2, 443, &len, NULL);
	ASSERT_NE(NULL, in);
	EXPECT_EQ(SMP2P_ITEM_SIZE, len);
	EXPECT_EQ(in, (void *)smem_find(&(struct smem_region){ board.smem, SMEM_SIZE },
					 2, 443, &in_size));
	EXPECT_EQ(2, in->local_pid);
	EXPECT_EQ(0, in->remote_pid);
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));	/* ready, handover */
	EXPECT_TRUE(edge(r)->ssr_ack_enabled);	/* SSR_ACK negotiated */
	EXPECT_FALSE(edge(r)->ssr_ack);		/* no restart yet */
	EXPECT_EQ(0, edge(r)->out->flags);
	/* The crash reason item exists and is empty. */
	EXPECT_NE(NULL, crash_reason(423));
	EXPECT_STREQ("", crash_reason(423));
	/* Running: the tick goes on, nothing else happens. */
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(1, pend_count[180]);
	EXPECT_EQ(REMOTE_OFF, remote_state(remote("cdsp")));
}

TEST(remote_stop_ack_and_halt)
{
	const struct soc_remote *r = remote("cdsp");

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, remote_boot(r));
	ap_irq(r);
	*edge(r)->stop = BIT(SOC_SMP2P_OUT_STOP);	/* qcom_q6v5_request_stop */
	EXPECT_FALSE(remote_tick());		/* nothing runs any more */
	EXPECT_EQ(REMOTE_STOPPED, remote_state(r));
	EXPECT_TRUE(logged("remote cdsp: stop requested, stop-ack sent"));
	EXPECT_EQ(2, pend_count[181]);
	EXPECT_EQ(BIT(3), ap_irq(r));		/* stop-ack */
	*edge(r)->stop = 0;
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(2, pend_count[181]);

	remote_halt(r);				/* PAS SHUTDOWN */
	EXPECT_EQ(REMOTE_OFF, remote_state(r));
	EXPECT_TRUE(logged("remote cdsp: halted\n"));
	EXPECT_EQ(3, pend_count[181]);		/* the clear rings too */
	EXPECT_EQ(0, ap_irq(r));
	EXPECT_EQ(0, *edge(r)->in_value);
	/* Halting a halted remote changes nothing, rings nothing. */
	remote_halt(r);
	EXPECT_EQ(3, pend_count[181]);
	/* A stop bit while off is ignored. */
	*edge(r)->stop = BIT(SOC_SMP2P_OUT_STOP);
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(0, *edge(r)->in_value);
}

TEST(remote_restart_reuses_item_and_ssr_ack)
{
	const struct soc_remote *r = remote("modem");
	struct l_smp2p_item *first;

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));
	first = edge(r)->in;
	remote_halt(r);
	ap_irq(r);

	ASSERT_EQ(0, remote_boot(r));		/* a restart */
	EXPECT_EQ(first, l_get(&board.l, 1, 435, NULL, NULL));
	EXPECT_EQ(1, first->valid_entries);	/* Linux's pointers still good */
	EXPECT_EQ(SMP2P_FLAG_RESTART_DONE, first->flags);
	EXPECT_TRUE(logged("remote modem: restart #1"));
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));	/* ready again */
	EXPECT_TRUE(edge(r)->ssr_ack);		/* Linux acked the restart */
	EXPECT_EQ(SMP2P_FLAG_RESTART_ACK, edge(r)->out->flags);
	EXPECT_TRUE(remote_tick());
	EXPECT_TRUE(logged("remote modem: AP acknowledged the restart"));

	remote_halt(r);
	ap_irq(r);
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_EQ(0, first->flags);		/* toggles back */
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));
	EXPECT_FALSE(edge(r)->ssr_ack);
	EXPECT_EQ(0, edge(r)->out->flags);
	/* Only this remote's partition holds its items. */
	EXPECT_EQ(NULL, l_get(&board.l, 2, 435, NULL, NULL));
}

TEST(remote_crash_fatal)
{
	const struct soc_remote *r = remote("adsp");
	const char *msg;

	ASSERT_EQ(0, board_up());
	EXPECT_EQ(-1, remote_crash(r, REMOTE_CRASH_FATAL, "test"));	/* off */
	ASSERT_EQ(0, remote_boot(r));
	ap_irq(r);
	ASSERT_EQ(0, remote_crash(r, REMOTE_CRASH_FATAL, "test"));
	EXPECT_EQ(REMOTE_CRASHED, remote_state(r));
	EXPECT_EQ(2, pend_count[180]);
	EXPECT_EQ(0, pend_count[184]);
	EXPECT_EQ(BIT(0), ap_irq(r));		/* fatal */
	msg = crash_reason(423);
	ASSERT_NE(NULL, msg);
	EXPECT_STREQ("adsp: simulated fatal error (test, boot 1)", msg);
	EXPECT_TRUE(logged("remote adsp: crashed: fatal error (test)"));
	/* Crashed: no stop-ack (Linux does not ask), no second crash. */
	EXPECT_FALSE(remote_tick());
	*edge(r)->stop = BIT(SOC_SMP2P_OUT_STOP);
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(0, ap_irq(r));
	*edge(r)->stop = 0;
	EXPECT_EQ(-1, remote_crash(r, REMOTE_CRASH_WDOG, "again"));

	/* Recovery: SHUTDOWN clears the fatal bit, the next boot is clean. */
	remote_halt(r);
	EXPECT_EQ(0, *edge(r)->in_value);
	ap_irq(r);
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_EQ(BIT(1) | BIT(2), *edge(r)->in_value);
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));
	EXPECT_STREQ("", crash_reason(423));
}

TEST(remote_crash_wdog)
{
	const struct soc_remote *r = remote("cdsp");

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, remote_boot(r));
	ap_irq(r);
	ASSERT_EQ(0, remote_crash(r, REMOTE_CRASH_WDOG, "SIM REMOTE_CRASH"));
	EXPECT_EQ(1, pend_count[185]);		/* wdog SPI */
	EXPECT_EQ(1, pend_count[181]);		/* no SMP2P change */
	EXPECT_EQ(BIT(1) | BIT(2), *edge(r)->in_value);
	EXPECT_STREQ("cdsp: simulated watchdog bite (SIM REMOTE_CRASH, boot 1)",
		     crash_reason(601));
	EXPECT_EQ(REMOTE_CRASHED, remote_state(r));
}

TEST(remote_fault_plan_crash)
{
	static const char plan[] =
		"svc=2 cmd=5 sub=6 nth=2 crash=wdog delay_ms=50\n"
		"svc=2 cmd=5 sub=1 count=2 crash=fatal\n";
	const struct soc_remote *wpss = remote("wpss"), *adsp = remote("adsp");
	char err[128];

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, fault_plan_parse(&tzsim_faults, plan, strlen(plan), err,
				      sizeof(err)));
	/* wpss's first AUTH_AND_RESET: not the one. */
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 5, 6));
	ASSERT_EQ(0, remote_boot(wpss));
	fake_now_us += 1000000;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(REMOTE_RUNNING, remote_state(wpss));
	remote_halt(wpss);

	/* The second: a watchdog bite 50 ms after it runs. */
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 5, 6));
	ASSERT_EQ(0, remote_boot(wpss));
	EXPECT_TRUE(logged("remote wpss: fault plan: watchdog bite in 50 ms"));
	fake_now_us += 49999;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(0, pend_count[187]);
	fake_now_us += 1;
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(REMOTE_CRASHED, remote_state(wpss));
	EXPECT_EQ(1, pend_count[187]);
	EXPECT_STREQ("wpss: simulated watchdog bite (fault plan, boot 2)",
		     crash_reason(626));
	/* wpss's items are above 512, as Linux finds them. */
	EXPECT_NE(NULL, l_get(&board.l, 13, 617, NULL, NULL));
	EXPECT_NE(NULL, l_get(&board.l, 13, 616, NULL, NULL));
	remote_halt(wpss);

	/* An armed crash belongs to its call's PAS id, and to that call. */
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 5, 1));
	ASSERT_EQ(0, remote_boot(wpss));
	fake_now_us += 1000000;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(REMOTE_RUNNING, remote_state(wpss));
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 6, 1));
	ASSERT_EQ(0, remote_boot(adsp));	/* disarmed by the call above */
	fake_now_us += 1000000;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(REMOTE_RUNNING, remote_state(adsp));
	remote_halt(adsp);
	ap_irq(adsp);

	/* adsp's second boot: fatal error after the default 200 ms. */
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 5, 1));
	ASSERT_EQ(0, remote_boot(adsp));
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(adsp));
	EXPECT_TRUE(logged("remote adsp: fault plan: fatal error in 200 ms"));
	fake_now_us += 199999;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(REMOTE_RUNNING, remote_state(adsp));
	fake_now_us += 1;
	EXPECT_TRUE(remote_tick());		/* wpss still runs */
	EXPECT_EQ(REMOTE_CRASHED, remote_state(adsp));
	EXPECT_EQ(BIT(0), ap_irq(adsp));
	remote_halt(adsp);

	/* count=2 is spent: the third boot runs on. */
	EXPECT_EQ(NULL, fault_plan_call(&tzsim_faults, 2, 2, 5, 1));
	ASSERT_EQ(0, remote_boot(adsp));
	fake_now_us += 1000000;
	EXPECT_TRUE(remote_tick());
	EXPECT_EQ(REMOTE_RUNNING, remote_state(adsp));
}

TEST(remote_stop_cancels_crash)
{
	static const char plan[] = "svc=2 cmd=5 sub=18 crash=fatal delay_ms=10\n";
	const struct soc_remote *r = remote("cdsp");
	char err[128];

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, fault_plan_parse(&tzsim_faults, plan, strlen(plan), err,
				      sizeof(err)));
	fault_plan_call(&tzsim_faults, 2, 2, 5, 18);
	ASSERT_EQ(0, remote_boot(r));
	ap_irq(r);
	*edge(r)->stop = BIT(SOC_SMP2P_OUT_STOP);
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(REMOTE_STOPPED, remote_state(r));
	fake_now_us += 20000;
	EXPECT_FALSE(remote_tick());
	EXPECT_EQ(REMOTE_STOPPED, remote_state(r));
	EXPECT_EQ(BIT(3), ap_irq(r));		/* stop-ack, no fatal */
	EXPECT_EQ(0, pend_count[185]);
}

TEST(remote_waits_for_linux_mutex)
{
	const struct soc_remote *r = remote("modem");

	ASSERT_EQ(0, board_up());
	board.mutex = 1;			/* Linux holds it: stuck */
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_TRUE(logged("remote modem: SMEM mutex held by 1 for too long"));
	EXPECT_EQ(0, board.mutex);
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));
}

TEST(remote_refuses_what_it_does_not_know)
{
	struct soc_remote fake = soc_remotes[0];

	ASSERT_EQ(0, board_up());
	EXPECT_EQ(-1, remote_boot(&fake));
	EXPECT_EQ(REMOTE_OFF, remote_state(&fake));
	EXPECT_EQ(-1, remote_crash(&fake, REMOTE_CRASH_WDOG, "x"));
	remote_halt(&fake);
	/* SMEM too small for the layout. */
	EXPECT_EQ(-1, remote_setup(board.smem, 0x40000, SMEM_PHYS,
				   &board.mutex));
	EXPECT_EQ(-1, remote_boot(&soc_remotes[0]));
	EXPECT_FALSE(remote_tick());
}

/* The AP must see every set that follows a clear it has read. */
TEST(remote_every_change_rings)
{
	const struct soc_remote *r = remote("wpss");
	unsigned int rings;

	ASSERT_EQ(0, board_up());
	ASSERT_EQ(0, remote_boot(r));
	rings = pend_count[183];
	ap_irq(r);
	remote_halt(r);
	EXPECT_EQ(rings + 1, pend_count[183]);
	ap_irq(r);
	ASSERT_EQ(0, remote_boot(r));
	EXPECT_EQ(rings + 2, pend_count[183]);
	EXPECT_EQ(BIT(1) | BIT(2), ap_irq(r));
	ASSERT_EQ(0, remote_crash(r, REMOTE_CRASH_FATAL, "x"));
	EXPECT_EQ(rings + 3, pend_count[183]);
	EXPECT_EQ(BIT(0), ap_irq(r));
}

TEST_HARNESS_MAIN
