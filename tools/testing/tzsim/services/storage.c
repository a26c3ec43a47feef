// SPDX-License-Identifier: GPL-2.0
/*
 * STORAGE (svc 0x1A): CMD 0x01, the TZ-managed SPI-NOR (shared/abi/scm.md,
 * section 3). One SMC carries every operation:
 *
 *   x2 = phys of the 40-byte cmd struct (storage_type, slot_num, lun,
 *        guid_ptr, storage_cmd), x3 = 40,
 *   x4 = phys of the 32-byte details struct (lba, length in bytes,
 *        data_ptr, data_size), x5 = 32.
 *
 * x0 is SCM_OK whenever the buffers could be read; the storage result
 * (STORAGE_SUCCESS, STORAGE_INVALID_PARAMETER, ...) goes in res[0].
 * INIT and DEINIT are accepted and do nothing; READ, WRITE and ERASE work
 * on whole blocks with NOR semantics (services/storage_flash.c); GET_INFO
 * describes the flash like the Radxa Dragon Q6A's W25Q256JW.
 *
 * The command exists only when a flash file is configured (flash=): without
 * one, IS_CALL_AVAIL says 0 and the call gets NOT_SUPPORTED, as on boards
 * whose firmware has no storage service.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>
#include <tzsim/storage.h>

#define SVC_STORAGE	0x1a
#define STORAGE_CMD	0x01

#define INFO_PAGE_SIZE	256
#define INFO_SERIAL	1663215		/* as read on a Dragon Q6A */

struct op_counter {
	uint64_t calls, errors, bytes;
};

static struct op_counter counters[STORAGE_NR_OPS];

static bool storage_available(void)
{
	return tzsim_cfg.flash[0] != '\0';
}

/* The fault plan's sub-command: storage_cmd, if the cmd struct is readable. */
static int64_t storage_sub_cmd(const struct scm_call *c)
{
	const uint8_t *cmd;
	uint64_t op;

	if (c->args[1] != STORAGE_CMD_SIZE)
		return -1;
	cmd = scm_ns_buffer(c->args[0], STORAGE_CMD_SIZE, NULL);
	if (!cmd)
		return -1;
	op = storage_cmd_of(cmd);
	return op <= INT64_MAX ? (int64_t)op : -1;
}

static bool op_has_data(uint64_t op)
{
	return op == STORAGE_READ || op == STORAGE_WRITE ||
	       op == STORAGE_GET_INFO;
}

static bool op_uses_flash(uint64_t op)
{
	return op_has_data(op) || op == STORAGE_ERASE;
}

static void get_info(uint8_t *out)
{
	const struct storage_info info = {
		.total_blocks = tzsim_cfg.flash_blocks,
		.block_size = tzsim_cfg.flash_block_size,
		.page_size = INFO_PAGE_SIZE,
		.num_physical = 0,
		.manufacturer_id = 0,
		.serial_num = INFO_SERIAL,
		.fw_version = "",
		.memory_type = "NOR",
		.product_name = "W25Q256JW (tzsim)",
	};

	storage_info_pack(out, &info);
}

/* Run a checked request on a ready flash; returns the storage result. */
static int run_op(const struct storage_req *req, uint8_t *data)
{
	uint64_t off = req->lba * tzsim_cfg.flash_block_size;
	int ret = 0;

	switch (req->storage_cmd) {
	case STORAGE_READ:
		ret = storage_flash_read(off, data, req->length);
		break;
	case STORAGE_WRITE:
		ret = storage_flash_program(off, data, req->length);
		break;
	case STORAGE_ERASE:
		ret = storage_flash_erase(off, req->length);
		plat_delay_us((uint64_t)tzsim_cfg.erase_us *
			      (req->length / tzsim_cfg.flash_block_size));
		break;
	case STORAGE_GET_INFO:
		get_info(data);
		break;
	}
	return ret ? STORAGE_STORAGE_ERROR : STORAGE_SUCCESS;
}

static void account(const struct storage_req *req, long status, int result)
{
	struct op_counter *ctr;
	uint64_t op = req->storage_cmd;
	bool moved = op == STORAGE_READ || op == STORAGE_WRITE ||
		     op == STORAGE_ERASE;

	if (op >= STORAGE_NR_OPS)
		return;
	ctr = &counters[op];
	ctr->calls++;
	if (status != SCM_OK || result != STORAGE_SUCCESS) {
		ctr->errors++;
	} else if (moved) {
		ctr->bytes += req->length;
		scm_stats_of(scm_find(SMC_OWNER_SIP, SVC_STORAGE,
				      STORAGE_CMD))->bytes += req->length;
	}
}

static long storage_call(struct scm_call *c)
{
	const uint8_t *cmd, *det;
	struct storage_geometry geo = {
		.total_blocks = tzsim_cfg.flash_blocks,
		.block_size = tzsim_cfg.flash_block_size,
	};
	struct storage_req req;
	uint8_t *data = NULL;
	long status = SCM_OK;
	char why[128];
	int result;

	if (c->args[1] != STORAGE_CMD_SIZE ||
	    c->args[3] != STORAGE_DETAILS_SIZE) {
		tz_log("storage: cmd size %llu and details size %llu, expected %d and %d",
		       (unsigned long long)c->args[1],
		       (unsigned long long)c->args[3], STORAGE_CMD_SIZE,
		       STORAGE_DETAILS_SIZE);
		return SCM_EINVAL_ARG;
	}
	cmd = scm_ns_buffer(c->args[0], STORAGE_CMD_SIZE, "storage cmd");
	det = scm_ns_buffer(c->args[2], STORAGE_DETAILS_SIZE,
			    "storage details");
	if (!cmd || !det)
		return SCM_EINVAL_ADDR;
	storage_req_decode(&req, cmd, det);

	result = storage_req_check(&req, &geo, why, sizeof(why));
	/* ERASE has no payload: data_ptr may point at an empty one. */
	if (result == STORAGE_SUCCESS && op_has_data(req.storage_cmd)) {
		data = scm_ns_buffer(req.data_ptr, req.length, "storage data");
		if (!data) {
			status = SCM_EINVAL_ADDR;
			tz_snprintf(why, sizeof(why), "data buffer refused");
		}
	}
	if (status == SCM_OK && result == STORAGE_SUCCESS &&
	    op_uses_flash(req.storage_cmd)) {
		if (storage_flash_ready()) {
			result = STORAGE_STORAGE_ERROR;
			tz_snprintf(why, sizeof(why), "flash file unusable");
		} else {
			result = run_op(&req, data);
			if (result != STORAGE_SUCCESS)
				tz_snprintf(why, sizeof(why),
					    "host file I/O failed");
		}
	}

	account(&req, status, result);
	tz_log("storage: %s lba=%llu len=%llu -> %s%ld%s%s%s",
	       storage_op_name(req.storage_cmd),
	       (unsigned long long)req.lba, (unsigned long long)req.length,
	       status == SCM_OK ? "" : "scm ",
	       status == SCM_OK ? (long)result : status,
	       why[0] ? " (" : "", why, why[0] ? ")" : "");
	if (status != SCM_OK)
		return status;
	c->res[0] = result;
	return SCM_OK;
}

/* At power-off: READ, WRITE and ERASE always, the others if called. */
static void storage_counters(void)
{
	unsigned int op;

	if (!storage_available())
		return;
	for (op = 0; op < STORAGE_NR_OPS; op++) {
		const struct op_counter *ctr = &counters[op];

		if (!ctr->calls && op != STORAGE_READ &&
		    op != STORAGE_WRITE && op != STORAGE_ERASE)
			continue;
		tz_log("counter storage.%s calls=%llu errors=%llu bytes=%llu",
		       storage_op_name(op), (unsigned long long)ctr->calls,
		       (unsigned long long)ctr->errors,
		       (unsigned long long)ctr->bytes);
	}
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_STORAGE, STORAGE_CMD, "STORAGE", "CMD",
		SCM_ARGS(4, SCM_RO, SCM_VAL, SCM_RW, SCM_VAL), storage_call,
		.available = storage_available, .sub_cmd = storage_sub_cmd);
DECLARE_SCM_COUNTERS(storage_counters);
