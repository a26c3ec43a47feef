// SPDX-License-Identifier: GPL-2.0
/*
 * The ops of the simulated QTEE's objects: root, client env,
 * FeatureVersions, Diagnostics, AppLoader, AppController and the example
 * TA. Each op is a step function (include/tzsim/qtee_engine.h): step 0
 * runs on the INVOKE, step n + 1 on the answer to its nth callback.
 * Pure code: also built into the host unit tests.
 *
 * Every op first checks the exact counts it takes (else INVALID), then
 * buffer sizes (SIZE_IN for an IB of the wrong size, SIZE_OUT for an OB
 * too small). Callbacks:
 *   Diagnostics queryHeapInfo  SLEEP (1 ms), then answers
 *   AppLoader loadFromBuffer   YIELD after loading, then answers
 *   AppLoader loadFromRegion   MAP_REGION, load, YIELD, then answers
 *   root register (op 2)       GET_LENGTH and READ_AT_OFFSET (as often as
 *                              needed) to the credentials object, then
 *                              answers
 *   relay CALL                 the call it relays (services/qtee_relay.c)
 * The first three go to Linux's primordial object. A callback answered
 * with a non-zero result fails the op with that result.
 */
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/qtee_cbor.h>
#include <tzsim/qtee_engine.h>

static enum qtee_step done(struct qtee_inv *inv, int32_t result)
{
	inv->result = result;
	return QTEE_STEP_DONE;
}

/* -- Root: register (op 2) and registerWithCredentials (op 5). -- */

/* A new client env as OO 0, keeping Linux id @creds (or none). */
static struct qtee_object *make_env(struct qtee_engine *e,
				    struct qtee_inv *inv, uint32_t creds)
{
	struct qtee_object *env = qtee_obj_new(&e->objs, QTEE_KIND_CLIENT_ENV);

	if (!env)
		return NULL;
	if (creds) {
		qtee_inv_keep_ns(inv, creds);
		qtee_ns_set_what(&e->objs, creds, QTEE_NS_CREDENTIALS);
		env->u.env.creds = creds;
	}
	qtee_inv_set_oo(inv, 0, env);
	return env;
}

/* READ_AT_OFFSET of what is left, as much as the outbound buffer holds. */
static enum qtee_step creds_read(struct qtee_inv *inv, uint32_t creds)
{
	uint32_t want = inv->scratch_len - inv->scratch_pos, room;
	uint8_t off[8];

	put64(off, inv->scratch_pos);
	qtee_inv_callback(inv, creds, QTEE_CREDS_OP_READ_AT_OFFSET,
			  qtee_counts_pack(1, 1, 0, 0));
	qtee_inv_cb_ib(inv, 0, off, sizeof(off));
	room = qtee_inv_cb_ob_room(inv, 0);
	qtee_inv_cb_ob(inv, 0, want < room ? want : room);
	return QTEE_STEP_CALLBACK;
}

/*
 * register (op 2) with a credentials object: GET_LENGTH (one 8-byte OB,
 * a u64), then READ_AT_OFFSET from offset 0 until all of it is read (a
 * chunk per callback if it does not fit the outbound buffer at once),
 * into a copy on QTEE's heap; then the CBOR map (include/tzsim/qtee_cbor.h)
 * must hold a uid. Any refusal logs why; a callback's error result is the
 * op's, anything else wrong is INVALID.
 */
static enum qtee_step register_creds(struct qtee_engine *e,
				     struct qtee_inv *inv, uint32_t creds)
{
	const struct qtee_cb_rsp *r = &inv->rsp;
	struct qtee_creds cr;
	const char *why;
	uint64_t len;

	if (inv->step == 0) {
		qtee_ns_set_what(&e->objs, creds, QTEE_NS_CREDENTIALS);
		qtee_inv_callback(inv, creds, QTEE_CREDS_OP_GET_LENGTH,
				  qtee_counts_pack(0, 1, 0, 0));
		qtee_inv_cb_ob(inv, 0, QTEE_CREDS_LENGTH_SIZE);
		return QTEE_STEP_CALLBACK;
	}
	if (r->result) {
		tz_log("qtee: credentials of linux object 0x%08x refused: %s answered result %d",
		       creds, inv->step == 1 ? "GET_LENGTH" : "READ_AT_OFFSET",
		       r->result);
		return done(inv, r->result);
	}
	if (inv->step == 1) {
		if (r->ob_size[0] != QTEE_CREDS_LENGTH_SIZE) {
			tz_log("qtee: credentials of linux object 0x%08x refused: GET_LENGTH answered %u bytes, not 8",
			       creds, r->ob_size[0]);
			return done(inv, QTEE_INVALID);
		}
		len = le_get(r->ob[0], QTEE_CREDS_LENGTH_SIZE);
		if (!len || len > QTEE_CREDS_MAX) {
			tz_log("qtee: credentials of linux object 0x%08x refused: length %llu is not 1..%u",
			       creds, (unsigned long long)len, QTEE_CREDS_MAX);
			return done(inv, QTEE_INVALID);
		}
		if (!qtee_inv_scratch(e, inv, (uint32_t)len)) {
			tz_log("qtee: credentials of linux object 0x%08x refused: no heap for %llu bytes",
			       creds, (unsigned long long)len);
			return done(inv, QTEE_NOSLOTS);
		}
		return creds_read(inv, creds);
	}
	/* A READ_AT_OFFSET answer: at most what was asked (the engine). */
	if (!r->ob_size[0]) {
		tz_log("qtee: credentials of linux object 0x%08x refused: READ_AT_OFFSET at offset %u answered 0 bytes",
		       creds, inv->scratch_pos);
		return done(inv, QTEE_INVALID);
	}
	memcpy(inv->scratch + inv->scratch_pos, r->ob[0], r->ob_size[0]);
	inv->scratch_pos += r->ob_size[0];
	if (inv->scratch_pos < inv->scratch_len)
		return creds_read(inv, creds);
	if (qtee_cbor_creds(inv->scratch, inv->scratch_len, &cr, &why)) {
		tz_log("qtee: credentials of linux object 0x%08x refused: %s",
		       creds, why);
		return done(inv, QTEE_INVALID);
	}
	if (!make_env(e, inv, creds))
		return done(inv, QTEE_NOSLOTS);
	if (cr.has_time)
		tz_log("qtee: client registered: uid=%llu time_ms=%llu",
		       (unsigned long long)cr.uid,
		       (unsigned long long)cr.time_ms);
	else
		tz_log("qtee: client registered: uid=%llu time_ms=none",
		       (unsigned long long)cr.uid);
	return done(inv, QTEE_OK);
}

static enum qtee_step root_step(struct qtee_engine *e, struct qtee_inv *inv)
{
	uint32_t creds = qtee_inv_io(inv, 0);
	struct qtee_object *o;

	if ((inv->op != QTEE_ROOT_OP_REGISTER &&
	     inv->op != QTEE_ROOT_OP_REG_WITH_CREDENTIALS) ||
	    inv->req.counts != qtee_counts_pack(0, 0, 1, 1))
		return done(inv, QTEE_INVALID);
	if (creds && !qtee_id_is_ns(creds)) {
		/* A QTEE object is no credentials object. */
		o = qtee_obj_find(&e->objs, creds);
		return done(inv, o && o->linux_refs ? QTEE_INVALID :
						     QTEE_BADOBJ);
	}
	/*
	 * register (op 2) reads its credentials object through callbacks.
	 * registerWithCredentials (op 5) keeps its credentials unread
	 * (choice): the kernel's own has NULL.
	 */
	if (creds && inv->op == QTEE_ROOT_OP_REGISTER)
		return register_creds(e, inv, creds);
	/*
	 * register (op 2) with NULL credentials: an anonymous, unprivileged
	 * client. A simulator choice: the facts do not say what QTEE does;
	 * it lets user space without a credentials object of its own reach
	 * its services.
	 */
	if (!make_env(e, inv, creds))
		return done(inv, QTEE_NOSLOTS);
	return done(inv, QTEE_OK);
}

/* -- Client env: open (op 0) by service UID. -- */

static enum qtee_step client_env_step(struct qtee_engine *e,
				      struct qtee_inv *inv)
{
	const uint8_t *ib;
	uint32_t size, uid;
	enum qtee_kind kind;
	struct qtee_object *o;

	if (inv->op != QTEE_CLIENT_ENV_OP_OPEN ||
	    inv->req.counts != qtee_counts_pack(1, 0, 0, 1))
		return done(inv, QTEE_INVALID);
	ib = qtee_inv_ib(inv, 0, &size);
	if (size != 4)
		return done(inv, QTEE_SIZE_IN);
	uid = get32(ib);
	switch (uid) {
	case QTEE_UID_FEATURE_VERSIONS:
		kind = QTEE_KIND_FEATURE_VERSIONS;
		break;
	case QTEE_UID_DIAGNOSTICS:
		kind = QTEE_KIND_DIAGNOSTICS;
		break;
	case QTEE_UID_APP_LOADER:
		kind = QTEE_KIND_APP_LOADER;
		break;
	case QTEE_UID_RELAY:
		kind = QTEE_KIND_RELAY;
		break;
	default:
		tz_log("qtee: client env 0x%08x: no service with uid %u",
		       inv->cxt, uid);
		return done(inv, QTEE_INVALID);
	}
	o = qtee_obj_new(&e->objs, kind);
	if (!o)
		return done(inv, QTEE_NOSLOTS);
	qtee_inv_set_oo(inv, 0, o);
	return done(inv, QTEE_OK);
}

/* -- FeatureVersions: get (op 0). -- */

static enum qtee_step feature_versions_step(struct qtee_engine *e,
					    struct qtee_inv *inv)
{
	uint8_t out[4];
	uint32_t size;
	const uint8_t *ib;

	if (inv->op != QTEE_FEATURE_VERSIONS_OP_GET ||
	    inv->req.counts != qtee_counts_pack(1, 1, 0, 0))
		return done(inv, QTEE_INVALID);
	ib = qtee_inv_ib(inv, 0, &size);
	if (size != 4)
		return done(inv, QTEE_SIZE_IN);
	if (qtee_inv_ob_size(inv, 0) < 4)
		return done(inv, QTEE_SIZE_OUT);
	if (get32(ib) != QTEE_FEATURE_QTEE_ID)
		return done(inv, QTEE_INVALID);
	put32(out, QTEE_VERSION);
	qtee_inv_set_ob(inv, 0, out, sizeof(out));
	return done(inv, QTEE_OK);
}

/* -- Diagnostics: queryHeapInfo (op 0), after a SLEEP callback. -- */

static enum qtee_step diagnostics_step(struct qtee_engine *e,
				       struct qtee_inv *inv)
{
	struct qtee_heap_info hi;
	uint8_t out[QTEE_DIAG_HEAP_INFO_SIZE], ms[4];

	if (inv->step == 0) {
		if (inv->op != QTEE_DIAG_OP_QUERY_HEAP_INFO ||
		    inv->req.counts != qtee_counts_pack(0, 1, 0, 0))
			return done(inv, QTEE_INVALID);
		if (qtee_inv_ob_size(inv, 0) < QTEE_DIAG_HEAP_INFO_SIZE)
			return done(inv, QTEE_SIZE_OUT);
		put32(ms, QTEE_DIAG_SLEEP_MS);
		qtee_inv_callback(inv, QTEE_OBJ_PRIMORDIAL,
				  QTEE_PRIMORDIAL_OP_SLEEP,
				  qtee_counts_pack(1, 0, 0, 0));
		qtee_inv_cb_ib(inv, 0, ms, sizeof(ms));
		return QTEE_STEP_CALLBACK;
	}
	if (inv->rsp.result)
		return done(inv, inv->rsp.result);
	qtee_heap_info(&e->heap, &hi);
	put32(out, hi.total);
	put32(out + 4, hi.used);
	put32(out + 8, hi.free);
	put32(out + 12, hi.overhead);
	put32(out + 16, hi.wasted);
	put32(out + 20, hi.largest_free);
	qtee_inv_set_ob(inv, 0, out, sizeof(out));
	return done(inv, QTEE_OK);
}

/* -- AppLoader: loadFromBuffer (op 0), loadFromRegion (op 1). -- */

static void yield(struct qtee_inv *inv)
{
	qtee_inv_callback(inv, QTEE_OBJ_PRIMORDIAL, QTEE_PRIMORDIAL_OP_YIELD, 0);
}

/*
 * Check the @size-byte image at @img (normal-world memory), load it into
 * a new example TA and stage its new controller as OO 0. Returns a result.
 */
static int32_t load_image(struct qtee_engine *e, struct qtee_inv *inv,
			  const uint8_t *img, uint64_t size)
{
	uint64_t hlen = size < QTEE_TA_HDRS_MAX ? size : QTEE_TA_HDRS_MAX;
	struct qtee_ta_layout lay;
	struct qtee_object *ta, *ctl;
	uint8_t *hdrs, *mem;
	const char *why;

	if (!hlen) {
		tz_log("qtee: app loader: empty image");
		return QTEE_APP_LOADER_ERR_INVALID_BUFFER;
	}
	hdrs = qtee_heap_alloc(&e->heap, hlen);
	if (!hdrs)
		return QTEE_NOSLOTS;
	memcpy(hdrs, img, hlen);
	if (qtee_ta_check(hdrs, hlen, size, &lay, &why)) {
		tz_log("qtee: app loader: image of %llu bytes refused: %s",
		       (unsigned long long)size, why);
		qtee_heap_free(&e->heap, hdrs);
		return QTEE_APP_LOADER_ERR_INVALID_BUFFER;
	}
	mem = qtee_heap_alloc(&e->heap, lay.span);
	if (!mem) {
		tz_log("qtee: app loader: no heap for %llu loadable bytes",
		       (unsigned long long)lay.span);
		qtee_heap_free(&e->heap, hdrs);
		return QTEE_NOSLOTS;
	}
	ta = qtee_obj_new(&e->objs, QTEE_KIND_EXAMPLE_TA);
	if (!ta) {
		qtee_heap_free(&e->heap, mem);
		qtee_heap_free(&e->heap, hdrs);
		return QTEE_NOSLOTS;
	}
	ta->u.ta.image = mem;
	ta->u.ta.size = (uint32_t)lay.span;
	ctl = qtee_obj_new(&e->objs, QTEE_KIND_APP_CONTROLLER);
	if (!ctl) {
		qtee_obj_put(&e->objs, ta);	/* frees mem too */
		qtee_heap_free(&e->heap, hdrs);
		return QTEE_NOSLOTS;
	}
	ctl->u.ctl.app = ta;		/* the creator's reference */
	qtee_ta_load(mem, img, hdrs, &lay);
	qtee_heap_free(&e->heap, hdrs);
	tz_log("qtee: app loaded: image %llu bytes, %u loadable segments, %u bytes; example_ta 0x%08x, app_controller 0x%08x",
	       (unsigned long long)size, lay.nload, ta->u.ta.size, ta->id,
	       ctl->id);
	qtee_inv_set_oo(inv, 0, ctl);
	return QTEE_OK;
}

static enum qtee_step load_from_buffer(struct qtee_engine *e,
				       struct qtee_inv *inv)
{
	const uint8_t *img;
	uint32_t size;
	int32_t ret;

	if (inv->step == 0) {
		if (inv->req.counts != qtee_counts_pack(1, 0, 0, 1))
			return done(inv, QTEE_INVALID);
		img = qtee_inv_ib(inv, 0, &size);
		ret = load_image(e, inv, img, size);
		if (ret)
			return done(inv, ret);
		yield(inv);
		return QTEE_STEP_CALLBACK;
	}
	return done(inv, inv->rsp.result);
}

/* MAP_REGION answered: read the mapping, load, give both objects back. */
static int32_t load_region(struct qtee_engine *e, struct qtee_inv *inv)
{
	uint64_t pa, len;
	uint32_t perms;
	const uint8_t *info = inv->rsp.ob[0], *img;

	if (inv->rsp.ob_size[0] < QTEE_MAPPING_INFO_SIZE) {
		tz_log("qtee: app loader: MAP_REGION answered %u bytes of mapping info, not %d",
		       inv->rsp.ob_size[0], QTEE_MAPPING_INFO_SIZE);
		return QTEE_ERROR;
	}
	pa = le_get(info, 8);
	len = le_get(info + 8, 8);
	perms = get32(info + 16);
	if (inv->rsp.oo[0])
		qtee_ns_set_what(&e->objs, inv->rsp.oo[0], QTEE_NS_MAPPING);
	if (!(perms & QTEE_PERM_R) || !len || len > QTEE_INBOUND_MAX) {
		tz_log("qtee: app loader: region 0x%llx+0x%llx perms %u refused",
		       (unsigned long long)pa, (unsigned long long)len, perms);
		return QTEE_APP_LOADER_ERR_INVALID_BUFFER;
	}
	img = e->ns_map ? e->ns_map(pa, len) : NULL;
	if (!img) {
		tz_log("qtee: app loader: region 0x%llx+0x%llx not accessible",
		       (unsigned long long)pa, (unsigned long long)len);
		return QTEE_APP_LOADER_ERR_INVALID_BUFFER;
	}
	return load_image(e, inv, img, len);
}

static enum qtee_step load_from_region(struct qtee_engine *e,
				       struct qtee_inv *inv)
{
	uint32_t mem = qtee_inv_io(inv, 0);
	int32_t ret;

	switch (inv->step) {
	case 0:
		if (inv->req.counts != qtee_counts_pack(0, 0, 1, 1) ||
		    !qtee_id_is_ns(mem))
			return done(inv, QTEE_INVALID);
		qtee_ns_set_what(&e->objs, mem, QTEE_NS_MEMORY);
		qtee_inv_callback(inv, QTEE_OBJ_PRIMORDIAL,
				  QTEE_PRIMORDIAL_OP_MAP_REGION,
				  qtee_counts_pack(0, 1, 1, 1));
		qtee_inv_cb_ob(inv, 0, QTEE_MAPPING_INFO_SIZE);
		qtee_inv_cb_io(inv, 0, mem);
		return QTEE_STEP_CALLBACK;
	case 1:
		if (inv->rsp.result)
			return done(inv, inv->rsp.result);
		ret = load_region(e, inv);
		/* The region and its mapping go back to Linux either way. */
		qtee_inv_drop_ns(e, inv);
		if (ret)
			return done(inv, ret);
		yield(inv);
		return QTEE_STEP_CALLBACK;
	default:
		return done(inv, inv->rsp.result);
	}
}

static enum qtee_step app_loader_step(struct qtee_engine *e,
				      struct qtee_inv *inv)
{
	switch (inv->op) {
	case QTEE_APP_LOADER_OP_LOAD_FROM_BUFFER:
		return load_from_buffer(e, inv);
	case QTEE_APP_LOADER_OP_LOAD_FROM_REGION:
		return load_from_region(e, inv);
	default:
		return done(inv, QTEE_INVALID);
	}
}

/* -- AppController: getAppObject (op 2). -- */

static enum qtee_step app_controller_step(struct qtee_engine *e,
					  struct qtee_inv *inv)
{
	struct qtee_object *app = inv->target->u.ctl.app;

	if (inv->op != QTEE_APP_CONTROLLER_OP_GET_APP_OBJECT ||
	    inv->req.counts != qtee_counts_pack(0, 0, 0, 1))
		return done(inv, QTEE_INVALID);
	qtee_obj_get(app);
	qtee_inv_set_oo(inv, 0, app);
	return done(inv, QTEE_OK);
}

/* -- The example TA: add (op 0). -- */

static enum qtee_step example_ta_step(struct qtee_engine *e,
				      struct qtee_inv *inv)
{
	const uint8_t *ib;
	uint32_t size;
	uint8_t out[4];

	if (inv->op != QTEE_EXAMPLE_TA_OP_ADD ||
	    inv->req.counts != qtee_counts_pack(1, 1, 0, 0))
		return done(inv, QTEE_INVALID);
	ib = qtee_inv_ib(inv, 0, &size);
	if (size != 8)
		return done(inv, QTEE_SIZE_IN);
	if (qtee_inv_ob_size(inv, 0) < 4)
		return done(inv, QTEE_SIZE_OUT);
	put32(out, qtee_ta_add(get32(ib), get32(ib + 4)));
	qtee_inv_set_ob(inv, 0, out, sizeof(out));
	return done(inv, QTEE_OK);
}

enum qtee_step qtee_service_step(struct qtee_engine *e, struct qtee_inv *inv)
{
	switch (inv->kind) {
	case QTEE_KIND_ROOT:
		return root_step(e, inv);
	case QTEE_KIND_CLIENT_ENV:
		return client_env_step(e, inv);
	case QTEE_KIND_FEATURE_VERSIONS:
		return feature_versions_step(e, inv);
	case QTEE_KIND_DIAGNOSTICS:
		return diagnostics_step(e, inv);
	case QTEE_KIND_APP_LOADER:
		return app_loader_step(e, inv);
	case QTEE_KIND_APP_CONTROLLER:
		return app_controller_step(e, inv);
	case QTEE_KIND_EXAMPLE_TA:
		return example_ta_step(e, inv);
	case QTEE_KIND_RELAY:
		return qtee_relay_step(e, inv);
	default:
		return done(inv, QTEE_BADOBJ);
	}
}
