/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCM storage (SIP svc 0x1A cmd 0x01): the TZ-managed SPI-NOR of boards
 * such as the Radxa Dragon Q6A. The ABI is in shared/abi/scm.md, section 3.
 *
 *   services/storage.c        the SCM command: buffers, logging, counters
 *   services/storage_nor.c    pure: request decoding and checking, the
 *                             GET_INFO layout, the NOR program/erase rules
 *   services/storage_flash.c  the flash contents, in a host file
 */
#ifndef TZSIM_STORAGE_H
#define TZSIM_STORAGE_H

#include <tzsim/lib.h>

#define STORAGE_CMD_SIZE	40	/* 5 x le64 */
#define STORAGE_DETAILS_SIZE	32	/* 4 x le64 */
#define STORAGE_INFO_SIZE	105	/* packed, see storage_info_pack() */

#define STORAGE_TYPE_SPINOR	1

enum storage_op {
	STORAGE_INIT = 0,
	STORAGE_READ = 1,
	STORAGE_WRITE = 2,
	STORAGE_ERASE = 3,
	STORAGE_GET_INFO = 4,
	STORAGE_DEINIT = 5,
	STORAGE_NR_OPS,
};

/* Storage result codes, returned in res[0] with x0 = SCM_OK. */
#define STORAGE_SUCCESS			0
#define STORAGE_NO_MEMORY		1
#define STORAGE_INVALID_PARAMETER	2
#define STORAGE_STORAGE_ERROR		3
#define STORAGE_ACCESS_DENIED		4
#define STORAGE_NOT_SUPPORTED		5
#define STORAGE_MAC_MISMATCH		6
#define STORAGE_ALREADY_RUNNING		7
#define STORAGE_PARTITION_NOT_FOUND	8
#define STORAGE_READONLY		9

/* The cmd struct and the details struct, decoded. */
struct storage_req {
	uint64_t storage_type, slot_num, lun, guid_ptr, storage_cmd;
	uint64_t lba, length, data_ptr, data_size;
};

struct storage_geometry {
	uint64_t total_blocks;
	uint32_t block_size;		/* a power of two */
};

/* -- Pure helpers (services/storage_nor.c, unit-tested on the host). -- */

/* Decode STORAGE_CMD_SIZE bytes at @cmd and STORAGE_DETAILS_SIZE at @det. */
void storage_req_decode(struct storage_req *req, const uint8_t *cmd,
			const uint8_t *det);
/* storage_cmd of a raw cmd struct (the fault plan's sub-command). */
uint64_t storage_cmd_of(const uint8_t *cmd);
/* "READ", ..., or "UNKNOWN". */
const char *storage_op_name(uint64_t op);

/*
 * Check @req against the flash geometry. Returns STORAGE_SUCCESS or the
 * result code to answer, with the reason in @why.
 */
int storage_req_check(const struct storage_req *req,
		      const struct storage_geometry *geo, char *why,
		      size_t whylen);

/* What GET_INFO reports. */
struct storage_info {
	uint64_t total_blocks;
	uint32_t block_size, page_size, num_physical;
	uint64_t manufacturer_id, serial_num;
	const char *fw_version;		/* up to 32 chars, no NUL needed */
	const char *memory_type;	/* up to 5 */
	const char *product_name;	/* up to 32 */
};

/* Fill STORAGE_INFO_SIZE bytes at @out: packed, little endian. */
void storage_info_pack(uint8_t *out, const struct storage_info *info);

/*
 * NOR rules: erasing sets every bit to 1; programming can only clear bits,
 * so the cell becomes old & data (programming over data that was not
 * erased corrupts it, as on the chip).
 */
void nor_erase(uint8_t *cells, size_t len);
void nor_program(uint8_t *cells, const uint8_t *data, size_t len);

/* -- The flash contents (services/storage_flash.c). -- */

/*
 * Open the backing file on first use (creating it full of 0xFF if it does
 * not exist). Returns 0, or -1 if the flash is unusable (logged once).
 */
int storage_flash_ready(void);
/* Byte ranges, checked by the caller; return 0 or -1 (host I/O error). */
int storage_flash_read(uint64_t off, void *dst, uint64_t len);
int storage_flash_program(uint64_t off, const void *src, uint64_t len);
int storage_flash_erase(uint64_t off, uint64_t len);

#endif /* TZSIM_STORAGE_H */
