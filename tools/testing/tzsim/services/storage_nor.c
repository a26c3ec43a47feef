// SPDX-License-Identifier: GPL-2.0
/*
 * The pure half of the SCM storage service: decoding and checking of a
 * request, the GET_INFO layout and the NOR program/erase rules. No
 * hardware, no globals: also built into the host unit tests.
 *
 * Every field is little endian and the structs are packed, so everything
 * goes byte by byte (EL3 runs with the MMU off: no unaligned wide access).
 */
#include <tzsim/storage.h>
#include <tzsim/le.h>

void storage_req_decode(struct storage_req *req, const uint8_t *cmd,
			const uint8_t *det)
{
	req->storage_type = le_get(cmd + 0, 8);
	req->slot_num = le_get(cmd + 8, 8);
	req->lun = le_get(cmd + 16, 8);
	req->guid_ptr = le_get(cmd + 24, 8);
	req->storage_cmd = le_get(cmd + 32, 8);
	req->lba = le_get(det + 0, 8);
	req->length = le_get(det + 8, 8);
	req->data_ptr = le_get(det + 16, 8);
	req->data_size = le_get(det + 24, 8);
}

uint64_t storage_cmd_of(const uint8_t *cmd)
{
	return le_get(cmd + 32, 8);
}

const char *storage_op_name(uint64_t op)
{
	static const char *const names[STORAGE_NR_OPS] = {
		[STORAGE_INIT] = "INIT",
		[STORAGE_READ] = "READ",
		[STORAGE_WRITE] = "WRITE",
		[STORAGE_ERASE] = "ERASE",
		[STORAGE_GET_INFO] = "GET_INFO",
		[STORAGE_DEINIT] = "DEINIT",
	};

	return op < STORAGE_NR_OPS ? names[op] : "UNKNOWN";
}

/* READ, WRITE and ERASE work on whole blocks inside the flash. */
static int check_range(const struct storage_req *req,
		       const struct storage_geometry *geo, char *why,
		       size_t whylen)
{
	uint64_t blocks = req->length / geo->block_size;

	if (!req->length) {
		tz_snprintf(why, whylen, "length 0");
		return STORAGE_INVALID_PARAMETER;
	}
	if (req->length % geo->block_size) {
		tz_snprintf(why, whylen,
			    "length %llu is not a multiple of the block size %u",
			    (unsigned long long)req->length, geo->block_size);
		return STORAGE_INVALID_PARAMETER;
	}
	/* Written so that no sum can overflow. */
	if (req->lba > geo->total_blocks ||
	    blocks > geo->total_blocks - req->lba) {
		tz_snprintf(why, whylen,
			    "lba %llu + %llu blocks is beyond the %llu blocks of the flash",
			    (unsigned long long)req->lba,
			    (unsigned long long)blocks,
			    (unsigned long long)geo->total_blocks);
		return STORAGE_INVALID_PARAMETER;
	}
	return STORAGE_SUCCESS;
}

int storage_req_check(const struct storage_req *req,
		      const struct storage_geometry *geo, char *why,
		      size_t whylen)
{
	if (whylen)
		why[0] = '\0';
	if (req->storage_type != STORAGE_TYPE_SPINOR) {
		tz_snprintf(why, whylen, "storage_type %llu is not SPINOR (1)",
			    (unsigned long long)req->storage_type);
		return STORAGE_INVALID_PARAMETER;
	}
	switch (req->storage_cmd) {
	case STORAGE_INIT:
	case STORAGE_DEINIT:
		return STORAGE_SUCCESS;
	case STORAGE_READ:
	case STORAGE_WRITE:
	case STORAGE_ERASE:
		return check_range(req, geo, why, whylen);
	case STORAGE_GET_INFO:
		if (req->lba) {
			tz_snprintf(why, whylen, "GET_INFO at lba %llu, not 0",
				    (unsigned long long)req->lba);
			return STORAGE_INVALID_PARAMETER;
		}
		if (req->length < STORAGE_INFO_SIZE) {
			tz_snprintf(why, whylen,
				    "GET_INFO length %llu, needs %d",
				    (unsigned long long)req->length,
				    STORAGE_INFO_SIZE);
			return STORAGE_INVALID_PARAMETER;
		}
		return STORAGE_SUCCESS;
	default:
		tz_snprintf(why, whylen, "unknown storage_cmd %llu",
			    (unsigned long long)req->storage_cmd);
		return STORAGE_NOT_SUPPORTED;
	}
}

static void put_str(uint8_t *p, size_t field, const char *s)
{
	size_t n = s ? strnlen(s, field) : 0;

	memset(p, 0, field);
	if (n)
		memcpy(p, s, n);
}

void storage_info_pack(uint8_t *out, const struct storage_info *info)
{
	le_put(out + 0, 8, info->total_blocks);
	le_put(out + 8, 4, info->block_size);
	le_put(out + 12, 4, info->page_size);
	le_put(out + 16, 4, info->num_physical);
	le_put(out + 20, 8, info->manufacturer_id);
	le_put(out + 28, 8, info->serial_num);
	put_str(out + 36, 32, info->fw_version);
	put_str(out + 68, 5, info->memory_type);
	put_str(out + 73, 32, info->product_name);
}

void nor_erase(uint8_t *cells, size_t len)
{
	memset(cells, 0xff, len);
}

void nor_program(uint8_t *cells, const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		cells[i] &= data[i];
}
