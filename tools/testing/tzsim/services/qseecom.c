// SPDX-License-Identifier: GPL-2.0
/*
 * QSEECOM (shared/abi/scm.md, section 5): VERSION, APP_LOOKUP and
 * APP_SEND, routing to the trusted applications that registered with
 * DECLARE_QSEECOM_APP() (services/app_*.c).
 *
 * x0 is SCM_OK whenever the call itself could be carried out; the
 * QSEECOM result is in res[0]. SCM errors: EINVAL_ARG for a bad feature
 * id, name length or buffer size, EINVAL_ADDR for a buffer that is not
 * normal-world DRAM or (once enforced) not inside an SHM bridge.
 *
 * APP_SEND copies the request and the response buffer into secure memory,
 * runs the app on the copies and copies the response back: the app sees a
 * request that cannot change under it, even if the normal world rewrites
 * it from another CPU or passes overlapping buffers, and it can only ever
 * write within the response buffer.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/qseecom.h>
#include <tzsim/scm.h>

#define QSEECOM_MAX_APPS	8

extern const struct qseecom_app __qseecom_apps_start[];
extern const struct qseecom_app __qseecom_apps_end[];

struct app_counter {
	uint64_t calls, errors, bytes;
};

static struct app_counter counters[QSEECOM_MAX_APPS];
static uint8_t req_copy[QSEECOM_BUF_MAX] __attribute__((aligned(16)));
static uint8_t rsp_copy[QSEECOM_BUF_MAX] __attribute__((aligned(16)));

static size_t nr_apps(void)
{
	return __qseecom_apps_end - __qseecom_apps_start;
}

void qseecom_init(void)
{
	char why[160];
	size_t i;

	if (nr_apps() > QSEECOM_MAX_APPS)
		tz_panic("qseecom: %zu apps, at most %d", nr_apps(),
			 QSEECOM_MAX_APPS);
	if (qseecom_apps_check(__qseecom_apps_start, nr_apps(), why,
			       sizeof(why)))
		tz_panic("qseecom: %s", why);
	for (i = 0; i < nr_apps(); i++)
		tz_log("qseecom: app '%s' id %u", __qseecom_apps_start[i].name,
		       __qseecom_apps_start[i].id);
}

static long qseecom_version(struct scm_call *c)
{
	if (c->args[0] != QSEECOM_FEATURE_QSEE_VERSION) {
		tz_log("qseecom: version of unknown feature %llu",
		       (unsigned long long)c->args[0]);
		return SCM_EINVAL_ARG;
	}
	c->res[0] = QSEECOM_VERSION;
	return SCM_OK;
}

static long qseecom_lookup(struct scm_call *c)
{
	uint64_t len = c->args[1];
	char name[QSEECOM_APP_NAME_MAX], shown[QSEECOM_APP_NAME_MAX + 1];
	const struct qseecom_app *app;
	const void *buf;

	if (!len || len > QSEECOM_APP_NAME_MAX) {
		tz_log("qseecom: lookup with a name of %llu bytes, not 1..%d",
		       (unsigned long long)len, QSEECOM_APP_NAME_MAX);
		return SCM_EINVAL_ARG;
	}
	buf = scm_ns_buffer(c->args[0], len, "qseecom app name");
	if (!buf)
		return SCM_EINVAL_ADDR;
	/* One read of the name: what is logged is what was looked up. */
	memcpy(name, buf, len);
	qseecom_name_printable((const uint8_t *)name, len, shown,
			       sizeof(shown));
	app = qseecom_app_by_name(__qseecom_apps_start, nr_apps(), name, len);
	if (!app) {
		tz_log("qseecom: lookup '%s' -> not found", shown);
		c->res[0] = QSEECOM_RESULT_FAILURE;
		return SCM_OK;
	}
	tz_log("qseecom: lookup '%s' -> id %u", shown, app->id);
	c->res[0] = QSEECOM_RESULT_SUCCESS;
	c->res[1] = QSEECOM_RES_APP_ID;
	c->res[2] = app->id;
	return SCM_OK;
}

/* Check a send's buffers, run @app on copies, copy the response back. */
static long send_to(const struct qseecom_app *app, struct app_counter *ctr,
		    struct scm_call *c)
{
	uint64_t req_size = c->args[2], rsp_size = c->args[4];
	const uint8_t *req;
	uint8_t *rsp;
	uint32_t result;

	if (!req_size || !rsp_size || req_size > QSEECOM_BUF_MAX ||
	    rsp_size > QSEECOM_BUF_MAX) {
		tz_log("qseecom: send to '%s': request of %llu and response of %llu bytes, each must be 1..%u",
		       app->name, (unsigned long long)req_size,
		       (unsigned long long)rsp_size, QSEECOM_BUF_MAX);
		return SCM_EINVAL_ARG;
	}
	req = scm_ns_buffer(c->args[1], req_size, "qseecom request");
	rsp = scm_ns_buffer(c->args[3], rsp_size, "qseecom response");
	if (!req || !rsp)
		return SCM_EINVAL_ADDR;
	memcpy(req_copy, req, req_size);
	memcpy(rsp_copy, rsp, rsp_size);
	result = app->handler(req_copy, req_size, rsp_copy, rsp_size);
	if (result == QSEECOM_RESULT_SUCCESS)
		memcpy(rsp, rsp_copy, rsp_size);
	else
		ctr->errors++;
	ctr->bytes += req_size + rsp_size;
	scm_stats_of(scm_find(SMC_OWNER_TZ_APPS,
			      QSEECOM_SVC_APP_ID_PLACEHOLDER,
			      QSEECOM_CMD_APP_SEND))->bytes +=
		req_size + rsp_size;
	c->res[0] = result;
	return SCM_OK;
}

static long qseecom_send(struct scm_call *c)
{
	const struct qseecom_app *app;
	struct app_counter *ctr;
	long status;

	app = qseecom_app_by_id(__qseecom_apps_start, nr_apps(), c->args[0]);
	if (!app) {
		tz_log("qseecom: send to unknown app id %llu",
		       (unsigned long long)c->args[0]);
		c->res[0] = QSEECOM_RESULT_FAILURE;
		return SCM_OK;
	}
	ctr = &counters[app - __qseecom_apps_start];
	ctr->calls++;
	status = send_to(app, ctr, c);
	if (status != SCM_OK)
		ctr->errors++;
	return status;
}

/*
 * The fault plan's sub-command of a send: the first u32 of the request
 * (uefisecapp's command id, 0x8000..0x8003), if it can be read.
 */
static int64_t send_sub_cmd(const struct scm_call *c)
{
	const uint8_t *p;

	if (c->args[2] < 4)
		return -1;
	p = scm_ns_buffer(c->args[1], 4, NULL);
	if (!p)
		return -1;
	return p[0] | p[1] << 8 | p[2] << 16 | (int64_t)p[3] << 24;
}

/* At power-off: every app, called or not. */
static void qseecom_counters(void)
{
	size_t i;

	for (i = 0; i < nr_apps(); i++) {
		const struct app_counter *ctr = &counters[i];

		tz_log("counter qseecom.%s id=%u calls=%llu errors=%llu bytes=%llu",
		       __qseecom_apps_start[i].name,
		       __qseecom_apps_start[i].id,
		       (unsigned long long)ctr->calls,
		       (unsigned long long)ctr->errors,
		       (unsigned long long)ctr->bytes);
	}
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, QSEECOM_SVC_INFO, QSEECOM_CMD_VERSION,
		"QSEECOM", "VERSION", SCM_ARGS(1), qseecom_version);
DECLARE_SCM_CMD(SMC_OWNER_QSEE_OS, QSEECOM_SVC_APP_MGR,
		QSEECOM_CMD_APP_LOOKUP, "QSEECOM", "APP_LOOKUP",
		SCM_ARGS(2, SCM_RW, SCM_VAL), qseecom_lookup);
DECLARE_SCM_CMD(SMC_OWNER_TZ_APPS, QSEECOM_SVC_APP_ID_PLACEHOLDER,
		QSEECOM_CMD_APP_SEND, "QSEECOM", "APP_SEND",
		SCM_ARGS(5, SCM_VAL, SCM_RW, SCM_VAL, SCM_RW, SCM_VAL),
		qseecom_send, .sub_cmd = send_sub_cmd);
DECLARE_SCM_COUNTERS(qseecom_counters);
