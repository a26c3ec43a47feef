// SPDX-License-Identifier: GPL-2.0
/*
 * SCMI BASE protocol (0x10), version 2.1: discovery of the platform. Pure.
 *
 * Linux 6.12 (arm_scmi/base.c, driver.c) sends at probe: PROTOCOL_VERSION,
 * PROTOCOL_ATTRIBUTES, DISCOVER_VENDOR, DISCOVER_SUB_VENDOR,
 * DISCOVER_IMPLEMENTATION_VERSION, DISCOVER_LIST_PROTOCOLS (skip 0) and
 * DISCOVER_AGENT for agent ids 0 .. num_agents - 1. It would send
 * NEGOTIATE_PROTOCOL_VERSION only for a version above its own 2.1.
 * NOTIFY_ERRORS and the permission messages are optional and not
 * implemented (NOT_SUPPORTED; PROTOCOL_MESSAGE_ATTRIBUTES: NOT_FOUND).
 *
 * Agents: 0 is the platform ("platform"), 1 the only other one, Linux
 * ("OSPM"); num_agents counts the agents other than the platform.
 */
#include <tzsim/log.h>
#include <tzsim/scmi.h>

#define BASE_VENDOR		"tzsim"
#define BASE_SUB_VENDOR		"qcom-tz"
#define BASE_IMPL_VERSION	0x00010000U
#define BASE_NUM_AGENTS		1

/* The protocols other than BASE (the table is ascending by id). */
static unsigned int nr_listed(void)
{
	return scmi_nr_protocols() - 1;
}

static const struct scmi_protocol *listed_at(unsigned int idx)
{
	unsigned int i, n = 0;

	for (i = 0; i < scmi_nr_protocols(); i++) {
		const struct scmi_protocol *p = scmi_protocol_at(i);

		if (p->id == SCMI_PROTOCOL_BASE)
			continue;
		if (n++ == idx)
			return p;
	}
	return NULL;
}

static int32_t base_attributes(struct scmi_msg *m)
{
	/* num_protocols (7:0), num_agents (15:8), reserved. */
	scmi_rsp_u32(m, nr_listed() | BASE_NUM_AGENTS << 8);
	return SCMI_SUCCESS;
}

static int32_t base_vendor(struct scmi_msg *m)
{
	scmi_rsp_name(m, BASE_VENDOR);
	return SCMI_SUCCESS;
}

static int32_t base_sub_vendor(struct scmi_msg *m)
{
	scmi_rsp_name(m, BASE_SUB_VENDOR);
	return SCMI_SUCCESS;
}

static int32_t base_impl_version(struct scmi_msg *m)
{
	scmi_rsp_u32(m, BASE_IMPL_VERSION);
	return SCMI_SUCCESS;
}

/*
 * num_protocols, then the ids one byte each, padded to a multiple of
 * four: Linux checks the reply's size against exactly that.
 */
static int32_t base_list_protocols(struct scmi_msg *m)
{
	uint32_t skip = scmi_req_u32(m, 0);
	unsigned int i, n;

	if (skip > nr_listed()) {
		tz_log("scmi: BASE.DISCOVER_LIST_PROTOCOLS: skip %u of %u protocols",
		       skip, nr_listed());
		return SCMI_INVALID_PARAMETERS;
	}
	n = nr_listed() - skip;
	scmi_rsp_u32(m, n);
	for (i = 0; i < ALIGN_UP(n, 4U); i += 4) {
		uint32_t word = 0;
		unsigned int j;

		for (j = 0; j < 4 && i + j < n; j++)
			word |= (uint32_t)listed_at(skip + i + j)->id << (8 * j);
		scmi_rsp_u32(m, word);
	}
	return SCMI_SUCCESS;
}

static int32_t base_discover_agent(struct scmi_msg *m)
{
	uint32_t id = scmi_req_u32(m, 0);

	if (id == SCMI_AGENT_SELF)
		id = SCMI_AGENT_OSPM;
	if (id > BASE_NUM_AGENTS) {
		tz_log("scmi: BASE.DISCOVER_AGENT: no agent %u", id);
		return SCMI_NOT_FOUND;
	}
	scmi_rsp_u32(m, id);
	scmi_rsp_name(m, id == SCMI_AGENT_PLATFORM ? "platform" : "OSPM");
	return SCMI_SUCCESS;
}

static const struct scmi_message base_msgs[] = {
	{ SCMI_PROTOCOL_VERSION, 0, "PROTOCOL_VERSION", scmi_common_version },
	{ SCMI_PROTOCOL_ATTRIBUTES, 0, "PROTOCOL_ATTRIBUTES",
	  base_attributes },
	{ SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4, "PROTOCOL_MESSAGE_ATTRIBUTES",
	  scmi_common_message_attributes },
	{ SCMI_BASE_DISCOVER_VENDOR, 0, "DISCOVER_VENDOR", base_vendor },
	{ SCMI_BASE_DISCOVER_SUB_VENDOR, 0, "DISCOVER_SUB_VENDOR",
	  base_sub_vendor },
	{ SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION, 0,
	  "DISCOVER_IMPLEMENTATION_VERSION", base_impl_version },
	{ SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 4, "DISCOVER_LIST_PROTOCOLS",
	  base_list_protocols },
	{ SCMI_BASE_DISCOVER_AGENT, 4, "DISCOVER_AGENT", base_discover_agent },
	{ SCMI_NEGOTIATE_PROTOCOL_VERSION, 4, "NEGOTIATE_PROTOCOL_VERSION",
	  scmi_common_negotiate_version },
};

const struct scmi_protocol scmi_base_protocol = {
	.id = SCMI_PROTOCOL_BASE,
	.name = "BASE",
	.version = SCMI_BASE_VERSION,
	.msgs = base_msgs,
	.nr_msgs = ARRAY_SIZE(base_msgs),
};
