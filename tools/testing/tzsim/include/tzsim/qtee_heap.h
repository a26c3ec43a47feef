/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QTEE's heap: a first-fit allocator with boundary tags over one arena.
 * Every QTEE object, every open invocation and every loaded TA image is
 * allocated here, and Diagnostics queryHeapInfo reports its real figures.
 * Pure code (services/qtee_heap.c), host-tested.
 *
 * A block is a 16-byte header then its payload; blocks tile the arena.
 * The six figures of qtee_heap_info() always add up:
 *
 *	total = used + wasted + overhead + free
 *
 *   used          bytes the callers asked for, live allocations
 *   wasted        payload of live blocks beyond what was asked (rounding
 *                 to 16, or a remainder too small to split off)
 *   overhead      16 per block, live or free
 *   free          payload of the unallocated blocks
 *   largest_free  the largest free payload (the biggest allocation that
 *                 can succeed)
 */
#ifndef TZSIM_QTEE_HEAP_H
#define TZSIM_QTEE_HEAP_H

#include <tzsim/lib.h>

#define QTEE_HEAP_ALIGN		16U
#define QTEE_HEAP_HDR		16U
#define QTEE_HEAP_MIN_BLOCK	(QTEE_HEAP_HDR + QTEE_HEAP_ALIGN)

struct qtee_heap {
	uint8_t *base;
	uint32_t size;		/* a multiple of QTEE_HEAP_ALIGN */
	uint64_t allocs, frees, failures, bad_frees;
	uint32_t used, peak_used;
};

struct qtee_heap_info {
	uint32_t total, used, free, overhead, wasted, largest_free;
};

/* Take @arena (@size bytes; aligned to 16 here) as one free block. */
void qtee_heap_init(struct qtee_heap *h, void *arena, size_t size);
/* @size bytes (> 0), 16-byte aligned and zeroed, or NULL. */
void *qtee_heap_alloc(struct qtee_heap *h, size_t size);
/*
 * Free @p (NULL is a no-op). Returns 0, or -1 (and counts a bad free) if
 * @p is not a live allocation of @h: nothing is changed then.
 */
int qtee_heap_free(struct qtee_heap *h, void *p);
void qtee_heap_info(const struct qtee_heap *h, struct qtee_heap_info *out);
/* Walk the arena and check every tag. Returns 0 or -1 with @why. */
int qtee_heap_check(const struct qtee_heap *h, const char **why);

#endif /* TZSIM_QTEE_HEAP_H */
