// SPDX-License-Identifier: GPL-2.0
/*
 * RSA-2048 PKCS#1 v1.5 verification with a small fixed-size bignum:
 * 64 little-endian 32-bit limbs and Montgomery multiplication (CIOS).
 * With e = 65537 a verification is 17 Montgomery products plus 2048
 * modular doublings for R^2 mod n: well under a millisecond natively,
 * a few milliseconds under QEMU TCG. Public data only, so nothing here
 * tries to be constant-time. Pure: also built into the host unit tests.
 */
#include <tzsim/rsa.h>

#define LIMBS	(RSA2048_BYTES / 4)

typedef uint32_t bn_t[LIMBS];

/* SHA-256 DigestInfo (RFC 8017, 9.2 note 1). */
static const uint8_t sha256_prefix[19] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
	0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

static void bn_from_bytes(bn_t r, const uint8_t *be)
{
	unsigned int i;
	const uint8_t *p;

	for (i = 0; i < LIMBS; i++) {
		p = be + RSA2048_BYTES - 4 * (i + 1);
		r[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	}
}

static void bn_to_bytes(uint8_t *be, const bn_t a)
{
	unsigned int i;
	uint8_t *p;

	for (i = 0; i < LIMBS; i++) {
		p = be + RSA2048_BYTES - 4 * (i + 1);
		p[0] = (uint8_t)(a[i] >> 24);
		p[1] = (uint8_t)(a[i] >> 16);
		p[2] = (uint8_t)(a[i] >> 8);
		p[3] = (uint8_t)a[i];
	}
}

/* a >= b */
static bool bn_ge(const bn_t a, const bn_t b)
{
	unsigned int i = LIMBS;

	while (i--)
		if (a[i] != b[i])
			return a[i] > b[i];
	return true;
}

/* a -= b, returns the borrow */
static uint32_t bn_sub(bn_t a, const bn_t b)
{
	uint64_t borrow = 0, d;
	unsigned int i;

	for (i = 0; i < LIMBS; i++) {
		d = (uint64_t)a[i] - b[i] - borrow;
		a[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
	return (uint32_t)borrow;
}

/* a = 2a mod n, for a < n */
static void bn_double_mod(bn_t a, const bn_t n)
{
	uint32_t top = a[LIMBS - 1] >> 31;
	unsigned int i;

	for (i = LIMBS - 1; i > 0; i--)
		a[i] = a[i] << 1 | a[i - 1] >> 31;
	a[0] <<= 1;
	/* 2a < 2n: one subtraction, also when the doubling carried out. */
	if (top || bn_ge(a, n))
		bn_sub(a, n);
}

/* r = a * b / R mod n (R = 2^2048), for a, b < n; r may alias a or b. */
static void mont_mul(bn_t r, const bn_t a, const bn_t b, const bn_t n,
		     uint32_t n0inv)
{
	uint32_t t[LIMBS + 2] = { 0 };
	uint64_t c;
	uint32_t m;
	unsigned int i, j;

	for (i = 0; i < LIMBS; i++) {
		c = 0;
		for (j = 0; j < LIMBS; j++) {
			c += (uint64_t)a[j] * b[i] + t[j];
			t[j] = (uint32_t)c;
			c >>= 32;
		}
		c += t[LIMBS];
		t[LIMBS] = (uint32_t)c;
		t[LIMBS + 1] = (uint32_t)(c >> 32);

		m = t[0] * n0inv;
		c = ((uint64_t)m * n[0] + t[0]) >> 32;
		for (j = 1; j < LIMBS; j++) {
			c += (uint64_t)m * n[j] + t[j];
			t[j - 1] = (uint32_t)c;
			c >>= 32;
		}
		c += t[LIMBS];
		t[LIMBS - 1] = (uint32_t)c;
		t[LIMBS] = t[LIMBS + 1] + (uint32_t)(c >> 32);
	}
	if (t[LIMBS] || bn_ge(t, n))
		bn_sub(t, n);
	memcpy(r, t, sizeof(bn_t));
}

/* -n[0]^-1 mod 2^32, for odd n[0] (Newton: each step doubles the bits). */
static uint32_t mont_n0inv(uint32_t n0)
{
	uint32_t inv = 1;
	unsigned int i;

	for (i = 0; i < 5; i++)
		inv *= 2 - n0 * inv;
	return -inv;
}

/* r = s^e mod n */
static void bn_pow(bn_t r, const bn_t s, uint32_t e, const bn_t n)
{
	uint32_t n0inv = mont_n0inv(n[0]);
	bn_t rr, sm, acc, one = { 1 };
	unsigned int i, bit;

	/* R mod n = 2^2048 - n (n has its top bit set), then R^2 mod n. */
	memset(rr, 0, sizeof(rr));
	bn_sub(rr, n);
	for (i = 0; i < 32 * LIMBS; i++)
		bn_double_mod(rr, n);

	mont_mul(sm, s, rr, n, n0inv);		/* s in Montgomery form */
	memcpy(acc, sm, sizeof(acc));
	bit = 31;
	while (!(e >> bit & 1))
		bit--;
	while (bit--) {
		mont_mul(acc, acc, acc, n, n0inv);
		if (e >> bit & 1)
			mont_mul(acc, acc, sm, n, n0inv);
	}
	mont_mul(r, acc, one, n, n0inv);	/* out of Montgomery form */
}

int rsa2048_verify_sha256(const uint8_t n_be[RSA2048_BYTES], uint32_t e,
			  const uint8_t sig[RSA2048_BYTES],
			  const uint8_t digest[32])
{
	uint8_t em[RSA2048_BYTES], want[RSA2048_BYTES];
	bn_t n, s, m;
	size_t ps = RSA2048_BYTES - 3 - sizeof(sha256_prefix) - 32;

	bn_from_bytes(n, n_be);
	bn_from_bytes(s, sig);
	if (!(n[0] & 1) || !(n[LIMBS - 1] >> 31) || e < 3 || !(e & 1))
		return -1;
	if (bn_ge(s, n))
		return -1;
	bn_pow(m, s, e, n);
	bn_to_bytes(em, m);

	/* EM = 0x00 0x01 PS(0xff...) 0x00 DigestInfo digest */
	want[0] = 0x00;
	want[1] = 0x01;
	memset(want + 2, 0xff, ps);
	want[2 + ps] = 0x00;
	memcpy(want + 3 + ps, sha256_prefix, sizeof(sha256_prefix));
	memcpy(want + 3 + ps + sizeof(sha256_prefix), digest, 32);
	return memcmp(em, want, sizeof(em)) ? -1 : 0;
}
