// SPDX-License-Identifier: GPL-2.0
/*
 * The UEFI variable store: records in one arena, the UEFI rules of
 * GetVariable, SetVariable, GetNextVariableName and QueryVariableInfo.
 * Pure code: also built into the host unit tests. The record layout is in
 * include/tzsim/uefivars.h.
 *
 * Only this file and uefivars_file_read() (through uefivars_set()) put
 * records in the arena, and both check them first, so the walk over the
 * arena trusts the sizes it finds there. Everything goes byte by byte:
 * EL3 runs with the MMU off, where unaligned wide accesses fault.
 */
#include <tzsim/uefivars.h>
#include <tzsim/le.h>

#define REC_ATTRS	0
#define REC_NAME_SIZE	4
#define REC_DATA_SIZE	8
#define REC_GUID	12
#define REC_RESERVED	28

#define ACCESS_BITS	(EFI_VARIABLE_BOOTSERVICE_ACCESS | \
			 EFI_VARIABLE_RUNTIME_ACCESS)
#define AUTH_BITS	(EFI_VARIABLE_AUTHENTICATED_WRITE_ACCESS | \
			 EFI_VARIABLE_TIME_BASED_AUTHENTICATED_WRITE_ACCESS | \
			 EFI_VARIABLE_ENHANCED_AUTHENTICATED_ACCESS)

static size_t rec_size(const uint8_t *rec)
{
	return UEFIVARS_REC_HDR_SIZE + (size_t)get32(rec + REC_NAME_SIZE) +
	       get32(rec + REC_DATA_SIZE);
}

static uint8_t *rec_data(uint8_t *rec)
{
	return rec + UEFIVARS_REC_HDR_SIZE + get32(rec + REC_NAME_SIZE);
}

static bool rec_is(const uint8_t *rec, const uint8_t *name, size_t name_size,
		   const uint8_t *guid)
{
	return get32(rec + REC_NAME_SIZE) == name_size &&
	       !memcmp(rec + REC_GUID, guid, UEFIVARS_GUID_SIZE) &&
	       !memcmp(rec + UEFIVARS_REC_HDR_SIZE, name, name_size);
}

/* Offset of the record of @name/@guid, or -1. */
static long find(const struct uefivars_store *st, const uint8_t *name,
		 size_t name_size, const uint8_t *guid)
{
	size_t off;

	for (off = 0; off < st->used; off += rec_size(st->buf + off))
		if (rec_is(st->buf + off, name, name_size, guid))
			return (long)off;
	return -1;
}

static bool name_is_empty(const uint8_t *name, size_t size)
{
	return size == 2 && !name[0] && !name[1];
}

void uefivars_init(struct uefivars_store *st, uint8_t *buf, size_t cap)
{
	st->buf = buf;
	st->cap = cap;
	st->used = 0;
	st->count = 0;
}

uint32_t uefivars_name_check(const uint8_t *name, size_t size)
{
	size_t i, units = size / 2;

	if (size < 2 || size % 2 || size > UEFIVARS_NAME_MAX_SIZE)
		return EFI_INVALID_PARAMETER;
	/* Exactly one terminator, the last unit: no name hides behind one. */
	for (i = 0; i < units; i++) {
		bool nul = !name[2 * i] && !name[2 * i + 1];

		if (nul != (i == units - 1))
			return EFI_INVALID_PARAMETER;
	}
	return EFI_SUCCESS;
}

uint32_t uefivars_attrs_check(uint32_t attrs)
{
	if ((attrs & ~EFI_VARIABLE_KNOWN_MASK) ||
	    (attrs & EFI_VARIABLE_APPEND_WRITE))
		return EFI_INVALID_PARAMETER;
	if ((attrs & ACCESS_BITS) == EFI_VARIABLE_RUNTIME_ACCESS)
		return EFI_INVALID_PARAMETER;
	if ((attrs & (EFI_VARIABLE_HARDWARE_ERROR_RECORD |
		      EFI_VARIABLE_NON_VOLATILE)) ==
	    EFI_VARIABLE_HARDWARE_ERROR_RECORD)
		return EFI_INVALID_PARAMETER;
	/* UEFI: "the firmware must return EFI_INVALID_PARAMETER". */
	if ((attrs & EFI_VARIABLE_TIME_BASED_AUTHENTICATED_WRITE_ACCESS) &&
	    (attrs & EFI_VARIABLE_ENHANCED_AUTHENTICATED_ACCESS))
		return EFI_INVALID_PARAMETER;
	/*
	 * Valid, but this store verifies no signatures and keeps no
	 * separate error-record space (UEFI: AUTHENTICATED_WRITE_ACCESS
	 * "should" get EFI_UNSUPPORTED; the others follow suit).
	 */
	if (attrs & (EFI_VARIABLE_HARDWARE_ERROR_RECORD | AUTH_BITS))
		return EFI_UNSUPPORTED;
	return EFI_SUCCESS;
}

uint32_t uefivars_get(const struct uefivars_store *st, const uint8_t *name,
		      size_t name_size, const uint8_t *guid, uint32_t *attrs,
		      uint8_t *data, uint32_t *data_size)
{
	const uint8_t *rec;
	uint32_t size;
	long off;

	if (uefivars_name_check(name, name_size))
		return EFI_INVALID_PARAMETER;
	if (name_is_empty(name, name_size))
		return EFI_NOT_FOUND;
	off = find(st, name, name_size, guid);
	if (off < 0)
		return EFI_NOT_FOUND;
	rec = st->buf + off;
	size = get32(rec + REC_DATA_SIZE);
	*attrs = get32(rec + REC_ATTRS);
	if (*data_size < size) {
		*data_size = size;
		return EFI_BUFFER_TOO_SMALL;
	}
	memcpy(data, rec + UEFIVARS_REC_HDR_SIZE + get32(rec + REC_NAME_SIZE),
	       size);
	*data_size = size;
	return EFI_SUCCESS;
}

static void remove_rec(struct uefivars_store *st, size_t off)
{
	size_t size = rec_size(st->buf + off);

	memmove(st->buf + off, st->buf + off + size, st->used - off - size);
	st->used -= size;
	st->count--;
}

/* Give the record at @off @new_size bytes of data, moving what follows. */
static void resize_rec(struct uefivars_store *st, size_t off,
		       uint32_t new_size)
{
	uint8_t *rec = st->buf + off;
	uint32_t old_size = get32(rec + REC_DATA_SIZE);
	size_t from = off + rec_size(rec);
	size_t to = from - old_size + new_size;

	memmove(st->buf + to, st->buf + from, st->used - from);
	st->used = st->used - old_size + new_size;
	put32(rec + REC_DATA_SIZE, new_size);
}

static uint32_t add_rec(struct uefivars_store *st, const uint8_t *name,
			size_t name_size, const uint8_t *guid, uint32_t attrs,
			const uint8_t *data, uint32_t data_size)
{
	size_t need = UEFIVARS_REC_HDR_SIZE + name_size + data_size;
	uint8_t *rec = st->buf + st->used;

	if (need > st->cap - st->used)
		return EFI_OUT_OF_RESOURCES;
	put32(rec + REC_ATTRS, attrs);
	put32(rec + REC_NAME_SIZE, name_size);
	put32(rec + REC_DATA_SIZE, data_size);
	memcpy(rec + REC_GUID, guid, UEFIVARS_GUID_SIZE);
	put32(rec + REC_RESERVED, 0);
	memcpy(rec + UEFIVARS_REC_HDR_SIZE, name, name_size);
	memcpy(rec + UEFIVARS_REC_HDR_SIZE + name_size, data, data_size);
	st->used += need;
	st->count++;
	return EFI_SUCCESS;
}

/* Rewrite or append to the existing record at @off. */
static uint32_t update_rec(struct uefivars_store *st, size_t off,
			   bool append, const uint8_t *data,
			   uint32_t data_size)
{
	uint8_t *rec = st->buf + off;
	uint32_t name_size = get32(rec + REC_NAME_SIZE);
	uint32_t old_size = get32(rec + REC_DATA_SIZE);
	uint64_t new_size = append ? (uint64_t)old_size + data_size : data_size;

	if (name_size + new_size > UEFIVARS_MAX_VAR_SIZE)
		return EFI_INVALID_PARAMETER;
	if (new_size > old_size && new_size - old_size > st->cap - st->used)
		return EFI_OUT_OF_RESOURCES;
	resize_rec(st, off, (uint32_t)new_size);
	memcpy(rec_data(rec) + (append ? old_size : 0), data, data_size);
	return EFI_SUCCESS;
}

uint32_t uefivars_set(struct uefivars_store *st, const uint8_t *name,
		      size_t name_size, const uint8_t *guid, uint32_t attrs,
		      const uint8_t *data, uint32_t data_size, bool *changed)
{
	uint32_t base = attrs & ~EFI_VARIABLE_APPEND_WRITE;
	bool append = attrs & EFI_VARIABLE_APPEND_WRITE;
	uint32_t status;
	long off;

	*changed = false;
	if (attrs) {
		status = uefivars_attrs_check(base);
		if (status)
			return status;
	}
	if (uefivars_name_check(name, name_size) ||
	    name_is_empty(name, name_size))
		return EFI_INVALID_PARAMETER;
	off = find(st, name, name_size, guid);
	if (off >= 0 && attrs && base != get32(st->buf + off + REC_ATTRS))
		return EFI_INVALID_PARAMETER;
	if (append && !data_size)
		return EFI_SUCCESS;
	if (!(base & ACCESS_BITS) || !data_size) {
		if (off < 0)
			return EFI_NOT_FOUND;
		remove_rec(st, off);
		*changed = true;
		return EFI_SUCCESS;
	}
	if (off >= 0) {
		status = update_rec(st, off, append, data, data_size);
	} else if (name_size + (uint64_t)data_size > UEFIVARS_MAX_VAR_SIZE) {
		status = EFI_INVALID_PARAMETER;
	} else {
		status = add_rec(st, name, name_size, guid, base, data,
				 data_size);
	}
	*changed = status == EFI_SUCCESS;
	return status;
}

uint32_t uefivars_next(const struct uefivars_store *st, const uint8_t *name,
		       size_t name_size, const uint8_t *guid,
		       uint8_t *out_name, uint32_t *out_size,
		       uint8_t *out_guid)
{
	const uint8_t *rec;
	size_t next = 0;
	uint32_t need;

	if (uefivars_name_check(name, name_size))
		return EFI_INVALID_PARAMETER;
	if (!name_is_empty(name, name_size)) {
		long off = find(st, name, name_size, guid);

		if (off < 0)
			return EFI_INVALID_PARAMETER;
		next = off + rec_size(st->buf + off);
	}
	if (next >= st->used)
		return EFI_NOT_FOUND;
	rec = st->buf + next;
	need = get32(rec + REC_NAME_SIZE);
	if (*out_size < need) {
		*out_size = need;
		return EFI_BUFFER_TOO_SMALL;
	}
	memcpy(out_name, rec + UEFIVARS_REC_HDR_SIZE, need);
	memcpy(out_guid, rec + REC_GUID, UEFIVARS_GUID_SIZE);
	*out_size = need;
	return EFI_SUCCESS;
}

uint32_t uefivars_query(const struct uefivars_store *st, uint32_t attrs,
			uint64_t *storage, uint64_t *remaining,
			uint64_t *max_var)
{
	uint32_t status = attrs ? uefivars_attrs_check(attrs) :
				  EFI_INVALID_PARAMETER;

	*storage = 0;
	*remaining = 0;
	*max_var = 0;
	if (status)
		return status;
	*storage = st->cap;
	*remaining = st->cap - st->used;
	/* A smaller arena (the host tests') cannot hold a bigger variable. */
	*max_var = UEFIVARS_MAX_VAR_SIZE;
	if (st->cap < UEFIVARS_REC_HDR_SIZE + (size_t)UEFIVARS_MAX_VAR_SIZE)
		*max_var = st->cap > UEFIVARS_REC_HDR_SIZE ?
			   st->cap - UEFIVARS_REC_HDR_SIZE : 0;
	return EFI_SUCCESS;
}

void uefivars_guid_str(const uint8_t *g, char *out)
{
	tz_snprintf(out, UEFIVARS_GUID_STR_SIZE,
		    "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		    get32(g), g[4] | g[5] << 8, g[6] | g[7] << 8, g[8], g[9],
		    g[10], g[11], g[12], g[13], g[14], g[15]);
}
