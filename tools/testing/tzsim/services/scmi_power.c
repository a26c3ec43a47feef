// SPDX-License-Identifier: GPL-2.0
/*
 * SCMI POWER protocol (0x11), version 3.1: the board's power domains
 * (enum soc_power_domain: lcx, lmx, cx, mx, mss), standing in for the
 * RPMh power domains the remote processors vote on. Pure.
 *
 * Linux 6.12 (arm_scmi/power.c, pmdomain/arm/scmi_pm_domain.c) sends:
 * PROTOCOL_VERSION, PROTOCOL_ATTRIBUTES, PROTOCOL_MESSAGE_ATTRIBUTES
 * (POWER_STATE_NOTIFY), POWER_DOMAIN_ATTRIBUTES and POWER_STATE_GET per
 * domain at probe; then POWER_STATE_SET followed by POWER_STATE_GET each
 * time genpd powers a domain on or off. The domains are synchronous only
 * and have short names, so neither notifications nor
 * POWER_DOMAIN_NAME_GET are implemented.
 *
 * A domain is on (0x00000000) or off (0x40000000, "context lost"); all
 * are off at boot. Every change is logged and counted.
 */
#include <tzsim/log.h>
#include <tzsim/scmi.h>

static const char *const pd_names[SOC_PD_COUNT] = {
	[SOC_PD_LCX] = "lcx",
	[SOC_PD_LMX] = "lmx",
	[SOC_PD_CX] = "cx",
	[SOC_PD_MX] = "mx",
	[SOC_PD_MSS] = "mss",
};

static struct {
	bool on;
	uint64_t on_count, off_count;
} pd_state[SOC_PD_COUNT];

bool scmi_pd_is_on(enum soc_power_domain pd)
{
	return (unsigned int)pd < SOC_PD_COUNT && pd_state[pd].on;
}

const char *scmi_pd_name(enum soc_power_domain pd)
{
	return (unsigned int)pd < SOC_PD_COUNT ? pd_names[pd] : NULL;
}

void scmi_pd_counters(enum soc_power_domain pd, uint64_t *on, uint64_t *off)
{
	bool ok = (unsigned int)pd < SOC_PD_COUNT;

	*on = ok ? pd_state[pd].on_count : 0;
	*off = ok ? pd_state[pd].off_count : 0;
}

/* The domain id at @off of the request, or -1 (logged) if none such. */
static int domain_of(struct scmi_msg *m, size_t off)
{
	uint32_t id = scmi_req_u32(m, off);

	if (id >= SOC_PD_COUNT) {
		tz_log("scmi: POWER.%s: unknown domain %u", m->desc->name, id);
		return -1;
	}
	return (int)id;
}

static int32_t power_attributes(struct scmi_msg *m)
{
	scmi_rsp_u32(m, SOC_PD_COUNT);	/* num_domains (15:0), reserved */
	scmi_rsp_u32(m, 0);		/* no statistics area: low, */
	scmi_rsp_u32(m, 0);		/* high */
	scmi_rsp_u32(m, 0);		/* and size */
	return SCMI_SUCCESS;
}

static int32_t power_domain_attributes(struct scmi_msg *m)
{
	int pd = domain_of(m, 0);

	if (pd < 0)
		return SCMI_NOT_FOUND;
	scmi_rsp_u32(m, SCMI_PD_ATTR_SYNC);
	scmi_rsp_name(m, pd_names[pd]);
	return SCMI_SUCCESS;
}

static int32_t power_state_set(struct scmi_msg *m)
{
	uint32_t flags = scmi_req_u32(m, 0);
	uint32_t state = scmi_req_u32(m, 8);
	int pd = domain_of(m, 4);
	bool on;

	if (pd < 0)
		return SCMI_NOT_FOUND;
	if (flags & ~SCMI_POWER_SET_ASYNC) {
		tz_log("scmi: POWER.POWER_STATE_SET %s: reserved flags 0x%x",
		       pd_names[pd], flags);
		return SCMI_INVALID_PARAMETERS;
	}
	if (flags & SCMI_POWER_SET_ASYNC) {
		tz_log("scmi: POWER.POWER_STATE_SET %s: asynchronous, not supported",
		       pd_names[pd]);
		return SCMI_NOT_SUPPORTED;
	}
	if (state != SCMI_POWER_STATE_ON && state != SCMI_POWER_STATE_OFF) {
		tz_log("scmi: POWER.POWER_STATE_SET %s: invalid state 0x%08x",
		       pd_names[pd], state);
		return SCMI_INVALID_PARAMETERS;
	}
	on = state == SCMI_POWER_STATE_ON;
	if (pd_state[pd].on == on)
		return SCMI_SUCCESS;
	pd_state[pd].on = on;
	if (on)
		pd_state[pd].on_count++;
	else
		pd_state[pd].off_count++;
	tz_log("scmi: power domain %s: %s", pd_names[pd], on ? "on" : "off");
	return SCMI_SUCCESS;
}

static int32_t power_state_get(struct scmi_msg *m)
{
	int pd = domain_of(m, 0);

	if (pd < 0)
		return SCMI_NOT_FOUND;
	scmi_rsp_u32(m, pd_state[pd].on ? SCMI_POWER_STATE_ON :
		     SCMI_POWER_STATE_OFF);
	return SCMI_SUCCESS;
}

static const struct scmi_message power_msgs[] = {
	{ SCMI_PROTOCOL_VERSION, 0, "PROTOCOL_VERSION", scmi_common_version },
	{ SCMI_PROTOCOL_ATTRIBUTES, 0, "PROTOCOL_ATTRIBUTES",
	  power_attributes },
	{ SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4, "PROTOCOL_MESSAGE_ATTRIBUTES",
	  scmi_common_message_attributes },
	{ SCMI_POWER_DOMAIN_ATTRIBUTES, 4, "POWER_DOMAIN_ATTRIBUTES",
	  power_domain_attributes },
	{ SCMI_POWER_STATE_SET, 12, "POWER_STATE_SET", power_state_set },
	{ SCMI_POWER_STATE_GET, 4, "POWER_STATE_GET", power_state_get },
	{ SCMI_NEGOTIATE_PROTOCOL_VERSION, 4, "NEGOTIATE_PROTOCOL_VERSION",
	  scmi_common_negotiate_version },
};

const struct scmi_protocol scmi_power_protocol = {
	.id = SCMI_PROTOCOL_POWER,
	.name = "POWER",
	.version = SCMI_POWER_VERSION,
	.msgs = power_msgs,
	.nr_msgs = ARRAY_SIZE(power_msgs),
};
