/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 (FIPS 180-4), for the PAS service: byte-wise input, so the data
 * may be unaligned normal-world memory (EL3 runs with the MMU off).
 */
#ifndef TZSIM_SHA256_H
#define TZSIM_SHA256_H

#include <tzsim/lib.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

struct sha256_ctx {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t buf[SHA256_BLOCK_SIZE];
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_SIZE]);
/* One shot: the digest of @len bytes at @data. */
void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_SIZE]);

#endif /* TZSIM_SHA256_H */
