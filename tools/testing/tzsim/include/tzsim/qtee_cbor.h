/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small, bounds-checked CBOR (RFC 8949) reader for the credentials the
 * simulated QTEE reads from a Linux credentials object (root op 2, see
 * services/qtee.md). Pure code: services/qtee_cbor.c, host-tested.
 *
 * What it accepts: one definite-length map, nothing after it, whose keys
 * are unsigned integers (major type 0) and whose values are unsigned
 * integers or definite-length byte or text strings (skipped). Arguments
 * may be immediate or 1, 2, 4 or 8 bytes, preferred encoding or not.
 * Everything else is refused with a static reason: indefinite lengths,
 * the reserved additional information 28..30, negative integers, arrays,
 * maps, tags and simple values/floats as values, duplicate keys, more
 * than QTEE_CBOR_MAX_ENTRIES entries, truncation, trailing bytes.
 *
 * quic-teec's libqcomtee (credentials_obj.c, through libcbor) sends
 * {1: getuid() as uint32, 6: the time in ms as uint64}.
 */
#ifndef TZSIM_QTEE_CBOR_H
#define TZSIM_QTEE_CBOR_H

#include <tzsim/lib.h>

/* Major types (the top 3 bits of an item's initial byte). */
#define QTEE_CBOR_UINT		0
#define QTEE_CBOR_NINT		1
#define QTEE_CBOR_BYTES		2
#define QTEE_CBOR_TEXT		3
#define QTEE_CBOR_ARRAY		4
#define QTEE_CBOR_MAP		5
#define QTEE_CBOR_TAG		6
#define QTEE_CBOR_SIMPLE	7

#define QTEE_CBOR_MAX_ENTRIES	32	/* choice: entries of the map */

/* The credentials' keys. */
#define QTEE_CREDS_KEY_UID	1	/* required */
#define QTEE_CREDS_KEY_TIME_MS	6	/* optional: system time, ms */

struct qtee_cbor {
	const uint8_t *buf;
	size_t len, pos;
};

/*
 * qtee_cbor_head - read the head of the item at c->pos: its major type
 * and argument (the value of an integer, the length of a string, the
 * entry count of a map...), and advance past the head only. Returns 0,
 * or -1 with a static reason in *@why (c->pos unchanged).
 */
int qtee_cbor_head(struct qtee_cbor *c, unsigned int *major, uint64_t *arg,
		   const char **why);

struct qtee_creds {
	uint64_t uid;
	uint64_t time_ms;
	bool has_time;
};

/*
 * qtee_cbor_creds - decode the @len bytes at @buf as a credentials map.
 * Returns 0 with @cr filled (key 1 present; key 6 if has_time), or -1
 * with a static reason in *@why. Unknown keys are skipped.
 */
int qtee_cbor_creds(const uint8_t *buf, size_t len, struct qtee_creds *cr,
		    const char **why);

#endif /* TZSIM_QTEE_CBOR_H */
