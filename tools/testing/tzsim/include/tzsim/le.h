/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Little-endian fields in normal-world buffers, byte by byte: the buffers
 * need not be aligned and EL3 runs with the MMU off (Device memory).
 */
#ifndef TZSIM_LE_H
#define TZSIM_LE_H

#include <stdint.h>

/* The @width-byte (1..8) little-endian number at @p. */
static inline uint64_t le_get(const uint8_t *p, unsigned int width)
{
	uint64_t v = 0;

	while (width--)
		v = v << 8 | p[width];
	return v;
}

/* Store the low @width bytes of @v at @p, little endian. */
static inline void le_put(uint8_t *p, unsigned int width, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)le_get(p, 4);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	le_put(p, 4, v);
}

static inline void put64(uint8_t *p, uint64_t v)
{
	le_put(p, 8, v);
}

#endif /* TZSIM_LE_H */
