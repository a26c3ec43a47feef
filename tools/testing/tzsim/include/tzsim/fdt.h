/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TZSIM_FDT_H
#define TZSIM_FDT_H

#include <tzsim/lib.h>

/*
 * Find the first /memory node of the flattened device tree at @blob (at
 * most @max bytes) and return its first reg range. Returns 0 or -1.
 */
int fdt_first_memory(const void *blob, size_t max, uint64_t *base,
		     uint64_t *size);

#endif /* TZSIM_FDT_H */
