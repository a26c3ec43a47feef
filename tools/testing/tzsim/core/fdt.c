// SPDX-License-Identifier: GPL-2.0
/*
 * Just enough of a flattened device tree reader to learn the normal-world
 * DRAM from the DTB the kernel boots with (the one source of truth).
 */
#include <tzsim/fdt.h>

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint64_t cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;

	while (n--) {
		v = v << 32 | be32(p);
		p += 4;
	}
	return v;
}

int fdt_first_memory(const void *blob, size_t max, uint64_t *base,
		     uint64_t *size)
{
	const uint8_t *fdt = blob, *p, *end, *strings;
	uint32_t total, acells = 2, scells = 2;
	int depth = 0;
	bool in_memory = false;

	if (max < 40 || be32(fdt) != FDT_MAGIC)
		return -1;
	total = be32(fdt + 4);
	if (total > max)
		return -1;
	p = fdt + be32(fdt + 8);
	strings = fdt + be32(fdt + 12);
	end = fdt + total;
	while (p + 4 <= end) {
		uint32_t tok = be32(p);
		size_t n;

		p += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			n = strnlen((const char *)p, end - p);
			depth++;
			in_memory = depth == 2 &&
				    (!strcmp((const char *)p, "memory") ||
				     !strncmp((const char *)p, "memory@", 7));
			p += ALIGN_UP(n + 1, 4);
			break;
		case FDT_END_NODE:
			depth--;
			in_memory = false;
			break;
		case FDT_PROP: {
			uint32_t len = be32(p), nameoff = be32(p + 4);
			const char *name = (const char *)strings + nameoff;
			const uint8_t *val = p + 8;

			p += 8 + ALIGN_UP(len, 4);
			if (p > end)
				return -1;
			if (depth == 1 && !strcmp(name, "#address-cells"))
				acells = be32(val);
			else if (depth == 1 && !strcmp(name, "#size-cells"))
				scells = be32(val);
			else if (in_memory && !strcmp(name, "reg") &&
				 acells <= 2 && scells <= 2 &&
				 len >= 4 * (acells + scells)) {
				*base = cells(val, acells);
				*size = cells(val + 4 * acells, scells);
				return 0;
			}
			break;
		}
		case FDT_NOP:
			break;
		default:
			return -1;
		}
	}
	return -1;
}
