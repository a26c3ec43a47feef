// SPDX-License-Identifier: GPL-2.0
/*
 * SCMI: the shared-memory channel and the dispatch of its messages to the
 * protocols. Pure: works on a plain pointer to the channel, so it also
 * builds into the host unit tests; services/scmi_smc.c is the EL3 side.
 *
 * Linux (drivers/firmware/arm_scmi/shmem.c) posts a message by clearing
 * channel_status (busy), then writing flags, length (4 + payload), the
 * header and the payload, and issues the SMC. We answer in place: status
 * (le32) at the start of the payload, then the return values, length =
 * 8 + their size, header untouched (it carries the token), and set
 * channel_status to FREE. Linux's SMC transport has no completion
 * interrupt: the response must be there when the SMC returns.
 *
 * Checks, in order; a failure is logged and answered with the status:
 *   length < 4 or beyond the channel          COMMS_ERROR (+ CHANNEL_ERROR)
 *   header type not "command", reserved bits  PROTOCOL_ERROR
 *   unknown protocol / message                NOT_SUPPORTED
 *   payload length not the message's          PROTOCOL_ERROR
 * then the handler's own checks (NOT_FOUND, INVALID_PARAMETERS, ...).
 * Every access to the channel is byte by byte (le.h): EL3 runs with the
 * MMU off and the channel is Device memory there.
 *
 * The board needs (not installed here; the DTS is
 * tools/testing/qcom-tz/board/qcs6490-tzsim.dts):
 *
 *	reserved-memory {
 *		// Only if SOC_REG_BASE's window is not already one no-map
 *		// region: reserved regions must not overlap.
 *		scmi_shmem: scmi-shmem@80621000 {
 *			compatible = "arm,scmi-shmem";
 *			reg = <0x0 0x80621000 0x0 0x1000>;
 *			no-map;
 *		};
 *	};
 *
 * or, when the whole window 0x80600000+0x100000 is already reserved
 * no-map, a node outside reserved-memory (binding: sram/sram.yaml):
 *
 *	sram@80621000 {
 *		compatible = "mmio-sram";
 *		reg = <0x0 0x80621000 0x0 0x1000>;
 *		#address-cells = <1>;
 *		#size-cells = <1>;
 *		ranges = <0x0 0x0 0x80621000 0x1000>;
 *
 *		scmi_shmem: scmi-sram@0 {
 *			compatible = "arm,scmi-shmem";
 *			reg = <0x0 0x1000>;
 *		};
 *	};
 *
 * and under /firmware, next to scm:
 *
 *	scmi {
 *		compatible = "arm,scmi-smc";
 *		arm,smc-id = <0x83000001>;		// SOC_SCMI_SMC_ID
 *		shmem = <&scmi_shmem>;
 *		#address-cells = <1>;
 *		#size-cells = <0>;
 *
 *		scmi_pd: protocol@11 {
 *			reg = <0x11>;
 *			#power-domain-cells = <1>;
 *		};
 *	};
 *
 * Consumers: power-domains = <&scmi_pd 0>, <&scmi_pd 1>; with
 * power-domain-names = "lcx", "lmx"; (adsp), <&scmi_pd 2>, <&scmi_pd 3>
 * "cx", "mx" (cdsp, wpss), <&scmi_pd 2>, <&scmi_pd 4> "cx", "mss"
 * (modem): the indices are enum soc_power_domain.
 *
 * Kernel: CONFIG_PM=y, CONFIG_ARM_SCMI_PROTOCOL=y,
 * CONFIG_ARM_SCMI_TRANSPORT_SMC=y, CONFIG_ARM_SCMI_POWER_DOMAIN=y
 * (PM_GENERIC_DOMAINS and PM_GENERIC_DOMAINS_OF follow).
 */
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/scmi.h>

/* Ascending by id: DISCOVER_LIST_PROTOCOLS lists them in this order. */
static const struct scmi_protocol *const protocols[] = {
	&scmi_base_protocol,
	&scmi_power_protocol,
};

unsigned int scmi_nr_protocols(void)
{
	return ARRAY_SIZE(protocols);
}

const struct scmi_protocol *scmi_protocol_at(unsigned int idx)
{
	return idx < ARRAY_SIZE(protocols) ? protocols[idx] : NULL;
}

const struct scmi_protocol *scmi_protocol_by_id(unsigned int id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (protocols[i]->id == id)
			return protocols[i];
	return NULL;
}

const struct scmi_message *scmi_message_by_id(const struct scmi_protocol *p,
					      unsigned int id)
{
	unsigned int i;

	for (i = 0; i < p->nr_msgs; i++)
		if (p->msgs[i].id == id)
			return &p->msgs[i];
	return NULL;
}

const char *scmi_status_name(int32_t status)
{
	static const char *const names[] = {
		"SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED",
		"NOT_FOUND", "OUT_OF_RANGE", "BUSY", "COMMS_ERROR",
		"GENERIC_ERROR", "HARDWARE_ERROR", "PROTOCOL_ERROR",
	};

	if (status > 0 || -(int64_t)status >= (int64_t)ARRAY_SIZE(names))
		return "UNKNOWN";
	return names[-status];
}

/* -- Helpers for the handlers. -- */

uint32_t scmi_req_u32(const struct scmi_msg *m, size_t off)
{
	if (off + 4 > m->req_len)
		return 0;
	return get32(m->req + off);
}

void scmi_rsp_u32(struct scmi_msg *m, uint32_t v)
{
	if (m->rsp_len + 4 > sizeof(m->rsp)) {
		m->overflow = true;
		return;
	}
	put32(m->rsp + m->rsp_len, v);
	m->rsp_len += 4;
}

void scmi_rsp_name(struct scmi_msg *m, const char *name)
{
	size_t i, n = strnlen(name, SCMI_SHORT_NAME_MAX - 1);

	if (m->rsp_len + SCMI_SHORT_NAME_MAX > sizeof(m->rsp)) {
		m->overflow = true;
		return;
	}
	for (i = 0; i < SCMI_SHORT_NAME_MAX; i++)
		m->rsp[m->rsp_len + i] = i < n ? (uint8_t)name[i] : 0;
	m->rsp_len += SCMI_SHORT_NAME_MAX;
}

/* -- The messages every protocol shares. -- */

int32_t scmi_common_version(struct scmi_msg *m)
{
	scmi_rsp_u32(m, m->proto->version);
	return SCMI_SUCCESS;
}

/* NOT_FOUND for a message this platform does not implement (DEN0056). */
int32_t scmi_common_message_attributes(struct scmi_msg *m)
{
	uint32_t id = scmi_req_u32(m, 0);

	if (id > 0xff || !scmi_message_by_id(m->proto, id))
		return SCMI_NOT_FOUND;
	scmi_rsp_u32(m, 0);	/* no fast channel, nothing else */
	return SCMI_SUCCESS;
}

/* Only the version we implement: each protocol has one. */
int32_t scmi_common_negotiate_version(struct scmi_msg *m)
{
	uint32_t v = scmi_req_u32(m, 0);

	if (v != m->proto->version) {
		tz_log("scmi: %s.%s: version 0x%x refused, only 0x%x",
		       m->proto->name, m->desc->name, v, m->proto->version);
		return SCMI_NOT_SUPPORTED;
	}
	return SCMI_SUCCESS;
}

/* -- The channel. -- */

static uint32_t shm_get(const uint8_t *shm, size_t off)
{
	return get32(shm + off);
}

static void shm_put(uint8_t *shm, size_t off, uint32_t v)
{
	put32(shm + off, v);
}

void scmi_channel_init(uint8_t *shm, size_t size)
{
	size_t i;

	for (i = 0; i < SCMI_SHM_PAYLOAD + 4 && i < size; i++)
		shm[i] = 0;
	shm_put(shm, SCMI_SHM_CHANNEL_STATUS, SCMI_SHM_STATUS_FREE);
}

bool scmi_smc_params_ok(uint64_t shm_pa, uint64_t x1, uint64_t x2)
{
	/* SMC32: only the low halves of the registers are arguments. */
	uint32_t page = (uint32_t)x1, offset = (uint32_t)x2;

	if (!page && !offset)
		return true;
	return page == (uint32_t)(shm_pa >> 12) && offset == (shm_pa & 0xfff);
}

/*
 * Validate and run the message; the return values land in @m. Returns
 * the status; *@comms is set for a message that could not be read at all.
 */
static int32_t dispatch(const uint8_t *shm, size_t size, struct scmi_msg *m,
			struct scmi_xfer_result *res, bool *comms)
{
	uint32_t len = shm_get(shm, SCMI_SHM_LENGTH);
	uint32_t hdr = shm_get(shm, SCMI_SHM_MSG_HEADER);
	uint8_t req[SCMI_MAX_PAYLOAD];
	size_t plen, i;
	int32_t status;

	res->header = hdr;
	if (len < 4) {
		tz_log("scmi: message length %u: shorter than a header", len);
		*comms = true;
		return SCMI_COMMS_ERROR;
	}
	plen = len - 4;
	if (plen > size - SCMI_SHM_PAYLOAD) {
		tz_log("scmi: message length %u does not fit the %zu-byte channel",
		       len, size);
		*comms = true;
		return SCMI_COMMS_ERROR;
	}
	if (SCMI_HDR_TYPE(hdr) != SCMI_MSG_TYPE_COMMAND ||
	    (hdr & SCMI_HDR_RESERVED)) {
		tz_log("scmi: header 0x%08x: not a command (type %u, reserved bits 0x%x)",
		       hdr, SCMI_HDR_TYPE(hdr), hdr & SCMI_HDR_RESERVED);
		return SCMI_PROTOCOL_ERROR;
	}
	m->proto = res->proto = scmi_protocol_by_id(SCMI_HDR_PROTOCOL(hdr));
	if (!m->proto) {
		tz_log("scmi: header 0x%08x: unknown protocol 0x%02x", hdr,
		       SCMI_HDR_PROTOCOL(hdr));
		return SCMI_NOT_SUPPORTED;
	}
	m->desc = res->msg = scmi_message_by_id(m->proto, SCMI_HDR_MSG_ID(hdr));
	if (!m->desc) {
		tz_log("scmi: %s: unknown message 0x%02x", m->proto->name,
		       SCMI_HDR_MSG_ID(hdr));
		return SCMI_NOT_SUPPORTED;
	}
	if (plen != m->desc->req_len) {
		tz_log("scmi: %s.%s: payload of %zu bytes, expected %u",
		       m->proto->name, m->desc->name, plen, m->desc->req_len);
		return SCMI_PROTOCOL_ERROR;
	}
	/* A copy: the response overwrites the request in the channel. */
	for (i = 0; i < plen; i++)
		req[i] = shm[SCMI_SHM_PAYLOAD + i];
	m->req = req;
	m->req_len = plen;
	status = m->desc->fn(m);
	if (m->overflow) {
		tz_log("scmi: %s.%s: response too big", m->proto->name,
		       m->desc->name);
		return SCMI_GENERIC_ERROR;
	}
	return status;
}

void scmi_channel_process(uint8_t *shm, size_t size,
			  struct scmi_xfer_result *res)
{
	struct scmi_msg m = { 0 };
	bool comms = false;
	size_t i;

	*res = (struct scmi_xfer_result){ 0 };
	if (size < SCMI_SHM_MIN_SIZE) {
		tz_log("scmi: channel of %zu bytes is too small", size);
		return;
	}
	if (shm_get(shm, SCMI_SHM_CHANNEL_STATUS) & SCMI_SHM_STATUS_FREE) {
		tz_log("scmi: doorbell with a free channel: no message to answer");
		return;
	}
	res->pending = true;
	res->status = dispatch(shm, size, &m, res, &comms);
	if (res->status != SCMI_SUCCESS)
		m.rsp_len = 0;

	/* Status first, then the return values, then the length. */
	shm_put(shm, SCMI_SHM_PAYLOAD, (uint32_t)res->status);
	for (i = 0; i < m.rsp_len; i++)
		shm[SCMI_SHM_PAYLOAD + 4 + i] = m.rsp[i];
	shm_put(shm, SCMI_SHM_LENGTH, (uint32_t)(8 + m.rsp_len));
	shm_put(shm, SCMI_SHM_CHANNEL_STATUS, SCMI_SHM_STATUS_FREE |
		(comms ? SCMI_SHM_STATUS_ERROR : 0));
}
