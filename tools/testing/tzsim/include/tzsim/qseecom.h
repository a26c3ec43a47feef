/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QSEECOM, the interface to the trusted applications of the Qualcomm
 * Secure Execution Environment (shared/abi/scm.md, section 5):
 *
 *   VERSION     owner SIP (2),      svc 0x06, cmd 0x03, (VAL feature id 10)
 *   APP_LOOKUP  owner QSEE_OS (50), svc 0x01, cmd 0x03, (RW name, VAL len)
 *   APP_SEND    owner TZ_APPS (48), svc 0x00, cmd 0x01, (VAL app id,
 *               RW req, VAL req size, RW rsp, VAL rsp size)
 *
 * The result is in res[0] (QSEECOM_RESULT_*), with x0 = SCM_OK whenever the
 * call itself was well-formed; a lookup also returns res[1] =
 * QSEECOM_RES_APP_ID and res[2] = the app id.
 *
 *   services/qseecom.c       the three SCM commands, app counters
 *   services/qseecom_apps.c  pure: the app registry (lookup, checks)
 *   services/app_*.c         the trusted applications
 *
 * An app registers itself with DECLARE_QSEECOM_APP() in its own file; the
 * linker collects the entries in section .qseecom_apps.
 */
#ifndef TZSIM_QSEECOM_H
#define TZSIM_QSEECOM_H

#include <tzsim/lib.h>

#define QSEECOM_SVC_INFO		0x06
#define QSEECOM_CMD_VERSION		0x03
#define QSEECOM_SVC_APP_MGR		0x01
#define QSEECOM_CMD_APP_LOOKUP		0x03
#define QSEECOM_SVC_APP_ID_PLACEHOLDER	0x00
#define QSEECOM_CMD_APP_SEND		0x01

/* VERSION: the one feature id Linux asks about, and the QCS6490 answer. */
#define QSEECOM_FEATURE_QSEE_VERSION	10
#define QSEECOM_VERSION			0x1402000

/* res[0] of APP_LOOKUP and APP_SEND. */
#define QSEECOM_RESULT_SUCCESS			0U
#define QSEECOM_RESULT_INCOMPLETE		1U
#define QSEECOM_RESULT_BLOCKED_ON_LISTENER	2U
#define QSEECOM_RESULT_FAILURE			0xffffffffU

/* res[1] of APP_LOOKUP: res[2] is an app id. */
#define QSEECOM_RES_APP_ID		0xee01

/* Linux copies the name into a 64-byte buffer, without a NUL. */
#define QSEECOM_APP_NAME_MAX		63

/*
 * Largest request or response buffer of an APP_SEND: the uefisecapp
 * client's tzmem pool never grows beyond 256 KiB, so no request Linux can
 * make is refused. Both buffers are copied into secure memory before the
 * app runs (see services/qseecom.c).
 */
#define QSEECOM_BUF_MAX			(256U * 1024)

/*
 * qseecom_app_fn - a trusted application's entry point.
 * @req:      the request, @req_size bytes (a secure copy: stable while the
 *            app runs, whatever the normal world does meanwhile)
 * @rsp:      the response buffer, @rsp_size bytes, initialised with what
 *            the normal world had there; copied back after the call
 *
 * @req and @rsp do not overlap. Returns a QSEECOM_RESULT_* code; app-level
 * errors (a bad request, say) belong in the response, with SUCCESS.
 */
typedef uint32_t (*qseecom_app_fn)(const uint8_t *req, size_t req_size,
				   uint8_t *rsp, size_t rsp_size);

struct qseecom_app {
	const char *name;	/* 1..QSEECOM_APP_NAME_MAX characters */
	uint32_t id;		/* nonzero, unique */
	qseecom_app_fn handler;
};

/* DECLARE_QSEECOM_APP("qcom.tz.name", id, handler) */
#define DECLARE_QSEECOM_APP(_name, _id, _fn)				\
	static const struct qseecom_app __qseecom_app_##_fn		\
	__attribute__((used, section(".qseecom_apps"), aligned(8))) = {	\
		.name = (_name), .id = (_id), .handler = (_fn),		\
	}

/* -- The registry (services/qseecom_apps.c, pure: host-tested). -- */

/*
 * qseecom_app_by_name - the app of @apps[0..@n) whose name is exactly the
 * @len bytes at @name (no NUL needed), or NULL.
 */
const struct qseecom_app *qseecom_app_by_name(const struct qseecom_app *apps,
					      size_t n, const char *name,
					      size_t len);

/* qseecom_app_by_id - the app of @apps[0..@n) with id @id, or NULL. */
const struct qseecom_app *qseecom_app_by_id(const struct qseecom_app *apps,
					    size_t n, uint64_t id);

/*
 * qseecom_apps_check - validate a table: every name 1..63 characters,
 * every id nonzero, a handler, no name or id twice. Returns 0, or -1 with
 * the reason in @why.
 */
int qseecom_apps_check(const struct qseecom_app *apps, size_t n, char *why,
		       size_t whylen);

/*
 * qseecom_name_printable - @len bytes of an untrusted name as a C string
 * for the log: bytes outside printable ASCII (and quotes) become '?',
 * cut to fit @outlen.
 */
void qseecom_name_printable(const uint8_t *name, size_t len, char *out,
			    size_t outlen);

/* -- The linked table (services/qseecom.c). -- */

/* Check the DECLARE_QSEECOM_APP() table at boot; panics on a bad one. */
void qseecom_init(void);

#endif /* TZSIM_QSEECOM_H */
