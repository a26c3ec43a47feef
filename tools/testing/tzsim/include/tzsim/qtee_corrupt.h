/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QTEE response corruption: deliberate protocol violations by the
 * simulated QTEE, to test that the kernel driver validates what it reads.
 * Each kind is armed with a count nth: it hits the nth message from then on
 * that it can apply to ("qualifying"), once, then disarms itself. Arm at
 * boot with the config key qtee_corrupt=<name>:<nth> (core.h), at run time
 * with SIM 0x07 QTEE_CORRUPT (services/sim_qtee.c, by number). Applying
 * one logs "qtee: corrupt <name> applied to invoke #<n>: <what>".
 *
 *  # name           qualifying message     what is written
 *  1 cb_counts      callback request       counts |= 0x00010000 (a reserved
 *                                          bit)
 *  2 cb_offset      callback request with  offset of its first buffer =
 *                   a buffer argument      outbound size (past the end)
 *  3 cb_unknown     callback request       cxt = 0xfffffffe, a Linux id
 *                                          Linux never issued
 *  4 ob_offset      successful response    offset of the first OB =
 *                   with an OB             inbound size (past the end)
 *  5 ob_size        successful response    size of the first OB = the size
 *                   with an OB             Linux gave + 1
 *  6 oo_unknown     successful response    first non-NULL OO = 0xfffffffe;
 *                   with a non-NULL OO     QTEE drops the object it meant
 *  7 async_counts   final response         the async area holds only a
 *                                          RELEASE with counts 0x01000000
 *                                          (ids far past the buffer)
 *  8 async_unknown  final response         the async area holds only a
 *                                          RELEASE of 0xfffffffe
 *
 * For 7 and 8 the real pending releases wait for the next outbound
 * message. Accounting stays exact: a corrupted message never makes QTEE
 * believe Linux holds or released something it does not.
 */
#ifndef TZSIM_QTEE_CORRUPT_H
#define TZSIM_QTEE_CORRUPT_H

#include <tzsim/lib.h>

enum qtee_corrupt {
	QTEE_CORRUPT_NONE,
	QTEE_CORRUPT_CB_COUNTS,
	QTEE_CORRUPT_CB_OFFSET,
	QTEE_CORRUPT_CB_UNKNOWN,
	QTEE_CORRUPT_OB_OFFSET,
	QTEE_CORRUPT_OB_SIZE,
	QTEE_CORRUPT_OO_UNKNOWN,
	QTEE_CORRUPT_ASYNC_COUNTS,
	QTEE_CORRUPT_ASYNC_UNKNOWN,
	QTEE_CORRUPT_COUNT,
};

#define QTEE_CORRUPT_UNKNOWN_ID		0xfffffffeU
#define QTEE_CORRUPT_COUNTS_BIT		0x00010000U
#define QTEE_CORRUPT_ASYNC_COUNTS_VAL	0x01000000U

static inline const char *qtee_corrupt_name(unsigned int kind)
{
	static const char *const names[QTEE_CORRUPT_COUNT] = {
		[QTEE_CORRUPT_NONE] = "none",
		[QTEE_CORRUPT_CB_COUNTS] = "cb_counts",
		[QTEE_CORRUPT_CB_OFFSET] = "cb_offset",
		[QTEE_CORRUPT_CB_UNKNOWN] = "cb_unknown",
		[QTEE_CORRUPT_OB_OFFSET] = "ob_offset",
		[QTEE_CORRUPT_OB_SIZE] = "ob_size",
		[QTEE_CORRUPT_OO_UNKNOWN] = "oo_unknown",
		[QTEE_CORRUPT_ASYNC_COUNTS] = "async_counts",
		[QTEE_CORRUPT_ASYNC_UNKNOWN] = "async_unknown",
	};

	return kind < QTEE_CORRUPT_COUNT ? names[kind] : "?";
}

/* The kind named by the @len bytes at @s, or -1. */
static inline int qtee_corrupt_parse(const char *s, size_t len)
{
	unsigned int k;

	for (k = QTEE_CORRUPT_NONE + 1; k < QTEE_CORRUPT_COUNT; k++) {
		const char *n = qtee_corrupt_name(k);

		if (strlen(n) == len && !memcmp(n, s, len))
			return (int)k;
	}
	return -1;
}

#endif /* TZSIM_QTEE_CORRUPT_H */
