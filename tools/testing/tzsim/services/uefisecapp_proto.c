// SPDX-License-Identifier: GPL-2.0
/*
 * The uefisecapp protocol: check a request from the normal world, run it
 * against the variable store, lay out the response. Layouts are in
 * include/tzsim/uefisecapp.h. Pure code: also built into the host unit
 * tests.
 *
 * Every offset and size in a request is untrusted: each area is checked
 * against the request's length (itself checked against the buffer) in
 * 64-bit arithmetic before anything is read from it, and the response is
 * only written within @rsp_size.
 */
#include <tzsim/qseecom.h>
#include <tzsim/uefisecapp.h>
#include <tzsim/le.h>

/* Fields common to every request and response. */
#define F_CMD		0
#define F_LENGTH	4
#define F_STATUS	8	/* responses */

/* Where a response puts its payload (natural alignment after the header). */
#define GET_RSP_DATA	UEFISECAPP_GET_RSP_SIZE
#define NEXT_RSP_GUID	UEFISECAPP_NEXT_RSP_SIZE
#define NEXT_RSP_NAME	(NEXT_RSP_GUID + UEFIVARS_GUID_SIZE)

/* A request being checked: its bytes, its header size, its length. */
struct req_ctx {
	const uint8_t *req;
	uint32_t hdr, length;
	struct uefisecapp_result *res;
};

static uint32_t invalid(struct req_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static uint32_t invalid(struct req_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tz_vsnprintf(c->res->why, sizeof(c->res->why), fmt, ap);
	va_end(ap);
	return EFI_INVALID_PARAMETER;
}

/* Whether off..off+size lies after the header and within length. */
static bool area_ok(const struct req_ctx *c, uint32_t off, uint32_t size)
{
	return off >= c->hdr && (uint64_t)off + size <= c->length;
}

static uint32_t check_guid(struct req_ctx *c, uint32_t off, uint32_t size)
{
	if (size != UEFIVARS_GUID_SIZE)
		return invalid(c, "guid_size %u, not 16", size);
	if (!area_ok(c, off, size))
		return invalid(c, "guid at %u+%u outside the request", off,
			       size);
	c->res->guid = c->req + off;
	return EFI_SUCCESS;
}

/* The name area: in the request, even-sized, not empty. */
static uint32_t check_name_area(struct req_ctx *c, uint32_t off,
				uint32_t size)
{
	if (!area_ok(c, off, size))
		return invalid(c, "name at %u+%u outside the request", off,
			       size);
	if (size < 2 || size % 2)
		return invalid(c, "name_size %u is not a positive even number",
			       size);
	return EFI_SUCCESS;
}

/* A name of exactly @size bytes (GetVariable, SetVariable). */
static uint32_t check_name(struct req_ctx *c, uint32_t off, uint32_t size)
{
	uint32_t status = check_name_area(c, off, size);

	if (status)
		return status;
	if (size > UEFIVARS_NAME_MAX_SIZE)
		return invalid(c, "name of %u characters, more than %d",
			       size / 2, UEFIVARS_NAME_MAX_CHARS);
	if (uefivars_name_check(c->req + off, size))
		return invalid(c, "name not terminated by its last character only");
	c->res->name = c->req + off;
	c->res->name_size = size;
	return EFI_SUCCESS;
}

static uint32_t do_get(struct uefivars_store *st, struct req_ctx *c,
		       uint8_t *rsp, size_t rsp_size)
{
	const uint8_t *req = c->req;
	struct uefisecapp_result *res = c->res;
	uint32_t data_size = get32(req + 24), attrs = 0, status;

	res->data_size = data_size;
	status = check_name(c, get32(req + 8), get32(req + 12));
	if (!status)
		status = check_guid(c, get32(req + 16), get32(req + 20));
	if (status)
		return status;
	if (data_size > rsp_size - UEFISECAPP_GET_RSP_SIZE)
		return invalid(c, "data_size %u does not fit the %zu-byte response",
			       data_size, rsp_size);
	status = uefivars_get(st, res->name, res->name_size, res->guid,
			      &attrs, rsp + GET_RSP_DATA, &data_size);
	if (status != EFI_SUCCESS && status != EFI_BUFFER_TOO_SMALL)
		return status;
	res->attributes = attrs;
	res->data_size = data_size;
	put32(rsp + 12, attrs);
	put32(rsp + 20, data_size);
	if (status == EFI_SUCCESS) {
		put32(rsp + F_LENGTH, UEFISECAPP_GET_RSP_SIZE + data_size);
		put32(rsp + 16, GET_RSP_DATA);
	}
	return status;
}

static uint32_t do_set(struct uefivars_store *st, struct req_ctx *c)
{
	const uint8_t *req = c->req;
	struct uefisecapp_result *res = c->res;
	uint32_t data_off = get32(req + 28), data_size = get32(req + 32);
	uint32_t status;

	res->attributes = get32(req + 24);
	res->data_size = data_size;
	status = check_name(c, get32(req + 8), get32(req + 12));
	if (!status)
		status = check_guid(c, get32(req + 16), get32(req + 20));
	if (status)
		return status;
	if (!area_ok(c, data_off, data_size))
		return invalid(c, "data at %u+%u outside the request", data_off,
			       data_size);
	if (res->name_size == 2)
		return invalid(c, "empty name");
	return uefivars_set(st, res->name, res->name_size, res->guid,
			    res->attributes, req + data_off, data_size,
			    &res->changed);
}

static uint32_t do_next(struct uefivars_store *st, struct req_ctx *c,
			uint8_t *rsp, size_t rsp_size)
{
	const uint8_t *req = c->req, *name;
	struct uefisecapp_result *res = c->res;
	uint32_t name_off = get32(req + 16), name_size = get32(req + 20);
	uint32_t i, in_size = 0, out_size = name_size, status;

	status = check_guid(c, get32(req + 8), get32(req + 12));
	if (!status)
		status = check_name_area(c, name_off, name_size);
	if (status)
		return status;
	/* name_size is the caller's buffer: the name ends at its first NUL. */
	name = req + name_off;
	for (i = 0; i < name_size / 2 && !in_size; i++)
		if (!name[2 * i] && !name[2 * i + 1])
			in_size = 2 * (i + 1);
	if (!in_size)
		return invalid(c, "name not terminated within its %u bytes",
			       name_size);
	if (in_size > UEFIVARS_NAME_MAX_SIZE)
		return invalid(c, "name of %u characters, more than %d",
			       in_size / 2, UEFIVARS_NAME_MAX_CHARS);
	res->name = name;
	res->name_size = in_size;
	if (rsp_size < NEXT_RSP_NAME || name_size > rsp_size - NEXT_RSP_NAME)
		return invalid(c, "name_size %u does not fit the %zu-byte response",
			       name_size, rsp_size);
	status = uefivars_next(st, name, in_size, res->guid,
			       rsp + NEXT_RSP_NAME, &out_size,
			       rsp + NEXT_RSP_GUID);
	if (status == EFI_BUFFER_TOO_SMALL) {
		put32(rsp + 24, out_size);
	} else if (status == EFI_SUCCESS) {
		put32(rsp + F_LENGTH, NEXT_RSP_NAME + out_size);
		put32(rsp + 12, NEXT_RSP_GUID);
		put32(rsp + 16, UEFIVARS_GUID_SIZE);
		put32(rsp + 20, NEXT_RSP_NAME);
		put32(rsp + 24, out_size);
		res->next_name = rsp + NEXT_RSP_NAME;
		res->next_name_size = out_size;
		res->next_guid = rsp + NEXT_RSP_GUID;
	}
	return status;
}

static uint32_t do_query(struct uefivars_store *st, struct req_ctx *c,
			 uint8_t *rsp)
{
	struct uefisecapp_result *res = c->res;
	uint32_t status;

	res->attributes = get32(c->req + 8);
	status = uefivars_query(st, res->attributes, &res->storage,
				&res->remaining, &res->max_var);
	if (status)
		return status;
	put64(rsp + 16, res->storage);
	put64(rsp + 24, res->remaining);
	put64(rsp + 32, res->max_var);
	return EFI_SUCCESS;
}

static const struct {
	const char *name;
	uint32_t req_size, rsp_size;
} cmds[UEFISECAPP_NR_CMDS] = {
	{ "GetVariable", UEFISECAPP_GET_REQ_SIZE, UEFISECAPP_GET_RSP_SIZE },
	{ "SetVariable", UEFISECAPP_SET_REQ_SIZE, UEFISECAPP_SET_RSP_SIZE },
	{ "GetNextVariableName", UEFISECAPP_NEXT_REQ_SIZE,
	  UEFISECAPP_NEXT_RSP_SIZE },
	{ "QueryVariableInfo", UEFISECAPP_QUERY_REQ_SIZE,
	  UEFISECAPP_QUERY_RSP_SIZE },
};

static bool cmd_known(uint32_t cmd)
{
	return cmd >= UEFISECAPP_GET_VARIABLE &&
	       cmd < UEFISECAPP_GET_VARIABLE + UEFISECAPP_NR_CMDS;
}

const char *uefisecapp_cmd_name(uint32_t cmd)
{
	return cmd_known(cmd) ? cmds[cmd - UEFISECAPP_GET_VARIABLE].name : NULL;
}

/* Run a known command whose response header fits. */
static uint32_t run(struct uefivars_store *st, const uint8_t *req,
		    size_t req_size, uint8_t *rsp, size_t rsp_size,
		    struct uefisecapp_result *res)
{
	struct req_ctx c = {
		.req = req, .res = res,
		.hdr = cmds[res->cmd - UEFISECAPP_GET_VARIABLE].req_size,
	};

	if (req_size < c.hdr)
		return invalid(&c, "request of %zu bytes, the header needs %u",
			       req_size, c.hdr);
	c.length = get32(req + F_LENGTH);
	if (c.length < c.hdr || c.length > req_size)
		return invalid(&c, "length %u, not within %u..%zu", c.length,
			       c.hdr, req_size);
	switch (res->cmd) {
	case UEFISECAPP_GET_VARIABLE:
		return do_get(st, &c, rsp, rsp_size);
	case UEFISECAPP_SET_VARIABLE:
		return do_set(st, &c);
	case UEFISECAPP_GET_NEXT_VARIABLE:
		return do_next(st, &c, rsp, rsp_size);
	default:
		return do_query(st, &c, rsp);
	}
}

uint32_t uefisecapp_handle(struct uefivars_store *st, const uint8_t *req,
			   size_t req_size, uint8_t *rsp, size_t rsp_size,
			   struct uefisecapp_result *res)
{
	uint32_t hdr = UEFISECAPP_UNKNOWN_RSP_SIZE;

	memset(res, 0, sizeof(*res));
	if (req_size < 4) {
		tz_snprintf(res->why, sizeof(res->why),
			    "request of %zu bytes has no command id", req_size);
		return QSEECOM_RESULT_FAILURE;
	}
	res->cmd = get32(req + F_CMD);
	if (cmd_known(res->cmd))
		hdr = cmds[res->cmd - UEFISECAPP_GET_VARIABLE].rsp_size;
	if (rsp_size < hdr) {
		tz_snprintf(res->why, sizeof(res->why),
			    "response buffer of %zu bytes, the header needs %u",
			    rsp_size, hdr);
		return QSEECOM_RESULT_FAILURE;
	}
	memset(rsp, 0, hdr);
	put32(rsp + F_CMD, res->cmd);
	put32(rsp + F_LENGTH, hdr);
	if (cmd_known(res->cmd)) {
		res->status = run(st, req, req_size, rsp, rsp_size, res);
	} else {
		res->status = EFI_UNSUPPORTED;
		tz_snprintf(res->why, sizeof(res->why),
			    "unknown command 0x%x", res->cmd);
	}
	put32(rsp + F_STATUS, res->status);
	return QSEECOM_RESULT_SUCCESS;
}

void uefisecapp_set_status(uint8_t *rsp, uint32_t status)
{
	put32(rsp + F_STATUS, status);
}

const char *uefisecapp_status_name(uint32_t status)
{
	switch (status) {
	case EFI_SUCCESS:		return "EFI_SUCCESS";
	case EFI_INVALID_PARAMETER:	return "EFI_INVALID_PARAMETER";
	case EFI_UNSUPPORTED:		return "EFI_UNSUPPORTED";
	case EFI_BUFFER_TOO_SMALL:	return "EFI_BUFFER_TOO_SMALL";
	case EFI_DEVICE_ERROR:		return "EFI_DEVICE_ERROR";
	case EFI_WRITE_PROTECTED:	return "EFI_WRITE_PROTECTED";
	case EFI_OUT_OF_RESOURCES:	return "EFI_OUT_OF_RESOURCES";
	case EFI_NOT_FOUND:		return "EFI_NOT_FOUND";
	default:			return "EFI_?";
	}
}

void uefisecapp_name_ascii(const uint8_t *name, size_t size, char *out,
			   size_t outlen)
{
	size_t i, n = 0;

	if (!outlen)
		return;
	for (i = 0; i + 1 < size; i += 2) {
		unsigned int u = name[i] | name[i + 1] << 8;

		if (!u)
			break;
		if (n + 1 == outlen) {
			/* Cut: end in "..." if there is room for it. */
			if (outlen > 4)
				memcpy(out + outlen - 4, "...", 3);
			break;
		}
		out[n++] = u >= 0x20 && u < 0x7f && u != '\'' ? (char)u : '?';
	}
	out[n] = '\0';
}
