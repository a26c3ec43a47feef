// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the simulated QTEE: the message format (counts and
 * their 4-bit fields, slot and payload layout as the kernel lays it out,
 * 8-byte alignment, encode/decode round trips, async messages), every
 * malformed request refused with nothing taken, the heap, the object
 * table (reference counts, every Linux id released exactly once), the TA
 * images mkta.py makes, and the whole engine driven by a fake kernel that
 * validates everything QTEE writes: the probe sequence, Diagnostics with
 * its SLEEP callback, loading a TA from a buffer (YIELD) and from a region
 * (MAP_REGION, releases in the callback's async tail), credentials read
 * through callbacks to a Linux object (GET_LENGTH, READ_AT_OFFSET, the
 * CBOR reader), the relay calling Linux objects with every argument type,
 * continuations matched by outbound buffer, abandoned invocations, every
 * corruption kind and the power-off report. Buffers are allocated at their
 * exact size under ASan. Output is KTAP (kselftest harness).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/qtee_cbor.h>
#include <tzsim/qtee_engine.h>
#include <tzsim/scm.h>

#define OUT_SIZE	4096
#define PAGE		4096
#define NS_FIRST	0x80000001U

/* -- The log: tz_log() of the pure files lands here. -- */

static char log_buf[1 << 17];
static size_t log_len;

void tz_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tz_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (getenv("QTEE_TEST_LOG"))
		fprintf(stderr, "tzsim: %s\n", line);
	if (log_len + n + 2 > sizeof(log_buf))
		return;
	memcpy(log_buf + log_len, line, n);
	log_len += n;
	log_buf[log_len++] = '\n';
	log_buf[log_len] = '\0';
}

static bool logged(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

static unsigned int log_count(const char *needle)
{
	unsigned int n = 0;
	const char *p = log_buf;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	return n;
}

static void log_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

/* -- The fake kernel. -- */

static bool map_fails;

static void *host_map(uint64_t pa, uint64_t len)
{
	return map_fails ? NULL : (void *)(uintptr_t)pa;
}

struct kern;

/*
 * A Linux object other than the primordial one answering callback @m in
 * @out (OB bytes and sizes, OO ids: k_cb_ob(), k_cb_oo()): its result.
 */
typedef int32_t (*k_obj_fn)(struct kern *k, const struct qtee_callback_msg *m,
			    uint8_t *out);

struct kern {
	struct qtee_engine e;
	uint8_t *arena;
	uint32_t next_ns;
	uint32_t ns[256];		/* Linux ids QTEE holds (our view) */
	unsigned int nns;
	uint32_t given[QTEE_ARGS_PER_TYPE];	/* ids given in the last answer */
	unsigned int ngiven;
	/* QTEE ids received in callback IOs: one RELEASE each is ours. */
	uint32_t got[16];
	unsigned int ngot;
	/* Linux objects but the primordial one; NULL: credentials objects. */
	k_obj_fn obj_fn;
	unsigned int user_calls;	/* callbacks they answered */
	/* The credentials objects: libqcomtee's IIO over these bytes. */
	const uint8_t *creds;
	size_t creds_len;
	uint64_t creds_len_answer;	/* what GET_LENGTH says */
	uint32_t creds_len_size;	/* bytes GET_LENGTH answers (8) */
	int32_t creds_len_result;	/* GET_LENGTH's result (0) */
	int32_t creds_read_result;	/* READ_AT_OFFSET's result (0) */
	uint32_t creds_read_max;	/* READ_AT_OFFSET answers at most (0: any) */
	unsigned int get_lengths, reads;
	uint64_t read_off[8];
	uint32_t read_ob[8];
	unsigned int released, async_msgs;
	unsigned int released_in_cb;	/* of them, in a callback's tail */
	unsigned int yields, sleeps, maps;
	uint32_t sleep_ms;
	bool cb_force_set;
	int32_t cb_force;		/* answer every callback with this */
	unsigned int cb_invalid;	/* callbacks refused by validation */
	const char *cb_why;
	const char *async_why;		/* the async parser refused this */
	/* MAP_REGION's answer */
	uint8_t *region;
	uint64_t region_len;
	uint32_t perms;
	struct qtee_callback_msg last_cb;
	uint64_t last_tail;
	/* Break the answer (malformed callback responses). */
	void (*tamper)(struct kern *k, uint8_t *out);
};

/* What libqcomtee sends (through libcbor): {1: uid u32, 6: time u64}. */
static const uint8_t creds_libqcomtee[] = {
	0xa2, 0x01, 0x1a, 0x00, 0x00, 0x03, 0xe8,	/* 1: 1000 */
	0x06, 0x1b, 0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00,
						/* 6: 1700000000000 */
};

static struct kern *k_new(void)
{
	struct kern *k = calloc(1, sizeof(*k));

	k->arena = malloc(QTEE_HEAP_SIZE);
	qtee_engine_init(&k->e, k->arena, QTEE_HEAP_SIZE, host_map);
	k->next_ns = NS_FIRST;
	k->perms = QTEE_PERM_R | QTEE_PERM_W;
	k->creds = creds_libqcomtee;
	k->creds_len = sizeof(creds_libqcomtee);
	k->creds_len_answer = UINT64_MAX;	/* creds_len */
	k->creds_len_size = 8;
	map_fails = false;
	log_reset();
	return k;
}

static void k_free(struct kern *k)
{
	free(k->arena);
	free(k->region);
	free(k);
}

/* A fresh Linux object id, given to QTEE. */
static uint32_t k_give(struct kern *k)
{
	uint32_t id = k->next_ns++;

	k->ns[k->nns++] = id;
	return id;
}

static bool k_take_back(struct kern *k, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < k->nns; i++) {
		if (k->ns[i] == id) {
			k->ns[i] = k->ns[--k->nns];
			return true;
		}
	}
	return false;
}

static bool k_holds(const struct kern *k, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < k->nns; i++)
		if (k->ns[i] == id)
			return true;
	return false;
}

/* The kernel's async parser (strict): releases known ids. */
static void k_async(struct kern *k, const uint8_t *buf, uint64_t size)
{
	uint64_t pos = 0;

	while (size - pos > QTEE_ASYNC_HDR) {
		uint32_t v = get32(buf + pos), n, i;

		if (!v)
			return;
		if (QTEE_ASYNC_MAJOR(v) != 1) {
			k->async_why = "bad version";
			return;
		}
		if (get32(buf + pos + 4) != QTEE_ASYNC_OP_RELEASE) {
			k->async_why = "bad op";
			return;
		}
		if (size - pos < QTEE_ASYNC_RELEASE_HDR) {
			k->async_why = "truncated";
			return;
		}
		n = get32(buf + pos + 8);
		if (n > (size - pos - QTEE_ASYNC_RELEASE_HDR) / 4) {
			k->async_why = "counts past the buffer";
			return;
		}
		for (i = 0; i < n; i++) {
			uint32_t id = get32(buf + pos + 12 + 4 * i);

			if (!k_take_back(k, id)) {
				k->async_why = "release of an unknown id";
				continue;
			}
			k->released++;
		}
		k->async_msgs++;
		pos += ALIGN_UP(QTEE_ASYNC_RELEASE_HDR + 4ULL * n, QTEE_ALIGN);
	}
}

/* Answer OB @i of callback @m in @out: @len bytes of @data. */
static void k_cb_ob(uint8_t *out, const struct qtee_callback_msg *m,
		    unsigned int i, const void *data, uint32_t len)
{
	const struct qtee_args *a = &m->args;

	if (len)
		memcpy(out + a->buf[a->nib + i].offset, data, len);
	put32(out + qtee_slot_offset(QTEE_CB_HDR, a->nib + i) + 4, len);
}

/* Answer OO @i of callback @m in @out with Linux id @id (0: NULL). */
static void k_cb_oo(struct kern *k, uint8_t *out,
		    const struct qtee_callback_msg *m, unsigned int i,
		    uint32_t id)
{
	const struct qtee_args *a = &m->args;

	put32(out + qtee_slot_offset(QTEE_CB_HDR,
				     a->nib + a->nob + a->nio + i), id);
	if (id)
		k->given[k->ngiven++] = id;
}

/* libqcomtee's credentials object (IIO) over k->creds. */
static int32_t k_creds_obj(struct kern *k, const struct qtee_callback_msg *m,
			   uint8_t *out)
{
	const struct qtee_args *a = &m->args;
	uint64_t off, n;
	uint8_t len[8];

	if (m->op == QTEE_CREDS_OP_GET_LENGTH &&
	    a->counts == qtee_counts_pack(0, 1, 0, 0) && a->buf[0].size >= 8) {
		k->get_lengths++;
		if (k->creds_len_result)
			return k->creds_len_result;
		put64(len, k->creds_len_answer == UINT64_MAX ?
			   k->creds_len : k->creds_len_answer);
		k_cb_ob(out, m, 0, len, k->creds_len_size);
		return QTEE_OK;
	}
	if (m->op == QTEE_CREDS_OP_READ_AT_OFFSET &&
	    a->counts == qtee_counts_pack(1, 1, 0, 0) && a->buf[0].size == 8) {
		off = le_get(out + a->buf[0].offset, 8);
		if (k->reads < ARRAY_SIZE(k->read_off)) {
			k->read_off[k->reads] = off;
			k->read_ob[k->reads] = a->buf[1].size;
		}
		k->reads++;
		if (k->creds_read_result)
			return k->creds_read_result;
		n = off < k->creds_len ? k->creds_len - off : 0;
		if (n > a->buf[1].size)
			n = a->buf[1].size;
		if (k->creds_read_max && n > k->creds_read_max)
			n = k->creds_read_max;
		k_cb_ob(out, m, 0, n ? k->creds + off : k->creds, (uint32_t)n);
		return QTEE_OK;
	}
	k->cb_invalid++;
	k->cb_why = "bad credentials call";
	return QTEE_UNAVAIL;
}

/*
 * The objects of a callback to a Linux object, as the kernel prepares
 * them: every Linux id one QTEE holds; each QTEE id one more object of
 * ours (released later). False if an id is unknown.
 */
static bool k_cb_inputs(struct kern *k, const struct qtee_callback_msg *m)
{
	const struct qtee_args *a = &m->args;
	unsigned int i;

	for (i = 0; i < a->nio; i++)
		if (qtee_id_is_ns(a->obj[i]) && !k_holds(k, a->obj[i]))
			return false;
	for (i = 0; i < a->nio; i++)
		if (a->obj[i] && !qtee_id_is_ns(a->obj[i]) &&
		    k->ngot < ARRAY_SIZE(k->got))
			k->got[k->ngot++] = a->obj[i];
	return true;
}

/* The kernel answering a callback in @out. */
static void k_answer(struct kern *k, uint8_t *out, uint64_t size)
{
	struct qtee_callback_msg m;
	int32_t result = QTEE_OK;
	const struct qtee_args *a = &m.args;
	const char *why;

	k->ngiven = 0;
	memset(&m, 0, sizeof(m));
	if (qtee_msg_decode_callback(out, size, &m, &why)) {
		k->cb_invalid++;
		k->cb_why = why;
		put32(out, (uint32_t)QTEE_UNAVAIL);
		return;
	}
	k->last_cb = m;
	k->last_tail = qtee_msg_async_tail(a);
	k->released_in_cb -= k->released;
	k_async(k, out + k->last_tail, size - k->last_tail);
	k->released_in_cb += k->released;
	if (m.cxt != QTEE_OBJ_PRIMORDIAL && !k_holds(k, m.cxt)) {
		k->cb_invalid++;
		k->cb_why = "unknown callback object";
		result = QTEE_UNAVAIL;
	} else if (m.cxt != QTEE_OBJ_PRIMORDIAL) {
		if (!k_cb_inputs(k, &m)) {
			k->cb_invalid++;
			k->cb_why = "unknown input object";
			result = QTEE_UNAVAIL;
		} else {
			k->user_calls++;
			result = k->obj_fn ? k->obj_fn(k, &m, out) :
					     k_creds_obj(k, &m, out);
		}
	} else if (m.op == QTEE_PRIMORDIAL_OP_YIELD && !a->counts) {
		k->yields++;
	} else if (m.op == QTEE_PRIMORDIAL_OP_SLEEP &&
		   a->counts == qtee_counts_pack(1, 0, 0, 0) &&
		   a->buf[0].size >= 4) {
		k->sleeps++;
		k->sleep_ms = get32(out + a->buf[0].offset);
	} else if (m.op == QTEE_PRIMORDIAL_OP_MAP_REGION &&
		   a->counts == qtee_counts_pack(0, 1, 1, 1) &&
		   a->buf[0].size >= QTEE_MAPPING_INFO_SIZE &&
		   k_holds(k, a->obj[0])) {
		k->maps++;
	} else {
		k->cb_invalid++;
		k->cb_why = "bad primordial call";
		result = QTEE_UNAVAIL;
	}
	if (k->cb_force_set)
		result = k->cb_force;
	if (!result && m.cxt == QTEE_OBJ_PRIMORDIAL &&
	    m.op == QTEE_PRIMORDIAL_OP_MAP_REGION) {
		uint8_t *info = out + a->buf[0].offset;
		uint32_t map = k_give(k);

		put64(info, (uintptr_t)k->region);
		put64(info + 8, k->region_len);
		put32(info + 16, k->perms);
		put32(out + qtee_slot_offset(QTEE_CB_HDR, 0) + 4,
		      QTEE_MAPPING_INFO_SIZE);
		put32(out + qtee_slot_offset(QTEE_CB_HDR, 2), map);
		k->given[k->ngiven++] = map;
	}
	put32(out, (uint32_t)result);
	if (k->tamper)
		k->tamper(k, out);
}

struct call {
	/* The request. */
	uint32_t cxt, op, counts;
	const void *ib[8];
	uint32_t ib_size[8];
	uint32_t ob_size[8];
	uint32_t io[8];
	uint64_t in_size;		/* 0: page-rounded */
	uint8_t *out;			/* NULL: a fresh 4 KiB buffer */
	/* The SMCs. */
	struct qtee_invoke_msg m;
	uint8_t *in;
	bool own_out, invoke_ok;
	struct qtee_bufs b;
	struct qtee_answer ans;
	long status;
	unsigned int callbacks;
	/* What the kernel read back. */
	int32_t result;
	uint8_t ob[8][256];
	uint32_t ob_len[8];
	uint32_t oo[8];
	const char *bad;
};

static long k_start(struct kern *k, struct call *c)
{
	const uint8_t *ib[8];
	struct qtee_args *a = &c->m.args;
	uint64_t end;
	unsigned int i;

	memset(&c->m, 0, sizeof(c->m));
	c->m.cxt = c->cxt;
	c->m.op = c->op;
	qtee_args_set_counts(a, c->counts);
	for (i = 0; i < a->nib; i++) {
		a->buf[i].size = c->ib_size[i];
		ib[i] = c->ib[i];
	}
	for (i = 0; i < a->nob; i++)
		a->buf[a->nib + i].size = c->ob_size[i];
	for (i = 0; i < a->nio; i++)
		a->obj[i] = c->io[i];
	end = qtee_args_layout(a, QTEE_INVOKE_HDR, UINT32_MAX);
	if (!c->in_size)
		c->in_size = ALIGN_UP(end, PAGE);
	c->in = malloc(c->in_size);
	if (!qtee_msg_encode_invoke(c->in, c->in_size, &c->m, ib))
		abort();
	if (!c->out) {
		c->out = calloc(1, OUT_SIZE);
		c->own_out = true;
	}
	c->b = (struct qtee_bufs){
		.in = c->in, .in_pa = (uintptr_t)c->in, .in_size = c->in_size,
		.out = c->out, .out_pa = (uintptr_t)c->out,
		.out_size = OUT_SIZE,
	};
	c->status = qtee_engine_invoke(&k->e, &c->b, &c->ans);
	c->invoke_ok = c->status == SCM_OK;
	return c->status;
}

/* Answer the pending callback and send CB_RSP. */
static long k_step(struct kern *k, struct call *c)
{
	unsigned int i;

	k_answer(k, c->out, OUT_SIZE);
	c->callbacks++;
	c->status = qtee_engine_cb_rsp(&k->e, &c->b, &c->ans);
	if (c->status != SCM_OK)
		for (i = 0; i < k->ngiven; i++)	/* dropped by the kernel */
			k_take_back(k, k->given[i]);
	return c->status;
}

/*
 * Read the final response as a validating kernel; free the buffers. The
 * output objects are read before the async messages: a Linux id QTEE
 * hands back in an OO (the relay) is released in the same response.
 */
static void k_end(struct kern *k, struct call *c)
{
	const struct qtee_args *a = &c->m.args;
	unsigned int i;

	if (c->status == SCM_OK && c->ans.type == QTEE_RESP_DONE)
		c->result = c->ans.result;
	if (c->status == SCM_OK && c->ans.type == QTEE_RESP_DONE &&
	    !c->result) {
		for (i = 0; i < a->nob; i++) {
			const uint8_t *s = c->in +
				qtee_slot_offset(QTEE_INVOKE_HDR, a->nib + i);
			uint32_t off = get32(s), len = get32(s + 4);

			if (off != a->buf[a->nib + i].offset)
				c->bad = "OB offset changed";
			else if (len > a->buf[a->nib + i].size)
				c->bad = "OB larger than asked for";
			else if (len <= sizeof(c->ob[i]))
				memcpy(c->ob[i], c->in + off, len);
			c->ob_len[i] = len;
		}
		for (i = 0; i < a->noo; i++) {
			uint32_t id = get32(c->in +
				qtee_slot_offset(QTEE_INVOKE_HDR,
						 a->nib + a->nob + a->nio + i));

			if (qtee_id_is_ns(id) && !k_holds(k, id))
				c->bad = "OO is an unknown Linux object";
			else
				c->oo[i] = id;
		}
	}
	if (c->status == SCM_OK && c->ans.type == QTEE_RESP_DONE)
		k_async(k, c->out, OUT_SIZE);
	if (!c->invoke_ok)
		for (i = 0; i < a->nio; i++)	/* the kernel puts them */
			if (qtee_id_is_ns(c->io[i]))
				k_take_back(k, c->io[i]);
	free(c->in);
	c->in = NULL;
	if (c->own_out)
		free(c->out);
	c->out = NULL;
}

static long do_call(struct kern *k, struct call *c)
{
	k_start(k, c);
	while (c->status == SCM_OK && c->ans.type == QTEE_RESP_INBOUND_REQ_NEEDED)
		k_step(k, c);
	k_end(k, c);
	return c->status;
}

static int32_t k_release(struct kern *k, uint32_t id)
{
	struct call c = { .cxt = id, .op = QTEE_OP_RELEASE };

	if (do_call(k, &c) != SCM_OK)
		return INT32_MIN;
	return c.result;
}

/* Root op 5 (or 2) with @creds: the client env, or 0. */
static uint32_t k_env(struct kern *k, uint32_t op, uint32_t creds)
{
	struct call c = {
		.cxt = QTEE_OBJ_ROOT, .op = op,
		.counts = qtee_counts_pack(0, 0, 1, 1), .io = { creds },
	};

	if (do_call(k, &c) != SCM_OK || c.result || c.bad)
		return 0;
	return c.oo[0];
}

static uint32_t k_open(struct kern *k, uint32_t env, uint32_t uid)
{
	struct call c = {
		.cxt = env, .op = QTEE_CLIENT_ENV_OP_OPEN,
		.counts = qtee_counts_pack(1, 0, 0, 1),
		.ib = { &uid }, .ib_size = { 4 },
	};

	if (do_call(k, &c) != SCM_OK || c.result || c.bad)
		return 0;
	return c.oo[0];
}

/* NULL if both sides agree that nothing is left, else what is. */
static const char *k_dirty(struct kern *k)
{
	static char why[256];
	struct qtee_heap_info hi;
	const char *hw;

	qtee_heap_info(&k->e.heap, &hi);
	if (qtee_obj_count(&k->e.objs))
		snprintf(why, sizeof(why), "%u QTEE objects alive",
			 qtee_obj_count(&k->e.objs));
	else if (qtee_ns_count(&k->e.objs))
		snprintf(why, sizeof(why), "QTEE holds %u Linux objects",
			 qtee_ns_count(&k->e.objs));
	else if (k->nns)
		snprintf(why, sizeof(why),
			 "the kernel thinks QTEE holds %u objects (0x%x)",
			 k->nns, k->ns[0]);
	else if (qtee_engine_open_count(&k->e))
		snprintf(why, sizeof(why), "%u open invocations",
			 qtee_engine_open_count(&k->e));
	else if (hi.used)
		snprintf(why, sizeof(why), "heap: %u bytes used", hi.used);
	else if (qtee_heap_check(&k->e.heap, &hw))
		snprintf(why, sizeof(why), "heap: %s", hw);
	else if (k->async_why)
		snprintf(why, sizeof(why), "async: %s", k->async_why);
	else if (k->e.objs.errors)
		snprintf(why, sizeof(why), "%llu object table bugs",
			 (unsigned long long)k->e.objs.errors);
	else
		return NULL;
	return why;
}

#define EXPECT_CLEAN(k) do {						\
	const char *__d = k_dirty(k);					\
	EXPECT_EQ(NULL, __d) {						\
		TH_LOG("not clean: %s", __d);				\
	}								\
} while (0)

/* TA images from mkta.py. */
static uint8_t *read_file(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	uint8_t *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", QTEE_TA_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n ? n : 1);
	if (fread(buf, 1, n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

#define TA_NAME "smcinvoke_skeleton_ta64.mbn"

/* -- Counts and layout. -- */

TEST(counts_pack_and_fields)
{
	struct qtee_args a;
	uint32_t c = qtee_counts_pack(1, 2, 3, 4);

	EXPECT_EQ(0x4321U, c);
	qtee_args_set_counts(&a, c);
	EXPECT_EQ(1, a.nib);
	EXPECT_EQ(2, a.nob);
	EXPECT_EQ(3, a.nio);
	EXPECT_EQ(4, a.noo);
	EXPECT_EQ(10U, qtee_counts_total(c));
	/* The kernel's probe sequence. */
	EXPECT_EQ(0x1100U, qtee_counts_pack(0, 0, 1, 1));
	EXPECT_EQ(0x1001U, qtee_counts_pack(1, 0, 0, 1));
	EXPECT_EQ(0x11U, qtee_counts_pack(1, 1, 0, 0));
	EXPECT_EQ(0x1110U, qtee_counts_pack(0, 1, 1, 1));
}

TEST(counts_nibbles_hold_15)
{
	struct qtee_args a;

	EXPECT_EQ(0xffffU, qtee_counts_pack(15, 15, 15, 15));
	EXPECT_EQ(60U, qtee_counts_total(0xffff));
	/* 16 of a type does not fit a nibble: refused, not wrapped to 0. */
	EXPECT_EQ(0xffffffffU, qtee_counts_pack(16, 0, 0, 0));
	EXPECT_EQ(0xffffffffU, qtee_counts_pack(0, 0, 0, 16));
	/* Reserved bits do not leak into the fields. */
	qtee_args_set_counts(&a, 0xabcd1234);
	EXPECT_EQ(4, a.nib);
	EXPECT_EQ(3, a.nob);
	EXPECT_EQ(2, a.nio);
	EXPECT_EQ(1, a.noo);
}

TEST(layout_is_the_kernels)
{
	struct qtee_args a = { 0 };

	/* Root op 5: [IO, OO], no payload: 12 + 16 bytes. */
	qtee_args_set_counts(&a, 0x1100);
	EXPECT_EQ(28U, qtee_args_layout(&a, QTEE_INVOKE_HDR, PAGE));
	/* Client env open: IB u32 at 32. */
	qtee_args_set_counts(&a, 0x1001);
	a.buf[0].size = 4;
	EXPECT_EQ(40U, qtee_args_layout(&a, QTEE_INVOKE_HDR, PAGE));
	EXPECT_EQ(32U, a.buf[0].offset);
	/* FeatureVersions get: IB @32, OB @40. */
	qtee_args_set_counts(&a, 0x11);
	a.buf[0].size = 4;
	a.buf[1].size = 4;
	EXPECT_EQ(48U, qtee_args_layout(&a, QTEE_INVOKE_HDR, PAGE));
	EXPECT_EQ(32U, a.buf[0].offset);
	EXPECT_EQ(40U, a.buf[1].offset);
	/* The TA image of quic-teec: 32 + 32856 bytes, 36864 rounded. */
	qtee_args_set_counts(&a, 0x1001);
	a.buf[0].size = 32856;
	EXPECT_EQ(32U + 32856U, qtee_args_layout(&a, QTEE_INVOKE_HDR, 36864));
	/* Callbacks: MAP_REGION's OB at 40, async tail at 64. */
	qtee_args_set_counts(&a, 0x1110);
	a.buf[0].size = 20;
	EXPECT_EQ(64U, qtee_args_layout(&a, QTEE_CB_HDR, OUT_SIZE));
	EXPECT_EQ(40U, a.buf[0].offset);
	EXPECT_EQ(64U, qtee_msg_async_tail(&a));
	/* SLEEP: IB @24, tail 32; YIELD: tail 16. */
	qtee_args_set_counts(&a, 0x1);
	a.buf[0].size = 4;
	EXPECT_EQ(32U, qtee_args_layout(&a, QTEE_CB_HDR, OUT_SIZE));
	EXPECT_EQ(24U, a.buf[0].offset);
	qtee_args_set_counts(&a, 0);
	EXPECT_EQ(16U, qtee_msg_async_tail(&a));
	/* Does not fit. */
	qtee_args_set_counts(&a, 0x1);
	a.buf[0].size = 100;
	EXPECT_EQ(0U, qtee_args_layout(&a, QTEE_CB_HDR, 64));
}

TEST(payloads_are_8_byte_aligned)
{
	struct qtee_args a = { 0 };
	unsigned int i;

	qtee_args_set_counts(&a, qtee_counts_pack(5, 5, 1, 0));
	for (i = 0; i < 10; i++)
		a.buf[i].size = 1 + 3 * i;
	ASSERT_NE(0U, qtee_args_layout(&a, QTEE_INVOKE_HDR, PAGE));
	/* 12 + 11 slots = 100, aligned to 104. */
	EXPECT_EQ(104U, a.buf[0].offset);
	for (i = 0; i < 10; i++) {
		EXPECT_EQ(0U, a.buf[i].offset % 8);
		if (i)
			EXPECT_EQ(a.buf[i - 1].offset +
				  ALIGN_UP(a.buf[i - 1].size, 8),
				  a.buf[i].offset);
	}
}

/* A deterministic generator for the round trips. */
static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return rnd_state >> 8;
}

TEST(invoke_round_trip)
{
	unsigned int round, i;

	for (round = 0; round < 500; round++) {
		struct qtee_invoke_msg m = { 0 }, d;
		unsigned int nib = rnd() % 16, nob = rnd() % 16;
		unsigned int nio = rnd() % 16, noo = rnd() % 16;
		uint8_t data[15][40];
		const uint8_t *ib[15];
		uint64_t end, size;
		const char *why;
		uint8_t *buf;

		m.cxt = rnd();
		m.op = rnd() & QTEE_OP_MASK;
		qtee_args_set_counts(&m.args,
				     qtee_counts_pack(nib, nob, nio, noo));
		for (i = 0; i < nib + nob; i++)
			m.args.buf[i].size = rnd() % 41;
		for (i = 0; i < nib; i++) {
			memset(data[i], (int)(i + round), sizeof(data[i]));
			ib[i] = data[i];
		}
		for (i = 0; i < nio + noo; i++)
			m.args.obj[i] = rnd();
		end = qtee_args_layout(&m.args, QTEE_INVOKE_HDR, UINT32_MAX);
		size = end + rnd() % 16;
		buf = malloc(size);
		ASSERT_EQ(end, qtee_msg_encode_invoke(buf, size, &m, ib));
		ASSERT_EQ(0, qtee_msg_decode_invoke(buf, size, &d, &why)) {
			TH_LOG("round %u: %s", round, why);
		}
		EXPECT_EQ(m.cxt, d.cxt);
		EXPECT_EQ(m.op, d.op);
		EXPECT_EQ(m.args.counts, d.args.counts);
		for (i = 0; i < nib + nob; i++) {
			EXPECT_EQ(m.args.buf[i].offset, d.args.buf[i].offset);
			EXPECT_EQ(m.args.buf[i].size, d.args.buf[i].size);
		}
		for (i = 0; i < nib; i++)
			EXPECT_EQ(0, memcmp(data[i],
					    buf + d.args.buf[i].offset,
					    m.args.buf[i].size));
		for (i = 0; i < nio + noo; i++)
			EXPECT_EQ(m.args.obj[i], d.args.obj[i]);
		free(buf);
	}
}

TEST(callback_round_trip)
{
	unsigned int round, i;

	for (round = 0; round < 200; round++) {
		struct qtee_callback_msg m = { 0 }, d;
		unsigned int nib = rnd() % 5, nob = rnd() % 5;
		uint8_t data[4][16];
		const uint8_t *ib[4];
		uint8_t *buf = malloc(OUT_SIZE);
		uint64_t end;
		const char *why;

		memset(buf, 0xa5, OUT_SIZE);
		m.cxt = QTEE_OBJ_NS_BIT | rnd();
		m.op = rnd() & 3;
		qtee_args_set_counts(&m.args,
				     qtee_counts_pack(nib, nob, rnd() % 5,
						      rnd() % 5));
		for (i = 0; i < nib + nob; i++)
			m.args.buf[i].size = rnd() % 17;
		for (i = 0; i < nib; i++) {
			memset(data[i], (int)(round + i), sizeof(data[i]));
			ib[i] = data[i];
		}
		for (i = 0; i < m.args.nio + m.args.noo; i++)
			m.args.obj[i] = rnd();
		end = qtee_msg_encode_callback(buf, OUT_SIZE, OUT_SIZE, &m, ib);
		ASSERT_NE(0U, end);
		EXPECT_EQ(end, qtee_msg_async_tail(&m.args));
		ASSERT_EQ(0, qtee_msg_decode_callback(buf, OUT_SIZE, &d, &why));
		EXPECT_EQ(0, d.result);
		EXPECT_EQ(m.cxt, d.cxt);
		EXPECT_EQ(m.op, d.op);
		EXPECT_EQ(m.args.counts, d.args.counts);
		for (i = 0; i < nib + nob; i++) {
			EXPECT_EQ(m.args.buf[i].offset, d.args.buf[i].offset);
			EXPECT_EQ(m.args.buf[i].size, d.args.buf[i].size);
		}
		for (i = 0; i < nib; i++)
			EXPECT_EQ(0, memcmp(data[i],
					    buf + d.args.buf[i].offset,
					    m.args.buf[i].size));
		/* Cleared: the unused rest of the buffer reads as zero. */
		for (i = end; i < OUT_SIZE; i++)
			if (buf[i])
				break;
		EXPECT_EQ(OUT_SIZE, i);
		free(buf);
	}
}

TEST(async_release_messages)
{
	uint8_t buf[64];
	uint32_t ids[5] = { 0x80000001, 0x80000002, 0x80000003, 0x80000004,
			    0x80000005 };

	memset(buf, 0xee, sizeof(buf));
	/* 12 + 4 = 16; 12 + 8 = 20, padded to 24. */
	EXPECT_EQ(16U, qtee_async_put_release(buf, sizeof(buf), ids, 1));
	EXPECT_EQ(QTEE_ASYNC_VERSION, get32(buf));
	EXPECT_EQ(QTEE_ASYNC_OP_RELEASE, get32(buf + 4));
	EXPECT_EQ(1U, get32(buf + 8));
	EXPECT_EQ(ids[0], get32(buf + 12));
	EXPECT_EQ(24U, qtee_async_put_release(buf, sizeof(buf), ids, 2));
	EXPECT_EQ(0U, get32(buf + 20));		/* the padding is zero */
	/* Needs 8 bytes to spare for the terminator. */
	EXPECT_EQ(0U, qtee_async_put_release(buf, 23, ids, 2));
	EXPECT_EQ(24U, qtee_async_put_release(buf, 32, ids, 2));
	EXPECT_EQ(0U, qtee_async_put_release(buf, sizeof(buf), ids, 0));
}

/* -- Malformed requests: refused, nothing taken, nothing changed. -- */

struct bad_case {
	const char *name;
	uint32_t at, value;		/* poke the u32 at @at */
	const char *why;
};

TEST(malformed_requests_refused)
{
	/* A FeatureVersions get: IB @32 (4), OB @40 (4), in 48 bytes. */
	static const struct bad_case cases[] = {
		{ "reserved counts bit", 8, 0x10011, "reserved counts bits" },
		{ "slots past the end", 8, 0xff, "argument slots past" },
		{ "misaligned IB", 12, 36, "not 8-byte aligned" },
		{ "IB in the slots", 12, 24, "inside the header" },
		{ "IB past the end", 16, 17, "past the end of the message" },
		{ "offset past the end", 12, 56, "past the end of the message" },
		{ "size overflow", 16, 0xfffffff8, "past the end of the message" },
		{ "OB before IB", 20, 32, "overlap or out of order" },
		{ "IB overlaps OB", 16, 12, "overlap or out of order" },
		{ "overlap by one byte", 16, 9, "overlap or out of order" },
		{ "op bits above 16", 4, 0x10000, "op has bits above" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kern *k = k_new();
		uint32_t v = 10, objs, used;
		struct qtee_invoke_msg m = { .cxt = QTEE_OBJ_ROOT };
		const uint8_t *ib[1] = { (const uint8_t *)&v };
		uint8_t *in = malloc(48), *out = calloc(1, OUT_SIZE);
		struct qtee_bufs b = {
			.in = in, .in_pa = (uintptr_t)in, .in_size = 48,
			.out = out, .out_pa = (uintptr_t)out,
			.out_size = OUT_SIZE,
		};
		struct qtee_answer ans;
		struct qtee_heap_info hi;

		qtee_args_set_counts(&m.args, 0x11);
		m.args.buf[0].size = 4;
		m.args.buf[1].size = 4;
		ASSERT_EQ(48U, qtee_msg_encode_invoke(in, 48, &m, ib));
		objs = qtee_obj_count(&k->e.objs);
		qtee_heap_info(&k->e.heap, &hi);
		used = hi.used;
		put32(in + cases[i].at, cases[i].value);
		EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_invoke(&k->e, &b, &ans)) {
			TH_LOG("%s", cases[i].name);
		}
		EXPECT_TRUE(logged(cases[i].why)) {
			TH_LOG("%s: log is %s", cases[i].name, log_buf);
		}
		EXPECT_TRUE(logged("qtee: invoke refused: "));
		EXPECT_EQ(objs, qtee_obj_count(&k->e.objs));
		qtee_heap_info(&k->e.heap, &hi);
		EXPECT_EQ(used, hi.used);
		EXPECT_EQ(0ULL, k->e.invokes);
		EXPECT_EQ(1ULL, k->e.refused);
		EXPECT_CLEAN(k);
		free(in);
		free(out);
		k_free(k);
	}
}

TEST(short_and_overlapping_buffers_refused)
{
	struct kern *k = k_new();
	uint8_t *buf = calloc(1, 2 * PAGE);
	struct qtee_bufs b = {
		.in = buf, .in_pa = (uintptr_t)buf, .in_size = 11,
		.out = buf + PAGE, .out_pa = (uintptr_t)buf + PAGE,
		.out_size = PAGE,
	};
	struct qtee_answer ans;

	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_invoke(&k->e, &b, &ans));
	EXPECT_TRUE(logged("shorter than its header"));
	b.in_size = PAGE + 8;		/* runs into the outbound buffer */
	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_invoke(&k->e, &b, &ans));
	EXPECT_TRUE(logged("inbound and outbound buffers overlap"));
	EXPECT_CLEAN(k);
	free(buf);
	k_free(k);
}

TEST(malformed_linux_inputs_refused)
{
	struct kern *k = k_new();
	uint32_t held;
	struct call c = {
		.cxt = QTEE_OBJ_ROOT, .op = QTEE_ROOT_OP_REGISTER,
		.counts = qtee_counts_pack(0, 0, 1, 1),
		.io = { QTEE_OBJ_PRIMORDIAL },
	};
	struct call two = {
		.cxt = QTEE_OBJ_ROOT, .op = QTEE_ROOT_OP_REGISTER,
		.counts = qtee_counts_pack(0, 0, 2, 1),
	};
	struct call again = {
		.cxt = QTEE_OBJ_ROOT, .op = QTEE_ROOT_OP_REGISTER,
		.counts = qtee_counts_pack(0, 0, 1, 1),
	};
	uint32_t env;

	EXPECT_EQ(SCM_EINVAL_ARG, do_call(k, &c));
	EXPECT_TRUE(logged("the primordial object as an input object"));
	two.io[0] = two.io[1] = k_give(k);
	EXPECT_EQ(SCM_EINVAL_ARG, do_call(k, &two));
	EXPECT_TRUE(logged("the same Linux object twice"));
	EXPECT_EQ(0U, k->nns);
	/* An id QTEE holds already (the credentials of a client env). */
	held = k_give(k);
	env = k_env(k, QTEE_ROOT_OP_REGISTER, held);
	ASSERT_NE(0U, env);
	again.io[0] = held;
	/* Not through k_end(): the kernel would not put the env's id. */
	EXPECT_EQ(SCM_EINVAL_ARG, k_start(k, &again));
	free(again.in);
	free(again.out);
	EXPECT_TRUE(logged("an input object QTEE already holds"));
	EXPECT_TRUE(k_holds(k, held));	/* still QTEE's */
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_FALSE(k_holds(k, held));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* -- The heap. -- */

TEST(heap_alloc_free_coalesce)
{
	static uint8_t arena[4096] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_heap_info hi;
	const char *why;
	void *a, *b, *c;

	qtee_heap_init(&h, arena, sizeof(arena));
	qtee_heap_info(&h, &hi);
	EXPECT_EQ(4096U, hi.total);
	EXPECT_EQ(16U, hi.overhead);
	EXPECT_EQ(4080U, hi.free);
	EXPECT_EQ(4080U, hi.largest_free);
	a = qtee_heap_alloc(&h, 1);
	b = qtee_heap_alloc(&h, 100);
	c = qtee_heap_alloc(&h, 16);
	ASSERT_TRUE(a && b && c);
	EXPECT_EQ(0U, (uintptr_t)a % 16);
	EXPECT_EQ(0U, (uintptr_t)b % 16);
	qtee_heap_info(&h, &hi);
	EXPECT_EQ(117U, hi.used);
	EXPECT_EQ(15U + 12U, hi.wasted);
	EXPECT_EQ(4U * 16, hi.overhead);
	EXPECT_EQ(hi.total, hi.used + hi.wasted + hi.overhead + hi.free);
	EXPECT_EQ(0, qtee_heap_check(&h, &why));
	/* Free the middle, then its neighbours: one block again. */
	EXPECT_EQ(0, qtee_heap_free(&h, b));
	EXPECT_EQ(0, qtee_heap_check(&h, &why));
	EXPECT_EQ(0, qtee_heap_free(&h, a));
	EXPECT_EQ(0, qtee_heap_check(&h, &why));
	EXPECT_EQ(0, qtee_heap_free(&h, c));
	EXPECT_EQ(0, qtee_heap_check(&h, &why)) {
		TH_LOG("%s", why);
	}
	qtee_heap_info(&h, &hi);
	EXPECT_EQ(0U, hi.used);
	EXPECT_EQ(16U, hi.overhead);
	EXPECT_EQ(4080U, hi.largest_free);
	EXPECT_EQ(3ULL, h.frees);
}

TEST(heap_exhaustion_and_bad_frees)
{
	static uint8_t arena[1024 + 8] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_heap_info hi;
	uint8_t local;
	void *a, *b;

	/* An unaligned arena loses its head. */
	qtee_heap_init(&h, arena + 8, 1024);
	EXPECT_EQ(1008U, h.size);
	EXPECT_EQ(NULL, qtee_heap_alloc(&h, 0));
	EXPECT_EQ(NULL, qtee_heap_alloc(&h, 993));
	a = qtee_heap_alloc(&h, 992);	/* exactly all of it */
	ASSERT_NE(NULL, a);
	EXPECT_EQ(NULL, qtee_heap_alloc(&h, 1));
	EXPECT_EQ(3ULL, h.failures);
	EXPECT_EQ(-1, qtee_heap_free(&h, &local));
	EXPECT_EQ(-1, qtee_heap_free(&h, (uint8_t *)a + 16));
	EXPECT_EQ(0, qtee_heap_free(&h, a));
	EXPECT_EQ(-1, qtee_heap_free(&h, a));	/* twice */
	EXPECT_EQ(3ULL, h.bad_frees);
	EXPECT_EQ(0, qtee_heap_free(&h, NULL));
	/* A remainder below 32 bytes is not split off: wasted. */
	b = qtee_heap_alloc(&h, 970);
	ASSERT_NE(NULL, b);
	qtee_heap_info(&h, &hi);
	EXPECT_EQ(970U, hi.used);
	EXPECT_EQ(22U, hi.wasted);
	EXPECT_EQ(16U, hi.overhead);
	EXPECT_EQ(0U, hi.free);
	EXPECT_EQ(hi.total, hi.used + hi.wasted + hi.overhead + hi.free);
}

TEST(heap_random_ops_keep_the_identity)
{
	static uint8_t arena[64 << 10] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_heap_info hi;
	void *live[64] = { 0 };
	const char *why;
	unsigned int i, j;

	qtee_heap_init(&h, arena, sizeof(arena));
	for (i = 0; i < 5000; i++) {
		j = rnd() % 64;
		if (live[j]) {
			ASSERT_EQ(0, qtee_heap_free(&h, live[j]));
			live[j] = NULL;
		} else {
			live[j] = qtee_heap_alloc(&h, 1 + rnd() % 3000);
		}
		ASSERT_EQ(0, qtee_heap_check(&h, &why)) {
			TH_LOG("op %u: %s", i, why);
		}
		qtee_heap_info(&h, &hi);
		ASSERT_EQ(hi.total,
			  hi.used + hi.wasted + hi.overhead + hi.free);
		ASSERT_LE(hi.largest_free, hi.free);
	}
	for (j = 0; j < 64; j++)
		qtee_heap_free(&h, live[j]);
	qtee_heap_info(&h, &hi);
	EXPECT_EQ(0U, hi.used);
	EXPECT_EQ(sizeof(arena) - 16, hi.largest_free);
}

/* -- The object table. -- */

TEST(object_refcounts)
{
	static uint8_t arena[16384] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_objtab t;
	struct qtee_object *ctl, *ta;
	uint32_t ta_id;

	qtee_heap_init(&h, arena, sizeof(arena));
	qtee_objtab_init(&t, &h);
	ta = qtee_obj_new(&t, QTEE_KIND_EXAMPLE_TA);
	ctl = qtee_obj_new(&t, QTEE_KIND_APP_CONTROLLER);
	ASSERT_TRUE(ta && ctl);
	EXPECT_EQ(QTEE_OBJ_FIRST, ta->id);
	EXPECT_EQ(QTEE_OBJ_FIRST + 1, ctl->id);
	ta_id = ta->id;
	ctl->u.ctl.app = ta;		/* ta's creator reference */
	qtee_obj_give(ctl);		/* to Linux */
	qtee_obj_put(&t, ctl);
	EXPECT_EQ(ctl, qtee_obj_find(&t, ctl->id));
	/* Linux gets the app twice: two ids to release. */
	qtee_obj_give(ta);
	qtee_obj_give(ta);
	EXPECT_EQ(2U, qtee_obj_linux_count(&t));
	EXPECT_EQ(0, qtee_obj_release(&t, ctl));	/* ctl dies */
	EXPECT_EQ(NULL, qtee_obj_find(&t, QTEE_OBJ_FIRST + 1));
	EXPECT_TRUE(logged("qtee: object 0x00000101 app_controller destroyed"));
	EXPECT_EQ(ta, qtee_obj_find(&t, ta_id));	/* Linux still has it */
	EXPECT_EQ(0, qtee_obj_release(&t, ta));
	EXPECT_EQ(0, qtee_obj_release(&t, ta));
	EXPECT_EQ(NULL, qtee_obj_find(&t, ta_id));
	EXPECT_EQ(0U, qtee_obj_count(&t));
	EXPECT_EQ(2ULL, t.destroyed);
	EXPECT_EQ(0U, h.used);
}

TEST(object_release_exactly_once)
{
	static uint8_t arena[16384] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_objtab t;
	struct qtee_object *o;

	qtee_heap_init(&h, arena, sizeof(arena));
	qtee_objtab_init(&t, &h);
	o = qtee_obj_new(&t, QTEE_KIND_DIAGNOSTICS);
	qtee_obj_give(o);
	qtee_obj_get(o);		/* an invocation */
	qtee_obj_put(&t, o);		/* the creator */
	EXPECT_EQ(0, qtee_obj_release(&t, o));
	EXPECT_EQ(-1, qtee_obj_release(&t, o));	/* no second release */
	EXPECT_EQ(o, qtee_obj_find(&t, o->id));	/* the invocation's */
	qtee_obj_put(&t, o);
	EXPECT_EQ(0U, qtee_obj_count(&t));
}

TEST(object_ids_and_table_limit)
{
	static uint8_t arena[64 << 10] __attribute__((aligned(16)));
	struct qtee_heap h;
	struct qtee_objtab t;
	struct qtee_object *o[QTEE_MAX_OBJECTS];
	unsigned int i;

	qtee_heap_init(&h, arena, sizeof(arena));
	qtee_objtab_init(&t, &h);
	for (i = 0; i < QTEE_MAX_OBJECTS; i++)
		ASSERT_NE(NULL, o[i] = qtee_obj_new(&t, QTEE_KIND_DIAGNOSTICS));
	EXPECT_EQ(NULL, qtee_obj_new(&t, QTEE_KIND_DIAGNOSTICS));
	EXPECT_TRUE(logged("qtee: object table full"));
	/* Wrapping ids skip live ones. */
	t.next_id = QTEE_OBJ_LAST;
	qtee_obj_put(&t, o[1]);
	o[1] = qtee_obj_new(&t, QTEE_KIND_DIAGNOSTICS);
	EXPECT_EQ(QTEE_OBJ_LAST, o[1]->id);
	qtee_obj_put(&t, o[2]);
	o[2] = qtee_obj_new(&t, QTEE_KIND_DIAGNOSTICS);
	EXPECT_EQ(QTEE_OBJ_FIRST + 1, o[2]->id);	/* 0x100 is live */
}

TEST(linux_objects_released_exactly_once)
{
	struct qtee_objtab t;
	uint32_t ids[8];
	unsigned int i;

	qtee_objtab_init(&t, NULL);
	EXPECT_EQ(-1, qtee_ns_take(&t, 0x100, QTEE_NS_INPUT));
	EXPECT_EQ(-1, qtee_ns_take(&t, QTEE_OBJ_PRIMORDIAL, QTEE_NS_INPUT));
	EXPECT_EQ(0, qtee_ns_take(&t, 0x80000005, QTEE_NS_INPUT));
	EXPECT_EQ(-1, qtee_ns_take(&t, 0x80000005, QTEE_NS_INPUT));
	EXPECT_EQ(0, qtee_ns_take(&t, 0x80000006, QTEE_NS_MEMORY));
	EXPECT_EQ(0, qtee_ns_take(&t, 0x80000007, QTEE_NS_INPUT));
	qtee_ns_set_what(&t, 0x80000007, QTEE_NS_CREDENTIALS);
	EXPECT_EQ(0, qtee_ns_release(&t, 0x80000006));
	EXPECT_EQ(-1, qtee_ns_release(&t, 0x80000006));	/* queued */
	EXPECT_EQ(-1, qtee_ns_release(&t, 0x80000009));	/* unknown */
	EXPECT_EQ(2ULL, t.errors);
	EXPECT_EQ(0, qtee_ns_release(&t, 0x80000007));
	EXPECT_TRUE(qtee_ns_known(&t, 0x80000006));
	EXPECT_FALSE(qtee_ns_held(&t, 0x80000006));
	/* Queued ids cannot come back until Linux has been told. */
	EXPECT_EQ(-1, qtee_ns_take(&t, 0x80000006, QTEE_NS_INPUT));
	EXPECT_EQ(3U, qtee_ns_count(&t));
	EXPECT_EQ(2U, qtee_ns_queued(&t));
	/* Oldest first. */
	EXPECT_EQ(1U, qtee_ns_pop(&t, ids, 1));
	EXPECT_EQ(0x80000006U, ids[0]);
	EXPECT_TRUE(logged("qtee: async release of linux object 0x80000006 (memory)"));
	EXPECT_EQ(1U, qtee_ns_pop(&t, ids, 8));
	EXPECT_EQ(0x80000007U, ids[0]);
	EXPECT_TRUE(logged("qtee: async release of linux object 0x80000007 (credentials)"));
	EXPECT_EQ(0U, qtee_ns_pop(&t, ids, 8));
	EXPECT_EQ(1U, qtee_ns_count(&t));
	EXPECT_EQ(0, qtee_ns_release(&t, 0x80000005));
	EXPECT_EQ(1U, qtee_ns_pop(&t, ids, 8));
	EXPECT_EQ(0U, qtee_ns_count(&t));
	/* The table fills up. */
	for (i = 0; i < QTEE_MAX_NS; i++)
		EXPECT_EQ(0, qtee_ns_take(&t, 0x80001000 + i, QTEE_NS_INPUT));
	EXPECT_EQ(-1, qtee_ns_take(&t, 0x80002000, QTEE_NS_INPUT));
	EXPECT_EQ(0U, qtee_ns_free(&t));
}

/* -- TA images. -- */

TEST(ta_images_from_mkta)
{
	char path[512], line[512];
	unsigned int n = 0, ok = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/manifest.tsv", QTEE_TA_DIR);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		char *name = strtok(line, "\t\n"), *expect, *reason;
		struct qtee_ta_layout lay;
		const char *why = "";
		uint8_t *img;
		size_t len;
		int ret;

		if (!name || name[0] == '#')
			continue;
		expect = strtok(NULL, "\t\n");
		reason = strtok(NULL, "\t\n");
		img = read_file(name, &len);
		ASSERT_NE(NULL, img);
		ret = qtee_ta_check(img, len < QTEE_TA_HDRS_MAX ?
					 len : QTEE_TA_HDRS_MAX,
				    len, &lay, &why);
		if (!strcmp(expect, "ok")) {
			EXPECT_EQ(0, ret) {
				TH_LOG("%s: %s", name, why);
			}
			EXPECT_GE(lay.nload, 1U);
			ok++;
		} else {
			EXPECT_EQ(-1, ret) {
				TH_LOG("%s accepted", name);
			}
			EXPECT_STREQ(reason, why);
		}
		n++;
		free(img);
	}
	fclose(f);
	EXPECT_GE(n, 19U);
	EXPECT_EQ(3U, ok);
}

TEST(ta_load_copies_segments)
{
	struct qtee_ta_layout lay;
	const char *why;
	uint8_t *img, *mem;
	size_t len;

	img = read_file(TA_NAME, &len);
	ASSERT_NE(NULL, img);
	EXPECT_EQ(8224U, len);
	ASSERT_EQ(0, qtee_ta_check(img, len, len, &lay, &why));
	EXPECT_EQ(0U, lay.base);
	EXPECT_EQ(0x1100U, lay.span);
	EXPECT_EQ(2U, lay.nload);
	mem = calloc(1, lay.span);
	qtee_ta_load(mem, img, img, &lay);
	EXPECT_EQ(0, memcmp(mem, img + 0x1000, 64));		/* text */
	EXPECT_EQ(0, memcmp(mem + 0x1000, "tzsim example TA", 16));
	EXPECT_EQ(0, mem[0x1020]);				/* bss */
	free(mem);
	free(img);
}

/*
 * The real quic-teec image (not in the tree): QTEE_REAL_TA names it;
 * scripts/check.py unpacks it from the vendored tarball
 * (scripts/quic-teec.sh --ta-only). Without it the test fails.
 */
TEST(ta_real_quic_teec_image)
{
	const char *path = getenv("QTEE_REAL_TA");
	struct qtee_ta_layout lay;
	const char *why = "";
	uint8_t img[65536];
	size_t len;
	FILE *f;

	ASSERT_NE(NULL, path) {
		TH_LOG("QTEE_REAL_TA must name quic-teec's TA image");
	}
	f = fopen(path, "rb");
	ASSERT_NE(NULL, f) {
		TH_LOG("cannot open %s", path);
	}
	len = fread(img, 1, sizeof(img), f);
	fclose(f);
	EXPECT_EQ(0, qtee_ta_check(img, len < 4096 ? len : 4096, len, &lay,
				   &why)) {
		TH_LOG("%s", why);
	}
}

TEST(ta_add_saturates)
{
	EXPECT_EQ(5U, qtee_ta_add(2, 3));
	EXPECT_EQ(UINT32_MAX, qtee_ta_add(UINT32_MAX, 1));
	EXPECT_EQ(UINT32_MAX, qtee_ta_add(0x80000000, 0x80000000));
	EXPECT_EQ(UINT32_MAX, qtee_ta_add(UINT32_MAX - 1, 1));
	EXPECT_EQ(UINT32_MAX - 1, qtee_ta_add(UINT32_MAX - 2, 1));
}

/* -- The engine, against the fake kernel. -- */

TEST(probe_sequence)
{
	struct kern *k = k_new();
	uint32_t env, fv, feature = QTEE_FEATURE_QTEE_ID, v;
	struct call get = {
		.op = QTEE_FEATURE_VERSIONS_OP_GET,
		.counts = qtee_counts_pack(1, 1, 0, 0),
		.ib = { &feature }, .ib_size = { 4 }, .ob_size = { 4 },
	};

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, QTEE_OBJ_NULL);
	ASSERT_NE(0U, env);
	EXPECT_FALSE(qtee_id_is_ns(env));
	fv = k_open(k, env, QTEE_UID_FEATURE_VERSIONS);
	ASSERT_NE(0U, fv);
	get.cxt = fv;
	EXPECT_EQ(SCM_OK, do_call(k, &get));
	EXPECT_EQ(0, get.result);
	EXPECT_EQ(NULL, get.bad);
	EXPECT_EQ(4U, get.ob_len[0]);
	v = get32(get.ob[0]);
	EXPECT_EQ(3U, (v >> 22) & 0xff);	/* "QTEE version 3.14.265" */
	EXPECT_EQ(14U, (v >> 12) & 0xff);
	EXPECT_EQ(265U, v & 0xfff);
	EXPECT_EQ(0, k_release(k, fv));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_TRUE(logged("qtee: invoke #1 obj=0x00000001 root op=0x5 counts=0x1100 result=0 callbacks=0"));
	EXPECT_TRUE(logged("qtee: invoke #2 obj=0x00000100 client_env op=0x0 counts=0x1001 result=0 callbacks=0"));
	EXPECT_TRUE(logged("qtee: invoke #3 obj=0x00000101 feature_versions op=0x0 counts=0x0011 result=0 callbacks=0"));
	EXPECT_TRUE(logged("qtee: invoke #4 obj=0x00000101 feature_versions op=0xffff counts=0x0000 result=0 callbacks=0"));
	EXPECT_TRUE(logged("qtee: object 0x00000100 client_env destroyed"));
	EXPECT_EQ(5U, log_count("qtee: invoke #"));	/* one line each */
	EXPECT_CLEAN(k);
	log_reset();
	qtee_engine_report(&k->e);
	EXPECT_TRUE(logged("qtee: live objects at power-off: qtee=0 linux=0\n"));
	EXPECT_TRUE(logged("counter qtee.root calls=1 errors=0 callbacks=0 releases=0"));
	EXPECT_TRUE(logged("counter qtee.feature_versions calls=2 errors=0 callbacks=0 releases=1"));
	EXPECT_TRUE(logged("counter qtee invokes=5 refused=0 completed=5 abandoned=0"));
	EXPECT_FALSE(logged("live at power-off"));
	k_free(k);
}

TEST(report_lists_what_is_live)
{
	struct kern *k = k_new();
	uint32_t creds = k_give(k), env;

	env = k_env(k, QTEE_ROOT_OP_REGISTER, creds);
	ASSERT_NE(0U, env);
	log_reset();
	qtee_engine_report(&k->e);
	EXPECT_TRUE(logged("qtee: live objects at power-off: qtee=1 linux=1\n"));
	EXPECT_TRUE(logged("qtee: live at power-off: qtee object 0x00000100 client_env linux_refs=1 internal_refs=0"));
	EXPECT_TRUE(logged("qtee: live at power-off: linux object 0x80000001 (credentials)"));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(diagnostics_sleeps_then_reports_the_heap)
{
	struct kern *k = k_new();
	uint32_t env, diag;
	struct call q = {
		.op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
		.counts = qtee_counts_pack(0, 1, 0, 0), .ob_size = { 24 },
	};
	uint32_t total, used, free_, overhead, wasted, largest;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	ASSERT_NE(0U, diag);
	q.cxt = diag;
	EXPECT_EQ(SCM_OK, do_call(k, &q));
	EXPECT_EQ(0, q.result);
	EXPECT_EQ(1U, q.callbacks);
	EXPECT_EQ(1U, k->sleeps);
	EXPECT_EQ((uint32_t)QTEE_DIAG_SLEEP_MS, k->sleep_ms);
	EXPECT_EQ(QTEE_PRIMORDIAL_OP_SLEEP, k->last_cb.op);
	EXPECT_EQ(0x1U, k->last_cb.args.counts);
	EXPECT_EQ(24U, q.ob_len[0]);
	total = get32(q.ob[0]);
	used = get32(q.ob[0] + 4);
	free_ = get32(q.ob[0] + 8);
	overhead = get32(q.ob[0] + 12);
	wasted = get32(q.ob[0] + 16);
	largest = get32(q.ob[0] + 20);
	EXPECT_EQ(QTEE_HEAP_SIZE, total);
	EXPECT_EQ(total, used + free_ + overhead + wasted);
	/* Two objects and the invocation itself. */
	EXPECT_EQ(2 * sizeof(struct qtee_object) + sizeof(struct qtee_inv),
		  used);
	EXPECT_LE(largest, free_);
	EXPECT_TRUE(logged("qtee: callback #1 of invoke #3: obj=0x80000000 op=0x2 counts=0x0001"));
	EXPECT_TRUE(logged("qtee: callback #1 answered: result=0"));
	EXPECT_TRUE(logged("qtee: invoke #3 obj=0x00000101 diagnostics op=0x0 counts=0x0010 result=0 callbacks=1"));
	/* OB too small. */
	q.ob_size[0] = 20;
	q.in_size = 0;
	EXPECT_EQ(SCM_OK, do_call(k, &q));
	EXPECT_EQ(QTEE_SIZE_OUT, q.result);
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* Load @file from a buffer; the controller or 0 with *@result. */
static uint32_t load_buffer(struct kern *k, uint32_t loader,
			    const uint8_t *img, size_t len, int32_t *result)
{
	struct call c = {
		.cxt = loader, .op = QTEE_APP_LOADER_OP_LOAD_FROM_BUFFER,
		.counts = qtee_counts_pack(1, 0, 0, 1),
		.ib = { img }, .ib_size = { (uint32_t)len },
	};

	if (do_call(k, &c) != SCM_OK) {
		*result = INT32_MIN;
		return 0;
	}
	*result = c.result;
	return c.result || c.bad ? 0 : c.oo[0];
}

static uint32_t get_app(struct kern *k, uint32_t ctl)
{
	struct call c = {
		.cxt = ctl, .op = QTEE_APP_CONTROLLER_OP_GET_APP_OBJECT,
		.counts = qtee_counts_pack(0, 0, 0, 1),
	};

	if (do_call(k, &c) != SCM_OK || c.result || c.bad)
		return 0;
	return c.oo[0];
}

static int32_t add(struct kern *k, uint32_t ta, uint32_t a, uint32_t b,
		   uint32_t *sum)
{
	uint32_t in[2] = { a, b };
	struct call c = {
		.cxt = ta, .op = QTEE_EXAMPLE_TA_OP_ADD,
		.counts = qtee_counts_pack(1, 1, 0, 0),
		.ib = { in }, .ib_size = { 8 }, .ob_size = { 4 },
	};

	if (do_call(k, &c) != SCM_OK)
		return INT32_MIN;
	*sum = get32(c.ob[0]);
	return c.result;
}

TEST(load_from_buffer_yields_then_adds)
{
	struct kern *k = k_new();
	uint32_t env, loader, ctl, ta, ta2, sum = 0;
	int32_t result;
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	ASSERT_NE(NULL, img);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	ASSERT_NE(0U, loader);
	ctl = load_buffer(k, loader, img, len, &result);
	ASSERT_NE(0U, ctl) {
		TH_LOG("result %d", result);
	}
	EXPECT_EQ(1U, k->yields);
	EXPECT_TRUE(logged("qtee: app loaded: image 8224 bytes, 2 loadable segments, 4352 bytes"));
	ta = get_app(k, ctl);
	ta2 = get_app(k, ctl);
	ASSERT_NE(0U, ta);
	EXPECT_EQ(ta, ta2);		/* the same object, two references */
	EXPECT_EQ(0, add(k, ta, 40, 2, &sum));
	EXPECT_EQ(42U, sum);
	EXPECT_EQ(0, add(k, ta, UINT32_MAX - 1, 7, &sum));
	EXPECT_EQ(UINT32_MAX, sum);
	/* Release the controller first: the app lives on. */
	EXPECT_EQ(0, k_release(k, ctl));
	EXPECT_EQ(0, add(k, ta2, 1, 1, &sum));
	EXPECT_EQ(2U, sum);
	EXPECT_EQ(0, k_release(k, ta));
	EXPECT_EQ(0, k_release(k, ta2));
	EXPECT_EQ(QTEE_BADOBJ, k_release(k, ta));	/* a third time */
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_TRUE(logged("obj=0x00000101 app_loader op=0x0 counts=0x1001 result=0 callbacks=1"));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(load_from_buffer_refuses_bad_images)
{
	struct kern *k = k_new();
	uint32_t env, loader;
	int32_t result;
	uint8_t *img;
	size_t len;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	img = read_file("ta-x86.mbn", &len);
	ASSERT_NE(NULL, img);
	EXPECT_EQ(0U, load_buffer(k, loader, img, len, &result));
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, result);
	EXPECT_TRUE(logged("qtee: app loader: image of 8224 bytes refused: e_machine is not AArch64"));
	EXPECT_EQ(0U, k->yields);
	free(img);
	img = read_file("ta-short.mbn", &len);
	EXPECT_EQ(0U, load_buffer(k, loader, img, len, &result));
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, result);
	free(img);
	/* An empty IB. */
	EXPECT_EQ(0U, load_buffer(k, loader, NULL, 0, &result));
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, result);
	/* A span of 256 KiB fits QTEE's heap. */
	img = read_file("ta-max-span.mbn", &len);
	result = -1;
	EXPECT_NE(0U, load_buffer(k, loader, img, len, &result));
	EXPECT_EQ(0, result);
	free(img);
	EXPECT_EQ(0, k_release(k, QTEE_OBJ_FIRST + 3));	/* its controller */
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* loadFromRegion of @img through a memory object. */
static struct call region_call(struct kern *k, uint32_t loader,
			       const uint8_t *img, size_t len)
{
	struct call c = {
		.cxt = loader, .op = QTEE_APP_LOADER_OP_LOAD_FROM_REGION,
		.counts = qtee_counts_pack(0, 0, 1, 1),
	};

	free(k->region);
	k->region_len = ALIGN_UP(len, PAGE);
	k->region = calloc(1, k->region_len);
	memcpy(k->region, img, len);
	c.io[0] = k_give(k);
	return c;
}

TEST(load_from_region_maps_and_releases_in_the_tail)
{
	struct kern *k = k_new();
	uint32_t env, loader, ta, sum, mem, map;
	struct call c;
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	c = region_call(k, loader, img, len);
	mem = c.io[0];
	/* Step by step: MAP_REGION, then YIELD carrying the releases. */
	ASSERT_EQ(SCM_OK, k_start(k, &c));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, c.ans.type);
	EXPECT_EQ(QTEE_OBJ_PRIMORDIAL, get32(c.out + 4));
	EXPECT_EQ((uint32_t)QTEE_PRIMORDIAL_OP_MAP_REGION, get32(c.out + 8));
	EXPECT_EQ(0x1110U, get32(c.out + 12));
	EXPECT_EQ(mem, get32(c.out + qtee_slot_offset(QTEE_CB_HDR, 1)));
	EXPECT_EQ(1U, qtee_engine_open_count(&k->e));
	ASSERT_EQ(SCM_OK, k_step(k, &c));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, c.ans.type);
	EXPECT_EQ(1U, k->maps);
	map = k->given[0];
	/* YIELD (16 bytes), the two releases at the tail: 12 + 8 -> 24. */
	EXPECT_EQ((uint32_t)QTEE_PRIMORDIAL_OP_YIELD, get32(c.out + 8));
	EXPECT_EQ(QTEE_ASYNC_VERSION, get32(c.out + 16));
	EXPECT_EQ(2U, get32(c.out + 24));
	EXPECT_EQ(mem, get32(c.out + 28));
	EXPECT_EQ(map, get32(c.out + 32));
	EXPECT_EQ(0U, get32(c.out + 40));	/* terminator */
	ASSERT_EQ(SCM_OK, k_step(k, &c));
	EXPECT_EQ(QTEE_RESP_DONE, c.ans.type);
	EXPECT_EQ(0, c.ans.result);
	/* The kernel parsed the tail when the YIELD came. */
	EXPECT_FALSE(k_holds(k, mem));
	EXPECT_FALSE(k_holds(k, map));
	k_end(k, &c);
	EXPECT_EQ(NULL, c.bad);
	EXPECT_EQ(2U, c.callbacks);
	EXPECT_EQ(2U, k->released);
	EXPECT_EQ(2U, k->released_in_cb);
	EXPECT_TRUE(logged("(memory)"));
	EXPECT_TRUE(logged("(mapping)"));
	EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
	ta = get_app(k, c.oo[0]);
	EXPECT_EQ(0, add(k, ta, 20, 22, &sum));
	EXPECT_EQ(42U, sum);
	EXPECT_EQ(0, k_release(k, ta));
	EXPECT_EQ(0, k_release(k, c.oo[0]));
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(load_from_region_failures_still_release)
{
	struct kern *k = k_new();
	uint32_t env, loader;
	struct call c;
	uint8_t *img;
	size_t len;

	img = read_file("ta-magic.mbn", &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	/* A bad image: both objects back in the final response. */
	c = region_call(k, loader, img, len);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, c.result);
	EXPECT_EQ(1U, c.callbacks);
	EXPECT_EQ(0U, k->nns);
	/* The region cannot be read. */
	free(img);
	img = read_file(TA_NAME, &len);
	c = region_call(k, loader, img, len);
	map_fails = true;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	map_fails = false;
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, c.result);
	EXPECT_TRUE(logged("not accessible"));
	/* No read permission. */
	c = region_call(k, loader, img, len);
	k->perms = QTEE_PERM_W;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_APP_LOADER_ERR_INVALID_BUFFER, c.result);
	k->perms = QTEE_PERM_R;
	/* MAP_REGION fails: its result is the load's. */
	c = region_call(k, loader, img, len);
	k->cb_force_set = true;
	k->cb_force = QTEE_UNAVAIL;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_UNAVAIL, c.result);
	k->cb_force_set = false;
	/* Not a Linux object. */
	c = region_call(k, loader, img, len);
	k_take_back(k, c.io[0]);
	c.io[0] = QTEE_OBJ_NULL;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	EXPECT_EQ(0U, k->nns);
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(credentials_released_with_the_client_env)
{
	struct kern *k = k_new();
	uint32_t creds = k_give(k), env, diag;

	env = k_env(k, QTEE_ROOT_OP_REGISTER, creds);
	ASSERT_NE(0U, env);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	ASSERT_NE(0U, diag);
	EXPECT_TRUE(k_holds(k, creds));
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_TRUE(k_holds(k, creds));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_FALSE(k_holds(k, creds));
	EXPECT_TRUE(logged("qtee: async release of linux object 0x80000001 (credentials)"));
	/* Register with NULL credentials: an anonymous client. */
	env = k_env(k, QTEE_ROOT_OP_REGISTER, QTEE_OBJ_NULL);
	EXPECT_NE(0U, env);
	k_release(k, env);
	/* A QTEE object is no credentials object. */
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	EXPECT_EQ(0U, k_env(k, QTEE_ROOT_OP_REGISTER, env));
	EXPECT_EQ(0U, k_env(k, QTEE_ROOT_OP_REGISTER, 0x7777));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(results_of_bad_calls)
{
	struct kern *k = k_new();
	uint32_t env, fv, uid = 42, feature = 11, v = 10, big[2] = { 1, 2 };
	uint32_t creds;
	struct call c;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	fv = k_open(k, env, QTEE_UID_FEATURE_VERSIONS);
	/* Unknown object: BADOBJ, and its Linux inputs are given back. */
	creds = k_give(k);
	c = (struct call){
		.cxt = 0x4242, .op = 0, .counts = qtee_counts_pack(0, 0, 1, 0),
		.io = { creds },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_BADOBJ, c.result);
	EXPECT_FALSE(k_holds(k, creds));
	EXPECT_TRUE(logged("obj=0x00004242 unknown op=0x0 counts=0x0100 result=-92"));
	/* Unknown op, wrong counts: INVALID. */
	c = (struct call){ .cxt = QTEE_OBJ_ROOT, .op = 4 };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	c = (struct call){ .cxt = env, .op = 0,
			   .counts = qtee_counts_pack(1, 0, 0, 0),
			   .ib = { &uid }, .ib_size = { 4 } };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	/* Unknown uid. */
	EXPECT_EQ(0U, k_open(k, env, uid));
	EXPECT_TRUE(logged("no service with uid 42"));
	/* IB of the wrong size: SIZE_IN; OB too small: SIZE_OUT. */
	c = (struct call){ .cxt = env, .op = 0,
			   .counts = qtee_counts_pack(1, 0, 0, 1),
			   .ib = { big }, .ib_size = { 8 } };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_SIZE_IN, c.result);
	c = (struct call){ .cxt = fv, .op = 0,
			   .counts = qtee_counts_pack(1, 1, 0, 0),
			   .ib = { &v }, .ib_size = { 4 }, .ob_size = { 2 } };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_SIZE_OUT, c.result);
	/* An unknown feature. */
	c = (struct call){ .cxt = fv, .op = 0,
			   .counts = qtee_counts_pack(1, 1, 0, 0),
			   .ib = { &feature }, .ib_size = { 4 },
			   .ob_size = { 4 } };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	/* RELEASE with arguments, of root. */
	c = (struct call){ .cxt = fv, .op = QTEE_OP_RELEASE,
			   .counts = qtee_counts_pack(0, 1, 0, 0),
			   .ob_size = { 4 } };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	EXPECT_EQ(QTEE_INVALID, k_release(k, QTEE_OBJ_ROOT));
	/* RETAIN: one more id to release. */
	c = (struct call){ .cxt = fv, .op = QTEE_OP_RETAIN };
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(0, k_release(k, fv));
	EXPECT_EQ(0, k_release(k, fv));
	EXPECT_EQ(QTEE_BADOBJ, k_release(k, fv));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(callback_error_fails_the_op_and_drops_its_objects)
{
	struct kern *k = k_new();
	uint32_t env, loader;
	int32_t result;
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	k->cb_force_set = true;
	k->cb_force = QTEE_UNAVAIL;
	EXPECT_EQ(0U, load_buffer(k, loader, img, len, &result));
	EXPECT_EQ(QTEE_UNAVAIL, result);
	/* The TA and its controller never reached Linux. */
	EXPECT_EQ(2U, qtee_obj_count(&k->e.objs));
	EXPECT_TRUE(logged("app_controller destroyed"));
	EXPECT_TRUE(logged("example_ta destroyed"));
	k->cb_force_set = false;
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

/* -- Continuations. -- */

TEST(two_open_invocations_matched_by_outbound_buffer)
{
	struct kern *k = k_new();
	uint32_t env, diag, loader, app, sum;
	struct call q = {
		.op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
		.counts = qtee_counts_pack(0, 1, 0, 0), .ob_size = { 24 },
	};
	struct call l;
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	q.cxt = diag;
	l = region_call(k, loader, img, len);
	ASSERT_EQ(SCM_OK, k_start(k, &q));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, q.ans.type);
	ASSERT_EQ(SCM_OK, k_start(k, &l));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, l.ans.type);
	EXPECT_EQ(2U, qtee_engine_open_count(&k->e));
	/* Meanwhile a third invocation runs to its end. */
	EXPECT_EQ(0, k_release(k, diag));
	/* The load's MAP_REGION first, then the Diagnostics' SLEEP. */
	ASSERT_EQ(SCM_OK, k_step(k, &l));
	EXPECT_EQ((uint32_t)QTEE_PRIMORDIAL_OP_YIELD, get32(l.out + 8));
	ASSERT_EQ(SCM_OK, k_step(k, &q));
	EXPECT_EQ(QTEE_RESP_DONE, q.ans.type);
	k_end(k, &q);
	EXPECT_EQ(0, q.result);
	EXPECT_EQ(24U, q.ob_len[0]);
	ASSERT_EQ(SCM_OK, k_step(k, &l));
	EXPECT_EQ(QTEE_RESP_DONE, l.ans.type);
	k_end(k, &l);
	EXPECT_EQ(0, l.result);
	EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
	app = get_app(k, l.oo[0]);
	EXPECT_EQ(QTEE_OBJ_FIRST + 3, app);	/* created before its controller */
	EXPECT_EQ(0, add(k, app, 1, 2, &sum));
	EXPECT_EQ(3U, sum);
	EXPECT_EQ(0, k_release(k, app));
	EXPECT_EQ(0, k_release(k, l.oo[0]));
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(callback_response_matching)
{
	struct kern *k = k_new();
	uint32_t env, diag;
	struct call q = {
		.op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
		.counts = qtee_counts_pack(0, 1, 0, 0), .ob_size = { 24 },
	};
	uint8_t *other = calloc(1, OUT_SIZE);
	struct qtee_bufs b;
	struct qtee_answer ans;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	q.cxt = diag;
	/* No invocation open: refused. */
	b = (struct qtee_bufs){ .out = other, .out_pa = (uintptr_t)other,
				.out_size = OUT_SIZE };
	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_cb_rsp(&k->e, &b, &ans));
	EXPECT_TRUE(logged("qtee: callback response refused: no open invocation has this outbound buffer (status -2)"));
	EXPECT_EQ(-1, qtee_engine_lookup(&k->e, (uintptr_t)other, &b));
	ASSERT_EQ(SCM_OK, k_start(k, &q));
	ASSERT_EQ(0, qtee_engine_lookup(&k->e, (uintptr_t)q.out, &b));
	EXPECT_EQ((uintptr_t)q.in, b.in_pa);
	EXPECT_EQ(q.in_size, b.in_size);
	EXPECT_EQ(OUT_SIZE, b.out_size);
	/* Another buffer does not match. */
	b = (struct qtee_bufs){ .out = other, .out_pa = (uintptr_t)other,
				.out_size = OUT_SIZE };
	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_cb_rsp(&k->e, &b, &ans));
	EXPECT_EQ(1U, qtee_engine_open_count(&k->e));
	/* The right one completes; then it is no longer open. */
	ASSERT_EQ(SCM_OK, k_step(k, &q));
	EXPECT_EQ(QTEE_RESP_DONE, q.ans.type);
	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_cb_rsp(&k->e, &q.b, &ans));
	k_end(k, &q);
	EXPECT_EQ(0, q.result);
	/* A size that is not the invoke's: refused and abandoned. */
	q.in_size = 0;
	ASSERT_EQ(SCM_OK, k_start(k, &q));
	q.b.out_size = OUT_SIZE - 8;
	EXPECT_EQ(SCM_EINVAL_ARG, qtee_engine_cb_rsp(&k->e, &q.b, &ans));
	EXPECT_TRUE(logged("abandoned after 1 callbacks: outbound size differs"));
	EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
	q.status = SCM_EINVAL_ARG;
	k_end(k, &q);
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(other);
	k_free(k);
}

TEST(outbound_reuse_abandons_the_stale_invocation)
{
	struct kern *k = k_new();
	uint32_t env, loader, mem;
	struct call l, q = {
		.cxt = QTEE_OBJ_ROOT, .op = QTEE_ROOT_OP_REG_WITH_CREDENTIALS,
		.counts = qtee_counts_pack(0, 0, 1, 1),
	};
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	l = region_call(k, loader, img, len);
	mem = l.io[0];
	ASSERT_EQ(SCM_OK, k_start(k, &l));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, l.ans.type);
	/* The kernel gave up on it (its CB_RSP failed): same outbound. */
	q.out = l.out;
	EXPECT_EQ(SCM_OK, do_call(k, &q));
	EXPECT_EQ(0, q.result);
	EXPECT_TRUE(logged("abandoned after 1 callbacks: its outbound buffer came with a new invoke"));
	/* The memory object came back in the new invoke's response. */
	EXPECT_FALSE(k_holds(k, mem));
	EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
	free(l.in);
	free(l.out);
	EXPECT_EQ(0, k_release(k, q.oo[0]));
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(at_most_16_open_invocations)
{
	struct kern *k = k_new();
	struct call q[QTEE_MAX_OPEN + 1];
	uint32_t env, diag;
	unsigned int i;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	for (i = 0; i <= QTEE_MAX_OPEN; i++) {
		q[i] = (struct call){
			.cxt = diag, .op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
			.counts = qtee_counts_pack(0, 1, 0, 0),
			.ob_size = { 24 },
		};
		k_start(k, &q[i]);
	}
	for (i = 0; i < QTEE_MAX_OPEN; i++)
		EXPECT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, q[i].ans.type);
	EXPECT_EQ(SCM_EBUSY, q[QTEE_MAX_OPEN].status);
	EXPECT_TRUE(logged("all invocation slots are waiting on callbacks"));
	k_end(k, &q[QTEE_MAX_OPEN]);
	for (i = 0; i < QTEE_MAX_OPEN; i++) {
		EXPECT_EQ(SCM_OK, k_step(k, &q[i]));
		k_end(k, &q[i]);
		EXPECT_EQ(0, q[i].result);
	}
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* -- Malformed callback responses. -- */

static void tamper_ob_size(struct kern *k, uint8_t *out)
{
	put32(out + qtee_slot_offset(QTEE_CB_HDR, 0) + 4, 21);
}

static void tamper_ob_offset(struct kern *k, uint8_t *out)
{
	put32(out + qtee_slot_offset(QTEE_CB_HDR, 0), 48);
}

static void tamper_oo_qtee(struct kern *k, uint8_t *out)
{
	put32(out + qtee_slot_offset(QTEE_CB_HDR, 2), QTEE_OBJ_FIRST);
}

static void tamper_oo_primordial(struct kern *k, uint8_t *out)
{
	put32(out + qtee_slot_offset(QTEE_CB_HDR, 2), QTEE_OBJ_PRIMORDIAL);
}

static void tamper_oo_held(struct kern *k, uint8_t *out)
{
	/* The memory object, which QTEE holds already. */
	put32(out + qtee_slot_offset(QTEE_CB_HDR, 2),
	      get32(out + qtee_slot_offset(QTEE_CB_HDR, 1)));
}

TEST(malformed_callback_responses_refused)
{
	static const struct {
		void (*fn)(struct kern *k, uint8_t *out);
		const char *why;
	} cases[] = {
		{ tamper_ob_size, "an OB is larger than QTEE asked for" },
		{ tamper_ob_offset, "an OB offset was changed" },
		{ tamper_oo_qtee, "an OO is not a new Linux object" },
		{ tamper_oo_primordial, "an OO is not a new Linux object" },
		{ tamper_oo_held, "an OO is a Linux object QTEE already holds" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kern *k = k_new();
		uint32_t env, loader;
		struct call c;
		uint8_t *img;
		size_t len;

		img = read_file(TA_NAME, &len);
		env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
		loader = k_open(k, env, QTEE_UID_APP_LOADER);
		c = region_call(k, loader, img, len);
		k->tamper = cases[i].fn;
		EXPECT_EQ(SCM_EINVAL_ARG, do_call(k, &c));
		k->tamper = NULL;
		EXPECT_TRUE(logged(cases[i].why)) {
			TH_LOG("case %u: %s", i, log_buf);
		}
		EXPECT_TRUE(logged("qtee: callback response refused: "));
		EXPECT_EQ(1ULL, k->e.cb_refused);
		EXPECT_EQ(1ULL, k->e.abandoned);
		EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
		/* The memory object comes back with the next response. */
		EXPECT_EQ(0, k_release(k, loader));
		EXPECT_EQ(0, k_release(k, env));
		EXPECT_CLEAN(k);
		free(img);
		k_free(k);
	}
}

/* -- Corruption. -- */

/* The probe's FeatureVersions get, after arming @kind at @nth. */
static struct call version_call(uint32_t fv, const uint32_t *feature)
{
	return (struct call){
		.cxt = fv, .op = QTEE_FEATURE_VERSIONS_OP_GET,
		.counts = qtee_counts_pack(1, 1, 0, 0),
		.ib = { feature }, .ib_size = { 4 }, .ob_size = { 4 },
	};
}

TEST(corrupt_arming)
{
	struct kern *k = k_new();

	EXPECT_EQ(-1, qtee_engine_arm(&k->e, QTEE_CORRUPT_NONE, 1));
	EXPECT_EQ(-1, qtee_engine_arm(&k->e, QTEE_CORRUPT_COUNT, 1));
	EXPECT_EQ(0, qtee_engine_arm(&k->e, QTEE_CORRUPT_OB_SIZE, 3));
	EXPECT_TRUE(logged("qtee: corrupt ob_size armed for qualifying message 3 from now"));
	EXPECT_EQ(0, qtee_engine_arm(&k->e, QTEE_CORRUPT_OB_SIZE, 0));
	EXPECT_TRUE(logged("qtee: corrupt ob_size disarmed"));
	EXPECT_STREQ("cb_counts", qtee_corrupt_name(1));
	EXPECT_STREQ("async_unknown", qtee_corrupt_name(8));
	EXPECT_EQ(QTEE_CORRUPT_OO_UNKNOWN, qtee_corrupt_parse("oo_unknown", 10));
	EXPECT_EQ(-1, qtee_corrupt_parse("none", 4));
	EXPECT_EQ(-1, qtee_corrupt_parse("ob_siz", 6));
	k_free(k);
}

TEST(corrupt_ob_size_and_offset_hit_the_nth)
{
	struct kern *k = k_new();
	uint32_t env, fv, feature = QTEE_FEATURE_QTEE_ID;
	struct call c;

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	fv = k_open(k, env, QTEE_UID_FEATURE_VERSIONS);
	/* Responses without an OB do not count. */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_OB_SIZE, 2);
	c = version_call(fv, &feature);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(NULL, c.bad);
	EXPECT_EQ(0, k_release(k, k_open(k, env, QTEE_UID_DIAGNOSTICS)));
	c = version_call(fv, &feature);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_STREQ("OB larger than asked for", c.bad);
	EXPECT_EQ(5U, c.ob_len[0]);
	EXPECT_TRUE(logged("qtee: corrupt ob_size applied to invoke #"));
	EXPECT_TRUE(logged(": OB 0 size 0x4 -> 0x5"));
	c = version_call(fv, &feature);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(NULL, c.bad);			/* once only */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_OB_OFFSET, 1);
	c = version_call(fv, &feature);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_STREQ("OB offset changed", c.bad);
	EXPECT_TRUE(logged("OB 0 offset 0x28 -> 0x1000"));
	EXPECT_EQ(1ULL, k->e.corrupted[QTEE_CORRUPT_OB_OFFSET]);
	EXPECT_EQ(0, k_release(k, fv));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(corrupt_oo_unknown_keeps_accounting)
{
	struct kern *k = k_new();
	uint32_t env;
	uint32_t uid = QTEE_UID_DIAGNOSTICS;
	struct call c = {
		.op = QTEE_CLIENT_ENV_OP_OPEN,
		.counts = qtee_counts_pack(1, 0, 0, 1),
		.ib = { &uid }, .ib_size = { 4 },
	};

	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	qtee_engine_arm(&k->e, QTEE_CORRUPT_OO_UNKNOWN, 1);
	c.cxt = env;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_STREQ("OO is an unknown Linux object", c.bad);
	EXPECT_TRUE(logged("OO id 0x101 -> 0xfffffffe"));
	/* QTEE dropped the object it meant to hand out. */
	EXPECT_TRUE(logged("qtee: object 0x00000101 diagnostics destroyed"));
	EXPECT_EQ(1U, qtee_obj_linux_count(&k->e.objs));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(corrupt_callbacks_are_refused_by_the_kernel)
{
	static const unsigned int kinds[] = {
		QTEE_CORRUPT_CB_COUNTS, QTEE_CORRUPT_CB_OFFSET,
		QTEE_CORRUPT_CB_UNKNOWN,
	};
	static const char *const kernel_why[] = {
		"reserved counts bits set",
		"buffer past the end of the message",
		"unknown callback object",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		struct kern *k = k_new();
		uint32_t env, diag;
		struct call q = {
			.op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
			.counts = qtee_counts_pack(0, 1, 0, 0),
			.ob_size = { 24 },
		};

		env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
		diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
		q.cxt = diag;
		qtee_engine_arm(&k->e, kinds[i], 1);
		EXPECT_EQ(SCM_OK, do_call(k, &q));
		EXPECT_EQ(QTEE_UNAVAIL, q.result);
		EXPECT_EQ(1U, k->cb_invalid);
		EXPECT_STREQ(kernel_why[i], k->cb_why);
		EXPECT_EQ(1ULL, k->e.corrupted[kinds[i]]);
		EXPECT_TRUE(logged("qtee: corrupt "));
		/* The next one is clean. */
		q.in_size = 0;
		EXPECT_EQ(SCM_OK, do_call(k, &q));
		EXPECT_EQ(0, q.result);
		EXPECT_EQ(0, k_release(k, diag));
		EXPECT_EQ(0, k_release(k, env));
		EXPECT_CLEAN(k);
		k_free(k);
	}
}

TEST(corrupt_callback_carries_no_releases)
{
	struct kern *k = k_new();
	uint32_t env, loader;
	struct call c;
	uint8_t *img;
	size_t len;

	img = read_file(TA_NAME, &len);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	loader = k_open(k, env, QTEE_UID_APP_LOADER);
	c = region_call(k, loader, img, len);
	/* The 2nd callback is the YIELD after MAP_REGION. */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_CB_UNKNOWN, 2);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_UNAVAIL, c.result);
	/* The releases came with the final response instead. */
	EXPECT_EQ(0U, k->nns);
	EXPECT_EQ(2U, k->released);
	EXPECT_EQ(0U, k->released_in_cb);
	EXPECT_EQ(0, k_release(k, loader));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(img);
	k_free(k);
}

TEST(corrupt_async_messages)
{
	struct kern *k = k_new();
	uint32_t creds = k_give(k), env;
	struct call q = { .op = QTEE_OP_RELEASE };

	env = k_env(k, QTEE_ROOT_OP_REGISTER, creds);
	/* The release of env frees creds, but the area lies. */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_ASYNC_COUNTS, 1);
	q.cxt = env;
	EXPECT_EQ(SCM_OK, do_call(k, &q));
	EXPECT_EQ(0, q.result);
	EXPECT_STREQ("counts past the buffer", k->async_why);
	EXPECT_TRUE(k_holds(k, creds));
	EXPECT_EQ(1U, qtee_ns_queued(&k->e.objs));
	EXPECT_TRUE(logged("async release counts 0x0 -> 0x1000000"));
	/* An unknown id: the real release waits again. */
	k->async_why = NULL;
	qtee_engine_arm(&k->e, QTEE_CORRUPT_ASYNC_UNKNOWN, 1);
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	EXPECT_STREQ("release of an unknown id", k->async_why);
	EXPECT_TRUE(k_holds(k, creds));
	/* Then it is told. */
	k->async_why = NULL;
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_FALSE(k_holds(k, creds));
	EXPECT_CLEAN(k);
	log_reset();
	qtee_engine_report(&k->e);
	EXPECT_TRUE(logged("counter qtee.corrupt.async_counts applied=1 armed=0"));
	EXPECT_TRUE(logged("counter qtee.corrupt.async_unknown applied=1 armed=0"));
	EXPECT_FALSE(logged("counter qtee.corrupt.ob_size"));
	k_free(k);
}

/* -- Async lists longer than one message. -- */

TEST(many_releases_split_into_messages)
{
	struct kern *k = k_new();
	uint32_t env[6];
	unsigned int i;

	for (i = 0; i < 6; i++)
		env[i] = k_env(k, QTEE_ROOT_OP_REGISTER, k_give(k));
	/* Release all six client envs in one go, as QTEE sees it. */
	for (i = 0; i < 6; i++) {
		struct qtee_object *o = qtee_obj_find(&k->e.objs, env[i]);

		ASSERT_NE(NULL, o);
		qtee_obj_release(&k->e.objs, o);
	}
	EXPECT_EQ(6U, qtee_ns_queued(&k->e.objs));
	/* The next response: messages of 4 and 2 ids. */
	EXPECT_EQ(QTEE_BADOBJ, k_release(k, env[0]));
	EXPECT_EQ(2U, k->async_msgs);
	EXPECT_EQ(6U, k->released);
	EXPECT_CLEAN(k);
	k_free(k);
}

/* -- The credentials' CBOR. -- */

struct cbor_case {
	const char *name;
	uint8_t bytes[24];
	size_t len;
	const char *why;	/* NULL: accepted */
	uint64_t uid, time_ms;
	bool has_time;
};

#define CBOR_OK(n, u, t, h, ...)					\
	{ .name = n, .bytes = { __VA_ARGS__ },				\
	  .len = sizeof((uint8_t[]){ __VA_ARGS__ }),			\
	  .uid = u, .time_ms = t, .has_time = h }
#define CBOR_BAD(n, w, ...)						\
	{ .name = n, .bytes = { __VA_ARGS__ },				\
	  .len = sizeof((uint8_t[]){ __VA_ARGS__ }), .why = w }

static void cbor_cases(struct __test_metadata *_metadata,
		       const struct cbor_case *cases, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct qtee_creds cr;
		const char *why = NULL;
		int ret = qtee_cbor_creds(cases[i].bytes, cases[i].len, &cr,
					  &why);

		if (!cases[i].why) {
			EXPECT_EQ(0, ret) {
				TH_LOG("%s: %s", cases[i].name, why);
			}
			EXPECT_EQ(cases[i].uid, cr.uid) {
				TH_LOG("%s", cases[i].name);
			}
			EXPECT_EQ(cases[i].has_time, cr.has_time);
			EXPECT_EQ(cases[i].time_ms, cr.time_ms);
			continue;
		}
		EXPECT_EQ(-1, ret) {
			TH_LOG("%s accepted", cases[i].name);
		}
		EXPECT_STREQ(cases[i].why, why) {
			TH_LOG("%s", cases[i].name);
		}
	}
}

TEST(cbor_good_maps)
{
	static const struct cbor_case cases[] = {
		CBOR_OK("libqcomtee", 1000, 1700000000000ULL, true,
			0xa2, 0x01, 0x1a, 0x00, 0x00, 0x03, 0xe8, 0x06,
			0x1b, 0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68,
			0x00),
		CBOR_OK("root, immediate", 0, 23, true,
			0xa2, 0x01, 0x00, 0x06, 0x17),
		CBOR_OK("uid only", 42, 0, false,
			0xa1, 0x01, 0x18, 0x2a),
		CBOR_OK("any key order", 1, 256, true,
			0xa2, 0x06, 0x19, 0x01, 0x00, 0x01, 0x01),
		CBOR_OK("non-preferred key", 5, 0, false,
			0xa1, 0x19, 0x00, 0x01, 0x05),
		CBOR_OK("strings and unknown keys skipped", 100, 0, false,
			0xa4, 0x02, 0x63, 'a', 'b', 'c', 0x01, 0x18,
			0x64, 0x03, 0x42, 0x01, 0x02, 0x1a, 0x00, 0x01,
			0x00, 0x00, 0x00),
		CBOR_OK("empty strings", 7, 0, false,
			0xa3, 0x02, 0x40, 0x03, 0x60, 0x01, 0x07),
		CBOR_OK("8-byte integers", 0x100000000ULL, UINT64_MAX, true,
			0xa2, 0x01, 0x1b, 0x00, 0x00, 0x00, 0x01, 0x00,
			0x00, 0x00, 0x00, 0x06, 0x1b, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff, 0xff),
	};

	cbor_cases(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(cbor_head_argument_sizes)
{
	static const uint8_t b[] = {
		0x17, 0x18, 0xff, 0x19, 0x12, 0x34, 0x1a, 0x12, 0x34, 0x56,
		0x78, 0x1b, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	static const uint64_t want[] = {
		23, 255, 0x1234, 0x12345678, 0x0102030405060708ULL,
		UINT64_MAX,
	};
	struct qtee_cbor c = { .buf = b, .len = sizeof(b) };
	unsigned int i, major;
	const char *why;
	uint64_t arg;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		ASSERT_EQ(0, qtee_cbor_head(&c, &major, &arg, &why));
		EXPECT_EQ(want[i], arg);
		EXPECT_EQ(i < 5 ? QTEE_CBOR_UINT : QTEE_CBOR_BYTES, major);
	}
	EXPECT_EQ(sizeof(b), c.pos);
	EXPECT_EQ(-1, qtee_cbor_head(&c, &major, &arg, &why));
	EXPECT_STREQ("truncated item", why);
}

TEST(cbor_truncated_input)
{
	static const uint8_t good[] = {
		0xa3, 0x01, 0x1a, 0x00, 0x00, 0x03, 0xe8, 0x02, 0x43, 'x',
		'y', 'z', 0x06, 0x1b, 0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5,
		0x68, 0x00,
	};
	static const struct cbor_case cases[] = {
		CBOR_BAD("string past the end", "truncated item",
			0xa1, 0x02, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xf0),
		CBOR_BAD("entries missing", "truncated item",
			 0xb7, 0x01, 0x00),
	};
	struct qtee_creds cr;
	const char *why;
	size_t len;

	/* Every strict prefix of a good map, the empty one included. */
	for (len = 0; len < sizeof(good); len++) {
		uint8_t *b = malloc(len ? len : 1);

		memcpy(b, good, len);
		why = NULL;
		EXPECT_EQ(-1, qtee_cbor_creds(b, len, &cr, &why)) {
			TH_LOG("prefix of %zu bytes accepted", len);
		}
		EXPECT_STREQ("truncated item", why) {
			TH_LOG("prefix of %zu bytes", len);
		}
		free(b);
	}
	ASSERT_EQ(0, qtee_cbor_creds(good, sizeof(good), &cr, &why));
	EXPECT_EQ(1000U, cr.uid);
	cbor_cases(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(cbor_wrong_major_types)
{
	static const struct cbor_case cases[] = {
		CBOR_BAD("array", "not a map",
			 0x82, 0x01, 0x02),
		CBOR_BAD("integer", "not a map",
			 0x01),
		CBOR_BAD("text key", "map key is not an unsigned integer",
			 0xa1, 0x61, 'a', 0x00),
		CBOR_BAD("negative key", "map key is not an unsigned integer",
			 0xa1, 0x20, 0x00),
		CBOR_BAD("negative value", "unsupported value type",
			 0xa1, 0x01, 0x20),
		CBOR_BAD("nested map", "unsupported value type",
			 0xa1, 0x01, 0xa0),
		CBOR_BAD("nested array", "unsupported value type",
			 0xa2, 0x01, 0x00, 0x02, 0x80),
		CBOR_BAD("tag", "unsupported value type",
			 0xa1, 0x01, 0xc1, 0x00),
		CBOR_BAD("half float", "unsupported value type",
			 0xa1, 0x01, 0xf9, 0x00, 0x00),
		CBOR_BAD("true", "unsupported value type",
			 0xa1, 0x01, 0xf5),
		CBOR_BAD("uid as text",
			 "uid (key 1) is not an unsigned integer",
			 0xa1, 0x01, 0x61, '7'),
		CBOR_BAD("time as bytes",
			 "time (key 6) is not an unsigned integer",
			 0xa2, 0x01, 0x00, 0x06, 0x41, 0x00),
	};

	cbor_cases(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(cbor_indefinite_and_reserved)
{
	static const struct cbor_case cases[] = {
		CBOR_BAD("indefinite map", "indefinite length",
			 0xbf, 0x01, 0x00, 0xff),
		CBOR_BAD("indefinite text", "indefinite length",
			 0xa1, 0x02, 0x7f, 0x61, 'a', 0xff),
		CBOR_BAD("indefinite bytes", "indefinite length",
			 0xa1, 0x02, 0x5f, 0xff),
		CBOR_BAD("indefinite array", "indefinite length",
			 0xa1, 0x02, 0x9f, 0xff),
		CBOR_BAD("break", "unexpected break",
			 0xa1, 0x01, 0xff),
		CBOR_BAD("info 28", "reserved additional information",
			 0xa1, 0x01, 0x1c),
		CBOR_BAD("info 30", "reserved additional information",
			 0xa1, 0x1e, 0x00),
		CBOR_BAD("uint info 31", "reserved additional information",
			 0xa1, 0x01, 0x1f),
	};

	cbor_cases(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(cbor_duplicates_trailing_and_limits)
{
	static const struct cbor_case cases[] = {
		CBOR_BAD("duplicate uid", "duplicate map key",
			 0xa2, 0x01, 0x00, 0x01, 0x01),
		CBOR_BAD("duplicate time", "duplicate map key",
			 0xa3, 0x06, 0x00, 0x01, 0x00, 0x06, 0x00),
		CBOR_BAD("duplicate unknown key, spelled apart",
			 "duplicate map key",
			 0xa3, 0x01, 0x00, 0x09, 0x00, 0x19, 0x00, 0x09, 0x01),
		CBOR_BAD("trailing byte", "trailing bytes after the map",
			 0xa1, 0x01, 0x00, 0x00),
		CBOR_BAD("two maps", "trailing bytes after the map",
			 0xa1, 0x01, 0x00, 0xa0),
		CBOR_BAD("empty map", "no uid (key 1)",
			 0xa0),
		CBOR_BAD("time only", "no uid (key 1)",
			 0xa1, 0x06, 0x00),
		CBOR_BAD("33 entries", "more than 32 map entries",
			 0xb8, 0x21, 0x01, 0x00),
		CBOR_BAD("2^64-1 entries", "more than 32 map entries",
			 0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
	};
	uint8_t m[2 + 3 * 32];
	struct qtee_creds cr;
	const char *why;
	unsigned int i;
	size_t p = 2;

	cbor_cases(_metadata, cases, ARRAY_SIZE(cases));
	/* 32 entries are fine: keys 0..31 as 1-byte arguments. */
	m[0] = 0xb8;
	m[1] = 32;
	for (i = 0; i < 32; i++) {
		m[p++] = 0x18;
		m[p++] = (uint8_t)i;
		m[p++] = (uint8_t)(i % 24);
	}
	EXPECT_EQ(0, qtee_cbor_creds(m, p, &cr, &why)) {
		TH_LOG("%s", why);
	}
	EXPECT_EQ(1U, cr.uid);
	EXPECT_EQ(6U, cr.time_ms);
}

/* -- Register with credentials read through callbacks. -- */

/* Root op 2 with Linux object @creds: the call, done. */
static struct call register_call(struct kern *k, uint32_t creds)
{
	struct call c = {
		.cxt = QTEE_OBJ_ROOT, .op = QTEE_ROOT_OP_REGISTER,
		.counts = qtee_counts_pack(0, 0, 1, 1), .io = { creds },
	};

	do_call(k, &c);
	return c;
}

TEST(register_reads_credentials_through_callbacks)
{
	static const uint8_t uid_only[] = { 0xa1, 0x01, 0x00 };
	struct kern *k = k_new();
	uint32_t creds = k_give(k), env, diag;
	struct call c;

	c = register_call(k, creds);
	EXPECT_EQ(SCM_OK, c.status);
	ASSERT_EQ(0, c.result);
	EXPECT_EQ(NULL, c.bad);
	env = c.oo[0];
	EXPECT_EQ(2U, c.callbacks);
	EXPECT_EQ(1U, k->get_lengths);
	EXPECT_EQ(1U, k->reads);
	EXPECT_EQ(0U, k->read_off[0]);
	EXPECT_EQ(sizeof(creds_libqcomtee), k->read_ob[0]);
	EXPECT_EQ(0U, k->cb_invalid);
	EXPECT_TRUE(logged("qtee: callback #1 of invoke #1: obj=0x80000001 op=0x0 counts=0x0010\n"));
	EXPECT_TRUE(logged("qtee: callback #2 of invoke #1: obj=0x80000001 op=0x1 counts=0x0011\n"));
	EXPECT_TRUE(logged("qtee: client registered: uid=1000 time_ms=1700000000000\n"));
	EXPECT_TRUE(logged("qtee: invoke #1 obj=0x00000001 root op=0x2 counts=0x1100 result=0 callbacks=2"));
	/* The env keeps the credentials; they come back when it dies. */
	EXPECT_TRUE(k_holds(k, creds));
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	EXPECT_NE(0U, diag);
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_FALSE(k_holds(k, creds));
	EXPECT_EQ(1U, log_count("async release of linux object 0x80000001 (credentials)"));
	/* No time. */
	k->creds = uid_only;
	k->creds_len = sizeof(uid_only);
	creds = k_give(k);
	c = register_call(k, creds);
	ASSERT_EQ(0, c.result);
	EXPECT_TRUE(logged("qtee: client registered: uid=0 time_ms=none\n"));
	EXPECT_EQ(0, k_release(k, c.oo[0]));
	EXPECT_CLEAN(k);
	/* The heap copy is gone with the invocation. */
	EXPECT_EQ(0U, k->e.heap.used);
	k_free(k);
}

/* A 4096-byte credentials map: {1: 7, 6: 9, 2: 4087 bytes}. */
static uint8_t *long_creds(void)
{
	static const uint8_t head[] = {
		0xa3, 0x01, 0x07, 0x06, 0x09, 0x02, 0x59, 0x0f, 0xf7,
	};
	uint8_t *b = malloc(QTEE_CREDS_MAX);
	unsigned int i;

	memcpy(b, head, sizeof(head));
	for (i = sizeof(head); i < QTEE_CREDS_MAX; i++)
		b[i] = (uint8_t)i;
	return b;
}

TEST(register_reads_long_credentials_in_chunks)
{
	struct kern *k = k_new();
	uint8_t *creds_buf = long_creds();
	uint32_t creds;
	struct call c;

	k->creds = creds_buf;
	k->creds_len = QTEE_CREDS_MAX;
	creds = k_give(k);
	c = register_call(k, creds);
	ASSERT_EQ(0, c.result);
	/* The READ callback: header 16, 2 slots, IB 8 at 32, OB at 40. */
	EXPECT_EQ(2U, k->reads);
	EXPECT_EQ(0U, k->read_off[0]);
	EXPECT_EQ(OUT_SIZE - 40U, k->read_ob[0]);
	EXPECT_EQ(OUT_SIZE - 40U, k->read_off[1]);
	EXPECT_EQ(40U, k->read_ob[1]);
	EXPECT_EQ(3U, c.callbacks);
	EXPECT_TRUE(logged("qtee: client registered: uid=7 time_ms=9\n"));
	EXPECT_EQ(0, k_release(k, c.oo[0]));
	EXPECT_CLEAN(k);
	/* An object that answers less than asked: read on from there. */
	k->creds_read_max = 1000;
	k->reads = 0;
	creds = k_give(k);
	c = register_call(k, creds);
	ASSERT_EQ(0, c.result);
	EXPECT_EQ(5U, k->reads);
	EXPECT_EQ(4000U, k->read_off[4]);
	EXPECT_EQ(96U, k->read_ob[4]);
	EXPECT_EQ(6U, c.callbacks);
	EXPECT_EQ(0, k_release(k, c.oo[0]));
	EXPECT_CLEAN(k);
	free(creds_buf);
	k_free(k);
}

TEST(register_credentials_refused)
{
	static const uint8_t dup[] = { 0xa2, 0x01, 0x00, 0x01, 0x00 };
	static const uint8_t trailing[] = { 0xa1, 0x01, 0x00, 0x00 };
	static const uint8_t nested[] = { 0xa1, 0x01, 0xa0 };
	static const struct {
		const char *name;
		int32_t len_result, read_result;
		uint32_t len_size;
		uint64_t len_answer;
		const uint8_t *bytes;
		size_t len;
		int32_t result;
		const char *log;
	} cases[] = {
		{ "GET_LENGTH fails", QTEE_UNAVAIL, 0, 8, UINT64_MAX, NULL, 0,
		  QTEE_UNAVAIL, "refused: GET_LENGTH answered result -96\n" },
		{ "GET_LENGTH fails, positive", 42, 0, 8, UINT64_MAX, NULL, 0,
		  42, "refused: GET_LENGTH answered result 42\n" },
		{ "GET_LENGTH answers 4 bytes", 0, 0, 4, UINT64_MAX, NULL, 0,
		  QTEE_INVALID, "refused: GET_LENGTH answered 4 bytes, not 8\n" },
		{ "GET_LENGTH answers 0 bytes", 0, 0, 0, UINT64_MAX, NULL, 0,
		  QTEE_INVALID, "refused: GET_LENGTH answered 0 bytes, not 8\n" },
		{ "length 0", 0, 0, 8, 0, NULL, 0, QTEE_INVALID,
		  "refused: length 0 is not 1..4096\n" },
		{ "length 4097", 0, 0, 8, 4097, NULL, 0, QTEE_INVALID,
		  "refused: length 4097 is not 1..4096\n" },
		{ "shorter than its length", 0, 0, 8, 20, NULL, 0, QTEE_INVALID,
		  "refused: READ_AT_OFFSET at offset 17 answered 0 bytes\n" },
		{ "READ_AT_OFFSET fails", 0, QTEE_UNAVAIL, 8, UINT64_MAX, NULL,
		  0, QTEE_UNAVAIL,
		  "refused: READ_AT_OFFSET answered result -96\n" },
		{ "duplicate key", 0, 0, 8, UINT64_MAX, dup, sizeof(dup),
		  QTEE_INVALID, "refused: duplicate map key\n" },
		{ "trailing garbage", 0, 0, 8, UINT64_MAX, trailing,
		  sizeof(trailing), QTEE_INVALID,
		  "refused: trailing bytes after the map\n" },
		{ "nested map", 0, 0, 8, UINT64_MAX, nested, sizeof(nested),
		  QTEE_INVALID, "refused: unsupported value type\n" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kern *k = k_new();
		uint32_t creds = k_give(k);
		struct call c;
		char line[160];

		k->creds_len_result = cases[i].len_result;
		k->creds_read_result = cases[i].read_result;
		k->creds_len_size = cases[i].len_size;
		k->creds_len_answer = cases[i].len_answer;
		if (cases[i].bytes) {
			k->creds = cases[i].bytes;
			k->creds_len = cases[i].len;
		}
		c = register_call(k, creds);
		EXPECT_EQ(SCM_OK, c.status);
		EXPECT_EQ(cases[i].result, c.result) {
			TH_LOG("%s", cases[i].name);
		}
		snprintf(line, sizeof(line),
			 "qtee: credentials of linux object 0x%08x %s",
			 creds, cases[i].log);
		EXPECT_TRUE(logged(line)) {
			TH_LOG("%s: %s", cases[i].name, log_buf);
		}
		EXPECT_FALSE(logged("client registered"));
		EXPECT_EQ(0U, qtee_obj_count(&k->e.objs));
		/* The credentials came back with the final response. */
		EXPECT_FALSE(k_holds(k, creds));
		EXPECT_TRUE(logged("(credentials)"));
		EXPECT_CLEAN(k);
		k_free(k);
	}
}

TEST(register_without_credentials_makes_no_callbacks)
{
	struct kern *k = k_new();
	uint32_t creds = k_give(k), env;

	/* register (op 2) with NULL: anonymous. */
	env = k_env(k, QTEE_ROOT_OP_REGISTER, QTEE_OBJ_NULL);
	EXPECT_NE(0U, env);
	EXPECT_EQ(0, k_release(k, env));
	/* registerWithCredentials (op 5): the kernel's NULL, and a Linux
	 * object kept unread. */
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, QTEE_OBJ_NULL);
	EXPECT_NE(0U, env);
	EXPECT_EQ(0, k_release(k, env));
	env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, creds);
	EXPECT_NE(0U, env);
	EXPECT_TRUE(k_holds(k, creds));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_FALSE(k_holds(k, creds));
	EXPECT_EQ(0U, k->user_calls);
	EXPECT_EQ(0ULL, k->e.cb_sent);
	EXPECT_FALSE(logged("client registered"));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* -- The relay. -- */

/* What the relay's target saw, and what it answers. */
static struct {
	struct qtee_callback_msg m;
	uint8_t ib[8][64];
	int32_t result;
	/* OB i: ob_len[i] bytes of (i + 1) * 0x11 (at most what was asked). */
	uint32_t ob_len[8];
	/* OO i: 1 a fresh Linux id, 0 NULL. */
	bool oo_new[8];
	uint32_t oo[8];
} echo;

static int32_t k_echo(struct kern *k, const struct qtee_callback_msg *m,
		      uint8_t *out)
{
	const struct qtee_args *a = &m->args;
	uint8_t data[OUT_SIZE];
	unsigned int i;

	echo.m = *m;
	for (i = 0; i < a->nib && i < 8; i++)
		if (a->buf[i].size <= sizeof(echo.ib[i]))
			memcpy(echo.ib[i], out + a->buf[i].offset,
			       a->buf[i].size);
	if (echo.result)
		return echo.result;
	for (i = 0; i < a->nob && i < 8; i++) {
		uint32_t n = echo.ob_len[i];

		if (n > a->buf[a->nib + i].size)
			n = a->buf[a->nib + i].size;
		memset(data, (int)((i + 1) * 0x11), n);
		k_cb_ob(out, m, i, data, n);
	}
	for (i = 0; i < a->noo && i < 8; i++) {
		echo.oo[i] = echo.oo_new[i] ? k_give(k) : 0;
		k_cb_oo(k, out, m, i, echo.oo[i]);
	}
	return QTEE_OK;
}

/* A client env and a relay opened from it. */
static uint32_t k_relay(struct kern *k, uint32_t *env)
{
	*env = k_env(k, QTEE_ROOT_OP_REG_WITH_CREDENTIALS, 0);
	memset(&echo, 0, sizeof(echo));
	k->obj_fn = k_echo;
	return k_open(k, *env, QTEE_UID_RELAY);
}

TEST(relay_calls_a_linux_object_with_every_argument_type)
{
	struct kern *k = k_new();
	static const char hello[] = "hello";
	uint32_t env, relay, op = 0x1234, target, other, y;
	uint8_t twenty[20];
	struct call c;
	char line[128];

	memset(twenty, 0x5a, sizeof(twenty));
	relay = k_relay(k, &env);
	ASSERT_NE(0U, relay);
	EXPECT_TRUE(logged("client_env op=0x0 counts=0x1001 result=0"));
	target = k_give(k);
	other = k_give(k);
	echo.ob_len[0] = 5;
	echo.ob_len[1] = 100;
	echo.oo_new[0] = true;
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(4, 3, 3, 2),
		.ib = { &op, hello, twenty, NULL },
		.ib_size = { 4, 5, sizeof(twenty), 0 },
		.ob_size = { 16, 100, 0 },
		.io = { target, other, QTEE_OBJ_NULL },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(NULL, c.bad);
	EXPECT_EQ(1U, c.callbacks);
	EXPECT_EQ(1U, k->user_calls);
	EXPECT_EQ(0U, k->cb_invalid);
	/* What the target was called with. */
	EXPECT_EQ(target, echo.m.cxt);
	EXPECT_EQ(op, echo.m.op);
	EXPECT_EQ(0x2233U, echo.m.args.counts);
	EXPECT_EQ(5U, echo.m.args.buf[0].size);
	EXPECT_EQ(0, memcmp(echo.ib[0], hello, 5));
	EXPECT_EQ(20U, echo.m.args.buf[1].size);
	EXPECT_EQ(0, memcmp(echo.ib[1], twenty, 20));
	EXPECT_EQ(0U, echo.m.args.buf[2].size);
	EXPECT_EQ(16U, echo.m.args.buf[3].size);
	EXPECT_EQ(100U, echo.m.args.buf[4].size);
	EXPECT_EQ(0U, echo.m.args.buf[5].size);
	EXPECT_EQ(other, echo.m.args.obj[0]);
	EXPECT_EQ(0U, echo.m.args.obj[1]);
	/* What the caller got. */
	EXPECT_EQ(5U, c.ob_len[0]);
	EXPECT_EQ(0x11, c.ob[0][0]);
	EXPECT_EQ(0x11, c.ob[0][4]);
	EXPECT_EQ(100U, c.ob_len[1]);
	EXPECT_EQ(0x22, c.ob[1][0]);
	EXPECT_EQ(0x22, c.ob[1][99]);
	EXPECT_EQ(0U, c.ob_len[2]);
	y = echo.oo[0];
	EXPECT_TRUE(qtee_id_is_ns(y));
	EXPECT_EQ(y, c.oo[0]);
	EXPECT_EQ(0U, c.oo[1]);
	/* Target, other and the answered id: each given back once. */
	EXPECT_EQ(0U, k->nns);
	snprintf(line, sizeof(line),
		 "async release of linux object 0x%08x (output)", y);
	EXPECT_EQ(1U, log_count(line));
	snprintf(line, sizeof(line),
		 "async release of linux object 0x%08x (input)", target);
	EXPECT_EQ(1U, log_count(line));
	snprintf(line, sizeof(line),
		 "qtee: relay: called linux object 0x%08x op=0x1234 counts=0x2233 result=0\n",
		 target);
	EXPECT_TRUE(logged(line)) {
		TH_LOG("%s", log_buf);
	}
	EXPECT_TRUE(logged("relay op=0x0 counts=0x2334 result=0 callbacks=1"));
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(relay_passes_the_callback_result_through)
{
	static const int32_t results[] = { 42, QTEE_UNAVAIL, QTEE_ERROR };
	struct kern *k = k_new();
	uint32_t env, relay, op = 7, target;
	unsigned int i;

	relay = k_relay(k, &env);
	for (i = 0; i < ARRAY_SIZE(results); i++) {
		struct call c = {
			.cxt = relay, .op = QTEE_RELAY_OP_CALL,
			.counts = qtee_counts_pack(1, 1, 1, 1),
			.ib = { &op }, .ib_size = { 4 }, .ob_size = { 8 },
		};
		char line[128];

		target = k_give(k);
		c.io[0] = target;
		echo.result = results[i];
		EXPECT_EQ(SCM_OK, do_call(k, &c));
		EXPECT_EQ(results[i], c.result);
		EXPECT_EQ(0U, c.ob_len[0]);	/* nothing written */
		EXPECT_FALSE(k_holds(k, target));
		snprintf(line, sizeof(line),
			 "qtee: relay: called linux object 0x%08x op=0x7 counts=0x1010 result=%d\n",
			 target, results[i]);
		EXPECT_TRUE(logged(line));
	}
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(relay_hands_back_the_callers_own_object)
{
	struct kern *k = k_new();
	uint32_t env, relay, op = 3, target, y;
	unsigned int released;
	struct call c;
	char line[128];

	relay = k_relay(k, &env);
	target = k_give(k);
	/* The target answers itself: the kernel sends it under a new id. */
	echo.oo_new[0] = true;
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 1, 1),
		.ib = { &op }, .ib_size = { 4 }, .io = { target },
	};
	ASSERT_EQ(SCM_OK, k_start(k, &c));
	ASSERT_EQ(QTEE_RESP_INBOUND_REQ_NEEDED, c.ans.type);
	released = k->released;
	ASSERT_EQ(SCM_OK, k_step(k, &c));
	ASSERT_EQ(QTEE_RESP_DONE, c.ans.type);
	y = echo.oo[0];
	/* y in the OO, and its release in the same final response. */
	EXPECT_TRUE(k_holds(k, y));
	EXPECT_EQ(y, get32(c.in + qtee_slot_offset(QTEE_INVOKE_HDR, 2)));
	EXPECT_EQ(QTEE_ASYNC_VERSION, get32(c.out));
	EXPECT_EQ(2U, get32(c.out + 8));
	EXPECT_EQ(target, get32(c.out + 12));
	EXPECT_EQ(y, get32(c.out + 16));
	k_end(k, &c);
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(NULL, c.bad);
	EXPECT_EQ(y, c.oo[0]);		/* Linux's own object again */
	EXPECT_EQ(released + 2, k->released);	/* y and the target */
	EXPECT_FALSE(k_holds(k, y));
	EXPECT_EQ(0U, qtee_ns_count(&k->e.objs));
	snprintf(line, sizeof(line), "async release of linux object 0x%08x", y);
	EXPECT_EQ(1U, log_count(line));
	/* The leak query's figures: env and relay, nothing else. */
	EXPECT_EQ(2U, qtee_obj_linux_count(&k->e.objs));
	EXPECT_EQ(0U, qtee_engine_open_count(&k->e));
	/* And again: y is no id QTEE still holds. */
	c.in_size = 0;
	c.io[0] = target = k_give(k);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(0U, k->nns);
	/* oo_unknown hides the id from Linux; QTEE still gives it back. */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_OO_UNKNOWN, 1);
	c.in_size = 0;
	c.io[0] = target = k_give(k);
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_STREQ("OO is an unknown Linux object", c.bad);
	snprintf(line, sizeof(line), "OO id 0x%x -> 0xfffffffe", echo.oo[0]);
	EXPECT_TRUE(logged(line));
	EXPECT_EQ(0U, k->nns);
	EXPECT_EQ(NULL, k->async_why);
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	log_reset();
	qtee_engine_report(&k->e);
	EXPECT_TRUE(logged("qtee: live objects at power-off: qtee=0 linux=0\n"));
	EXPECT_TRUE(logged("counter qtee.relay calls=4 errors=0 callbacks=3 releases=1"));
	k_free(k);
}

TEST(relay_forwards_a_qtee_object)
{
	struct kern *k = k_new();
	uint32_t env, relay, diag, op = 9, target;
	struct qtee_object *o;
	struct call c;

	relay = k_relay(k, &env);
	diag = k_open(k, env, QTEE_UID_DIAGNOSTICS);
	target = k_give(k);
	/* A corruption armed now skips this callback (it carries a QTEE
	 * object) and hits the next one. */
	qtee_engine_arm(&k->e, QTEE_CORRUPT_CB_UNKNOWN, 1);
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 3, 0),
		.ib = { &op }, .ib_size = { 4 },
		.io = { target, diag, QTEE_OBJ_NULL },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(0ULL, k->e.corrupted[QTEE_CORRUPT_CB_UNKNOWN]);
	EXPECT_EQ(0x0200U, echo.m.args.counts);
	EXPECT_EQ(diag, echo.m.args.obj[0]);
	EXPECT_EQ(0U, echo.m.args.obj[1]);
	/* The kernel made an object of diag: one more reference. */
	ASSERT_EQ(1U, k->ngot);
	EXPECT_EQ(diag, k->got[0]);
	o = qtee_obj_find(&k->e.objs, diag);
	ASSERT_NE(NULL, o);
	EXPECT_EQ(2U, o->linux_refs);
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_EQ(1U, o->linux_refs);
	/* Still usable: its SLEEP callback takes the armed corruption. */
	c = (struct call){
		.cxt = diag, .op = QTEE_DIAG_OP_QUERY_HEAP_INFO,
		.counts = qtee_counts_pack(0, 1, 0, 0), .ob_size = { 24 },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_UNAVAIL, c.result);
	EXPECT_EQ(1ULL, k->e.corrupted[QTEE_CORRUPT_CB_UNKNOWN]);
	EXPECT_EQ(0, k_release(k, diag));
	EXPECT_TRUE(logged("qtee: object 0x00000102 diagnostics destroyed"));
	EXPECT_EQ(QTEE_BADOBJ, k_release(k, diag));
	/* A QTEE object Linux holds no reference on: BADOBJ, no callback. */
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 2, 0),
		.ib = { &op }, .ib_size = { 4 },
		.io = { k_give(k), diag },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_BADOBJ, c.result);
	EXPECT_EQ(1U, k->user_calls);
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

TEST(relay_callback_too_big_is_maxdata)
{
	struct kern *k = k_new();
	uint32_t env, relay, op = 1, target;
	uint8_t *big = calloc(1, 4000);
	struct call c;

	relay = k_relay(k, &env);
	target = k_give(k);
	/* 16 + 2 slots, IB 4000 at 32, OB 100 at 4032: past 4096. */
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(2, 1, 1, 0),
		.ib = { &op, big }, .ib_size = { 4, 4000 },
		.ob_size = { 100 }, .io = { target },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_MAXDATA, c.result);
	EXPECT_EQ(0U, c.callbacks);
	EXPECT_EQ(0U, k->user_calls);
	EXPECT_TRUE(logged("callback does not fit in the outbound buffer"));
	EXPECT_FALSE(logged("qtee: relay: called"));
	EXPECT_FALSE(k_holds(k, target));
	/* 64 bytes of OB fit exactly: 4032 + 64 = 4096. */
	c.in_size = 0;
	c.ob_size[0] = 64;
	c.io[0] = target = k_give(k);
	echo.ob_len[0] = 64;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(0, c.result);
	EXPECT_EQ(64U, c.ob_len[0]);
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	free(big);
	k_free(k);
}

TEST(relay_refusals)
{
	struct kern *k = k_new();
	uint32_t env, relay, ops[] = { 0xffff, 0xfffe, 0x10000 }, op = 1;
	uint16_t two = 1;
	unsigned int i;
	struct call c;

	relay = k_relay(k, &env);
	/* IB[0] not 4 bytes: SIZE_IN. */
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 1, 0),
		.ib = { &two }, .ib_size = { 2 }, .io = { k_give(k) },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_SIZE_IN, c.result);
	/* RELEASE, RETAIN, above 16 bits: INVALID. */
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		c = (struct call){
			.cxt = relay, .op = QTEE_RELAY_OP_CALL,
			.counts = qtee_counts_pack(1, 0, 1, 0),
			.ib = { &ops[i] }, .ib_size = { 4 },
			.io = { k_give(k) },
		};
		EXPECT_EQ(SCM_OK, do_call(k, &c));
		EXPECT_EQ(QTEE_INVALID, c.result);
	}
	EXPECT_TRUE(logged("qtee: relay: op 0xffff refused"));
	/* The target: NULL, a QTEE object. */
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 1, 0),
		.ib = { &op }, .ib_size = { 4 }, .io = { QTEE_OBJ_NULL },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	c.in_size = 0;
	c.io[0] = env;
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	EXPECT_TRUE(logged("qtee: relay: target 0x00000100 is no Linux object"));
	/* No IB, no IO, another op. */
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(0, 0, 1, 0), .io = { k_give(k) },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	c = (struct call){
		.cxt = relay, .op = QTEE_RELAY_OP_CALL,
		.counts = qtee_counts_pack(1, 0, 0, 0),
		.ib = { &op }, .ib_size = { 4 },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	c = (struct call){
		.cxt = relay, .op = 1,
		.counts = qtee_counts_pack(1, 0, 1, 0),
		.ib = { &op }, .ib_size = { 4 }, .io = { k_give(k) },
	};
	EXPECT_EQ(SCM_OK, do_call(k, &c));
	EXPECT_EQ(QTEE_INVALID, c.result);
	EXPECT_EQ(0U, k->user_calls);
	EXPECT_EQ(0ULL, k->e.cb_sent);
	EXPECT_EQ(0, k_release(k, relay));
	EXPECT_EQ(0, k_release(k, env));
	EXPECT_CLEAN(k);
	k_free(k);
}

/* -- The config key. -- */

TEST(config_qtee_corrupt)
{
	struct tzsim_config cfg;
	char err[160];
	static const char ok[] = "qtee_corrupt=cb_offset:2 qtee_corrupt=async_unknown:1 qtee_corrupt=cb_offset:5";

	ASSERT_EQ(0, tzsim_config_parse(&cfg, ok, strlen(ok), err,
					sizeof(err))) {
		TH_LOG("%s", err);
	}
	EXPECT_EQ(5U, cfg.qtee_corrupt[QTEE_CORRUPT_CB_OFFSET]);
	EXPECT_EQ(1U, cfg.qtee_corrupt[QTEE_CORRUPT_ASYNC_UNKNOWN]);
	EXPECT_EQ(0U, cfg.qtee_corrupt[QTEE_CORRUPT_OB_SIZE]);
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "qtee_corrupt=nope:1", 19,
					 err, sizeof(err)));
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "qtee_corrupt=ob_size:0", 22,
					 err, sizeof(err)));
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "qtee_corrupt=ob_size", 20,
					 err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "needs <kind>:<nth>"));
}

TEST_HARNESS_MAIN
