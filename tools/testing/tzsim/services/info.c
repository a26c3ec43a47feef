// SPDX-License-Identifier: GPL-2.0
/*
 * SVC_INFO (0x06): IS_CALL_AVAIL answers from the command table itself,
 * availability hooks included, so it can never disagree with what the
 * dispatcher accepts.
 */
#include <tzsim/scm.h>

#define SVC_INFO		0x06
#define INFO_IS_CALL_AVAIL	0x01

static long is_call_avail(struct scm_call *c)
{
	/* arg0 = owner << 24 | svc << 8 | cmd, the SMC-convention form. */
	uint64_t q = c->args[0];
	const struct scm_cmd *cmd;

	if (q & ~0x3f00ffffULL)
		return SCM_EINVAL_ARG;
	cmd = scm_find(SMC_FID_OWNER(q), SMC_FID_SVC(q), SMC_FID_CMD(q));
	c->res[0] = cmd && scm_cmd_available(cmd);
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_INFO, INFO_IS_CALL_AVAIL, "INFO",
		"IS_CALL_AVAIL", SCM_ARGS(1), is_call_avail);
