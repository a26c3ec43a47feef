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
 *   svc=0x1a cmd=1 sub=2 nth=3 status=0 r0=3 # 3rd storage WRITE: result 3
 *   owner=48 svc=0 cmd=1 sub=0x8001 nth=2 status=0 r0=1
 *                                  # 2nd uefisecapp SetVariable: INCOMPLETE
 *
 * Keys: svc, cmd and status are required (status= or crash=, see the
 * end); owner defaults to SIP (2).
 * sub (optional, >= 0) narrows the rule to calls whose sub-command is sub;
 * what the sub-command is depends on the command (its sub_cmd() hook, see
 * struct scm_cmd): for STORAGE (svc 0x1a cmd 1) it is storage_cmd, the
 * operation in the command buffer (0 INIT, 1 READ, 2 WRITE, 3 ERASE,
 * 4 GET_INFO, 5 DEINIT); for QSEECOM APP_SEND (owner 48 svc 0 cmd 1) the
 * first u32 of the request, whatever the app (uefisecapp: 0x8000
 * GetVariable, 0x8001 SetVariable, 0x8002 GetNextVariableName, 0x8003
 * QueryVariableInfo). A call without a readable sub-command never matches
 * a rule with sub=.
 *
 * Each rule counts the calls it matches (owner/svc/cmd and, if given, sub),
 * independently of the other rules; nth (default 1) is the number of the
 * first call the rule hits in that count, count (default 1) how many
 * consecutive matching calls it hits. For a rule without sub, that count is
 * every SMC of the command, retries included (even one the dispatcher then
 * rejects for its arginfo or a buffer); a call resumed after INTERRUPTED is
 * the same call, not a new one. When several rules hit the same call, the
 * first one in the file decides, and the others still count it.
 *
 * A matched call never reaches its handler, except for status=1
 * (INTERRUPTED), where the handler runs when the kernel resumes the call.
 *
 * Remote processor crashes: a rule with crash= instead of status= on PAS
 * AUTH_AND_RESET (owner 2, svc 2, cmd 5; sub= is the PAS id, required)
 * lets the call succeed as usual and makes that remote crash delay_ms
 * milliseconds after it started running:
 *
 *   svc=2 cmd=5 sub=1 crash=wdog                 # adsp's 1st boot: watchdog
 *   svc=2 cmd=5 sub=6 nth=2 crash=fatal delay_ms=50  # wpss's 2nd boot
 *   svc=2 cmd=5 sub=18 count=100 crash=fatal     # every cdsp boot (100)
 *
 * crash=wdog raises the remote's "wdog" interrupt, crash=fatal sets its
 * SMP2P "fatal" bit; both first write a crash reason into SMEM (see
 * services/remote.c). crash=hang makes the boot hang: the remote leaves
 * reset but never raises ready (Linux times out, then shuts it down);
 * delay_ms does not apply to it. delay_ms (0..FAULT_CRASH_DELAY_MAX_MS) defaults to
 * FAULT_CRASH_DELAY_MS and counts on the secure tick (2 ms steps). nth/count select boots as for any rule
 * (each AUTH_AND_RESET of that PAS id is one call). A crash rule takes no
 * status= or r0=, never decides a call's answer (a status= rule that hits
 * the same call still does, and then the remote does not start) and arms
 * the crash only for the call it hit: the remote takes it when that call
 * starts it (fault_plan_take_crash()).
 */
#ifndef TZSIM_FAULTS_H
#define TZSIM_FAULTS_H

#include <tzsim/lib.h>

#define FAULT_MAX_RULES	16

/* crash= rules: only on this command (PAS AUTH_AND_RESET). */
#define FAULT_CRASH_OWNER	2
#define FAULT_CRASH_SVC		0x02
#define FAULT_CRASH_CMD		0x05
#define FAULT_CRASH_DELAY_MS	200
#define FAULT_CRASH_DELAY_MAX_MS	86400000	/* a day */

enum fault_crash {
	FAULT_CRASH_NONE,	/* an ordinary status= rule */
	FAULT_CRASH_WDOG,
	FAULT_CRASH_FATAL,
	FAULT_CRASH_HANG,	/* out of reset, but never signals ready */
};

struct fault_rule {
	unsigned int owner, svc, cmd;
	int64_t sub;		/* valid if has_sub */
	uint64_t nth, count;
	int64_t status;
	uint64_t r0;
	bool has_r0, has_sub;
	enum fault_crash crash;
	uint64_t delay_ms;	/* crash rules */
	uint64_t seen;		/* calls matched so far (run-time state) */
	bool crash_armed;	/* hit the current call (run-time state) */
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

/*
 * Account one new call of owner/svc/cmd with sub-command @sub (-1: none):
 * every rule it matches counts it. Returns the first status= rule that
 * hits it, or NULL; crash= rules that hit it are armed instead (and those
 * armed by the previous call disarmed). Call exactly once per new call
 * (not for a resumed one).
 */
const struct fault_rule *fault_plan_call(struct fault_plan *plan,
					 unsigned int owner, unsigned int svc,
					 unsigned int cmd, int64_t sub);

/*
 * The crash= rule armed by the current call of owner/svc/cmd with
 * sub-command @sub, disarmed on the way (so taken once), or NULL.
 */
const struct fault_rule *fault_plan_take_crash(struct fault_plan *plan,
					       unsigned int owner,
					       unsigned int svc,
					       unsigned int cmd, int64_t sub);

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
