// SPDX-License-Identifier: GPL-2.0
/*
 * Fault plan parsing and matching. Pure code: also built into the host
 * unit tests (host/).
 */
#include <tzsim/faults.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

long kv_parse(const char *text, size_t len, bool one_line, kv_fn fn,
	      void *priv)
{
	size_t i = 0;

	while (i < len) {
		size_t start, eq, end;

		if (text[i] == '\n') {
			i++;
			if (one_line)
				return i;
			continue;
		}
		if (is_space(text[i])) {
			i++;
			continue;
		}
		if (text[i] == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		start = i;
		while (i < len && !is_space(text[i]) && text[i] != '\n' &&
		       text[i] != '#')
			i++;
		end = i;
		for (eq = start; eq < end && text[eq] != '='; eq++)
			;
		if (fn(priv, text + start, eq - start,
		       eq < end ? text + eq + 1 : text + end,
		       eq < end ? end - eq - 1 : 0))
			return -1;
	}
	return i;
}

struct rule_ctx {
	struct fault_rule *rule;
	bool has_svc, has_cmd, has_status, has_delay;
	unsigned int words;
	char *err;
	size_t errlen;
	unsigned int line;
};

static bool key_is(const char *key, size_t klen, const char *name)
{
	return klen == strlen(name) && !memcmp(key, name, klen);
}

static int rule_kv(void *priv, const char *key, size_t klen,
		   const char *val, size_t vlen)
{
	struct rule_ctx *ctx = priv;
	struct fault_rule *r = ctx->rule;
	int64_t v;

	ctx->words++;
	if (key_is(key, klen, "crash")) {
		if (vlen == 4 && !memcmp(val, "wdog", 4)) {
			r->crash = FAULT_CRASH_WDOG;
		} else if (vlen == 5 && !memcmp(val, "fatal", 5)) {
			r->crash = FAULT_CRASH_FATAL;
		} else if (vlen == 4 && !memcmp(val, "hang", 4)) {
			r->crash = FAULT_CRASH_HANG;
		} else {
			tz_snprintf(ctx->err, ctx->errlen,
				    "line %u: crash= is wdog, fatal or hang, got '%.*s'",
				    ctx->line, (int)vlen, val);
			return -1;
		}
		return 0;
	}
	if (tz_parse_int(val, vlen, &v)) {
		tz_snprintf(ctx->err, ctx->errlen,
			    "line %u: '%.*s' needs a number, got '%.*s'",
			    ctx->line, (int)klen, key, (int)vlen, val);
		return -1;
	}
	if (key_is(key, klen, "owner") && v >= 0 && v < 64) {
		r->owner = v;
	} else if (key_is(key, klen, "svc") && v >= 0 && v < 256) {
		r->svc = v;
		ctx->has_svc = true;
	} else if (key_is(key, klen, "cmd") && v >= 0 && v < 256) {
		r->cmd = v;
		ctx->has_cmd = true;
	} else if (key_is(key, klen, "sub") && v >= 0) {
		r->sub = v;
		r->has_sub = true;
	} else if (key_is(key, klen, "nth") && v >= 1) {
		r->nth = v;
	} else if (key_is(key, klen, "count") && v >= 1) {
		r->count = v;
	} else if (key_is(key, klen, "status")) {
		r->status = v;
		ctx->has_status = true;
	} else if (key_is(key, klen, "r0")) {
		r->r0 = v;
		r->has_r0 = true;
	} else if (key_is(key, klen, "delay_ms") && v >= 0 &&
		   v <= FAULT_CRASH_DELAY_MAX_MS) {
		r->delay_ms = v;
		ctx->has_delay = true;
	} else {
		tz_snprintf(ctx->err, ctx->errlen,
			    "line %u: unknown key or bad value '%.*s=%.*s'",
			    ctx->line, (int)klen, key, (int)vlen, val);
		return -1;
	}
	return 0;
}

/* The checks of a whole rule; 0 or -1 with the message in ctx->err. */
static int rule_check(const struct rule_ctx *ctx)
{
	const struct fault_rule *r = ctx->rule;

	if (r->crash != FAULT_CRASH_NONE) {
		if (ctx->has_status || r->has_r0) {
			tz_snprintf(ctx->err, ctx->errlen,
				    "line %u: a crash= rule takes no status= or r0=",
				    ctx->line);
			return -1;
		}
		if (!ctx->has_svc || !ctx->has_cmd || !r->has_sub ||
		    r->owner != FAULT_CRASH_OWNER || r->svc != FAULT_CRASH_SVC ||
		    r->cmd != FAULT_CRASH_CMD) {
			tz_snprintf(ctx->err, ctx->errlen,
				    "line %u: crash= goes on PAS AUTH_AND_RESET: svc=2 cmd=5 sub=<pas id>",
				    ctx->line);
			return -1;
		}
		return 0;
	}
	if (ctx->has_delay) {
		tz_snprintf(ctx->err, ctx->errlen,
			    "line %u: delay_ms= needs crash=", ctx->line);
		return -1;
	}
	if (!ctx->has_svc || !ctx->has_cmd || !ctx->has_status) {
		tz_snprintf(ctx->err, ctx->errlen,
			    "line %u: a rule needs svc=, cmd= and status=",
			    ctx->line);
		return -1;
	}
	return 0;
}

int fault_plan_parse(struct fault_plan *plan, const char *text, size_t len,
		     char *err, size_t errlen)
{
	size_t pos = 0;
	unsigned int line = 0;

	memset(plan, 0, sizeof(*plan));
	while (pos < len) {
		struct fault_rule r = {
			.owner = 2, .nth = 1, .count = 1,
			.delay_ms = FAULT_CRASH_DELAY_MS,
		};
		struct rule_ctx ctx = {
			.rule = &r, .err = err, .errlen = errlen,
			.line = ++line,
		};
		long used;

		used = kv_parse(text + pos, len - pos, true, rule_kv, &ctx);
		if (used < 0)
			return -1;
		pos += used;
		if (!ctx.words)
			continue;	/* blank or comment line */
		if (rule_check(&ctx))
			return -1;
		if (plan->nr == FAULT_MAX_RULES) {
			tz_snprintf(err, errlen, "line %u: more than %d rules",
				    line, FAULT_MAX_RULES);
			return -1;
		}
		plan->rules[plan->nr++] = r;
	}
	return 0;
}

static bool rule_matches(const struct fault_rule *r, unsigned int owner,
			 unsigned int svc, unsigned int cmd, int64_t sub)
{
	if (r->owner != owner || r->svc != svc || r->cmd != cmd)
		return false;
	return !r->has_sub || (sub >= 0 && r->sub == sub);
}

const struct fault_rule *fault_plan_call(struct fault_plan *plan,
					 unsigned int owner, unsigned int svc,
					 unsigned int cmd, int64_t sub)
{
	const struct fault_rule *hit = NULL;
	unsigned int i;

	/* No early exit: every matching rule must count this call. */
	for (i = 0; i < plan->nr; i++) {
		struct fault_rule *r = &plan->rules[i];

		r->crash_armed = false;		/* armed by an earlier call */
		if (!rule_matches(r, owner, svc, cmd, sub))
			continue;
		r->seen++;
		if (r->seen < r->nth || r->seen - r->nth >= r->count)
			continue;
		if (r->crash != FAULT_CRASH_NONE)
			r->crash_armed = true;
		else if (!hit)
			hit = r;
	}
	return hit;
}

const struct fault_rule *fault_plan_take_crash(struct fault_plan *plan,
					       unsigned int owner,
					       unsigned int svc,
					       unsigned int cmd, int64_t sub)
{
	unsigned int i;

	for (i = 0; i < plan->nr; i++) {
		struct fault_rule *r = &plan->rules[i];

		if (r->crash_armed && rule_matches(r, owner, svc, cmd, sub)) {
			r->crash_armed = false;
			return r;
		}
	}
	return NULL;
}
