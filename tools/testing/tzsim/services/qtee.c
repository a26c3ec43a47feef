// SPDX-License-Identifier: GPL-2.0
/*
 * QTEE over SCM (shared/abi/qtee.md section 3.1; the protocol as
 * implemented is in services/qtee.md):
 *
 *   INVOKE  0x72000602 (owner QSEE_OS, svc 0x06, cmd 0x02),
 *           arginfo 0x224: (RW inbound, VAL size, RW outbound, VAL size)
 *   CB_RSP  0x72000601 (cmd 0x01), arginfo 0x22: (RW outbound, VAL size)
 *
 * x0 = SCM status, x1 = response type (0 done, 3 callback request in the
 * outbound buffer), x2 = QTEE result (int32, sign-extended). This file
 * checks the sizes and maps both buffers in full (scm_ns_buffer(): inside
 * normal-world DRAM and, when enforced, inside one SHM bridge each), then
 * hands them to the engine (services/qtee_engine.c). The all-zero probe
 * Linux sends at boot never gets here: the dispatcher refuses its null
 * buffer with EINVAL_ADDR (-3), which Linux reads as "QTEE present".
 *
 * Fault plan: sub= of an INVOKE rule is the op of the inbound message
 * (0xffff for RELEASE). At power-off: "qtee: live objects at power-off:
 * qtee=<n> linux=<n>" and the counters (qtee_engine_report()).
 */
#include <tzsim/core.h>
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/qtee_engine.h>
#include <tzsim/scm.h>

static struct qtee_engine engine;
static uint8_t arena[QTEE_HEAP_SIZE] __attribute__((aligned(16)));
static bool ready;

static void *map_region(uint64_t pa, uint64_t len)
{
	return scm_ns_buffer(pa, len, "qtee mapped region");
}

struct qtee_engine *qtee_engine_get(void)
{
	unsigned int k;

	if (ready)
		return &engine;
	ready = true;
	qtee_engine_init(&engine, arena, sizeof(arena), map_region);
	tz_log("qtee: ready: version %u.%u.%u, heap %u bytes, %d objects, %d Linux objects, %d open invocations",
	       QTEE_VERSION_MAJOR, QTEE_VERSION_MINOR, QTEE_VERSION_PATCH,
	       engine.heap.size, QTEE_MAX_OBJECTS, QTEE_MAX_NS,
	       QTEE_MAX_OPEN);
	for (k = QTEE_CORRUPT_NONE + 1; k < QTEE_CORRUPT_COUNT; k++)
		if (tzsim_cfg.qtee_corrupt[k])
			qtee_engine_arm(&engine, k, tzsim_cfg.qtee_corrupt[k]);
	return &engine;
}

static void count_bytes(unsigned int cmd, uint64_t bytes)
{
	scm_stats_of(scm_find(SMC_OWNER_QSEE_OS, QTEE_SVC, cmd))->bytes +=
		bytes;
}

static long qtee_invoke(struct scm_call *c)
{
	struct qtee_engine *e = qtee_engine_get();
	struct qtee_bufs b = {
		.in_pa = c->args[0], .in_size = c->args[1],
		.out_pa = c->args[2], .out_size = c->args[3],
	};
	struct qtee_answer ans;
	long status;

	if (b.in_size < QTEE_INBOUND_MIN || b.in_size > QTEE_INBOUND_MAX)
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke",
					  "inbound size not 12 bytes .. 4 MiB");
	if (b.out_size < QTEE_OUTBOUND_MIN || b.out_size > QTEE_OUTBOUND_MAX)
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke",
					  "outbound size not 64 bytes .. 4 MiB");
	b.in = scm_ns_buffer(b.in_pa, b.in_size, "qtee inbound buffer");
	b.out = scm_ns_buffer(b.out_pa, b.out_size, "qtee outbound buffer");
	if (!b.in || !b.out)
		return qtee_engine_refuse(e, SCM_EINVAL_ADDR, "invoke",
					  "buffer not accessible");
	count_bytes(QTEE_CMD_INVOKE, b.in_size + b.out_size);
	status = qtee_engine_invoke(e, &b, &ans);
	if (status == SCM_OK) {
		c->res[0] = ans.type;
		c->res[1] = (uint64_t)(int64_t)ans.result;
	}
	return status;
}

static long qtee_cb_rsp(struct scm_call *c)
{
	struct qtee_engine *e = qtee_engine_get();
	struct qtee_answer ans;
	struct qtee_bufs b;
	long status;

	if (qtee_engine_lookup(e, c->args[0], &b))
		return qtee_engine_refuse(e, SCM_EINVAL_ARG,
					  "callback response",
					  "no open invocation has this outbound buffer");
	/* A size mismatch is the engine's to refuse (it abandons). */
	if (c->args[1] == b.out_size) {
		b.in = scm_ns_buffer(b.in_pa, b.in_size, "qtee inbound buffer");
		b.out = scm_ns_buffer(b.out_pa, b.out_size,
				      "qtee outbound buffer");
		if (!b.in || !b.out) {
			qtee_engine_abandon(e, b.out_pa,
					    "its buffers are not accessible any more");
			return qtee_engine_refuse(e, SCM_EINVAL_ADDR,
						  "callback response",
						  "buffer not accessible");
		}
		count_bytes(QTEE_CMD_CB_RSP, b.out_size);
	}
	b.out_size = c->args[1];
	status = qtee_engine_cb_rsp(e, &b, &ans);
	if (status == SCM_OK) {
		c->res[0] = ans.type;
		c->res[1] = (uint64_t)(int64_t)ans.result;
	}
	return status;
}

/* The fault plan's sub-command of an INVOKE: its op, if readable. */
static int64_t invoke_sub_cmd(const struct scm_call *c)
{
	const uint8_t *p;

	if (c->args[1] < QTEE_INBOUND_MIN)
		return -1;
	p = scm_ns_buffer(c->args[0], QTEE_INBOUND_MIN, NULL);
	if (!p)
		return -1;
	return get32(p + 4) & QTEE_OP_MASK;
}

static void qtee_counters(void)
{
	qtee_engine_report(qtee_engine_get());
}

DECLARE_SCM_CMD(SMC_OWNER_QSEE_OS, QTEE_SVC, QTEE_CMD_INVOKE, "QTEE",
		"INVOKE", SCM_ARGS(4, SCM_RW, SCM_VAL, SCM_RW, SCM_VAL),
		qtee_invoke, .sub_cmd = invoke_sub_cmd);
DECLARE_SCM_CMD(SMC_OWNER_QSEE_OS, QTEE_SVC, QTEE_CMD_CB_RSP, "QTEE",
		"CB_RSP", SCM_ARGS(2, SCM_RW, SCM_VAL), qtee_cb_rsp);
DECLARE_SCM_COUNTERS(qtee_counters);
