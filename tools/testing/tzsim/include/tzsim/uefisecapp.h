/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uefisecapp ("qcom.tz.uefisecapp"): the trusted application that keeps
 * the UEFI variables, reached through QSEECOM APP_SEND
 * (shared/abi/scm.md, section 5.3; Linux 6.12 qcom_qseecom_uefisecapp.c).
 *
 *   services/uefisecapp_proto.c  pure: request checks, response layout
 *   services/app_uefisecapp.c    the app: the store, its file, counters
 *
 * Requests and responses are packed little-endian u32 headers (u64 for
 * QueryVariableInfo's sizes); offsets count from the start of the request
 * or response; names are UTF-16LE with their terminator, GUIDs 16 bytes.
 *
 *   GetVariable 0x8000
 *     req  command_id, length, name_offset, name_size, guid_offset,
 *          guid_size, data_size                                (28 bytes)
 *     rsp  command_id, length, status, attributes, data_offset,
 *          data_size; data at offset 24                        (24 bytes)
 *   SetVariable 0x8001
 *     req  command_id, length, name_offset, name_size, guid_offset,
 *          guid_size, attributes, data_offset, data_size       (36 bytes)
 *     rsp  command_id, length (always 20), status, 0, 0        (20 bytes)
 *   GetNextVariableName 0x8002
 *     req  command_id, length, guid_offset, guid_size, name_offset,
 *          name_size (the size of the caller's name buffer)   (24 bytes)
 *     rsp  command_id, length, status, guid_offset, guid_size,
 *          name_offset, name_size; GUID at 28, name at 44      (28 bytes)
 *   QueryVariableInfo 0x8003
 *     req  command_id, length, attributes                      (12 bytes)
 *     rsp  command_id, length (always 40), status, 0, u64
 *          storage_space, u64 remaining_space, u64 max_variable_size
 *
 * An error response is the header alone (length = its size), every field
 * but command_id, length and status 0, except after EFI_BUFFER_TOO_SMALL:
 * GetVariable's attributes and data_size (needed), GetNextVariableName's
 * name_size (needed).
 */
#ifndef TZSIM_UEFISECAPP_H
#define TZSIM_UEFISECAPP_H

#include <tzsim/uefivars.h>

#define UEFISECAPP_GET_VARIABLE		0x8000
#define UEFISECAPP_SET_VARIABLE		0x8001
#define UEFISECAPP_GET_NEXT_VARIABLE	0x8002
#define UEFISECAPP_QUERY_VARIABLE_INFO	0x8003
#define UEFISECAPP_NR_CMDS		4

/* The app, as QSEECOM APP_LOOKUP names it (services/app_uefisecapp.c). */
#define UEFISECAPP_NAME			"qcom.tz.uefisecapp"
#define UEFISECAPP_APP_ID		3

#define UEFISECAPP_GET_REQ_SIZE		28
#define UEFISECAPP_GET_RSP_SIZE		24
#define UEFISECAPP_SET_REQ_SIZE		36
#define UEFISECAPP_SET_RSP_SIZE		20
#define UEFISECAPP_NEXT_REQ_SIZE	24
#define UEFISECAPP_NEXT_RSP_SIZE	28
#define UEFISECAPP_QUERY_REQ_SIZE	12
#define UEFISECAPP_QUERY_RSP_SIZE	40
/* The response to an unknown command: command_id, length, status. */
#define UEFISECAPP_UNKNOWN_RSP_SIZE	12

/* What one request did, for the log and the counters. */
struct uefisecapp_result {
	uint32_t cmd;		/* the command id, if the request had one */
	uint32_t status;	/* the EFI status answered */
	bool changed;		/* the store was modified */
	/*
	 * The variable of the request, when it got that far (pointers into
	 * the request); for GetNextVariableName the one given.
	 */
	const uint8_t *name;
	uint32_t name_size;
	const uint8_t *guid;
	/*
	 * GetVariable: the buffer size asked, then the variable's
	 * attributes and data size once found (the size needed, after
	 * EFI_BUFFER_TOO_SMALL); SetVariable: the request's;
	 * QueryVariableInfo: the attributes asked about.
	 */
	uint32_t attributes, data_size;
	/* GetNextVariableName: the variable returned (pointers into rsp). */
	const uint8_t *next_name;
	uint32_t next_name_size;
	const uint8_t *next_guid;
	/* Storage figures of a QueryVariableInfo that succeeded. */
	uint64_t storage, remaining, max_var;
	/* Why a request was malformed or refused, "" if it was not. */
	char why[96];
};

/*
 * uefisecapp_handle - run one request against @st.
 * @req:  @req_size bytes of request
 * @rsp:  @rsp_size bytes of response buffer; must not overlap @req
 * @res:  filled with what happened
 *
 * Checks everything the normal world sent: the request must hold its
 * header; header size <= length <= @req_size; every name, GUID and data
 * area must lie within length, after the header; guid_size must be 16;
 * names must be even-sized and terminated (see uefivars_name_check());
 * GetVariable's data_size and GetNextVariableName's name_size must fit in
 * @rsp after the response header. A request that fails is answered with
 * EFI_INVALID_PARAMETER, an unknown command with EFI_UNSUPPORTED. Nothing
 * outside @req and @rsp is touched.
 *
 * Returns QSEECOM_RESULT_SUCCESS when a response was written, or
 * QSEECOM_RESULT_FAILURE when none could be: a request too short to hold
 * a command id, or a response buffer smaller than the response header.
 */
uint32_t uefisecapp_handle(struct uefivars_store *st, const uint8_t *req,
			   size_t req_size, uint8_t *rsp, size_t rsp_size,
			   struct uefisecapp_result *res);

/*
 * uefisecapp_set_status - overwrite the status of the response written by
 * uefisecapp_handle() (for a change the host file failed to keep).
 */
void uefisecapp_set_status(uint8_t *rsp, uint32_t status);

/* "GetVariable", ..., or NULL for an unknown command id. */
const char *uefisecapp_cmd_name(uint32_t cmd);
/* "EFI_SUCCESS", ..., or "EFI_?" for another status. */
const char *uefisecapp_status_name(uint32_t status);

/*
 * uefisecapp_name_ascii - the UTF-16LE name of @size bytes at @name as a
 * C string for the log: up to the first NUL, characters outside printable
 * ASCII as '?', cut to @outlen - 1 (with "..." at the end when cut).
 */
void uefisecapp_name_ascii(const uint8_t *name, size_t size, char *out,
			   size_t outlen);

#endif /* TZSIM_UEFISECAPP_H */
