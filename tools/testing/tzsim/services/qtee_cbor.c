// SPDX-License-Identifier: GPL-2.0
/*
 * The CBOR reader of the simulated QTEE's credentials
 * (include/tzsim/qtee_cbor.h). Every read is checked against the end of
 * the input before it happens; lengths are compared, never added to a
 * position first, so nothing can overflow. Pure code: also built into
 * the host unit tests.
 */
#include <tzsim/qtee_cbor.h>

int qtee_cbor_head(struct qtee_cbor *c, unsigned int *major, uint64_t *arg,
		   const char **why)
{
	unsigned int info, width, i;
	uint64_t v;
	uint8_t ib;

	if (c->pos >= c->len) {
		*why = "truncated item";
		return -1;
	}
	ib = c->buf[c->pos];
	*major = ib >> 5;
	info = ib & 0x1f;
	if (info < 24) {
		*arg = info;
		c->pos++;
		return 0;
	}
	if (info == 31) {
		if (*major == QTEE_CBOR_SIMPLE)
			*why = "unexpected break";
		else if (*major >= QTEE_CBOR_BYTES && *major <= QTEE_CBOR_MAP)
			*why = "indefinite length";
		else
			*why = "reserved additional information";
		return -1;
	}
	if (info > 27) {
		*why = "reserved additional information";
		return -1;
	}
	width = 1U << (info - 24);		/* 1, 2, 4, 8 */
	if (c->len - c->pos - 1 < width) {
		*why = "truncated item";
		return -1;
	}
	v = 0;
	for (i = 0; i < width; i++)		/* big endian */
		v = v << 8 | c->buf[c->pos + 1 + i];
	*arg = v;
	c->pos += 1 + width;
	return 0;
}

/* Read a map value: an unsigned integer into *@v, or a string, skipped. */
static int read_value(struct qtee_cbor *c, uint64_t *v, bool *is_uint,
		      const char **why)
{
	size_t start = c->pos;
	unsigned int major;
	uint64_t arg;

	if (qtee_cbor_head(c, &major, &arg, why))
		return -1;
	switch (major) {
	case QTEE_CBOR_UINT:
		*v = arg;
		*is_uint = true;
		return 0;
	case QTEE_CBOR_BYTES:
	case QTEE_CBOR_TEXT:
		if (arg > c->len - c->pos) {
			c->pos = start;
			*why = "truncated item";
			return -1;
		}
		c->pos += (size_t)arg;
		*is_uint = false;
		return 0;
	default:
		c->pos = start;
		*why = "unsupported value type";
		return -1;
	}
}

int qtee_cbor_creds(const uint8_t *buf, size_t len, struct qtee_creds *cr,
		    const char **why)
{
	struct qtee_cbor c = { .buf = buf, .len = len };
	uint64_t keys[QTEE_CBOR_MAX_ENTRIES];
	uint64_t n, i, key, v = 0;
	unsigned int major, j;
	bool has_uid = false, is_uint;

	memset(cr, 0, sizeof(*cr));
	if (qtee_cbor_head(&c, &major, &n, why))
		return -1;
	if (major != QTEE_CBOR_MAP) {
		*why = "not a map";
		return -1;
	}
	if (n > QTEE_CBOR_MAX_ENTRIES) {
		*why = "more than 32 map entries";
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (qtee_cbor_head(&c, &major, &key, why))
			return -1;
		if (major != QTEE_CBOR_UINT) {
			*why = "map key is not an unsigned integer";
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (keys[j] == key) {
				*why = "duplicate map key";
				return -1;
			}
		}
		keys[i] = key;
		if (read_value(&c, &v, &is_uint, why))
			return -1;
		if (key != QTEE_CREDS_KEY_UID && key != QTEE_CREDS_KEY_TIME_MS)
			continue;
		if (!is_uint) {
			*why = key == QTEE_CREDS_KEY_UID ?
			       "uid (key 1) is not an unsigned integer" :
			       "time (key 6) is not an unsigned integer";
			return -1;
		}
		if (key == QTEE_CREDS_KEY_UID) {
			cr->uid = v;
			has_uid = true;
		} else {
			cr->time_ms = v;
			cr->has_time = true;
		}
	}
	if (c.pos != c.len) {
		*why = "trailing bytes after the map";
		return -1;
	}
	if (!has_uid) {
		*why = "no uid (key 1)";
		return -1;
	}
	return 0;
}
