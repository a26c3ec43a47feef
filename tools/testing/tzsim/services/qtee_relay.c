// SPDX-License-Identifier: GPL-2.0
/*
 * The relay: a test service of the simulator, not a QTEE service. A
 * client env opens it with uid 0x7e57 (32343); its one op asks QTEE to
 * call a Linux object the caller passes, with the arguments the caller
 * gives, and hands the answer back. User-space tests drive their own
 * objects (the kernel's supplicant path) with it, for every argument type.
 *
 * op 0 CALL. Linux's counts: IB >= 1, OB >= 0, IO >= 1, OO >= 0.
 *   IB[0]    u32 op to call, exactly 4 bytes (else SIZE_IN); 0xfffe,
 *            0xffff and ops above 0xffff are refused (INVALID)
 *   IO[0]    the target: a Linux id (bit 31, not 0x80000000), else
 *            INVALID
 * QTEE makes one callback to the target with that op:
 *   IBs      Linux's IB[1..], the same bytes
 *   OBs      one per Linux OB, asking for that OB's capacity
 *   IOs      Linux's IO[1..], the same ids: Linux ids as they are, QTEE
 *            objects (one Linux holds a reference on, else BADOBJ before
 *            any callback) with one more reference for Linux (it RELEASEs
 *            it later), NULL as NULL
 *   OOs      as many as Linux's
 * Answered with a non-zero result: CALL fails with that result. With 0:
 * Linux's OBs get the bytes and sizes the callback answered, Linux's OOs
 * the ids it answered: a Linux id comes back to Linux as it is (QTEE
 * holds it until the end of the invocation, then gives it back by async
 * RELEASE), NULL stays NULL. A callback that does not fit the outbound
 * buffer fails CALL with MAXDATA; NOSLOTS if the heap cannot hold the OBs.
 *
 * op 1 STORE. counts 0x0100: IO[0] a Linux id or NULL, which QTEE keeps
 *   (for every relay: one slot) in place of the one kept before, given
 *   back by async RELEASE. STORE of NULL empties the slot.
 * op 2 CALL_STORED. As CALL, but the target is the kept object and every
 *   IO is passed on: IB >= 1, IO >= 0. INVALID if the slot is empty.
 *   Lets one process's invocation call another process's object.
 *
 * Log: "qtee: relay: called linux object 0x<id> op=0x<op> counts=0x<the
 * callback's counts> result=<the callback's result>" once answered.
 * Pure code: also built into the host unit tests.
 */
#include <tzsim/le.h>
#include <tzsim/log.h>
#include <tzsim/qtee_engine.h>

static enum qtee_step done(struct qtee_inv *inv, int32_t result)
{
	inv->result = result;
	return QTEE_STEP_DONE;
}

/*
 * Step 0: check the call and build the callback to @target with Linux's
 * IO[@io0..].
 */
static enum qtee_step relay_call(struct qtee_engine *e, struct qtee_inv *inv,
				 uint32_t target, unsigned int io0)
{
	const struct qtee_args *a = &inv->req;
	const struct qtee_object *o;
	uint32_t size, op, id;
	const uint8_t *ib;
	unsigned int i;

	if (a->nib < 1 || a->nio < io0)
		return done(inv, QTEE_INVALID);
	ib = qtee_inv_ib(inv, 0, &size);
	if (size != 4)
		return done(inv, QTEE_SIZE_IN);
	op = get32(ib);
	if (op > QTEE_OP_MASK || op == QTEE_OP_RELEASE ||
	    op == QTEE_OP_RETAIN) {
		tz_log("qtee: relay: op 0x%x refused", op);
		return done(inv, QTEE_INVALID);
	}
	if (!qtee_id_is_ns(target) || target == QTEE_OBJ_PRIMORDIAL) {
		tz_log("qtee: relay: target 0x%08x is no Linux object", target);
		return done(inv, QTEE_INVALID);
	}
	for (i = io0; i < a->nio; i++) {
		id = qtee_inv_io(inv, i);
		if (!id || qtee_id_is_ns(id))
			continue;
		o = qtee_obj_find(&e->objs, id);
		if (!o || !o->linux_refs)
			return done(inv, QTEE_BADOBJ);
	}
	qtee_inv_callback(inv, target, op,
			  qtee_counts_pack(a->nib - 1, a->nob, a->nio - io0,
					   a->noo));
	for (i = 1; i < a->nib; i++) {
		ib = qtee_inv_ib(inv, i, &size);
		qtee_inv_cb_ib_ref(inv, i - 1, ib, size);
	}
	for (i = 0; i < a->nob; i++)
		qtee_inv_cb_ob(inv, i, qtee_inv_ob_size(inv, i));
	for (i = io0; i < a->nio; i++)
		qtee_inv_cb_io(inv, i - io0, qtee_inv_io(inv, i));
	return QTEE_STEP_CALLBACK;
}

/* Step 1: the answer becomes CALL's. */
static enum qtee_step relay_answered(struct qtee_engine *e,
				     struct qtee_inv *inv)
{
	const struct qtee_callback_msg *m = &inv->cb.msg;
	const struct qtee_cb_rsp *r = &inv->rsp;
	unsigned int i;

	tz_log("qtee: relay: called linux object 0x%08x op=0x%x counts=0x%04x result=%d",
	       m->cxt, m->op, m->args.counts, r->result);
	if (r->result)
		return done(inv, r->result);
	for (i = 0; i < inv->req.nob; i++)
		if (qtee_inv_set_ob_copy(e, inv, i, r->ob[i], r->ob_size[i]))
			return done(inv, QTEE_NOSLOTS);
	/* The Linux ids stay the invocation's: given back at its end. */
	for (i = 0; i < inv->req.noo; i++)
		qtee_inv_set_oo_ns(inv, i, r->oo[i]);
	return done(inv, QTEE_OK);
}

/* STORE: keep IO[0] in the one slot, give the previous one back. */
static enum qtee_step relay_store(struct qtee_engine *e, struct qtee_inv *inv)
{
	uint32_t id = qtee_inv_io(inv, 0), prev = e->relay_stored;

	if (inv->req.counts != qtee_counts_pack(0, 0, 1, 0) ||
	    (id && (!qtee_id_is_ns(id) || id == QTEE_OBJ_PRIMORDIAL)))
		return done(inv, QTEE_INVALID);
	if (id) {
		qtee_inv_keep_ns(inv, id);
		qtee_ns_set_what(&e->objs, id, QTEE_NS_STORED);
	}
	e->relay_stored = id;
	if (prev)
		qtee_ns_release(&e->objs, prev);
	tz_log("qtee: relay: stored linux object 0x%08x (was 0x%08x)", id,
	       prev);
	return done(inv, QTEE_OK);
}

enum qtee_step qtee_relay_step(struct qtee_engine *e, struct qtee_inv *inv)
{
	if (inv->step)
		return relay_answered(e, inv);
	switch (inv->op) {
	case QTEE_RELAY_OP_CALL:
		return relay_call(e, inv, inv->req.nio ? qtee_inv_io(inv, 0) :
				  0, 1);
	case QTEE_RELAY_OP_STORE:
		return relay_store(e, inv);
	case QTEE_RELAY_OP_CALL_STORED:
		if (!e->relay_stored)
			return done(inv, QTEE_INVALID);
		return relay_call(e, inv, e->relay_stored, 0);
	default:
		return done(inv, QTEE_INVALID);
	}
}
