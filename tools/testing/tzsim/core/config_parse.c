// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of opt/tzsim/config. Pure code: also built into the host unit
 * tests.
 */
#include <tzsim/core.h>
#include <tzsim/qtee_corrupt.h>

struct cfg_ctx {
	struct tzsim_config *cfg;
	char *err;
	size_t errlen;
};

static bool word_is(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && !memcmp(s, w, len);
}

/* Long values are cut so that @why still fits the caller's buffer. */
#define CFG_ERR_VAL_MAX	48

static int cfg_error(struct cfg_ctx *ctx, const char *key, size_t klen,
		     const char *val, size_t vlen, const char *why)
{
	bool cut = vlen > CFG_ERR_VAL_MAX;

	tz_snprintf(ctx->err, ctx->errlen, "bad option '%.*s=%.*s%s'%s%s",
		    (int)klen, key, cut ? CFG_ERR_VAL_MAX : (int)vlen, val,
		    cut ? "..." : "", why ? ": " : "", why ? why : "");
	return -1;
}

/* A host path for semihosting: 1..@max characters, into @dst. */
_Static_assert(TZSIM_FLASH_PATH_MAX == 255 && TZSIM_UEFIVARS_PATH_MAX == 255,
	       "cfg_path()'s message says 255");
static int cfg_path(struct cfg_ctx *ctx, const char *key, size_t klen,
		    const char *val, size_t vlen, char *dst, size_t max)
{
	if (!vlen)
		return cfg_error(ctx, key, klen, val, vlen,
				 "needs a host path");
	if (vlen > max)
		return cfg_error(ctx, key, klen, val, vlen,
				 "path longer than 255 characters");
	memcpy(dst, val, vlen);
	dst[vlen] = '\0';
	return 0;
}

/* The flash_* keys; returns 0, -1 on error, 1 if @key is not one of them. */
static int cfg_flash_kv(struct cfg_ctx *ctx, const char *key, size_t klen,
			const char *val, size_t vlen)
{
	struct tzsim_config *cfg = ctx->cfg;
	int64_t v;

	if (word_is(key, klen, "flash"))
		return cfg_path(ctx, key, klen, val, vlen, cfg->flash,
				TZSIM_FLASH_PATH_MAX);
	if (word_is(key, klen, "flash_blocks")) {
		if (tz_parse_int(val, vlen, &v) || v < 1)
			return cfg_error(ctx, key, klen, val, vlen,
					 "needs a number of blocks >= 1");
		cfg->flash_blocks = v;
		return 0;
	}
	if (word_is(key, klen, "flash_block_size")) {
		if (tz_parse_int(val, vlen, &v) || v < TZSIM_FLASH_BLOCK_MIN ||
		    v > TZSIM_FLASH_BLOCK_MAX || (v & (v - 1)))
			return cfg_error(ctx, key, klen, val, vlen,
					 "needs a power of two from 512 to 262144");
		cfg->flash_block_size = v;
		return 0;
	}
	if (word_is(key, klen, "erase_us")) {
		if (tz_parse_int(val, vlen, &v) || v < 0 || v > 1000000)
			return cfg_error(ctx, key, klen, val, vlen,
					 "needs microseconds from 0 to 1000000");
		cfg->erase_us = v;
		return 0;
	}
	return 1;
}

/* uefisecapp_poke=<cmd>:<offset>:<value>, three numbers. */
static int cfg_poke(struct cfg_ctx *ctx, const char *key, size_t klen,
		    const char *val, size_t vlen)
{
	struct tzsim_config *cfg = ctx->cfg;
	int64_t v[3];
	size_t start = 0, i;
	unsigned int n = 0;

	for (i = 0; i <= vlen && n < 3; i++) {
		if (i < vlen && val[i] != ':')
			continue;
		if (tz_parse_int(val + start, i - start, &v[n]) || v[n] < 0 ||
		    v[n] > UINT32_MAX)
			break;
		n++;
		start = i + 1;
	}
	if (n != 3 || start != vlen + 1 || (v[1] & 3))
		return cfg_error(ctx, key, klen, val, vlen,
				 "needs <command>:<offset, a multiple of 4>:<value>");
	if (cfg->nr_pokes == TZSIM_MAX_POKES)
		return cfg_error(ctx, key, klen, val, vlen,
				 "more than 4 pokes");
	cfg->pokes[cfg->nr_pokes++] = (struct tzsim_poke){
		.cmd = v[0], .offset = v[1], .value = v[2],
	};
	return 0;
}

/* smmu=<base of SMMUv3 page 0, 64 KiB aligned> or smmu=off. */
static int cfg_smmu(struct cfg_ctx *ctx, const char *key, size_t klen,
		    const char *val, size_t vlen)
{
	int64_t v;

	if (word_is(val, vlen, "off")) {
		ctx->cfg->smmu_base = 0;
		return 0;
	}
	if (tz_parse_int(val, vlen, &v) || v <= 0 || (v & 0xffff) ||
	    v >= (1LL << 48))
		return cfg_error(ctx, key, klen, val, vlen,
				 "needs off or a 64 KiB aligned address");
	ctx->cfg->smmu_base = v;
	return 0;
}

/* rsctable_pad=<bytes>, 0..TZSIM_RSCTABLE_PAD_MAX. */
_Static_assert(TZSIM_RSCTABLE_PAD_MAX == 1048576,
	       "cfg_rsctable_pad()'s message says 1048576");
static int cfg_rsctable_pad(struct cfg_ctx *ctx, const char *key,
			    size_t klen, const char *val, size_t vlen)
{
	int64_t v;

	if (tz_parse_int(val, vlen, &v) || v < 0 ||
	    v > TZSIM_RSCTABLE_PAD_MAX)
		return cfg_error(ctx, key, klen, val, vlen,
				 "needs bytes from 0 to 1048576");
	ctx->cfg->rsctable_pad = (uint32_t)v;
	return 0;
}

/* qtee_corrupt=<kind name>:<nth>, nth 1..0xffffffff. */
_Static_assert(QTEE_CORRUPT_COUNT <= TZSIM_QTEE_CORRUPT_SLOTS,
	       "qtee_corrupt[] has a slot per kind");
static int cfg_qtee_corrupt(struct cfg_ctx *ctx, const char *key,
			    size_t klen, const char *val, size_t vlen)
{
	size_t i;
	int kind = -1;
	int64_t nth;

	for (i = 0; i < vlen && val[i] != ':'; i++)
		;
	if (i < vlen)
		kind = qtee_corrupt_parse(val, i);
	if (kind < 0 || tz_parse_int(val + i + 1, vlen - i - 1, &nth) ||
	    nth < 1 || nth > UINT32_MAX)
		return cfg_error(ctx, key, klen, val, vlen,
				 "needs <kind>:<nth>, a kind of qtee_corrupt.h and nth >= 1");
	ctx->cfg->qtee_corrupt[kind] = (uint32_t)nth;
	return 0;
}

static int cfg_kv(void *priv, const char *key, size_t klen,
		  const char *val, size_t vlen)
{
	struct cfg_ctx *ctx = priv;
	struct tzsim_config *cfg = ctx->cfg;
	int ret = cfg_flash_kv(ctx, key, klen, val, vlen);

	if (ret <= 0)
		return ret;
	if (word_is(key, klen, "uefivars"))
		return cfg_path(ctx, key, klen, val, vlen, cfg->uefivars,
				TZSIM_UEFIVARS_PATH_MAX);
	if (word_is(key, klen, "uefisecapp_poke"))
		return cfg_poke(ctx, key, klen, val, vlen);
	if (word_is(key, klen, "smmu"))
		return cfg_smmu(ctx, key, klen, val, vlen);
	if (word_is(key, klen, "rsctable_pad"))
		return cfg_rsctable_pad(ctx, key, klen, val, vlen);
	if (word_is(key, klen, "qtee_corrupt"))
		return cfg_qtee_corrupt(ctx, key, klen, val, vlen);
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
	else
		return cfg_error(ctx, key, klen, val, vlen, NULL);
	return 0;
}

int tzsim_config_parse(struct tzsim_config *cfg, const char *text,
		       size_t len, char *err, size_t errlen)
{
	struct cfg_ctx ctx = { .cfg = cfg, .err = err, .errlen = errlen };

	memset(cfg, 0, sizeof(*cfg));
	cfg->boot_el = 2;
	cfg->enforce_bridges = true;
	cfg->log_calls = true;
	cfg->flash_blocks = 8192;
	cfg->flash_block_size = 4096;
	cfg->erase_us = 0;
	if (kv_parse(text, len, false, cfg_kv, &ctx) < 0)
		return -1;
	/* Checked once all keys are known: they may come in any order. */
	if (cfg->flash_blocks > TZSIM_FLASH_SIZE_MAX / cfg->flash_block_size) {
		tz_snprintf(err, errlen,
			    "flash of %llu blocks of %u bytes is larger than 4 GiB",
			    (unsigned long long)cfg->flash_blocks,
			    cfg->flash_block_size);
		return -1;
	}
	return 0;
}
