/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCMI (Arm DEN0056) as the simulator serves it to Linux: one agent
 * (OSPM), one channel in shared memory (SOC_SCMI_SHMEM_BASE), rung with
 * the SMC SOC_SCMI_SMC_ID (Linux's "arm,scmi-smc" transport), and two
 * protocols: BASE (0x10) and POWER (0x11, the board's power domains).
 *
 * services/scmi.c       channel layout and dispatch (pure)
 * services/scmi_base.c  BASE protocol (pure)
 * services/scmi_power.c POWER protocol and the domains' state (pure)
 * services/scmi_smc.c   the EL3 side: SMC entry, boot init, counters
 *
 * The pure files also build into the host unit tests; they log with
 * tz_log(), which the host test provides.
 */
#ifndef TZSIM_SCMI_H
#define TZSIM_SCMI_H

#include <tzsim/lib.h>
#include <tzsim/soc.h>

/*
 * The channel in shared memory, as Linux's drivers/firmware/arm_scmi/
 * shmem.c (struct scmi_shared_mem) reads and writes it. All fields are
 * little endian. length counts the header and the payload; a response's
 * payload starts with the status.
 */
#define SCMI_SHM_CHANNEL_STATUS	0x04
#define SCMI_SHM_FLAGS		0x10
#define SCMI_SHM_LENGTH		0x14
#define SCMI_SHM_MSG_HEADER	0x18
#define SCMI_SHM_PAYLOAD	0x1c

#define SCMI_SHM_STATUS_FREE	(1U << 0)
#define SCMI_SHM_STATUS_ERROR	(1U << 1)
#define SCMI_SHM_FLAG_INTR	(1U << 0)

/*
 * Largest payload taken or given: Linux's SMC transport max_msg_size.
 * A channel must hold a header, a status and that much.
 */
#define SCMI_MAX_PAYLOAD	128
#define SCMI_SHM_MIN_SIZE	(SCMI_SHM_PAYLOAD + 4 + SCMI_MAX_PAYLOAD)

/* Message header. */
#define SCMI_HDR_MSG_ID(h)	((h) & 0xffU)
#define SCMI_HDR_TYPE(h)	(((h) >> 8) & 0x3U)
#define SCMI_HDR_PROTOCOL(h)	(((h) >> 10) & 0xffU)
#define SCMI_HDR_TOKEN(h)	(((h) >> 18) & 0x3ffU)
#define SCMI_HDR_RESERVED	0xf0000000U
#define SCMI_MSG_TYPE_COMMAND	0
#define SCMI_HDR(proto, msg, token)					\
	((uint32_t)(msg) | (uint32_t)(proto) << 10 | (uint32_t)(token) << 18)

/* Status codes. */
#define SCMI_SUCCESS		0
#define SCMI_NOT_SUPPORTED	(-1)
#define SCMI_INVALID_PARAMETERS	(-2)
#define SCMI_DENIED		(-3)
#define SCMI_NOT_FOUND		(-4)
#define SCMI_OUT_OF_RANGE	(-5)
#define SCMI_BUSY		(-6)
#define SCMI_COMMS_ERROR	(-7)
#define SCMI_GENERIC_ERROR	(-8)
#define SCMI_HARDWARE_ERROR	(-9)
#define SCMI_PROTOCOL_ERROR	(-10)

/* Protocols. */
#define SCMI_PROTOCOL_BASE	0x10
#define SCMI_PROTOCOL_POWER	0x11

/* Messages every protocol has. */
#define SCMI_PROTOCOL_VERSION			0x0
#define SCMI_PROTOCOL_ATTRIBUTES		0x1
#define SCMI_PROTOCOL_MESSAGE_ATTRIBUTES	0x2
#define SCMI_NEGOTIATE_PROTOCOL_VERSION		0x10

/* BASE, v2.1: the version Linux 6.12 supports (base.c). */
#define SCMI_BASE_VERSION			0x20001U
#define SCMI_BASE_DISCOVER_VENDOR		0x3
#define SCMI_BASE_DISCOVER_SUB_VENDOR		0x4
#define SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION 0x5
#define SCMI_BASE_DISCOVER_LIST_PROTOCOLS	0x6
#define SCMI_BASE_DISCOVER_AGENT		0x7
#define SCMI_BASE_NOTIFY_ERRORS			0x8
#define SCMI_AGENT_PLATFORM	0
#define SCMI_AGENT_OSPM		1
#define SCMI_AGENT_SELF		0xffffffffU

/* POWER, v3.1: the version Linux 6.12 supports (power.c). */
#define SCMI_POWER_VERSION		0x30001U
#define SCMI_POWER_DOMAIN_ATTRIBUTES	0x3
#define SCMI_POWER_STATE_SET		0x4
#define SCMI_POWER_STATE_GET		0x5
#define SCMI_POWER_STATE_NOTIFY		0x6
#define SCMI_POWER_DOMAIN_NAME_GET	0x8
/* Domain attributes: synchronous STATE_SET only, short names. */
#define SCMI_PD_ATTR_SYNC		(1U << 29)
/* STATE_SET flags: bit 0 asynchronous, the rest reserved. */
#define SCMI_POWER_SET_ASYNC		(1U << 0)
/* The two states of our domains (Linux's SCMI_POWER_STATE_GENERIC_*). */
#define SCMI_POWER_STATE_ON		0x00000000U
#define SCMI_POWER_STATE_OFF		0x40000000U

#define SCMI_SHORT_NAME_MAX	16

/* -- Protocols and messages (services/scmi.c, pure). -- */

struct scmi_protocol;
struct scmi_message;

/* One request being answered. */
struct scmi_msg {
	const struct scmi_protocol *proto;
	const struct scmi_message *desc;
	const uint8_t *req;		/* payload, desc->req_len bytes */
	size_t req_len;
	uint8_t rsp[SCMI_MAX_PAYLOAD];	/* return values after the status */
	size_t rsp_len;
	bool overflow;			/* a handler wrote past rsp[] */
};

/* A handler returns the SCMI status; return values only on success. */
typedef int32_t (*scmi_handler_t)(struct scmi_msg *m);

struct scmi_message {
	uint8_t id;
	uint8_t req_len;		/* exact payload length of a request */
	const char *name;
	scmi_handler_t fn;
};

struct scmi_protocol {
	uint8_t id;
	const char *name;
	uint32_t version;
	const struct scmi_message *msgs;
	unsigned int nr_msgs;
};

extern const struct scmi_protocol scmi_base_protocol;
extern const struct scmi_protocol scmi_power_protocol;

/* The protocols, ascending by id (BASE included), and lookups. */
unsigned int scmi_nr_protocols(void);
const struct scmi_protocol *scmi_protocol_at(unsigned int idx);
const struct scmi_protocol *scmi_protocol_by_id(unsigned int id);
const struct scmi_message *scmi_message_by_id(const struct scmi_protocol *p,
					      unsigned int id);

/* Request and response helpers for handlers. */
uint32_t scmi_req_u32(const struct scmi_msg *m, size_t off);
void scmi_rsp_u32(struct scmi_msg *m, uint32_t v);
/* @name as a 16-byte NUL-terminated, NUL-padded field. */
void scmi_rsp_name(struct scmi_msg *m, const char *name);

/* PROTOCOL_VERSION, PROTOCOL_MESSAGE_ATTRIBUTES, NEGOTIATE_..._VERSION. */
int32_t scmi_common_version(struct scmi_msg *m);
int32_t scmi_common_message_attributes(struct scmi_msg *m);
int32_t scmi_common_negotiate_version(struct scmi_msg *m);

/* -- The channel (services/scmi.c, pure). -- */

/* What one doorbell did. */
struct scmi_xfer_result {
	bool pending;		/* a message was posted (channel busy) */
	uint32_t header;
	const struct scmi_protocol *proto;	/* NULL if unknown */
	const struct scmi_message *msg;		/* NULL if unknown */
	int32_t status;
};

/* Mark the channel free, as the platform must before the agent's first. */
void scmi_channel_init(uint8_t *shm, size_t size);
/*
 * Answer the message posted in the channel @shm of @size bytes: the
 * response replaces it and the channel is marked free. A channel that is
 * already free holds no message and is left alone (res->pending false).
 */
void scmi_channel_process(uint8_t *shm, size_t size,
			  struct scmi_xfer_result *res);
/*
 * The SMC's x1/x2: zero ("arm,scmi-smc"), or the channel's 4K page and
 * offset ("arm,scmi-smc-param"). Anything else is not our channel.
 */
bool scmi_smc_params_ok(uint64_t shm_pa, uint64_t x1, uint64_t x2);
const char *scmi_status_name(int32_t status);

/* -- Power domains (services/scmi_power.c). All off at boot. -- */
bool scmi_pd_is_on(enum soc_power_domain pd);
/* "lcx", ..., or NULL for a domain that does not exist. */
const char *scmi_pd_name(enum soc_power_domain pd);
/* Transitions to on and to off since boot. */
void scmi_pd_counters(enum soc_power_domain pd, uint64_t *on, uint64_t *off);

/* -- EL3 (services/scmi_smc.c). -- */
/* Call once at cold boot, before Linux runs. */
void scmi_init(void);
/* SMC SOC_SCMI_SMC_ID. */
void scmi_smc_handle(uint64_t x[8]);

#endif /* TZSIM_SCMI_H */
