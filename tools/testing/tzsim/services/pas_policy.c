// SPDX-License-Identifier: GPL-2.0
/*
 * The SHM bridge policy of PAS memory (include/tzsim/pas.h): whether the
 * metadata of INIT_IMAGE and the carveout of AUTH_AND_RESET may be used
 * where they are, and which bridges were left over a carveout. Decides on
 * a snapshot of the live bridges, so it is pure: also built into the host
 * unit tests.
 */
#include <tzsim/pas.h>

static bool bridge_covers(const struct shm_bridge_info *b, uint64_t pa,
			  uint64_t len)
{
	return pa >= b->base && len <= b->size && pa - b->base <= b->size - len;
}

enum pas_mem_verdict pas_mem_policy(const struct pas_bridge_view *v,
				    uint64_t pa, uint64_t len)
{
	unsigned int i;

	/* One bridge must hold it all: two adjacent ones are not enough. */
	for (i = 0; i < v->nr; i++)
		if (bridge_covers(&v->bridges[i], pa, len))
			return PAS_MEM_BRIDGED;
	if (!v->enforced)
		return PAS_MEM_OPEN;
	if (v->boot_el != 2)
		return PAS_MEM_HYP;
	return PAS_MEM_REFUSED;
}

int pas_bridge_overlap(const struct pas_bridge_view *v, uint64_t base,
		       uint64_t size, unsigned int from)
{
	const struct shm_bridge_info *b;
	unsigned int i;

	for (i = from; i < v->nr; i++) {
		b = &v->bridges[i];
		if (base < b->base + b->size && b->base < base + size)
			return (int)i;
	}
	return -1;
}
