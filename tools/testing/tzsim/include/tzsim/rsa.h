/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSA-2048 signature verification, RSASSA-PKCS1-v1_5 with SHA-256
 * (RFC 8017, 8.2.2), for the PAS service's image signatures.
 */
#ifndef TZSIM_RSA_H
#define TZSIM_RSA_H

#include <tzsim/lib.h>

#define RSA2048_BYTES	256

/*
 * Whether @sig (big endian) is a PKCS#1 v1.5 signature of the SHA-256
 * digest @digest under the public key (@n big endian, exponent @e; @n must
 * be exactly 2048 bits and odd, @e odd and > 1). Returns 0 if it verifies,
 * -1 otherwise (including a malformed key or a signature >= n).
 */
int rsa2048_verify_sha256(const uint8_t n[RSA2048_BYTES], uint32_t e,
			  const uint8_t sig[RSA2048_BYTES],
			  const uint8_t digest[32]);

#endif /* TZSIM_RSA_H */
