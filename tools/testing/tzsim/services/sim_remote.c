// SPDX-License-Identifier: GPL-2.0
/*
 * SIM (svc 0xF0) cmd 0x05 REMOTE_CRASH: crash a running simulated remote
 * processor now, for tests of the kernel's crash handling and recovery.
 *
 *   args: (pas_id, kind): kind 0 = watchdog bite (the remote's "wdog"
 *	   interrupt), 1 = fatal error (SMP2P "fatal" bit); either way a
 *	   crash reason string is in SMEM first (services/remote.c).
 *   res[0]: 0 crashed; 1 the remote is not running (nothing done), with
 *	   res[1] its state (enum remote_state: 0 off, 2 stopped, 3 crashed).
 *   -2 (EINVAL_ARG) for an unknown PAS id or kind.
 */
#include <tzsim/log.h>
#include <tzsim/remote.h>
#include <tzsim/scm.h>
#include <tzsim/soc.h>

#define SVC_SIM			0xf0
#define SIM_REMOTE_CRASH	0x05

static long sim_remote_crash(struct scm_call *c)
{
	const struct soc_remote *r = NULL;

	if (c->args[0] <= UINT32_MAX)
		r = soc_remote_by_pas_id((unsigned int)c->args[0]);
	if (!r || c->args[1] > REMOTE_CRASH_FATAL) {
		tz_log("sim: REMOTE_CRASH: no remote with PAS id %llu or bad kind %llu",
		       (unsigned long long)c->args[0],
		       (unsigned long long)c->args[1]);
		return SCM_EINVAL_ARG;
	}
	if (remote_crash(r, (enum remote_crash)c->args[1],
			 "SIM REMOTE_CRASH")) {
		c->res[0] = 1;
		c->res[1] = remote_state(r);
		tz_log("sim: REMOTE_CRASH: %s is %s, not running: nothing done",
		       r->name, remote_state_name(remote_state(r)));
		return SCM_OK;
	}
	c->res[0] = 0;
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_REMOTE_CRASH, "SIM",
		"REMOTE_CRASH", SCM_ARGS(2), sim_remote_crash);
