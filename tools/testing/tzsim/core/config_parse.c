// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of opt/tzsim/config. Pure code: also built into the host unit
 * tests.
 */
#include <tzsim/core.h>

struct cfg_ctx {
	struct tzsim_config *cfg;
	char *err;
	size_t errlen;
};

static bool word_is(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && !memcmp(s, w, len);
}

static int cfg_kv(void *priv, const char *key, size_t klen,
		  const char *val, size_t vlen)
{
	struct cfg_ctx *ctx = priv;
	struct tzsim_config *cfg = ctx->cfg;

	if (word_is(key, klen, "el") && word_is(val, vlen, "1"))
		cfg->boot_el = 1;
	else if (word_is(key, klen, "el") && word_is(val, vlen, "2"))
		cfg->boot_el = 2;
	else if (word_is(key, klen, "bridges") && word_is(val, vlen, "enforce"))
		cfg->enforce_bridges = true;
	else if (word_is(key, klen, "bridges") && word_is(val, vlen, "off"))
		cfg->enforce_bridges = false;
	else if (word_is(key, klen, "log") && word_is(val, vlen, "calls"))
		cfg->log_calls = true;
	else if (word_is(key, klen, "log") && word_is(val, vlen, "errors"))
		cfg->log_calls = false;
	else {
		tz_snprintf(ctx->err, ctx->errlen, "bad option '%.*s=%.*s'",
			    (int)klen, key, (int)vlen, val);
		return -1;
	}
	return 0;
}

int tzsim_config_parse(struct tzsim_config *cfg, const char *text,
		       size_t len, char *err, size_t errlen)
{
	struct cfg_ctx ctx = { .cfg = cfg, .err = err, .errlen = errlen };

	cfg->boot_el = 2;
	cfg->enforce_bridges = true;
	cfg->log_calls = true;
	return kv_parse(text, len, false, cfg_kv, &ctx) < 0 ? -1 : 0;
}
