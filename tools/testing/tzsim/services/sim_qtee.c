// SPDX-License-Identifier: GPL-2.0
/*
 * SIM (svc 0xF0) cmd 0x07 QTEE_CORRUPT: arm a QTEE response corruption at
 * run time, and read QTEE's live counts (for tests that check for leaks
 * without powering off).
 *
 *   args: (kind, nth)
 *	kind: 0 changes nothing (a query), 1..8 a corruption kind of
 *	      include/tzsim/qtee_corrupt.h (1 cb_counts, 2 cb_offset,
 *	      3 cb_unknown, 4 ob_offset, 5 ob_size, 6 oo_unknown,
 *	      7 async_counts, 8 async_unknown)
 *	nth:  0 disarms the kind; n arms it for the nth qualifying message
 *	      from now (a kind armed again restarts its count)
 *   res[0]: QTEE objects Linux holds ids of
 *   res[1]: Linux objects QTEE holds (including releases not yet told)
 *   res[2]: open invocations (waiting on a callback response)
 *   -2 (EINVAL_ARG) for another kind, or nth above 0xffffffff.
 */
#include <tzsim/log.h>
#include <tzsim/qtee_engine.h>
#include <tzsim/scm.h>

#define SVC_SIM			0xf0
#define SIM_QTEE_CORRUPT	0x07

static long sim_qtee_corrupt(struct scm_call *c)
{
	struct qtee_engine *e = qtee_engine_get();
	uint64_t kind = c->args[0], nth = c->args[1];

	if (kind >= QTEE_CORRUPT_COUNT || nth > UINT32_MAX) {
		tz_log("sim: QTEE_CORRUPT: kind %llu nth %llu: kinds are 0..%d, nth 32 bits",
		       (unsigned long long)kind, (unsigned long long)nth,
		       QTEE_CORRUPT_COUNT - 1);
		return SCM_EINVAL_ARG;
	}
	if (kind != QTEE_CORRUPT_NONE)
		qtee_engine_arm(e, (unsigned int)kind, (uint32_t)nth);
	c->res[0] = qtee_obj_linux_count(&e->objs);
	c->res[1] = qtee_ns_count(&e->objs);
	c->res[2] = qtee_engine_open_count(e);
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_SIM, SIM_QTEE_CORRUPT, "SIM",
		"QTEE_CORRUPT", SCM_ARGS(2), sim_qtee_corrupt);
