/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault plan: "make the Nth call of owner/svc/cmd return status S".
 *
 * The host passes the plan as the fw_cfg file opt/tzsim/faults, one rule per
 * line, "key=value" words, '#' starts a comment:
 *
 *   svc=0x0c cmd=0x1c status=-1              # 1st SHM_BRIDGE_ENABLE fails
 *   svc=0xf0 cmd=0x01 nth=3 count=2 status=-12   # 3rd and 4th call: BUSY
 *   owner=2 svc=0x0c cmd=0x1c status=0 r0=4  # succeed, result[0] = 4
 *
 * nth (default 1) counts every SMC of that command, retries included; a call
 * resumed after INTERRUPTED is the same call, not a new one. count (default
 * 1) is how many consecutive calls the rule hits. owner defaults to SIP.
 * A matched call never reaches its handler, except for status=1
 * (INTERRUPTED), where the handler runs when the kernel resumes the call.
 */
#ifndef TZSIM_FAULTS_H
#define TZSIM_FAULTS_H

#include <tzsim/lib.h>

#define FAULT_MAX_RULES	16

struct fault_rule {
	unsigned int owner, svc, cmd;
	uint64_t nth, count;
	int64_t status;
	uint64_t r0;
	bool has_r0;
};

struct fault_plan {
	struct fault_rule rules[FAULT_MAX_RULES];
	unsigned int nr;
};

/*
 * Parse @len bytes of @text into @plan. Returns 0, or -1 with a message
 * naming the line and the problem in @err.
 */
int fault_plan_parse(struct fault_plan *plan, const char *text, size_t len,
		     char *err, size_t errlen);

/* The rule hitting call number @seq (1-based) of owner/svc/cmd, or NULL. */
const struct fault_rule *fault_plan_match(const struct fault_plan *plan,
					  unsigned int owner, unsigned int svc,
					  unsigned int cmd, uint64_t seq);

/*
 * Split @text into "key=value" words. Calls @fn for each; a word without
 * '=' has an empty value. Stops at '\n' if @one_line (returns the offset
 * after it), else runs to the end. @fn returns 0 or -1 to stop with error.
 */
typedef int (*kv_fn)(void *priv, const char *key, size_t klen,
		     const char *val, size_t vlen);
long kv_parse(const char *text, size_t len, bool one_line, kv_fn fn,
	      void *priv);

#endif /* TZSIM_FAULTS_H */
