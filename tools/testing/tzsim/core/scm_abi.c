// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding of the SCM SMC convention: function id, arginfo and the
 * extra-args buffer. Pure code: also built into the host unit tests.
 */
#include <tzsim/scm.h>
#include <tzsim/le.h>

size_t scm_indirect_size(uint32_t fid, uint64_t arginfo)
{
	if (SCM_ARGINFO_COUNT(arginfo) <= SCM_REG_ARGS)
		return 0;
	return SCM_INDIRECT_SLOTS * ((fid & SMC_FID_SMC64) ? 8 : 4);
}

int scm_decode(struct scm_call *call, const uint64_t x[8],
	       const void *indirect)
{
	uint32_t fid = (uint32_t)x[0];
	unsigned int i, n, width;

	memset(call, 0, sizeof(*call));
	call->fid = fid;
	call->owner = SMC_FID_OWNER(fid);
	call->svc = SMC_FID_SVC(fid);
	call->cmd = SMC_FID_CMD(fid);
	call->smc64 = fid & SMC_FID_SMC64;
	call->fast = fid & SMC_FID_FAST;
	width = call->smc64 ? 8 : 4;

	/* SMC32: only the low 32 bits of every register are defined. */
	call->arginfo = call->smc64 ? x[1] : (uint32_t)x[1];
	n = SCM_ARGINFO_COUNT(call->arginfo);
	if (n > SCM_MAX_ARGS || (call->arginfo >> (4 + 2 * SCM_MAX_ARGS)))
		return SCM_EINVAL_ARG;
	call->nargs = n;

	for (i = 0; i < n && i < 3; i++)
		call->args[i] = call->smc64 ? x[2 + i] : (uint32_t)x[2 + i];
	if (n <= SCM_REG_ARGS) {
		if (n == SCM_REG_ARGS)
			call->args[3] = call->smc64 ? x[5] : (uint32_t)x[5];
		return SCM_OK;
	}
	if (!indirect)
		return SCM_EINVAL_ADDR;
	for (i = 3; i < n; i++)
		call->args[i] = le_get((const uint8_t *)indirect +
					(i - 3) * width, width);
	return SCM_OK;
}
