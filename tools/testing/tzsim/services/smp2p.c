// SPDX-License-Identifier: GPL-2.0
/*
 * SMP2P item encoding (layout in include/tzsim/smp2p.h). Pure code: also
 * built into the host unit tests (host/).
 */
#include <tzsim/smp2p.h>

#define IT_MAGIC	0
#define IT_VERSION	4	/* u8 version | features << 8 */
#define IT_LOCAL_PID	8
#define IT_REMOTE_PID	10
#define IT_TOTAL	12
#define IT_VALID	14
#define IT_FLAGS	16
#define IT_ENTRIES	20
#define ENTRY_SIZE	20
#define ENTRY_VALUE	16

static inline uint32_t rd32(const uint8_t *p)
{
	return *(const volatile uint32_t *)p;
}

static inline void wr32(uint8_t *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}

static inline uint16_t rd16(const uint8_t *p)
{
	return *(const volatile uint16_t *)p;
}

static inline void wr16(uint8_t *p, uint16_t v)
{
	*(volatile uint16_t *)p = v;
}

/* Order item writes as Linux's wmb(); the ring (GIC) does its own dsb. */
static inline void smp2p_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static uint8_t *entry(const uint8_t *item, int idx)
{
	return (uint8_t *)item + IT_ENTRIES + idx * ENTRY_SIZE;
}

void smp2p_item_init(uint8_t *item, unsigned int local_pid,
		     unsigned int remote_pid, uint32_t features)
{
	unsigned int i;

	/* Invalidate first: version 0 until the rest is written. */
	wr32(item + IT_VERSION, 0);
	smp2p_wmb();
	for (i = 0; i < SMP2P_ITEM_SIZE; i += 4)
		if (i != IT_VERSION)
			wr32(item + i, 0);
	wr32(item + IT_MAGIC, SMP2P_MAGIC);
	wr32(item + IT_LOCAL_PID, (local_pid & 0xffff) |
	     (remote_pid & 0xffff) << 16);
	wr32(item + IT_TOTAL, SMP2P_MAX_ENTRIES);	/* valid_entries = 0 */
	wr32(item + IT_VERSION, (features & 0xffffff) << 8);
	/* The header before the version that validates it. */
	smp2p_wmb();
	wr32(item + IT_VERSION, SMP2P_VERSION | (features & 0xffffff) << 8);
}

bool smp2p_item_valid(const uint8_t *item)
{
	return rd32(item + IT_MAGIC) == SMP2P_MAGIC &&
	       (rd32(item + IT_VERSION) & 0xff) == SMP2P_VERSION &&
	       rd16(item + IT_TOTAL) == SMP2P_MAX_ENTRIES &&
	       rd16(item + IT_VALID) <= SMP2P_MAX_ENTRIES;
}

uint32_t smp2p_features(const uint8_t *item)
{
	return rd32(item + IT_VERSION) >> 8;
}

uint16_t smp2p_local_pid(const uint8_t *item)
{
	return rd16(item + IT_LOCAL_PID);
}

uint16_t smp2p_remote_pid(const uint8_t *item)
{
	return rd16(item + IT_REMOTE_PID);
}

uint16_t smp2p_valid_entries(const uint8_t *item)
{
	uint16_t n = rd16(item + IT_VALID);

	return n > SMP2P_MAX_ENTRIES ? SMP2P_MAX_ENTRIES : n;
}

uint32_t smp2p_flags(const uint8_t *item)
{
	return rd32(item + IT_FLAGS);
}

void smp2p_set_flags(uint8_t *item, uint32_t flags)
{
	wr32(item + IT_FLAGS, flags);
}

static bool name_is(const uint8_t *e, const char *name)
{
	size_t len = strnlen(name, SMP2P_NAME_LEN + 1), i;

	if (len > SMP2P_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (((const volatile uint8_t *)e)[i] != (uint8_t)name[i])
			return false;
	return len == SMP2P_NAME_LEN || !((const volatile uint8_t *)e)[len];
}

int smp2p_entry_find(const uint8_t *item, const char *name)
{
	int i, n = smp2p_valid_entries(item);

	for (i = 0; i < n; i++)
		if (name_is(entry(item, i), name))
			return i;
	return -1;
}

int smp2p_entry_add(uint8_t *item, const char *name)
{
	size_t len = strnlen(name, SMP2P_NAME_LEN + 1);
	int idx = smp2p_valid_entries(item);
	uint8_t *e;
	unsigned int i;

	if (idx >= SMP2P_MAX_ENTRIES || len > SMP2P_NAME_LEN)
		return -1;
	e = entry(item, idx);
	for (i = 0; i < SMP2P_NAME_LEN; i += 4) {
		uint32_t w = 0;
		unsigned int k;

		for (k = 0; k < 4; k++) {
			size_t at = i + k;

			if (at < len)
				w |= (uint32_t)(uint8_t)name[at] << (8 * k);
		}
		wr32(e + i, w);
	}
	wr32(e + ENTRY_VALUE, 0);
	/* The entry before the count that makes the reader match it. */
	smp2p_wmb();
	wr16(item + IT_VALID, idx + 1);
	return idx;
}

uint32_t smp2p_entry_get(const uint8_t *item, int idx)
{
	return rd32(entry(item, idx) + ENTRY_VALUE);
}

void smp2p_entry_set(uint8_t *item, int idx, uint32_t value)
{
	wr32(entry(item, idx) + ENTRY_VALUE, value);
}
