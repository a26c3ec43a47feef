// SPDX-License-Identifier: GPL-2.0
/*
 * First-level SMC routing, by the owner field of the function id:
 * ARCH -> SMCCC arch calls, STD -> PSCI, SIP/TZ_APPS/QSEE_OS -> SCM.
 * x0 == 1 is not a function id but the SCM "resume INTERRUPTED call".
 * SOC_SCMI_SMC_ID (owner OEM) rings the SCMI channel.
 */
#include <tzsim/core.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>
#include <tzsim/scmi.h>

void tzsim_smc(uint64_t x[31])
{
	uint32_t fid = (uint32_t)x[0];
	unsigned int cpu = plat_cpu_id();

	if (fid == SCM_INTERRUPTED) {
		scm_handle(x, cpu);
		return;
	}
	if (fid == SOC_SCMI_SMC_ID) {
		scmi_smc_handle(x);
		return;
	}
	switch (SMC_FID_OWNER(fid)) {
	case SMC_OWNER_ARCH:
		smccc_arch_handle(x);
		break;
	case SMC_OWNER_STD:
		psci_handle(x, cpu);
		break;
	case SMC_OWNER_SIP:
	case SMC_OWNER_TZ_APPS:
	case SMC_OWNER_QSEE_OS:
		scm_handle(x, cpu);
		break;
	default:
		x[0] = (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		break;
	}
}
