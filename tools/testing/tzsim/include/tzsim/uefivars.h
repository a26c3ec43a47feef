/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UEFI variable store behind uefisecapp: pure code (no globals, no
 * I/O), also built into the host unit tests.
 *
 *   services/uefivars_store.c  Get/Set/GetNext/QueryVariableInfo with the
 *                              UEFI rules
 *   services/uefivars_file.c   the store as a host file (format below)
 *
 * Model. One arena of @cap bytes (UEFIVARS_STORAGE_SIZE in the firmware)
 * holds the variables as records, in creation order (the order of
 * GetNextVariableName; rewriting or appending to a variable keeps its
 * place):
 *
 *   offset size
 *   0      4    attributes (never with APPEND_WRITE)
 *   4      4    name_size: bytes of the UTF-16LE name, terminator included
 *   8      4    data_size: bytes of data, >= 1
 *   12     16   vendor GUID, as EFI stores it (first three fields LE)
 *   28     4    reserved, 0
 *   32     name_size bytes of name, then data_size bytes of data
 *
 * All little endian, packed, accessed byte by byte. A variable thus costs
 * UEFIVARS_REC_HDR_SIZE (32) bytes of overhead plus its name and data, and
 * QueryVariableInfo's remaining_space is exactly the unused part of the
 * arena. There is no boot/runtime phase: every variable is visible and
 * writable (so EFI_WRITE_PROTECTED, which UEFI gives for variables that
 * are read-only after ExitBootServices(), never comes up). Volatile
 * variables (no NON_VOLATILE) share the arena but are not written to the
 * file, so they are gone after a power-off.
 *
 * Statuses are the 32-bit form uefisecapp returns: bits 31..28 carry the
 * high nibble of the 64-bit EFI_STATUS, bits 27..0 its code.
 */
#ifndef TZSIM_UEFIVARS_H
#define TZSIM_UEFIVARS_H

#include <tzsim/lib.h>

#define EFI_SUCCESS			0x00000000U
#define EFI_INVALID_PARAMETER		0x80000002U
#define EFI_UNSUPPORTED			0x80000003U
#define EFI_BUFFER_TOO_SMALL		0x80000005U
#define EFI_DEVICE_ERROR		0x80000007U
#define EFI_WRITE_PROTECTED		0x80000008U
#define EFI_OUT_OF_RESOURCES		0x80000009U
#define EFI_NOT_FOUND			0x8000000eU

#define EFI_VARIABLE_NON_VOLATILE			0x01U
#define EFI_VARIABLE_BOOTSERVICE_ACCESS			0x02U
#define EFI_VARIABLE_RUNTIME_ACCESS			0x04U
#define EFI_VARIABLE_HARDWARE_ERROR_RECORD		0x08U
#define EFI_VARIABLE_AUTHENTICATED_WRITE_ACCESS		0x10U
#define EFI_VARIABLE_TIME_BASED_AUTHENTICATED_WRITE_ACCESS 0x20U
#define EFI_VARIABLE_APPEND_WRITE			0x40U
#define EFI_VARIABLE_ENHANCED_AUTHENTICATED_ACCESS	0x80U
/* The bits UEFI defines; any other is reserved. */
#define EFI_VARIABLE_KNOWN_MASK				0xffU

#define UEFIVARS_GUID_SIZE	16
#define UEFIVARS_REC_HDR_SIZE	32
/* Characters of a name, terminator included (Linux: QSEE_MAX_NAME_LEN). */
#define UEFIVARS_NAME_MAX_CHARS	1024
#define UEFIVARS_NAME_MAX_SIZE	(2 * UEFIVARS_NAME_MAX_CHARS)
/* What QueryVariableInfo reports, and the arena of the firmware's store. */
#define UEFIVARS_STORAGE_SIZE	65536U
/* Largest name_size + data_size of one variable (max_variable_size). */
#define UEFIVARS_MAX_VAR_SIZE	32768U

struct uefivars_store {
	uint8_t *buf;		/* the arena, @cap bytes */
	size_t cap;
	size_t used;		/* bytes of records, from buf[0] */
	unsigned int count;	/* number of records */
};

/* uefivars_init - an empty store over the @cap bytes at @buf. */
void uefivars_init(struct uefivars_store *st, uint8_t *buf, size_t cap);

/*
 * uefivars_name_check - whether the @size bytes at @name are a UEFI
 * variable name: UTF-16LE, even size, 1..UEFIVARS_NAME_MAX_CHARS units,
 * the last one the only NUL. Returns EFI_SUCCESS or EFI_INVALID_PARAMETER.
 */
uint32_t uefivars_name_check(const uint8_t *name, size_t size);

/*
 * uefivars_attrs_check - whether @attrs (without APPEND_WRITE) may be
 * given to a variable or asked about: EFI_INVALID_PARAMETER for reserved
 * bits, RUNTIME_ACCESS without BOOTSERVICE_ACCESS, HARDWARE_ERROR_RECORD
 * without NON_VOLATILE or both kinds of authenticated access at once;
 * EFI_UNSUPPORTED for HARDWARE_ERROR_RECORD and the authenticated
 * accesses, which this store does not implement; else EFI_SUCCESS.
 */
uint32_t uefivars_attrs_check(uint32_t attrs);

/*
 * uefivars_get - GetVariable. @name (@name_size bytes, terminator
 * included) and @guid name the variable. *@data_size is the size of the
 * buffer at @data on entry and the size of the variable's data on return
 * (also when that is EFI_BUFFER_TOO_SMALL); *@attrs its attributes.
 * Returns EFI_SUCCESS, EFI_BUFFER_TOO_SMALL (nothing copied),
 * EFI_NOT_FOUND (also for an empty name) or EFI_INVALID_PARAMETER (a bad
 * name).
 */
uint32_t uefivars_get(const struct uefivars_store *st, const uint8_t *name,
		      size_t name_size, const uint8_t *guid, uint32_t *attrs,
		      uint8_t *data, uint32_t *data_size);

/*
 * uefivars_set - SetVariable, with the UEFI rules:
 *  - attributes without BOOTSERVICE_ACCESS and RUNTIME_ACCESS (0 among
 *    them), or @data_size 0 without APPEND_WRITE, delete the variable
 *    (EFI_NOT_FOUND if there is none);
 *  - APPEND_WRITE adds @data to the existing data, or creates the
 *    variable; with @data_size 0 it changes nothing and succeeds;
 *  - an existing variable keeps its attributes: nonzero @attrs that
 *    differ from them (APPEND_WRITE aside) are EFI_INVALID_PARAMETER, and
 *    this check comes first (as in EDK2), so only attributes 0 delete
 *    whatever the variable's attributes are;
 *  - attribute bits: reserved ones, RUNTIME_ACCESS without
 *    BOOTSERVICE_ACCESS, HARDWARE_ERROR_RECORD without NON_VOLATILE, both
 *    kinds of authenticated access at once: EFI_INVALID_PARAMETER;
 *    HARDWARE_ERROR_RECORD or an authenticated access (not supported
 *    here): EFI_UNSUPPORTED;
 *  - an empty or malformed name: EFI_INVALID_PARAMETER; name_size +
 *    resulting data size above UEFIVARS_MAX_VAR_SIZE: EFI_INVALID_PARAMETER;
 *    not enough room left in the arena: EFI_OUT_OF_RESOURCES.
 * *@changed says whether the store was modified (only ever on EFI_SUCCESS).
 */
uint32_t uefivars_set(struct uefivars_store *st, const uint8_t *name,
		      size_t name_size, const uint8_t *guid, uint32_t attrs,
		      const uint8_t *data, uint32_t data_size, bool *changed);

/*
 * uefivars_next - GetNextVariableName. @name/@name_size (a valid name, or
 * the empty name, size 2) and @guid are the previous variable; the empty
 * name asks for the first one. On EFI_SUCCESS the next variable's name is
 * at @out_name, its size in *@out_size (the buffer size on entry) and its
 * GUID at @out_guid. Returns EFI_BUFFER_TOO_SMALL with *@out_size = the
 * size needed, EFI_NOT_FOUND after the last one, EFI_INVALID_PARAMETER if
 * @name/@guid is not a variable (UEFI 2.8 and later) or not a name.
 */
uint32_t uefivars_next(const struct uefivars_store *st, const uint8_t *name,
		       size_t name_size, const uint8_t *guid,
		       uint8_t *out_name, uint32_t *out_size,
		       uint8_t *out_guid);

/*
 * uefivars_query - QueryVariableInfo for variables with @attrs: the arena
 * size, the bytes left in it and UEFIVARS_MAX_VAR_SIZE. Every kind of
 * variable shares the one arena. @attrs 0, with APPEND_WRITE or an invalid
 * combination: EFI_INVALID_PARAMETER; HARDWARE_ERROR_RECORD or
 * authenticated access: EFI_UNSUPPORTED (the outputs are then 0).
 */
uint32_t uefivars_query(const struct uefivars_store *st, uint32_t attrs,
			uint64_t *storage, uint64_t *remaining,
			uint64_t *max_var);

/*
 * uefivars_guid_str - the GUID at @guid as text,
 * "8be4df61-93ca-11d2-aa0d-00e098032b8c" (37 bytes with the NUL).
 */
#define UEFIVARS_GUID_STR_SIZE	37
void uefivars_guid_str(const uint8_t *guid, char *out);

/*
 * -- The file (services/uefivars_file.c). --
 *
 * The non-volatile variables, as one file rewritten whole after every
 * change. Little endian, packed:
 *
 *   offset size
 *   0      8    magic "TZUEFIVS"
 *   8      4    version, 1
 *   12     4    header size, 32
 *   16     4    payload size: bytes of records after the header
 *   20     4    number of records
 *   24     4    CRC-32 of the payload (IEEE 802.3, as zlib's crc32())
 *   28     4    reserved, 0
 *   32     the records, in store order, laid out as in the arena
 *
 * The file is exactly header + payload bytes. On load every record is
 * checked as SetVariable would (name, attributes with NON_VOLATILE, sizes,
 * no duplicate): any fault makes the whole file invalid.
 */
#define UEFIVARS_FILE_MAGIC	"TZUEFIVS"
#define UEFIVARS_FILE_VERSION	1
#define UEFIVARS_FILE_HDR_SIZE	32

/* uefivars_file_size - bytes of the file image of @st's variables. */
size_t uefivars_file_size(const struct uefivars_store *st);

/*
 * uefivars_file_write - the file image of @st into @out (@max bytes).
 * Returns its size, or 0 if it does not fit.
 */
size_t uefivars_file_write(const struct uefivars_store *st, uint8_t *out,
			   size_t max);

/*
 * uefivars_file_read - replace the contents of @st (set up with
 * uefivars_init()) with the @len bytes of file image at @in. Returns 0,
 * or -1 with the reason in @why and @st empty.
 */
int uefivars_file_read(struct uefivars_store *st, const uint8_t *in,
		       size_t len, char *why, size_t whylen);

/* uefivars_crc32 - CRC-32 (IEEE 802.3) of @len bytes at @p. */
uint32_t uefivars_crc32(const uint8_t *p, size_t len);

#endif /* TZSIM_UEFIVARS_H */
