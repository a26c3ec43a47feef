// SPDX-License-Identifier: GPL-2.0
/*
 * SIM (svc 0xF0): the simulator's own test and diagnostics service. Not a
 * Qualcomm service; no kernel driver uses it. Tests call it with raw SMCs
 * to prove the simulator's rules (bridge enforcement, extra-args buffer)
 * and benchmarks read the call counters through it.
 *
 *   0x01 ECHO (RO src, VAL len, RW dst, VAL len): copies min(len) bytes;
 *        res[0] = bytes copied, res[1] = sum of the bytes.
 *   0x02 STATS (VAL owner << 16 | svc << 8 | cmd): res[0] = calls,
 *        res[1] = errors, res[2] = payload bytes of that command.
 *   0x03 ARGS10 (10 x VAL): res[0] = sum of (i + 1) * arg[i], res[1] =
 *        number of arguments; exercises the extra-args buffer.
 */
#include <tzsim/scm.h>

#define SVC_SIM		0xf0
#define SIM_ECHO	0x01
#define SIM_STATS	0x02
#define SIM_ARGS10	0x03

static long sim_echo(struct scm_call *c)
{
	uint64_t len = c->args[1] < c->args[3] ? c->args[1] : c->args[3];
	const uint8_t *src;
	uint8_t *dst;
	uint64_t i, sum = 0;

	if (!len)
		return SCM_EINVAL_ARG;
	src = scm_ns_buffer(c->args[0], len, "ECHO source");
	dst = scm_ns_buffer(c->args[2], len, "ECHO destination");
	if (!src || !dst)
		return SCM_EINVAL_ADDR;
	for (i = 0; i < len; i++) {
		dst[i] = src[i];
		sum += src[i];
	}
	scm_stats_of(scm_find(SMC_OWNER_SIP, SVC_SIM, SIM_ECHO))->bytes += len;
	c->res[0] = len;
	c->res[1] = sum;
	return SCM_OK;
}

static long sim_stats(struct scm_call *c)
{
	uint64_t q = c->args[0];
	const struct scm_cmd *cmd = scm_find((q >> 16) & 0x3f, (q >> 8) & 0xff,
					     q & 0xff);
	const struct scm_stats *st;

	if (!cmd)
		return SCM_EINVAL_ARG;
	st = scm_stats_of(cmd);
	c->res[0] = st->calls;
	c->res[1] = st->errors;
	c->res[2] = st->bytes;
	return SCM_OK;
}

static long sim_args10(struct scm_call *c)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < c->nargs; i++)
		sum += (i + 1) * c->args[i];
	c->res[0] = sum;
	c->res[1] = c->nargs;
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_ECHO, "SIM", "ECHO",
		SCM_ARGS(4, SCM_RO, SCM_VAL, SCM_RW, SCM_VAL), sim_echo);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_STATS, "SIM", "STATS",
		SCM_ARGS(1), sim_stats);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_ARGS10, "SIM", "ARGS10",
		SCM_ARGS(10), sim_args10);
