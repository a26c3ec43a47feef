// SPDX-License-Identifier: GPL-2.0
/*
 * The SCM dispatcher: decode, check, apply the fault plan, call the
 * service's handler, log, count.
 *
 * Order of checks for a call (owner SIP, TZ_APPS or QSEE_OS):
 *   1. x0 == 1 is the kernel resuming an INTERRUPTED call on this CPU: x6
 *      must carry the cookie we returned, and the saved call is run.
 *   2. the extra-args buffer (more than 4 args) must be readable and, once
 *      bridges are enforced, inside an SHM bridge;
 *   3. the command must be in the table and available on this boot (else
 *      SMCCC NOT_SUPPORTED, -1); a new call is then counted, in the
 *      command's stats and in the fault plan (with its sub-command);
 *   4. the arginfo must be the one the command declares;
 *   5. every RO/RW argument must point into a bridge (when enforced;
 *      normal-world DRAM is enough for a command marked bridge_exempt);
 *   6. the fault plan rule that hit the call, if any, answers instead of
 *      the handler.
 * Calls are serialised: the real firmware runs one SCM call at a time.
 */
#include <tzsim/arch.h>
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>

#define SCM_MAX_CMDS		128
#define RESUME_COOKIE_BASE	0x7a5100000000ULL

static spinlock_t scm_lock;
static struct scm_stats stats[SCM_MAX_CMDS];
static uint64_t call_seq;

static struct {
	bool active;
	uint32_t fid;
	uint64_t cookie;
} resume_state[PLAT_MAX_CPUS];

struct scm_stats *scm_stats_of(const struct scm_cmd *cmd)
{
	unsigned int idx = scm_cmd_index(cmd);

	TZ_ASSERT(idx < SCM_MAX_CMDS);
	return &stats[idx];
}

void *scm_ns_dram(uint64_t pa, uint64_t len, const char *what)
{
	uint64_t base = plat_ns_dram_base(), size = plat_ns_dram_size();

	if (!len || pa + len < pa || pa < base || pa + len > base + size) {
		if (what)
			tz_log("scm: refused %s 0x%llx+0x%llx: not normal-world DRAM",
			       what, (unsigned long long)pa,
			       (unsigned long long)len);
		return NULL;
	}
	return (void *)(uintptr_t)pa;
}

void *scm_ns_buffer(uint64_t pa, uint64_t len, const char *what)
{
	if (!scm_ns_dram(pa, len, what))
		return NULL;
	if (shm_bridge_enforced() && !shm_bridge_covers(pa, len)) {
		if (what)
			tz_log("scm: refused %s 0x%llx+0x%llx: outside any SHM bridge",
			       what, (unsigned long long)pa,
			       (unsigned long long)len);
		return NULL;
	}
	return (void *)(uintptr_t)pa;
}

static void log_call(uint64_t seq, const struct scm_call *c,
		     const struct scm_cmd *cmd, long status, const char *tag)
{
	char args[256], unknown[24];
	int n = 0;
	unsigned int i;

	if (!tzsim_cfg.log_calls && status == SCM_OK && !*tag)
		return;
	for (i = 0; i < c->nargs && n < (int)sizeof(args); i++)
		n += tz_snprintf(args + n, sizeof(args) - n, "%s0x%llx",
				 i ? "," : "", (unsigned long long)c->args[i]);
	args[n < (int)sizeof(args) ? n : (int)sizeof(args) - 1] = '\0';
	tz_snprintf(unknown, sizeof(unknown), "svc_0x%02x.cmd_0x%02x", c->svc,
		    c->cmd);
	tz_log("scm #%llu cpu%u fid=0x%08x %s%s%s %s %s arginfo=0x%llx args=(%s) -> %ld res=(0x%llx,0x%llx,0x%llx)%s",
	       (unsigned long long)seq, c->cpu, c->fid,
	       cmd ? cmd->svc_name : unknown, cmd ? "." : "",
	       cmd ? cmd->name : "",
	       c->smc64 ? "smc64" : "smc32", c->fast ? "fast" : "yield",
	       (unsigned long long)c->arginfo, args, status,
	       (unsigned long long)c->res[0], (unsigned long long)c->res[1],
	       (unsigned long long)c->res[2], tag);
}

static long check_buffer_args(const struct scm_cmd *cmd,
			      const struct scm_call *c)
{
	unsigned int i;

	for (i = 0; i < c->nargs; i++) {
		unsigned int t = SCM_ARGINFO_TYPE(c->arginfo, i);

		if (t != SCM_RO && t != SCM_RW)
			continue;
		if (cmd->bridge_exempt ?
		    !scm_ns_dram(c->args[i], 1, "buffer argument") :
		    !scm_ns_buffer(c->args[i], 1, "buffer argument"))
			return SCM_EINVAL_ADDR;
	}
	return SCM_OK;
}

/* The call's sub-command for the fault plan, or -1. */
static int64_t sub_cmd_of(const struct scm_cmd *cmd, const struct scm_call *c)
{
	if (!cmd->sub_cmd ||
	    (cmd->arginfo != SCM_ARGINFO_ANY && c->arginfo != cmd->arginfo))
		return -1;
	return cmd->sub_cmd(c);
}

void scm_handle(uint64_t x[8], unsigned int cpu)
{
	const struct scm_cmd *cmd = NULL;
	const struct fault_rule *rule = NULL;
	const char *tag = "";
	struct scm_call call;
	struct scm_stats *st;
	uint64_t regs[8], seq;
	const void *indirect = NULL;
	size_t isize;
	bool resumed = false;
	long status;

	memcpy(regs, x, sizeof(regs));
	spin_lock(&scm_lock);
	seq = ++call_seq;

	if ((uint32_t)x[0] == SCM_INTERRUPTED) {
		if (!resume_state[cpu].active || x[6] != resume_state[cpu].cookie) {
			tz_log("scm #%llu cpu%u: resume (x0=1) with x6=0x%llx but no interrupted call",
			       (unsigned long long)seq, cpu,
			       (unsigned long long)x[6]);
			x[0] = (uint64_t)(int64_t)SCM_ERROR;
			spin_unlock(&scm_lock);
			return;
		}
		regs[0] = resume_state[cpu].fid;
		resume_state[cpu].active = false;
		resumed = true;
		tag = " [resumed]";
	}

	isize = scm_indirect_size((uint32_t)regs[0], regs[1]);
	if (isize)
		indirect = scm_ns_buffer(regs[5], isize, "extra-args buffer");
	status = scm_decode(&call, regs, indirect);
	call.cpu = cpu;
	if (status != SCM_OK)
		goto out;

	cmd = scm_find(call.owner, call.svc, call.cmd);
	if (!cmd || (regs[0] & SMC_FID_MBZ) >> 16) {
		cmd = NULL;
		status = SMCCC_NOT_SUPPORTED;
		goto out;
	}
	if (!scm_cmd_available(cmd)) {
		status = SMCCC_NOT_SUPPORTED;
		tag = " [not available]";
		goto out;
	}
	st = scm_stats_of(cmd);
	if (!resumed) {
		/*
		 * Count here, before the checks below, so that "nth" counts
		 * every SMC of the command, including rejected ones.
		 */
		st->calls++;
		rule = fault_plan_call(&tzsim_faults, call.owner, call.svc,
				       call.cmd, sub_cmd_of(cmd, &call));
	}

	if (cmd->arginfo != SCM_ARGINFO_ANY && call.arginfo != cmd->arginfo) {
		tz_log("scm #%llu: %s.%s: arginfo 0x%llx, expected 0x%x",
		       (unsigned long long)seq, cmd->svc_name, cmd->name,
		       (unsigned long long)call.arginfo, cmd->arginfo);
		status = SCM_EINVAL_ARG;
	} else if ((status = check_buffer_args(cmd, &call)) != SCM_OK) {
		/* logged by scm_ns_buffer() */
	} else if (rule) {
		status = rule->status;
		call.res[0] = rule->r0;
		tag = " [fault plan]";
		if (status == SCM_INTERRUPTED) {
			resume_state[cpu].active = true;
			resume_state[cpu].fid = call.fid;
			resume_state[cpu].cookie = RESUME_COOKIE_BASE | seq;
			x[6] = resume_state[cpu].cookie;
		}
	} else {
		status = cmd->handler(&call);
	}
	if (status != SCM_OK && status != SCM_INTERRUPTED)
		st->errors++;
out:
	log_call(seq, &call, cmd, status, tag);
	x[0] = (uint64_t)(int64_t)status;
	x[1] = call.res[0];
	x[2] = call.res[1];
	x[3] = call.res[2];
	spin_unlock(&scm_lock);
}

void tzsim_log_counters(void)
{
	unsigned int i;

	tz_log("counters: %llu SCM calls in all", (unsigned long long)call_seq);
	for (i = 0; i < scm_cmd_count() && i < SCM_MAX_CMDS; i++) {
		const struct scm_cmd *c = scm_cmd_at(i);

		if (!stats[i].calls)
			continue;
		tz_log("counter %s.%s calls=%llu errors=%llu bytes=%llu",
		       c->svc_name, c->name, (unsigned long long)stats[i].calls,
		       (unsigned long long)stats[i].errors,
		       (unsigned long long)stats[i].bytes);
	}
	scm_counters_print();
}
