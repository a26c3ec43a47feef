// SPDX-License-Identifier: GPL-2.0
/*
 * "qcom.tz.uefisecapp" (QSEECOM app id 3): the UEFI variables of the
 * normal world, the store Linux's qcom_qseecom_uefisecapp driver turns
 * into efivars. The protocol is services/uefisecapp_proto.c, the rules of
 * the store services/uefivars_store.c; this file keeps the one store,
 * its host file, the log and the counters.
 *
 * The file (config key uefivars=, format in include/tzsim/uefivars.h) is
 * read at the first request: a missing file is an empty store, a corrupt
 * one is logged and taken as empty (and replaced at the first change).
 * After every change the whole file is written again, as "<path>.tmp"
 * renamed over "<path>", so that a power-off in the middle leaves the old
 * file or the new one, never half of one. If that fails the change is
 * undone and the caller gets EFI_DEVICE_ERROR: the store never holds what
 * the file lost. Without uefivars= the store lives in memory only.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/qseecom.h>
#include <tzsim/scm.h>
#include <tzsim/uefisecapp.h>
#include <tzsim/le.h>

#define NAME_LOG_MAX	64
/* Counter slot for requests of no known command (and refused ones). */
#define OTHER		UEFISECAPP_NR_CMDS

struct cmd_counter {
	uint64_t calls, errors;
};

static struct cmd_counter counters[UEFISECAPP_NR_CMDS + 1];
static struct uefivars_store store;
static bool loaded;
static uint8_t arena[UEFIVARS_STORAGE_SIZE];
/* The arena before a SetVariable, to undo it if the file is not written. */
static uint8_t snapshot[UEFIVARS_STORAGE_SIZE];
static uint8_t image[UEFIVARS_FILE_HDR_SIZE + UEFIVARS_STORAGE_SIZE];

static void load(const char *path)
{
	char why[96] = "";
	int64_t len;
	long h;

	h = plat_hostfile_open(path, false);
	if (h < 0) {
		tz_log("uefisecapp: %s not found: empty store", path);
		return;
	}
	len = plat_hostfile_size(h);
	if (len < 0 || len > (int64_t)sizeof(image))
		tz_snprintf(why, sizeof(why), "size %lld, at most %zu",
			    (long long)len, sizeof(image));
	else if (plat_hostfile_read(h, image, len))
		tz_snprintf(why, sizeof(why), "read failed");
	plat_hostfile_close(h);
	if (!why[0] && !uefivars_file_read(&store, image, len, why,
					   sizeof(why))) {
		tz_log("uefisecapp: loaded %u variables (%zu of %zu bytes) from %s",
		       store.count, store.used, store.cap, path);
		return;
	}
	tz_log("uefisecapp: %s is corrupt (%s): empty store", path, why);
}

static void ensure_loaded(void)
{
	if (loaded)
		return;
	loaded = true;
	uefivars_init(&store, arena, sizeof(arena));
	if (tzsim_cfg.uefivars[0])
		load(tzsim_cfg.uefivars);
	else
		tz_log("uefisecapp: no uefivars file: variables in memory only, empty store");
}

static int save(const char *path)
{
	char tmp[TZSIM_UEFIVARS_PATH_MAX + 5];
	size_t size = uefivars_file_write(&store, image, sizeof(image));
	long h;

	tz_snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	h = plat_hostfile_open(tmp, true);
	if (h < 0) {
		tz_log("uefisecapp: cannot create %s", tmp);
		return -1;
	}
	if (plat_hostfile_write(h, image, size)) {
		plat_hostfile_close(h);
		tz_log("uefisecapp: writing %s failed", tmp);
		return -1;
	}
	plat_hostfile_close(h);
	if (plat_hostfile_rename(tmp, path)) {
		tz_log("uefisecapp: renaming %s to %s failed", tmp, path);
		return -1;
	}
	return 0;
}

static void account(const struct uefisecapp_result *res, uint32_t result)
{
	const char *name = uefisecapp_cmd_name(res->cmd);
	struct cmd_counter *ctr;

	ctr = &counters[name ? res->cmd - UEFISECAPP_GET_VARIABLE : OTHER];
	ctr->calls++;
	if (result != QSEECOM_RESULT_SUCCESS || res->status != EFI_SUCCESS)
		ctr->errors++;
}

static void log_request(const struct uefisecapp_result *res,
			uint32_t result)
{
	const char *cmd = uefisecapp_cmd_name(res->cmd);
	char name[NAME_LOG_MAX + 1] = "", next[NAME_LOG_MAX + 1] = "";
	char guid[UEFIVARS_GUID_STR_SIZE] = "-";
	char next_guid[UEFIVARS_GUID_STR_SIZE] = "-";
	char what[4 * NAME_LOG_MAX] = "", why[sizeof(res->why) + 3] = "";

	if (result != QSEECOM_RESULT_SUCCESS) {
		tz_log("uefisecapp: request refused: %s", res->why);
		return;
	}
	if (res->name)
		uefisecapp_name_ascii(res->name, res->name_size, name,
				      sizeof(name));
	if (res->guid)
		uefivars_guid_str(res->guid, guid);
	if (res->why[0])
		tz_snprintf(why, sizeof(why), " (%s)", res->why);

	switch (res->cmd) {
	case UEFISECAPP_GET_VARIABLE:
	case UEFISECAPP_SET_VARIABLE:
		tz_snprintf(what, sizeof(what), " '%s' %s attrs=0x%x size=%u",
			    name, guid, res->attributes, res->data_size);
		break;
	case UEFISECAPP_GET_NEXT_VARIABLE:
		if (res->next_name) {
			uefisecapp_name_ascii(res->next_name,
					      res->next_name_size, next,
					      sizeof(next));
			uefivars_guid_str(res->next_guid, next_guid);
		}
		tz_snprintf(what, sizeof(what), " after '%s' %s: '%s' %s",
			    name, guid, next, next_guid);
		break;
	case UEFISECAPP_QUERY_VARIABLE_INFO:
		tz_snprintf(what, sizeof(what),
			    " attrs=0x%x: storage=%llu remaining=%llu max=%llu",
			    res->attributes,
			    (unsigned long long)res->storage,
			    (unsigned long long)res->remaining,
			    (unsigned long long)res->max_var);
		break;
	default:
		tz_snprintf(what, sizeof(what), " 0x%x", res->cmd);
		break;
	}
	tz_log("uefisecapp: %s%s -> 0x%08x %s%s", cmd ? cmd : "command", what,
	       res->status, uefisecapp_status_name(res->status), why);
}

/* Malformed-response injection (config uefisecapp_poke=). */
static void poke_response(uint32_t cmd, uint8_t *rsp, size_t rsp_size)
{
	unsigned int i;

	for (i = 0; i < tzsim_cfg.nr_pokes; i++) {
		const struct tzsim_poke *p = &tzsim_cfg.pokes[i];

		if (p->cmd != cmd || rsp_size < 4 || p->offset > rsp_size - 4)
			continue;
		put32(rsp + p->offset, p->value);
		tz_log("uefisecapp: poked response of command 0x%x: u32 at %u = 0x%x",
		       cmd, p->offset, p->value);
	}
}

static uint32_t uefisecapp_app(const uint8_t *req, size_t req_size,
			       uint8_t *rsp, size_t rsp_size)
{
	const char *path = tzsim_cfg.uefivars;
	struct uefisecapp_result res;
	size_t snap_used = 0;
	unsigned int snap_count = 0;
	bool keep_snapshot;
	uint32_t result;

	ensure_loaded();
	/* Only a SetVariable can change the store, only a file can fail. */
	keep_snapshot = path[0] && req_size >= 4 &&
			req[0] == (UEFISECAPP_SET_VARIABLE & 0xff) &&
			req[1] == UEFISECAPP_SET_VARIABLE >> 8 &&
			!req[2] && !req[3];
	if (keep_snapshot) {
		memcpy(snapshot, arena, store.used);
		snap_used = store.used;
		snap_count = store.count;
	}
	result = uefisecapp_handle(&store, req, req_size, rsp, rsp_size,
				   &res);
	if (result == QSEECOM_RESULT_SUCCESS && res.changed && path[0] &&
	    save(path)) {
		TZ_ASSERT(keep_snapshot);
		memcpy(arena, snapshot, snap_used);
		store.used = snap_used;
		store.count = snap_count;
		res.status = EFI_DEVICE_ERROR;
		uefisecapp_set_status(rsp, res.status);
		tz_snprintf(res.why, sizeof(res.why),
			    "host file not written, change undone");
	}
	account(&res, result);
	log_request(&res, result);
	if (result == QSEECOM_RESULT_SUCCESS && res.status == EFI_SUCCESS)
		poke_response(res.cmd, rsp, rsp_size);
	return result;
}

/* At power-off: the four commands always, others if any came. */
static void uefisecapp_counters(void)
{
	unsigned int i;

	for (i = 0; i <= OTHER; i++) {
		const char *name = i < OTHER ?
			uefisecapp_cmd_name(UEFISECAPP_GET_VARIABLE + i) :
			"other";

		if (i == OTHER && !counters[i].calls)
			continue;
		tz_log("counter uefisecapp.%s calls=%llu errors=%llu", name,
		       (unsigned long long)counters[i].calls,
		       (unsigned long long)counters[i].errors);
	}
}

DECLARE_QSEECOM_APP(UEFISECAPP_NAME, UEFISECAPP_APP_ID, uefisecapp_app);
DECLARE_SCM_COUNTERS(uefisecapp_counters);
