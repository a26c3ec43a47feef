// SPDX-License-Identifier: GPL-2.0
/*
 * SIM (svc 0xF0) cmd 0x04 FAULT_ARM: add a fault-plan rule at run time,
 * for tests that must fail one particular call, not the Nth of a count
 * they cannot predict (the kernel issues size queries and retries in
 * between). The rule hits one call: the nth that matches it from now on.
 *
 *   args: (crash << 40 | nth << 32 | owner << 16 | svc << 8 | cmd, sub,
 *	   status, r0)
 *	nth: 8 bits, 0 means 1 (the next matching call)
 *	crash: 0 none, else a crash= rule (faults.h) on PAS AUTH_AND_RESET:
 *	1 wdog, 2 fatal, 3 hang; r0 is then its delay_ms, status unused
 *	sub: the sub-command to match (see faults.h), or ~0 for any
 *	status: the status to answer (sign-extended), r0: result[0]
 *   res[0]: the rule's index in the plan
 *
 * A rule that has hit all the calls it will ever hit is recycled, so a
 * long test can arm many faults. -5 (ENOMEM) when the plan is full of live
 * rules; -2 for a command the simulator does not have.
 */
#include <tzsim/core.h>
#include <tzsim/faults.h>
#include <tzsim/log.h>
#include <tzsim/scm.h>

#define SVC_SIM		0xf0
#define SIM_FAULT_ARM	0x04
#define SUB_ANY		(~0ULL)

static bool rule_spent(const struct fault_rule *r)
{
	return r->seen >= r->nth && r->seen - r->nth >= r->count;
}

static long sim_fault_arm(struct scm_call *c)
{
	unsigned int owner = (c->args[0] >> 16) & 0x3f;
	unsigned int svc = (c->args[0] >> 8) & 0xff;
	unsigned int cmd = c->args[0] & 0xff;
	unsigned int nth = (c->args[0] >> 32) & 0xff;
	unsigned int crash = (c->args[0] >> 40) & 0xff;
	struct fault_plan *plan = &tzsim_faults;
	struct fault_rule *r = NULL;
	unsigned int i;

	if (crash > FAULT_CRASH_HANG ||
	    (crash && (owner != FAULT_CRASH_OWNER || svc != FAULT_CRASH_SVC ||
		       cmd != FAULT_CRASH_CMD || c->args[1] == SUB_ANY))) {
		tz_log("sim: FAULT_ARM: crash %u needs PAS AUTH_AND_RESET with a pas id",
		       crash);
		return SCM_EINVAL_ARG;
	}
	if (!scm_find(owner, svc, cmd)) {
		tz_log("sim: FAULT_ARM: no command owner %u svc 0x%02x cmd 0x%02x",
		       owner, svc, cmd);
		return SCM_EINVAL_ARG;
	}
	for (i = 0; i < plan->nr && !r; i++)
		if (rule_spent(&plan->rules[i]))
			r = &plan->rules[i];
	if (!r && plan->nr < FAULT_MAX_RULES)
		r = &plan->rules[plan->nr++];
	if (!r) {
		tz_log("sim: FAULT_ARM: the fault plan is full");
		return SCM_ENOMEM;
	}
	*r = (struct fault_rule){
		.owner = owner, .svc = svc, .cmd = cmd,
		.has_sub = c->args[1] != SUB_ANY, .sub = (int64_t)c->args[1],
		.nth = nth ? nth : 1, .count = 1, .status = (int64_t)c->args[2],
		.r0 = c->args[3], .has_r0 = true,
		.crash = crash, .delay_ms = c->args[3],
	};
	tz_log("sim: FAULT_ARM: call #%llu from now of owner %u svc 0x%02x cmd 0x%02x%s answers status %lld r0 0x%llx",
	       (unsigned long long)r->nth, owner, svc, cmd,
	       r->has_sub ? " (with its sub-command)" : "",
	       (long long)r->status, (unsigned long long)r->r0);
	c->res[0] = r - plan->rules;
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_FAULT_ARM, "SIM", "FAULT_ARM",
		SCM_ARGS(4), sim_fault_arm);
