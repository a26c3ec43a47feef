// SPDX-License-Identifier: GPL-2.0
/*
 * The UEFI variable store as a file image (format in
 * include/tzsim/uefivars.h): written from the store, read back into it.
 * Pure code: the host I/O is services/app_uefisecapp.c's; also built into
 * the host unit tests.
 *
 * Reading trusts nothing: a file may be cut short by a power-off, edited
 * by hand or left by another version. Every record goes through
 * uefivars_set() on an empty store, so a file can only ever produce a
 * store that SetVariable calls could have produced.
 */
#include <tzsim/uefivars.h>
#include <tzsim/le.h>

#define HDR_MAGIC	0
#define HDR_VERSION	8
#define HDR_SIZE	12
#define HDR_PAYLOAD	16
#define HDR_COUNT	20
#define HDR_CRC		24
#define HDR_RESERVED	28

/* The record fields, as in services/uefivars_store.c. */
#define REC_ATTRS	0
#define REC_NAME_SIZE	4
#define REC_DATA_SIZE	8
#define REC_GUID	12
#define REC_RESERVED	28

uint32_t uefivars_crc32(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffU;
	size_t i;
	int bit;

	/* Bitwise, no table: the store is small and written rarely. */
	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return ~crc;
}

static size_t rec_size(const uint8_t *rec)
{
	return UEFIVARS_REC_HDR_SIZE + (size_t)get32(rec + REC_NAME_SIZE) +
	       get32(rec + REC_DATA_SIZE);
}

static bool rec_persists(const uint8_t *rec)
{
	return get32(rec + REC_ATTRS) & EFI_VARIABLE_NON_VOLATILE;
}

size_t uefivars_file_size(const struct uefivars_store *st)
{
	size_t off, size = UEFIVARS_FILE_HDR_SIZE;

	for (off = 0; off < st->used; off += rec_size(st->buf + off))
		if (rec_persists(st->buf + off))
			size += rec_size(st->buf + off);
	return size;
}

size_t uefivars_file_write(const struct uefivars_store *st, uint8_t *out,
			   size_t max)
{
	size_t off, pos = UEFIVARS_FILE_HDR_SIZE;
	size_t size = uefivars_file_size(st);
	uint32_t count = 0;

	if (size > max)
		return 0;
	for (off = 0; off < st->used; off += rec_size(st->buf + off)) {
		const uint8_t *rec = st->buf + off;

		if (!rec_persists(rec))
			continue;
		memcpy(out + pos, rec, rec_size(rec));
		pos += rec_size(rec);
		count++;
	}
	memcpy(out + HDR_MAGIC, UEFIVARS_FILE_MAGIC, 8);
	put32(out + HDR_VERSION, UEFIVARS_FILE_VERSION);
	put32(out + HDR_SIZE, UEFIVARS_FILE_HDR_SIZE);
	put32(out + HDR_PAYLOAD, size - UEFIVARS_FILE_HDR_SIZE);
	put32(out + HDR_COUNT, count);
	put32(out + HDR_CRC, uefivars_crc32(out + UEFIVARS_FILE_HDR_SIZE,
					    size - UEFIVARS_FILE_HDR_SIZE));
	put32(out + HDR_RESERVED, 0);
	return size;
}

static int check_header(const uint8_t *in, size_t len, size_t cap, char *why,
			size_t whylen)
{
	uint32_t payload;

	if (len < UEFIVARS_FILE_HDR_SIZE) {
		tz_snprintf(why, whylen, "%zu bytes, shorter than the header",
			    len);
		return -1;
	}
	if (memcmp(in + HDR_MAGIC, UEFIVARS_FILE_MAGIC, 8)) {
		tz_snprintf(why, whylen, "bad magic");
		return -1;
	}
	if (get32(in + HDR_VERSION) != UEFIVARS_FILE_VERSION ||
	    get32(in + HDR_SIZE) != UEFIVARS_FILE_HDR_SIZE) {
		tz_snprintf(why, whylen, "version %u, header size %u: not %d, %d",
			    get32(in + HDR_VERSION), get32(in + HDR_SIZE),
			    UEFIVARS_FILE_VERSION, UEFIVARS_FILE_HDR_SIZE);
		return -1;
	}
	payload = get32(in + HDR_PAYLOAD);
	if (payload != len - UEFIVARS_FILE_HDR_SIZE) {
		tz_snprintf(why, whylen,
			    "payload size %u but the file has %zu bytes",
			    payload, len);
		return -1;
	}
	if (payload > cap) {
		tz_snprintf(why, whylen,
			    "payload of %u bytes is larger than the store (%zu)",
			    payload, cap);
		return -1;
	}
	if (uefivars_crc32(in + UEFIVARS_FILE_HDR_SIZE, payload) !=
	    get32(in + HDR_CRC)) {
		tz_snprintf(why, whylen, "bad checksum");
		return -1;
	}
	return 0;
}

/* Add the record at @rec (@left bytes remain from it) to @st. */
static int load_rec(struct uefivars_store *st, const uint8_t *rec,
		    size_t left, char *why, size_t whylen)
{
	uint32_t attrs, name_size, data_size, status, size = 0, a;
	const uint8_t *name;
	bool changed;

	if (left < UEFIVARS_REC_HDR_SIZE) {
		tz_snprintf(why, whylen, "record header cut short");
		return -1;
	}
	attrs = get32(rec + REC_ATTRS);
	name_size = get32(rec + REC_NAME_SIZE);
	data_size = get32(rec + REC_DATA_SIZE);
	name = rec + UEFIVARS_REC_HDR_SIZE;
	if (name_size > left - UEFIVARS_REC_HDR_SIZE ||
	    data_size > left - UEFIVARS_REC_HDR_SIZE - name_size) {
		tz_snprintf(why, whylen, "record larger than the payload");
		return -1;
	}
	/*
	 * uefivars_set() would take these as a delete or an append: a stored
	 * record has neither, and is non-volatile.
	 */
	if (!data_size || !(attrs & EFI_VARIABLE_NON_VOLATILE) ||
	    (attrs & EFI_VARIABLE_APPEND_WRITE) || get32(rec + REC_RESERVED)) {
		tz_snprintf(why, whylen,
			    "record with attributes 0x%x, data size %u", attrs,
			    data_size);
		return -1;
	}
	if (uefivars_name_check(name, name_size) == EFI_SUCCESS &&
	    uefivars_get(st, name, name_size, rec + REC_GUID, &a, NULL,
			 &size) != EFI_NOT_FOUND) {
		tz_snprintf(why, whylen, "variable stored twice");
		return -1;
	}
	status = uefivars_set(st, name, name_size, rec + REC_GUID, attrs,
			      name + name_size, data_size, &changed);
	if (status != EFI_SUCCESS) {
		tz_snprintf(why, whylen, "record refused: status 0x%08x",
			    status);
		return -1;
	}
	return 0;
}

int uefivars_file_read(struct uefivars_store *st, const uint8_t *in,
		       size_t len, char *why, size_t whylen)
{
	size_t off, end;
	uint32_t count = 0;

	uefivars_init(st, st->buf, st->cap);
	if (whylen)
		why[0] = '\0';
	if (check_header(in, len, st->cap, why, whylen))
		return -1;
	end = len;
	for (off = UEFIVARS_FILE_HDR_SIZE; off < end;
	     off += rec_size(in + off)) {
		if (load_rec(st, in + off, end - off, why, whylen))
			goto bad;
		count++;
	}
	if (count != get32(in + HDR_COUNT)) {
		tz_snprintf(why, whylen, "%u records, the header says %u",
			    count, get32(in + HDR_COUNT));
		goto bad;
	}
	return 0;
bad:
	uefivars_init(st, st->buf, st->cap);
	return -1;
}
