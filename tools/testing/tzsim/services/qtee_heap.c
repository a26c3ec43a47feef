// SPDX-License-Identifier: GPL-2.0
/*
 * QTEE's heap (include/tzsim/qtee_heap.h): first fit, split on allocation,
 * coalesced with both neighbours on free (each header records the size of
 * the block before it). Pure code: also built into the host unit tests.
 *
 * Header (16 bytes, at a 16-byte aligned offset of the arena):
 *	u32 size	the block, header included, a multiple of 16
 *	u32 prev_size	the block before (0 for the first)
 *	u32 requested	bytes asked for (live), 0 (free)
 *	u32 magic	HEAP_LIVE or HEAP_FREE
 * The arena is secure memory: the headers are accessed as u32 fields,
 * naturally aligned.
 */
#include <tzsim/qtee_heap.h>

#define HEAP_LIVE	0x51544545U	/* "QTEE" */
#define HEAP_FREE	0x66726565U	/* "free" */

struct blk {
	uint32_t size, prev_size, requested, magic;
};

_Static_assert(sizeof(struct blk) == QTEE_HEAP_HDR, "heap header size");

static struct blk *blk_at(const struct qtee_heap *h, uint32_t off)
{
	return (struct blk *)(h->base + off);
}

static uint32_t blk_off(const struct qtee_heap *h, const struct blk *b)
{
	return (uint32_t)((const uint8_t *)b - h->base);
}

static struct blk *blk_next(const struct qtee_heap *h, struct blk *b)
{
	uint32_t off = blk_off(h, b) + b->size;

	return off < h->size ? blk_at(h, off) : NULL;
}

static struct blk *blk_prev(const struct qtee_heap *h, struct blk *b)
{
	return b->prev_size ? blk_at(h, blk_off(h, b) - b->prev_size) : NULL;
}

void qtee_heap_init(struct qtee_heap *h, void *arena, size_t size)
{
	uintptr_t start = ALIGN_UP((uintptr_t)arena, QTEE_HEAP_ALIGN);
	size_t lost = start - (uintptr_t)arena;
	struct blk *b;

	memset(h, 0, sizeof(*h));
	size = size > lost ? size - lost : 0;
	if (size > UINT32_MAX)
		size = UINT32_MAX;
	size &= ~(size_t)(QTEE_HEAP_ALIGN - 1);
	h->base = (uint8_t *)start;
	h->size = size >= QTEE_HEAP_MIN_BLOCK ? (uint32_t)size : 0;
	if (!h->size)
		return;
	b = blk_at(h, 0);
	*b = (struct blk){ .size = h->size, .magic = HEAP_FREE };
}

void *qtee_heap_alloc(struct qtee_heap *h, size_t size)
{
	uint32_t need;
	struct blk *b, *rest, *next;

	if (!h->size || !size || size > h->size - QTEE_HEAP_HDR) {
		h->failures++;
		return NULL;
	}
	/* size <= h->size - 16, a multiple of 16: no overflow here. */
	need = ALIGN_UP((uint32_t)size, QTEE_HEAP_ALIGN) + QTEE_HEAP_HDR;
	for (b = h->size ? blk_at(h, 0) : NULL; b; b = blk_next(h, b))
		if (b->magic == HEAP_FREE && b->size >= need)
			break;
	if (!b) {
		h->failures++;
		return NULL;
	}
	if (b->size - need >= QTEE_HEAP_MIN_BLOCK) {
		rest = blk_at(h, blk_off(h, b) + need);
		*rest = (struct blk){
			.size = b->size - need, .prev_size = need,
			.magic = HEAP_FREE,
		};
		next = blk_next(h, rest);
		if (next)
			next->prev_size = rest->size;
		b->size = need;
	}
	b->magic = HEAP_LIVE;
	b->requested = (uint32_t)size;
	h->allocs++;
	h->used += (uint32_t)size;
	if (h->used > h->peak_used)
		h->peak_used = h->used;
	memset(b + 1, 0, b->size - QTEE_HEAP_HDR);
	return b + 1;
}

/* Whether @p is the payload of a live block of @h (walks the arena). */
static struct blk *live_block(const struct qtee_heap *h, const void *p)
{
	struct blk *b;

	if ((const uint8_t *)p < h->base + QTEE_HEAP_HDR ||
	    (const uint8_t *)p >= h->base + h->size)
		return NULL;
	for (b = blk_at(h, 0); b; b = blk_next(h, b))
		if ((const void *)(b + 1) == p)
			return b->magic == HEAP_LIVE ? b : NULL;
	return NULL;
}

/* Merge @b with the free block after it, if any. */
static void merge_next(struct qtee_heap *h, struct blk *b)
{
	struct blk *n = blk_next(h, b), *nn;

	if (!n || n->magic != HEAP_FREE)
		return;
	b->size += n->size;
	n->magic = 0;
	nn = blk_next(h, b);
	if (nn)
		nn->prev_size = b->size;
}

int qtee_heap_free(struct qtee_heap *h, void *p)
{
	struct blk *b, *prev;

	if (!p)
		return 0;
	b = live_block(h, p);
	if (!b) {
		h->bad_frees++;
		return -1;
	}
	h->frees++;
	h->used -= b->requested;
	b->magic = HEAP_FREE;
	b->requested = 0;
	merge_next(h, b);
	prev = blk_prev(h, b);
	if (prev && prev->magic == HEAP_FREE)
		merge_next(h, prev);
	return 0;
}

void qtee_heap_info(const struct qtee_heap *h, struct qtee_heap_info *out)
{
	struct blk *b;

	memset(out, 0, sizeof(*out));
	out->total = h->size;
	for (b = h->size ? blk_at(h, 0) : NULL; b; b = blk_next(h, b)) {
		uint32_t payload = b->size - QTEE_HEAP_HDR;

		out->overhead += QTEE_HEAP_HDR;
		if (b->magic == HEAP_LIVE) {
			out->used += b->requested;
			out->wasted += payload - b->requested;
		} else {
			out->free += payload;
			if (payload > out->largest_free)
				out->largest_free = payload;
		}
	}
}

int qtee_heap_check(const struct qtee_heap *h, const char **why)
{
	uint32_t off = 0, prev = 0, used = 0;
	bool prev_free = false;

	while (off < h->size) {
		const struct blk *b = blk_at(h, off);

		if (b->size < QTEE_HEAP_MIN_BLOCK || b->size % QTEE_HEAP_ALIGN ||
		    b->size > h->size - off) {
			*why = "block size out of the arena";
			return -1;
		}
		if (b->prev_size != prev) {
			*why = "prev_size does not match the block before";
			return -1;
		}
		if (b->magic == HEAP_FREE) {
			if (prev_free) {
				*why = "two free blocks side by side";
				return -1;
			}
			if (b->requested) {
				*why = "free block with a requested size";
				return -1;
			}
		} else if (b->magic == HEAP_LIVE) {
			if (!b->requested ||
			    b->requested > b->size - QTEE_HEAP_HDR) {
				*why = "live block with a bad requested size";
				return -1;
			}
			used += b->requested;
		} else {
			*why = "bad magic";
			return -1;
		}
		prev_free = b->magic == HEAP_FREE;
		prev = b->size;
		off += b->size;
	}
	if (used != h->used) {
		*why = "used bytes do not match the blocks";
		return -1;
	}
	return 0;
}
