// SPDX-License-Identifier: GPL-2.0
/*
 * PAS GET_RSCTABLE (SCM svc 0x02 PIL, cmd 0x21; mainline's
 * qcom_scm_pas_get_rsc_table(), shared/abi/pas.md sections 1 and 3): the
 * first PAS call of a boot when Linux manages the remote's IOMMU. Linux
 * hands over the firmware's own resource table and gets back the complete
 * table, which replaces its cached one.
 *
 * STD SMC64, owner SIP, arginfo 0x845 = 5 args (VAL, RO, VAL, RW, VAL):
 *   x2 pas_id, x3 in_phys, x4 in_size, x5 -> extra-args buffer holding
 *   [out_phys, out_size, 0...] (the dispatcher decodes it into args[3..4]).
 * The input (a zeroed 16-byte header when the firmware has no table) and
 * the output buffer (16 KiB on the first try) both come from Linux's SCM
 * tzmem pool: the dispatcher checks the first byte of each against the
 * SHM bridges, this handler their whole extents (scm_ns_buffer()).
 *
 * The table is checked and built by services/rsctable.c (the rules and
 * the dynamic entries are in include/tzsim/rsctable.h); the input is
 * copied to secure memory before it is checked.
 *
 * Answers:
 *   x0 = 0, a1 = 0, a2 = 0, a3 = size of the table written at out_phys
 *	(the kernel copies a3 bytes; it ignores a1 and a2);
 *   x0 = SCM_ERROR (-1), a2 = RSCTABLE_BUFFER_NOT_SUFFICIENT (20), a3 =
 *	the size needed, nothing written: the table is larger than out_size.
 *	The kernel then retries once with a buffer of a3 bytes (the table
 *	only depends on the input and the configuration, so the retry gets
 *	exactly a3). The fact sheet only requires x0 != 0 here; the real
 *	firmware's value is not known (pas.md section 10);
 *   x0 = SCM_EINVAL_ARG (-2): unknown pas id, in_size outside
 *	16..RSCTABLE_IN_MAX, out_size 0, the firmware's table refused;
 *   x0 = SCM_EINVAL_ADDR (-3): a buffer not in normal-world DRAM or, once
 *	bridges are enforced, not inside one SHM bridge.
 * Log lines: "pas: <remote>: GET_RSCTABLE: returned <n> bytes, ...",
 * "... GET_RSCTABLE: buffer not sufficient: ...", "... GET_RSCTABLE:
 * firmware table refused: <reason>". Counters at power-off:
 * "counter rsctable.<remote> tables= overflows= refused= bytes=".
 *
 * The fault plan's sub-command is the pas_id, as for the other PAS
 * commands: "svc=2 cmd=0x21 sub=1" is adsp's GET_RSCTABLE.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/rsctable.h>
#include <tzsim/scm.h>
#include <tzsim/soc.h>

#define SVC_PIL			0x02
#define PAS_GET_RSCTABLE	0x21
#define RSCTABLE_REMOTES	8

struct rsctable_stats {
	uint64_t tables, overflows, refused, bytes;
};

static struct rsctable_stats rstats[RSCTABLE_REMOTES];
/* The secure copy of the input and its parse (calls are serialised). */
static uint8_t in_copy[RSCTABLE_IN_MAX] __attribute__((aligned(16)));
static struct rsctable_parsed parsed;

static int64_t rsctable_sub_cmd(const struct scm_call *c)
{
	return c->args[0] <= INT64_MAX ? (int64_t)c->args[0] : -1;
}

/* "; TZ added devmem adsp-regs da 0x3700000 pa 0x88eff000 ..." */
static void describe_dynamic(const struct soc_remote *r,
			     const struct rsctable_ctx *ctx, char *buf,
			     size_t len)
{
	struct rsctable_window w;
	const char *sep = "; TZ added ";
	int n = 0;

	buf[0] = '\0';
	if (ctx->devmem && rsctable_regs_window(r, &w)) {
		n += tz_snprintf(buf + n, len - n,
				 "%sdevmem %s-regs da 0x%x pa 0x%x len 0x%x flags 0x3",
				 sep, r->name, w.da, w.pa, w.len);
		sep = ", ";
	}
	if (rsctable_trace_window(r, &w) && n < (int)len) {
		n += tz_snprintf(buf + n, len - n,
				 "%strace %s-trace da 0x%x len 0x%x", sep,
				 r->name, w.da, w.len);
		sep = ", ";
	}
	if (ctx->pad && n < (int)len)
		tz_snprintf(buf + n, len - n, "%svendor %d padding of %u bytes",
			    sep, RSC_VENDOR_START, ctx->pad);
}

static long pas_get_rsctable(struct scm_call *c)
{
	uint64_t in_pa = c->args[1], in_size = c->args[2];
	uint64_t out_pa = c->args[3], out_size = c->args[4], need;
	const struct soc_remote *r = NULL;
	struct rsctable_stats *st;
	struct rsctable_ctx ctx;
	const uint8_t *in;
	uint8_t *out;
	char why[192];

	if (c->args[0] <= UINT32_MAX)
		r = soc_remote_by_pas_id((unsigned int)c->args[0]);
	if (!r || r - soc_remotes >= RSCTABLE_REMOTES) {
		tz_log("pas: GET_RSCTABLE: unknown pas id %llu",
		       (unsigned long long)c->args[0]);
		return SCM_EINVAL_ARG;
	}
	st = &rstats[r - soc_remotes];

	if (in_size < RSC_HDR_SIZE || in_size > RSCTABLE_IN_MAX) {
		tz_log("pas: %s: GET_RSCTABLE: input table of %llu bytes, must be %d..%u",
		       r->name, (unsigned long long)in_size, RSC_HDR_SIZE,
		       RSCTABLE_IN_MAX);
		goto bad_arg;
	}
	in = scm_ns_buffer(in_pa, in_size, "resource table");
	if (!in) {
		tz_log("pas: %s: GET_RSCTABLE: input table 0x%llx+0x%llx refused",
		       r->name, (unsigned long long)in_pa,
		       (unsigned long long)in_size);
		goto bad_addr;
	}
	memcpy(in_copy, in, in_size);
	rsctable_ctx_init(&ctx, r, tzsim_cfg.boot_el == 2,
			  tzsim_cfg.rsctable_pad);
	if (rsctable_parse(&parsed, in_copy, in_size, &ctx, why,
			   sizeof(why))) {
		tz_log("pas: %s: GET_RSCTABLE: firmware table refused: %s",
		       r->name, why);
		goto bad_arg;
	}

	need = rsctable_out_size(&parsed, &ctx);
	if (!out_size) {
		tz_log("pas: %s: GET_RSCTABLE: output buffer of 0 bytes",
		       r->name);
		goto bad_arg;
	}
	out = scm_ns_buffer(out_pa, out_size, "resource table output");
	if (!out) {
		tz_log("pas: %s: GET_RSCTABLE: output buffer 0x%llx+0x%llx refused",
		       r->name, (unsigned long long)out_pa,
		       (unsigned long long)out_size);
		goto bad_addr;
	}
	if (need > out_size) {
		st->overflows++;
		c->res[1] = RSCTABLE_BUFFER_NOT_SUFFICIENT;
		c->res[2] = need;
		tz_log("pas: %s: GET_RSCTABLE: buffer not sufficient: the table needs %llu bytes, the buffer has %llu",
		       r->name, (unsigned long long)need,
		       (unsigned long long)out_size);
		return SCM_ERROR;
	}

	rsctable_build(out, &parsed, in_copy, &ctx);
	st->tables++;
	st->bytes += need;
	scm_stats_of(scm_find(SMC_OWNER_SIP, SVC_PIL,
			      PAS_GET_RSCTABLE))->bytes += need;
	c->res[0] = 0;
	c->res[1] = 0;
	c->res[2] = need;
	describe_dynamic(r, &ctx, why, sizeof(why));
	tz_log("pas: %s: GET_RSCTABLE: returned %llu bytes, %u entries (%u from the firmware%s)",
	       r->name, (unsigned long long)need,
	       parsed.num + rsctable_nr_dynamic(&ctx), parsed.num, why);
	return SCM_OK;

bad_arg:
	st->refused++;
	return SCM_EINVAL_ARG;
bad_addr:
	st->refused++;
	return SCM_EINVAL_ADDR;
}

static void rsctable_counters(void)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes && i < RSCTABLE_REMOTES; i++) {
		const struct rsctable_stats *st = &rstats[i];

		if (!st->tables && !st->overflows && !st->refused)
			continue;
		tz_log("counter rsctable.%s tables=%llu overflows=%llu refused=%llu bytes=%llu",
		       soc_remotes[i].name, (unsigned long long)st->tables,
		       (unsigned long long)st->overflows,
		       (unsigned long long)st->refused,
		       (unsigned long long)st->bytes);
	}
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_GET_RSCTABLE, "PIL",
		"GET_RSCTABLE",
		SCM_ARGS(5, SCM_VAL, SCM_RO, SCM_VAL, SCM_RW, SCM_VAL),
		pas_get_rsctable, .sub_cmd = rsctable_sub_cmd);
DECLARE_SCM_COUNTERS(rsctable_counters);
