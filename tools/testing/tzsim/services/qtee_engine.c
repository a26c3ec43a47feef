// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated QTEE's engine (include/tzsim/qtee_engine.h): checks an
 * INVOKE, takes the Linux objects it carries, runs the target's op step by
 * step across callbacks (one open invocation per outbound buffer), writes
 * the outputs, the async RELEASE messages and the armed corruptions, logs
 * one line per invoke and keeps the counters. Pure code: also built into
 * the host unit tests.
 *
 * Ownership, the rule the kernel relies on: an SMC answered with a non-zero
 * status took nothing (no Linux object, no state). An INVOKE answered with
 * status 0 took every Linux object id in its IO slots, whatever the result;
 * each is given back exactly once, by an async RELEASE message.
 */
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/qtee_engine.h>
#include <tzsim/scm.h>

void qtee_engine_init(struct qtee_engine *e, void *arena, size_t size,
		      void *(*ns_map)(uint64_t pa, uint64_t len))
{
	memset(e, 0, sizeof(*e));
	qtee_heap_init(&e->heap, arena, size);
	qtee_objtab_init(&e->objs, &e->heap);
	e->ns_map = ns_map;
}

long qtee_engine_refuse(struct qtee_engine *e, long status, const char *what,
			const char *why)
{
	e->refused++;
	tz_log("qtee: %s refused: %s (status %ld)", what, why, status);
	return status;
}

static struct qtee_inv *find_open(const struct qtee_engine *e, uint64_t out_pa)
{
	unsigned int i;

	for (i = 0; i < QTEE_MAX_OPEN; i++)
		if (e->open[i] && e->open[i]->out_pa == out_pa)
			return e->open[i];
	return NULL;
}

unsigned int qtee_engine_open_count(const struct qtee_engine *e)
{
	unsigned int i, n = 0;

	for (i = 0; i < QTEE_MAX_OPEN; i++)
		n += e->open[i] != NULL;
	return n;
}

/* -- Helpers for the ops. -- */

const uint8_t *qtee_inv_ib(const struct qtee_inv *inv, unsigned int i,
			   uint32_t *size)
{
	*size = inv->req.buf[i].size;
	return inv->in + inv->req.buf[i].offset;
}

uint32_t qtee_inv_ob_size(const struct qtee_inv *inv, unsigned int i)
{
	return inv->req.buf[inv->req.nib + i].size;
}

void qtee_inv_set_ob(struct qtee_inv *inv, unsigned int i, const void *data,
		     uint32_t len)
{
	if (len > QTEE_OB_INLINE)
		len = QTEE_OB_INLINE;
	memcpy(inv->ob_data[i], data, len);
	inv->ob_len[i] = len;
}

int qtee_inv_set_ob_copy(struct qtee_engine *e, struct qtee_inv *inv,
			 unsigned int i, const uint8_t *data, uint32_t len)
{
	qtee_heap_free(&e->heap, inv->ob_heap[i]);
	inv->ob_heap[i] = NULL;
	inv->ob_len[i] = 0;
	if (len <= QTEE_OB_INLINE) {
		qtee_inv_set_ob(inv, i, data, len);
		return 0;
	}
	inv->ob_heap[i] = qtee_heap_alloc(&e->heap, len);
	if (!inv->ob_heap[i])
		return -1;
	memcpy(inv->ob_heap[i], data, len);
	inv->ob_len[i] = len;
	return 0;
}

void qtee_inv_set_oo(struct qtee_inv *inv, unsigned int i,
		     struct qtee_object *o)
{
	inv->oo[i] = o;
}

void qtee_inv_set_oo_ns(struct qtee_inv *inv, unsigned int i, uint32_t id)
{
	inv->oo_ns[i] = id;
}

uint8_t *qtee_inv_scratch(struct qtee_engine *e, struct qtee_inv *inv,
			  uint32_t size)
{
	qtee_heap_free(&e->heap, inv->scratch);
	inv->scratch = qtee_heap_alloc(&e->heap, size);
	inv->scratch_len = inv->scratch ? size : 0;
	inv->scratch_pos = 0;
	return inv->scratch;
}

void qtee_inv_keep_ns(struct qtee_inv *inv, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < inv->nns; i++) {
		if (inv->ns[i] == id) {
			inv->ns[i] = inv->ns[--inv->nns];
			return;
		}
	}
}

void qtee_inv_drop_ns(struct qtee_engine *e, struct qtee_inv *inv)
{
	unsigned int i;

	for (i = 0; i < inv->nns; i++)
		qtee_ns_release(&e->objs, inv->ns[i]);
	inv->nns = 0;
}

void qtee_inv_callback(struct qtee_inv *inv, uint32_t cxt, uint32_t op,
		       uint32_t counts)
{
	memset(&inv->cb, 0, sizeof(inv->cb));
	inv->cb.msg.cxt = cxt;
	inv->cb.msg.op = op;
	qtee_args_set_counts(&inv->cb.msg.args, counts);
}

void qtee_inv_cb_ib(struct qtee_inv *inv, unsigned int i, const void *data,
		    uint32_t len)
{
	if (i >= QTEE_CB_IB_COPIES)
		return;
	if (len > QTEE_CB_IB_INLINE)
		len = QTEE_CB_IB_INLINE;
	memcpy(inv->cb.ib_copy[i], data, len);
	inv->cb.ib[i] = inv->cb.ib_copy[i];
	inv->cb.msg.args.buf[i].size = len;
}

void qtee_inv_cb_ib_ref(struct qtee_inv *inv, unsigned int i,
			const uint8_t *data, uint32_t len)
{
	inv->cb.ib[i] = data;
	inv->cb.msg.args.buf[i].size = len;
}

void qtee_inv_cb_ob(struct qtee_inv *inv, unsigned int i, uint32_t size)
{
	inv->cb.msg.args.buf[inv->cb.msg.args.nib + i].size = size;
}

uint32_t qtee_inv_cb_ob_room(const struct qtee_inv *inv, unsigned int i)
{
	struct qtee_args a = inv->cb.msg.args;
	uint64_t end;

	a.buf[a.nib + i].size = 0;
	end = qtee_args_layout(&a, QTEE_CB_HDR, UINT32_MAX);
	if (!end || end > inv->out_size)
		return 0;
	end = (inv->out_size - end) & ~(uint64_t)(QTEE_ALIGN - 1);
	return end > UINT32_MAX ? UINT32_MAX : (uint32_t)end;
}

void qtee_inv_cb_io(struct qtee_inv *inv, unsigned int i, uint32_t id)
{
	inv->cb.msg.args.obj[i] = id;
}

/* -- Corruption. -- */

int qtee_engine_arm(struct qtee_engine *e, unsigned int kind, uint32_t nth)
{
	if (kind == QTEE_CORRUPT_NONE || kind >= QTEE_CORRUPT_COUNT)
		return -1;
	e->corrupt[kind] = nth;
	if (nth)
		tz_log("qtee: corrupt %s armed for qualifying message %u from now",
		       qtee_corrupt_name(kind), nth);
	else
		tz_log("qtee: corrupt %s disarmed", qtee_corrupt_name(kind));
	return 0;
}

/* One more qualifying message for @k: whether it is the one to corrupt. */
static bool corrupt_now(struct qtee_engine *e, enum qtee_corrupt k)
{
	if (!e->corrupt[k] || --e->corrupt[k])
		return false;
	e->corrupted[k]++;
	return true;
}

static void corrupt_log(const struct qtee_inv *inv, enum qtee_corrupt k,
			const char *what, uint32_t from, uint32_t to)
{
	tz_log("qtee: corrupt %s applied to invoke #%llu: %s 0x%x -> 0x%x",
	       qtee_corrupt_name(k), (unsigned long long)inv->seq, what, from,
	       to);
}

/*
 * Corrupt the callback just written; true if any kind hit it. A callback
 * carrying a QTEE object does not qualify: a kernel that refuses it never
 * makes the object QTEE counts as handed out (accounting stays exact).
 */
static bool corrupt_callback(struct qtee_engine *e, struct qtee_inv *inv,
			     uint8_t *out, uint64_t out_size, bool qtee_io)
{
	const struct qtee_args *a = &inv->cb.msg.args;
	bool hit = false;

	if (qtee_io)
		return false;
	if (corrupt_now(e, QTEE_CORRUPT_CB_COUNTS)) {
		put32(out + 12, a->counts | QTEE_CORRUPT_COUNTS_BIT);
		corrupt_log(inv, QTEE_CORRUPT_CB_COUNTS, "counts", a->counts,
			    a->counts | QTEE_CORRUPT_COUNTS_BIT);
		hit = true;
	}
	if (a->nib + a->nob && corrupt_now(e, QTEE_CORRUPT_CB_OFFSET)) {
		put32(out + qtee_slot_offset(QTEE_CB_HDR, 0), (uint32_t)out_size);
		corrupt_log(inv, QTEE_CORRUPT_CB_OFFSET, "buffer 0 offset",
			    a->buf[0].offset, (uint32_t)out_size);
		hit = true;
	}
	if (corrupt_now(e, QTEE_CORRUPT_CB_UNKNOWN)) {
		put32(out + 4, QTEE_CORRUPT_UNKNOWN_ID);
		corrupt_log(inv, QTEE_CORRUPT_CB_UNKNOWN, "cxt",
			    inv->cb.msg.cxt, QTEE_CORRUPT_UNKNOWN_ID);
		hit = true;
	}
	return hit;
}

/* -- Async messages. -- */

/*
 * Tell Linux the queued releases: RELEASE messages of up to
 * QTEE_ASYNC_IDS_PER_MSG ids from @buf on, while they fit in @space with
 * room for the 8-byte zero terminator, which follows the last one.
 */
static void put_async(struct qtee_engine *e, uint8_t *buf, uint64_t space)
{
	uint32_t ids[QTEE_ASYNC_IDS_PER_MSG];
	uint64_t pos = 0;
	unsigned int n;

	for (;;) {
		n = qtee_ns_queued(&e->objs);
		if (n > QTEE_ASYNC_IDS_PER_MSG)
			n = QTEE_ASYNC_IDS_PER_MSG;
		while (n && ALIGN_UP(QTEE_ASYNC_RELEASE_HDR + 4ULL * n,
				     QTEE_ALIGN) + QTEE_ASYNC_HDR > space - pos)
			n--;
		if (!n)
			break;
		n = qtee_ns_pop(&e->objs, ids, n);
		pos += qtee_async_put_release(buf + pos, space - pos, ids, n);
		e->async_msgs++;
		e->async_ids += n;
	}
	if (space - pos >= QTEE_ASYNC_HDR)
		memset(buf + pos, 0, QTEE_ASYNC_HDR);
}

/* The async area of a final response: offset 0 of the outbound buffer. */
static void final_async(struct qtee_engine *e, struct qtee_inv *inv,
			const struct qtee_bufs *b)
{
	static const uint32_t unknown = QTEE_CORRUPT_UNKNOWN_ID;
	bool bad_counts = corrupt_now(e, QTEE_CORRUPT_ASYNC_COUNTS);
	bool bad_id = corrupt_now(e, QTEE_CORRUPT_ASYNC_UNKNOWN);
	uint64_t pos = 0;

	memset(b->out, 0, b->out_size < QTEE_OUT_CLEAR ? b->out_size :
							 QTEE_OUT_CLEAR);
	if (!bad_counts && !bad_id) {
		put_async(e, b->out, b->out_size);
		return;
	}
	/* Only the corrupt messages: real releases wait for the next one. */
	if (bad_id) {
		pos = qtee_async_put_release(b->out, b->out_size, &unknown, 1);
		corrupt_log(inv, QTEE_CORRUPT_ASYNC_UNKNOWN, "async release of",
			    0, QTEE_CORRUPT_UNKNOWN_ID);
	}
	if (bad_counts && b->out_size - pos >= QTEE_ASYNC_RELEASE_HDR) {
		put32(b->out + pos, QTEE_ASYNC_VERSION);
		put32(b->out + pos + 4, QTEE_ASYNC_OP_RELEASE);
		put32(b->out + pos + 8, QTEE_CORRUPT_ASYNC_COUNTS_VAL);
		corrupt_log(inv, QTEE_CORRUPT_ASYNC_COUNTS,
			    "async release counts", 0,
			    QTEE_CORRUPT_ASYNC_COUNTS_VAL);
	}
}

/* -- Finishing an invocation. -- */

static void drop_staged(struct qtee_engine *e, struct qtee_inv *inv)
{
	unsigned int i;

	for (i = 0; i < QTEE_ARGS_PER_TYPE; i++) {
		if (inv->oo[i])
			qtee_obj_put(&e->objs, inv->oo[i]);
		inv->oo[i] = NULL;
		inv->oo_ns[i] = 0;
		qtee_heap_free(&e->heap, inv->ob_heap[i]);
		inv->ob_heap[i] = NULL;
	}
	qtee_heap_free(&e->heap, inv->scratch);
	inv->scratch = NULL;
}

/*
 * Let go of what @inv holds: staged objects, Linux objects, its target,
 * its open slot. The caller frees @inv.
 */
static void retire(struct qtee_engine *e, struct qtee_inv *inv)
{
	unsigned int i;

	drop_staged(e, inv);
	qtee_inv_drop_ns(e, inv);
	if (inv->target)
		qtee_obj_put(&e->objs, inv->target);
	inv->target = NULL;
	for (i = 0; i < QTEE_MAX_OPEN; i++)
		if (e->open[i] == inv)
			e->open[i] = NULL;
}

/*
 * Write the outputs of a successful invocation into the inbound buffer:
 * OB bytes at the offsets Linux gave and their sizes, OO ids (a QTEE
 * object's: one more Linux reference on it; a Linux id: Linux's own object
 * back, QTEE's reference unchanged). Applies the ob_* and oo_*
 * corruptions. Returns -1 (nothing written) if an op staged more bytes
 * than an OB holds.
 */
static int write_outputs(struct qtee_engine *e, struct qtee_inv *inv,
			 uint8_t *in)
{
	const struct qtee_args *a = &inv->req;
	bool oo_done = false;
	unsigned int i;

	for (i = 0; i < a->nob; i++)
		if (inv->ob_len[i] > a->buf[a->nib + i].size)
			return -1;
	for (i = 0; i < a->nob; i++) {
		const struct qtee_buf_arg *ob = &a->buf[a->nib + i];
		uint8_t *slot = in + qtee_slot_offset(QTEE_INVOKE_HDR,
						      a->nib + i);

		memcpy(in + ob->offset, inv->ob_heap[i] ? inv->ob_heap[i] :
				       inv->ob_data[i], inv->ob_len[i]);
		put32(slot + 4, inv->ob_len[i]);
	}
	if (a->nob && corrupt_now(e, QTEE_CORRUPT_OB_OFFSET)) {
		uint8_t *slot = in + qtee_slot_offset(QTEE_INVOKE_HDR, a->nib);

		put32(slot, (uint32_t)inv->in_size);
		corrupt_log(inv, QTEE_CORRUPT_OB_OFFSET, "OB 0 offset",
			    a->buf[a->nib].offset, (uint32_t)inv->in_size);
	}
	if (a->nob && corrupt_now(e, QTEE_CORRUPT_OB_SIZE)) {
		uint8_t *slot = in + qtee_slot_offset(QTEE_INVOKE_HDR, a->nib);

		put32(slot + 4, a->buf[a->nib].size + 1);
		corrupt_log(inv, QTEE_CORRUPT_OB_SIZE, "OB 0 size",
			    inv->ob_len[0], a->buf[a->nib].size + 1);
	}
	for (i = 0; i < a->noo; i++) {
		struct qtee_object *o = inv->oo[i];
		uint8_t *slot = in + qtee_slot_offset(QTEE_INVOKE_HDR,
						      a->nib + a->nob +
						      a->nio + i);
		uint32_t id = o ? o->id : inv->oo_ns[i];

		inv->oo[i] = NULL;
		inv->oo_ns[i] = 0;
		if (!id) {
			put32(slot, QTEE_OBJ_NULL);
			continue;
		}
		if (!oo_done) {
			oo_done = true;
			if (corrupt_now(e, QTEE_CORRUPT_OO_UNKNOWN)) {
				put32(slot, QTEE_CORRUPT_UNKNOWN_ID);
				corrupt_log(inv, QTEE_CORRUPT_OO_UNKNOWN,
					    "OO id", id,
					    QTEE_CORRUPT_UNKNOWN_ID);
				/* Never handed out (a Linux id: still held). */
				if (o)
					qtee_obj_put(&e->objs, o);
				continue;
			}
		}
		put32(slot, id);
		if (o) {
			qtee_obj_give(o);
			qtee_obj_put(&e->objs, o);
		}
	}
	return 0;
}

static void finish(struct qtee_engine *e, struct qtee_inv *inv,
		   const struct qtee_bufs *b, struct qtee_answer *ans)
{
	struct qtee_kind_stats *ks = &e->kinds[inv->kind];

	if (inv->result == QTEE_OK && write_outputs(e, inv, b->in)) {
		tz_log("qtee: BUG: invoke #%llu staged more than an OB holds",
		       (unsigned long long)inv->seq);
		inv->result = QTEE_SIZE_OUT;
	}
	/* Before the async area: what this releases goes out with it. */
	retire(e, inv);
	final_async(e, inv, b);
	tz_log("qtee: invoke #%llu obj=0x%08x %s op=0x%x counts=0x%04x result=%d callbacks=%u",
	       (unsigned long long)inv->seq, inv->cxt,
	       qtee_kind_name(inv->kind), inv->op, inv->req.counts,
	       inv->result, inv->callbacks);
	e->completed++;
	if (inv->result)
		ks->errors++;
	ans->type = QTEE_RESP_DONE;
	ans->result = inv->result;
	qtee_heap_free(&e->heap, inv);
}

static void abandon(struct qtee_engine *e, struct qtee_inv *inv,
		    const char *why)
{
	tz_log("qtee: invoke #%llu obj=0x%08x %s op=0x%x abandoned after %u callbacks: %s",
	       (unsigned long long)inv->seq, inv->cxt,
	       qtee_kind_name(inv->kind), inv->op, inv->callbacks, why);
	e->abandoned++;
	e->kinds[inv->kind].errors++;
	retire(e, inv);
	qtee_heap_free(&e->heap, inv);
}

void qtee_engine_abandon(struct qtee_engine *e, uint64_t out_pa,
			 const char *why)
{
	struct qtee_inv *inv = find_open(e, out_pa);

	if (inv)
		abandon(e, inv, why);
}

/*
 * The objects of @inv's callback: its cxt the primordial object or a
 * Linux id QTEE holds; each IO NULL, a Linux id QTEE holds, or a live
 * QTEE object (*@qtee_io then). Returns 0 or a result (an op's bug).
 */
static int32_t check_cb_objects(const struct qtee_engine *e,
				const struct qtee_inv *inv, bool *qtee_io)
{
	const struct qtee_callback_msg *m = &inv->cb.msg;
	unsigned int i;

	*qtee_io = false;
	if (m->cxt != QTEE_OBJ_PRIMORDIAL && !qtee_ns_held(&e->objs, m->cxt)) {
		tz_log("qtee: BUG: invoke #%llu: callback to linux object 0x%08x, which QTEE does not hold",
		       (unsigned long long)inv->seq, m->cxt);
		return QTEE_BADOBJ;
	}
	for (i = 0; i < m->args.nio; i++) {
		uint32_t id = m->args.obj[i];

		if (!id)
			continue;
		if (qtee_id_is_ns(id) ? qtee_ns_held(&e->objs, id) :
					!!qtee_obj_find(&e->objs, id)) {
			*qtee_io |= !qtee_id_is_ns(id);
			continue;
		}
		tz_log("qtee: BUG: invoke #%llu: callback input object 0x%08x is not QTEE's to send",
		       (unsigned long long)inv->seq, id);
		return QTEE_BADOBJ;
	}
	for (i = 0; i < m->args.nib; i++) {
		if (m->args.buf[i].size && !inv->cb.ib[i]) {
			tz_log("qtee: BUG: invoke #%llu: callback IB %u has no payload",
			       (unsigned long long)inv->seq, i);
			return QTEE_ERROR;
		}
	}
	return QTEE_OK;
}

/* Write @inv's callback to the outbound buffer: 0, or a result. */
static int32_t send_callback(struct qtee_engine *e, struct qtee_inv *inv,
			     const struct qtee_bufs *b)
{
	struct qtee_callback_msg *m = &inv->cb.msg;
	uint64_t end;
	unsigned int i;
	int32_t ret;
	bool qtee_io;

	ret = check_cb_objects(e, inv, &qtee_io);
	if (ret)
		return ret;
	end = qtee_msg_encode_callback(b->out, b->out_size, QTEE_OUT_CLEAR, m,
				       inv->cb.ib);
	if (!end) {
		tz_log("qtee: invoke #%llu: callback does not fit in the outbound buffer",
		       (unsigned long long)inv->seq);
		return QTEE_MAXDATA;
	}
	/* Linux makes one object per QTEE id it receives, and releases it. */
	for (i = 0; i < m->args.nio; i++)
		if (m->args.obj[i] && !qtee_id_is_ns(m->args.obj[i]))
			qtee_obj_give(qtee_obj_find(&e->objs, m->args.obj[i]));
	inv->cb_seq = ++e->cb_seq;
	inv->callbacks++;
	e->cb_sent++;
	e->kinds[inv->kind].callbacks++;
	tz_log("qtee: callback #%llu of invoke #%llu: obj=0x%08x op=0x%x counts=0x%04x",
	       (unsigned long long)inv->cb_seq, (unsigned long long)inv->seq,
	       m->cxt, m->op, m->args.counts);
	/* A corrupted callback carries no releases: Linux may drop it all. */
	if (!corrupt_callback(e, inv, b->out, b->out_size, qtee_io))
		put_async(e, b->out + end, b->out_size - end);
	return 0;
}

/* Keep @inv open (a slot is free: checked when the INVOKE came). */
static void open_add(struct qtee_engine *e, struct qtee_inv *inv)
{
	unsigned int i, slot = QTEE_MAX_OPEN;

	for (i = 0; i < QTEE_MAX_OPEN; i++) {
		if (e->open[i] == inv)
			return;
		if (!e->open[i] && slot == QTEE_MAX_OPEN)
			slot = i;
	}
	e->open[slot] = inv;
}

/* Run the current step; open the invocation for a callback, or finish. */
static long run(struct qtee_engine *e, struct qtee_inv *inv,
		const struct qtee_bufs *b, struct qtee_answer *ans)
{
	int32_t ret;

	inv->in = b->in;
	if (qtee_service_step(e, inv) == QTEE_STEP_CALLBACK) {
		ret = send_callback(e, inv, b);
		if (!ret) {
			open_add(e, inv);
			ans->type = QTEE_RESP_INBOUND_REQ_NEEDED;
			ans->result = QTEE_OK;
			return SCM_OK;
		}
		inv->result = ret;
	}
	finish(e, inv, b, ans);
	return SCM_OK;
}

/* -- INVOKE. -- */

static bool overlap(const struct qtee_bufs *b)
{
	return b->in_pa < b->out_pa + b->out_size &&
	       b->out_pa < b->in_pa + b->in_size;
}

/*
 * The Linux objects among the IOs: none may be the primordial object,
 * come twice, or be one QTEE already holds. Counts them into *@n.
 */
static int check_inputs(const struct qtee_engine *e, const struct qtee_args *a,
			unsigned int *n, const char **why)
{
	unsigned int i, j;

	*n = 0;
	for (i = 0; i < a->nio; i++) {
		uint32_t id = a->obj[i];

		if (!qtee_id_is_ns(id))
			continue;
		if (id == QTEE_OBJ_PRIMORDIAL) {
			*why = "the primordial object as an input object";
			return -1;
		}
		if (qtee_ns_known(&e->objs, id)) {
			*why = "an input object QTEE already holds";
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (a->obj[j] == id) {
				*why = "the same Linux object twice";
				return -1;
			}
		}
		(*n)++;
	}
	return 0;
}

/* RELEASE and RETAIN, for any QTEE object: no op step. */
static void refs_op(struct qtee_engine *e, struct qtee_inv *inv)
{
	if (inv->req.counts || !inv->target) {
		tz_log("qtee: invoke #%llu: %s of obj=0x%08x %s refused",
		       (unsigned long long)inv->seq,
		       inv->op == QTEE_OP_RELEASE ? "RELEASE" : "RETAIN",
		       inv->cxt, inv->req.counts ? "with arguments" :
						   "(root is not counted)");
		inv->result = QTEE_INVALID;
		return;
	}
	if (inv->op == QTEE_OP_RELEASE) {
		qtee_obj_release(&e->objs, inv->target);
		e->kinds[inv->kind].releases++;
	} else {
		qtee_obj_give(inv->target);
	}
	inv->result = QTEE_OK;
}

long qtee_engine_invoke(struct qtee_engine *e, const struct qtee_bufs *b,
			struct qtee_answer *ans)
{
	struct qtee_invoke_msg m;
	struct qtee_inv *inv;
	struct qtee_object *o;
	const char *why;
	unsigned int i, nns;

	if (overlap(b))
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke",
			      "inbound and outbound buffers overlap");
	inv = find_open(e, b->out_pa);
	if (inv)
		abandon(e, inv, "its outbound buffer came with a new invoke");
	if (qtee_msg_decode_invoke(b->in, b->in_size, &m, &why))
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke", why);
	if (m.op > QTEE_OP_MASK)
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke",
			      "op has bits above 0xffff");
	if (check_inputs(e, &m.args, &nns, &why))
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "invoke", why);
	if (nns > qtee_ns_free(&e->objs))
		return qtee_engine_refuse(e, SCM_ENOMEM, "invoke",
			      "no room to hold its Linux objects");
	if (qtee_engine_open_count(e) == QTEE_MAX_OPEN)
		return qtee_engine_refuse(e, SCM_EBUSY, "invoke",
			      "all invocation slots are waiting on callbacks");
	inv = qtee_heap_alloc(&e->heap, sizeof(*inv));
	if (!inv)
		return qtee_engine_refuse(e, SCM_ENOMEM, "invoke", "QTEE heap exhausted");

	inv->seq = ++e->seq;
	inv->in_pa = b->in_pa;
	inv->in_size = b->in_size;
	inv->out_pa = b->out_pa;
	inv->out_size = b->out_size;
	inv->cxt = m.cxt;
	inv->op = m.op;
	inv->req = m.args;
	e->invokes++;
	/* From here on the Linux objects are QTEE's (status 0). */
	for (i = 0; i < m.args.nio; i++) {
		uint32_t id = m.args.obj[i];

		if (qtee_id_is_ns(id) && !qtee_ns_take(&e->objs, id,
						       QTEE_NS_INPUT))
			inv->ns[inv->nns++] = id;
	}

	o = m.cxt == QTEE_OBJ_ROOT ? NULL : qtee_obj_find(&e->objs, m.cxt);
	if (m.cxt == QTEE_OBJ_ROOT) {
		inv->kind = QTEE_KIND_ROOT;
	} else if (!o || !o->linux_refs) {
		inv->kind = QTEE_KIND_COUNT;
		tz_log("qtee: invoke #%llu: obj=0x%08x is no object Linux holds",
		       (unsigned long long)inv->seq, m.cxt);
	} else {
		qtee_obj_get(o);
		inv->target = o;
		inv->kind = o->kind;
	}
	e->kinds[inv->kind].calls++;
	if (inv->kind != QTEE_KIND_COUNT && m.op != QTEE_OP_RELEASE &&
	    m.op != QTEE_OP_RETAIN)
		return run(e, inv, b, ans);
	if (inv->kind == QTEE_KIND_COUNT)
		inv->result = QTEE_BADOBJ;
	else
		refs_op(e, inv);
	finish(e, inv, b, ans);
	return SCM_OK;
}

/* -- CB_RSP. -- */

int qtee_engine_lookup(const struct qtee_engine *e, uint64_t out_pa,
		       struct qtee_bufs *b)
{
	const struct qtee_inv *inv = find_open(e, out_pa);

	if (!inv)
		return -1;
	memset(b, 0, sizeof(*b));
	b->in_pa = inv->in_pa;
	b->in_size = inv->in_size;
	b->out_pa = inv->out_pa;
	b->out_size = inv->out_size;
	return 0;
}

/*
 * Read Linux's answer to @inv's callback (as QTEE sent it, uncorrupted)
 * into inv->rsp and take the Linux objects of its OOs. With a non-zero
 * result only the result is read. Returns an SCM status (nothing taken
 * unless SCM_OK).
 */
static long read_answer(struct qtee_engine *e, struct qtee_inv *inv,
			const uint8_t *out, const char **why)
{
	const struct qtee_args *a = &inv->cb.msg.args;
	struct qtee_cb_rsp *r = &inv->rsp;
	unsigned int i, j, n = 0;

	memset(r, 0, sizeof(*r));
	r->result = (int32_t)get32(out);
	if (r->result)
		return SCM_OK;
	for (i = 0; i < a->nob; i++) {
		const uint8_t *slot = out + qtee_slot_offset(QTEE_CB_HDR,
							     a->nib + i);
		const struct qtee_buf_arg *ob = &a->buf[a->nib + i];

		if (get32(slot) != ob->offset) {
			*why = "an OB offset was changed";
			return SCM_EINVAL_ARG;
		}
		if (get32(slot + 4) > ob->size) {
			*why = "an OB is larger than QTEE asked for";
			return SCM_EINVAL_ARG;
		}
		r->ob_size[i] = get32(slot + 4);
		r->ob[i] = out + ob->offset;
	}
	for (i = 0; i < a->noo; i++) {
		r->oo[i] = get32(out + qtee_slot_offset(QTEE_CB_HDR,
							a->nib + a->nob +
							a->nio + i));
		if (!r->oo[i])
			continue;
		if (!qtee_id_is_ns(r->oo[i]) ||
		    r->oo[i] == QTEE_OBJ_PRIMORDIAL) {
			*why = "an OO is not a new Linux object";
			return SCM_EINVAL_ARG;
		}
		if (qtee_ns_known(&e->objs, r->oo[i])) {
			*why = "an OO is a Linux object QTEE already holds";
			return SCM_EINVAL_ARG;
		}
		for (j = 0; j < i; j++) {
			if (r->oo[j] == r->oo[i]) {
				*why = "the same Linux object twice";
				return SCM_EINVAL_ARG;
			}
		}
		n++;
	}
	if (n > qtee_ns_free(&e->objs) || inv->nns + n > ARRAY_SIZE(inv->ns)) {
		*why = "no room to hold its Linux objects";
		return SCM_ENOMEM;
	}
	for (i = 0; i < a->noo; i++) {
		if (r->oo[i] && !qtee_ns_take(&e->objs, r->oo[i],
					      QTEE_NS_OUTPUT))
			inv->ns[inv->nns++] = r->oo[i];
	}
	return SCM_OK;
}

long qtee_engine_cb_rsp(struct qtee_engine *e, const struct qtee_bufs *b,
			struct qtee_answer *ans)
{
	struct qtee_inv *inv = find_open(e, b->out_pa);
	const char *why;
	long status;

	if (!inv)
		return qtee_engine_refuse(e, SCM_EINVAL_ARG, "callback response",
			      "no open invocation has this outbound buffer");
	if (b->out_size != inv->out_size) {
		why = "outbound size differs from the invoke's";
		status = SCM_EINVAL_ARG;
	} else {
		status = read_answer(e, inv, b->out, &why);
	}
	if (status != SCM_OK) {
		e->cb_refused++;
		abandon(e, inv, why);
		return qtee_engine_refuse(e, status, "callback response", why);
	}
	e->cb_answered++;
	tz_log("qtee: callback #%llu answered: result=%d",
	       (unsigned long long)inv->cb_seq, inv->rsp.result);
	inv->step++;
	return run(e, inv, b, ans);
}

/* -- Power-off. -- */

void qtee_engine_report(const struct qtee_engine *e)
{
	const struct qtee_objtab *t = &e->objs;
	struct qtee_heap_info hi;
	unsigned int i;

	for (i = 0; i < QTEE_MAX_OBJECTS; i++) {
		const struct qtee_object *o = t->obj[i];

		if (o)
			tz_log("qtee: live at power-off: qtee object 0x%08x %s linux_refs=%u internal_refs=%u",
			       o->id, qtee_kind_name(o->kind), o->linux_refs,
			       o->internal_refs);
	}
	for (i = 0; i < QTEE_MAX_NS; i++) {
		const struct qtee_ns *n = &t->ns[i];

		if (n->state != QTEE_NS_FREE)
			tz_log("qtee: live at power-off: linux object 0x%08x (%s)%s",
			       n->id, qtee_ns_what_name(n->what),
			       n->state == QTEE_NS_QUEUED ?
			       " released, not yet told" : "");
	}
	for (i = 0; i < QTEE_MAX_OPEN; i++) {
		const struct qtee_inv *inv = e->open[i];

		if (inv)
			tz_log("qtee: open at power-off: invoke #%llu obj=0x%08x %s op=0x%x after %u callbacks",
			       (unsigned long long)inv->seq, inv->cxt,
			       qtee_kind_name(inv->kind), inv->op,
			       inv->callbacks);
	}
	tz_log("qtee: live objects at power-off: qtee=%u linux=%u",
	       qtee_obj_linux_count(t), qtee_ns_count(t));
	qtee_heap_info(&e->heap, &hi);
	tz_log("qtee: at power-off: objects=%u open_invocations=%u heap_used=%u",
	       qtee_obj_count(t), qtee_engine_open_count(e), hi.used);
	tz_log("counter qtee invokes=%llu refused=%llu completed=%llu abandoned=%llu callbacks=%llu answered=%llu cb_refused=%llu async_msgs=%llu async_ids=%llu",
	       (unsigned long long)e->invokes, (unsigned long long)e->refused,
	       (unsigned long long)e->completed,
	       (unsigned long long)e->abandoned,
	       (unsigned long long)e->cb_sent,
	       (unsigned long long)e->cb_answered,
	       (unsigned long long)e->cb_refused,
	       (unsigned long long)e->async_msgs,
	       (unsigned long long)e->async_ids);
	tz_log("counter qtee.objects created=%llu destroyed=%llu linux_taken=%llu linux_released=%llu bugs=%llu",
	       (unsigned long long)t->created,
	       (unsigned long long)t->destroyed,
	       (unsigned long long)t->ns_taken,
	       (unsigned long long)t->ns_released,
	       (unsigned long long)t->errors);
	tz_log("counter qtee.heap total=%u used=%u free=%u overhead=%u wasted=%u largest_free=%u peak_used=%u allocs=%llu frees=%llu failures=%llu",
	       hi.total, hi.used, hi.free, hi.overhead, hi.wasted,
	       hi.largest_free, e->heap.peak_used,
	       (unsigned long long)e->heap.allocs,
	       (unsigned long long)e->heap.frees,
	       (unsigned long long)e->heap.failures);
	for (i = 0; i <= QTEE_KIND_COUNT; i++) {
		const struct qtee_kind_stats *k = &e->kinds[i];

		tz_log("counter qtee.%s calls=%llu errors=%llu callbacks=%llu releases=%llu",
		       qtee_kind_name(i), (unsigned long long)k->calls,
		       (unsigned long long)k->errors,
		       (unsigned long long)k->callbacks,
		       (unsigned long long)k->releases);
	}
	for (i = QTEE_CORRUPT_NONE + 1; i < QTEE_CORRUPT_COUNT; i++)
		if (e->corrupt[i] || e->corrupted[i])
			tz_log("counter qtee.corrupt.%s applied=%llu armed=%u",
			       qtee_corrupt_name(i),
			       (unsigned long long)e->corrupted[i],
			       e->corrupt[i]);
}
