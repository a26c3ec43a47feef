// SPDX-License-Identifier: GPL-2.0
/*
 * SIM (svc 0xF0) cmd 0x06 SMMU_CHECK: what a device with a given stream id
 * would see of a range of its IOVA space through the normal world's SMMU
 * right now (services/smmu.c, smmu_walk.c), for guest tests.
 *
 *   args: (flags_sid, base, size)
 *	   flags_sid bits 31..0: the stream id; bit 32: check that nothing
 *	   in the range is mapped (SMMU_CHECK_UNMAPPED) instead of the
 *	   default, every byte identity-mapped read/write; other bits: 0.
 *   res[0]: enum smmu_result (include/tzsim/smmu.h): 0 ok, 1 not-mapped,
 *	     2 not-identity, 3 read-only, 4 fault, 5 mapped, 6 ste-invalid,
 *	     7 ste-abort, 8 ste-bypass, 9 cd-invalid, 10 unsupported,
 *	     11 smmu-disabled, 12 bad-table, 13 too-many-reads, 14 bad-args,
 *	     15 no-smmu.
 *   res[1]: the first address the check fails on (base if the failure is
 *	     the stream's, not a page's; 0 on success).
 *   res[2]: what res[1] maps to (not-identity, read-only, mapped), or the
 *	     address refused (bad-table); else 0.
 *   -2 (EINVAL_ARG) for unknown flag bits. Available only on boots with
 *   an SMMU (config smmu=<base>): else not supported, as if absent.
 */
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>
#include <tzsim/smmu.h>

#define SVC_SIM			0xf0
#define SIM_SMMU_CHECK		0x06
#define SMMU_CHECK_FLAG_UNMAPPED (1ULL << 32)

static long sim_smmu_check(struct scm_call *c)
{
	uint64_t flags = c->args[0] & ~0xffffffffULL;
	uint32_t sid = (uint32_t)c->args[0];
	enum smmu_check mode = flags ? SMMU_CHECK_UNMAPPED :
			       SMMU_CHECK_IDENTITY_RW;
	struct smmu_report rep;
	char detail[160];
	uint64_t t0;

	if (flags & ~SMMU_CHECK_FLAG_UNMAPPED) {
		tz_log("sim: SMMU_CHECK: unknown flags 0x%llx",
		       (unsigned long long)flags);
		return SCM_EINVAL_ARG;
	}
	t0 = plat_now_us();
	smmu_check(sid, c->args[1], c->args[2], mode, &rep);
	smmu_report_str(&rep, detail, sizeof(detail));
	tz_log("sim: SMMU_CHECK sid 0x%x 0x%llx+0x%llx %s: %s: %s (%llu us)",
	       sid, (unsigned long long)c->args[1],
	       (unsigned long long)c->args[2],
	       mode == SMMU_CHECK_UNMAPPED ? "unmapped" : "identity-rw",
	       smmu_result_name(rep.result), detail,
	       (unsigned long long)(plat_now_us() - t0));
	c->res[0] = rep.result;
	c->res[1] = rep.result == SMMU_OK ? 0 : rep.first_bad;
	c->res[2] = rep.result == SMMU_OK ? 0 : rep.pa;
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_SMMU_CHECK, "SIM", "SMMU_CHECK",
		SCM_ARGS(3), sim_smmu_check, .available = smmu_present);
