// SPDX-License-Identifier: GPL-2.0
/*
 * SCMI at EL3: the SMC that rings the channel (SOC_SCMI_SMC_ID, routed
 * here by core/smc.c), the channel's set-up at cold boot, the log and the
 * counters printed at power-off.
 *
 * Linux's SMC transport (arm_scmi/transports/smc.c) passes x1 = x2 = 0
 * for "arm,scmi-smc" (the channel's page and offset for
 * "arm,scmi-smc-param") and takes any x0 but 0 as "not supported": x0 is
 * 0 once the response is in the channel, SMCCC_NOT_SUPPORTED when x1/x2
 * name another channel.
 *
 * Linux waits for the channel to be FREE before it writes its first
 * message and nothing on its side ever sets that bit on an SMC channel:
 * scmi_init() must run before Linux does.
 */
#include <tzsim/arch.h>
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>
#include <tzsim/scmi.h>

static spinlock_t scmi_lock;
static uint64_t scmi_calls, scmi_errors;

static uint8_t *channel(void)
{
	return (uint8_t *)(uintptr_t)SOC_SCMI_SHMEM_BASE;
}

void scmi_init(void)
{
	scmi_channel_init(channel(), SOC_SCMI_SHMEM_SIZE);
	dsb_sy();
	tz_log("scmi: channel at 0x%llx+0x%llx, smc id 0x%08x, %u power domains",
	       (unsigned long long)SOC_SCMI_SHMEM_BASE,
	       (unsigned long long)SOC_SCMI_SHMEM_SIZE, SOC_SCMI_SMC_ID,
	       (unsigned int)SOC_PD_COUNT);
}

static void log_xfer(uint64_t seq, const struct scmi_xfer_result *r)
{
	char unknown[40];
	const char *name = unknown;

	if (!tzsim_cfg.log_calls && r->status == SCMI_SUCCESS)
		return;
	if (r->proto && r->msg)
		tz_snprintf(unknown, sizeof(unknown), "%s.%s", r->proto->name,
			    r->msg->name);
	else
		tz_snprintf(unknown, sizeof(unknown), "proto_0x%02x.msg_0x%02x",
			    SCMI_HDR_PROTOCOL(r->header),
			    SCMI_HDR_MSG_ID(r->header));
	tz_log("scmi #%llu cpu%u %s token=%u -> %s (%d)",
	       (unsigned long long)seq, plat_cpu_id(), name,
	       SCMI_HDR_TOKEN(r->header), scmi_status_name(r->status),
	       (int)r->status);
}

void scmi_smc_handle(uint64_t x[8])
{
	struct scmi_xfer_result res;

	if (!scmi_smc_params_ok(SOC_SCMI_SHMEM_BASE, x[1], x[2])) {
		tz_log("scmi: smc 0x%08x with x1=0x%llx x2=0x%llx: not our channel",
		       (uint32_t)x[0], (unsigned long long)x[1],
		       (unsigned long long)x[2]);
		x[0] = (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		return;
	}
	spin_lock(&scmi_lock);
	scmi_channel_process(channel(), SOC_SCMI_SHMEM_SIZE, &res);
	dsb_sy();
	if (res.pending) {
		scmi_calls++;
		if (res.status != SCMI_SUCCESS)
			scmi_errors++;
		log_xfer(scmi_calls, &res);
	}
	spin_unlock(&scmi_lock);
	x[0] = 0;
	x[1] = 0;
	x[2] = 0;
	x[3] = 0;
}

static void scmi_counters(void)
{
	unsigned int pd;

	tz_log("counter scmi calls=%llu errors=%llu",
	       (unsigned long long)scmi_calls,
	       (unsigned long long)scmi_errors);
	for (pd = 0; pd < SOC_PD_COUNT; pd++) {
		uint64_t on, off;

		scmi_pd_counters(pd, &on, &off);
		tz_log("counter scmi.pd.%s on=%llu off=%llu now=%s",
		       scmi_pd_name(pd), (unsigned long long)on,
		       (unsigned long long)off,
		       scmi_pd_is_on(pd) ? "on" : "off");
	}
}

DECLARE_SCM_COUNTERS(scmi_counters);
