/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated QTEE's engine (services/qtee_engine.c): invocations,
 * their continuations across callbacks, async messages, corruption, logs
 * and counters; and the ops of every object (services/qtee_services.c).
 * Pure code: the SCM glue (services/qtee.c) maps the normal-world buffers
 * and passes pointers, the host tests pass malloc()ed buffers.
 *
 * An invocation runs as steps: the op of the target object is called with
 * step 0, and returns either DONE (inv->result set, outputs staged in the
 * invocation) or CALLBACK (inv->cb filled). A callback is written to the
 * outbound buffer, the SMC returns response type 3 and the invocation
 * stays open, keyed by its outbound buffer's physical address, until the
 * CB_RSP SMC naming that address brings the answer (inv->rsp); then the
 * op runs again with step + 1. At most QTEE_MAX_OPEN are open at once.
 *
 * A callback may go to any Linux object QTEE holds (the primordial object
 * 0x80000000, a credentials object, the target of a relay call) with up
 * to 15 arguments of each type:
 *   IB  payload copied into the outbound buffer (qtee_inv_cb_ib() copies
 *       up to 16 bytes into the invocation; qtee_inv_cb_ib_ref() points at
 *       bytes that stay valid until the callback is written: the inbound
 *       buffer during the step, or the heap)
 *   OB  a size (how many bytes Linux may answer)
 *   IO  a Linux id QTEE holds (Linux gets the same id again; QTEE keeps
 *       holding it), a QTEE object id (Linux gets one more reference on
 *       it, linux_refs + 1, which it drops with a RELEASE invoke), or NULL
 *   OO  a slot for Linux to answer a new Linux id in
 * A callback that does not fit the outbound buffer fails the op with
 * MAXDATA. The answer (result 0): inv->rsp.ob[i] and ob_size[i] (bytes in
 * the outbound buffer, readable during the step), inv->rsp.oo[i] (new
 * Linux ids, held by the invocation and given back by async RELEASE at
 * its end unless the op keeps them, qtee_inv_keep_ns()).
 */
#ifndef TZSIM_QTEE_ENGINE_H
#define TZSIM_QTEE_ENGINE_H

#include <tzsim/qtee.h>
#include <tzsim/qtee_corrupt.h>
#include <tzsim/qtee_heap.h>
#include <tzsim/qtee_obj.h>

#define QTEE_MAX_OPEN		16
#define QTEE_HEAP_SIZE		(512U << 10)	/* the firmware's arena */
#define QTEE_OB_INLINE		32	/* OB bytes staged in the invocation */
#define QTEE_CB_IB_COPIES	4	/* callback IBs copied in the invocation */
#define QTEE_CB_IB_INLINE	16	/* bytes of one copied callback IB */
#define QTEE_OUT_CLEAR		4096	/* outbound bytes zeroed per message */

enum qtee_step {
	QTEE_STEP_DONE,
	QTEE_STEP_CALLBACK,
};

/* A callback to send: message (sizes, ids) and IB payloads. */
struct qtee_cb {
	struct qtee_callback_msg msg;
	const uint8_t *ib[QTEE_ARGS_PER_TYPE];
	uint8_t ib_copy[QTEE_CB_IB_COPIES][QTEE_CB_IB_INLINE];
};

/* Linux's answer to it, checked. ob[] points into the outbound buffer. */
struct qtee_cb_rsp {
	int32_t result;
	uint32_t ob_size[QTEE_ARGS_PER_TYPE];
	const uint8_t *ob[QTEE_ARGS_PER_TYPE];
	uint32_t oo[QTEE_ARGS_PER_TYPE];
};

struct qtee_inv {
	uint64_t seq, cb_seq;		/* invoke #, its last callback # */
	uint64_t in_pa, in_size, out_pa, out_size;
	uint32_t cxt, op;
	struct qtee_args req;
	const uint8_t *in;		/* the inbound buffer, during a step */
	struct qtee_object *target;	/* internal ref; NULL for root */
	uint32_t kind;		/* the target's enum qtee_kind, COUNT: none */
	unsigned int step, callbacks;
	int32_t result;
	/* Outputs, written to the inbound buffer when result is 0. */
	uint32_t ob_len[QTEE_ARGS_PER_TYPE];
	uint8_t ob_data[QTEE_ARGS_PER_TYPE][QTEE_OB_INLINE];
	uint8_t *ob_heap[QTEE_ARGS_PER_TYPE];	/* longer OBs: on the heap */
	struct qtee_object *oo[QTEE_ARGS_PER_TYPE];	/* internal refs */
	uint32_t oo_ns[QTEE_ARGS_PER_TYPE];	/* or Linux ids QTEE holds */
	/* An op's state across callbacks; scratch is freed at the end. */
	uint8_t *scratch;
	uint32_t scratch_len, scratch_pos;
	/* Linux objects this invocation holds until it keeps or drops them. */
	uint32_t ns[2 * QTEE_ARGS_PER_TYPE];
	unsigned int nns;
	struct qtee_cb cb;
	struct qtee_cb_rsp rsp;
};

struct qtee_kind_stats {
	uint64_t calls, errors, callbacks, releases;
};

struct qtee_engine {
	struct qtee_heap heap;
	struct qtee_objtab objs;
	struct qtee_inv *open[QTEE_MAX_OPEN];
	/* Normal-world memory for MAP_REGION reads, or NULL. */
	void *(*ns_map)(uint64_t pa, uint64_t len);
	uint32_t corrupt[QTEE_CORRUPT_COUNT];	/* countdown, 0: disarmed */
	uint64_t corrupted[QTEE_CORRUPT_COUNT];
	/* Per target kind; [QTEE_KIND_COUNT] counts unknown targets. */
	struct qtee_kind_stats kinds[QTEE_KIND_COUNT + 1];
	uint64_t seq, cb_seq;
	uint64_t invokes, refused, completed, cb_sent, cb_answered;
	uint64_t cb_refused, abandoned, async_msgs, async_ids;
	uint32_t relay_stored;	/* the Linux id the relay keeps, or 0 */
};

/* The buffers of an SMC: mapped pointers and what Linux passed. */
struct qtee_bufs {
	uint8_t *in;
	uint64_t in_pa, in_size;
	uint8_t *out;
	uint64_t out_pa, out_size;
};

/* x1, x2 of a successful SMC. */
struct qtee_answer {
	uint64_t type;		/* QTEE_RESP_* */
	int32_t result;
};

void qtee_engine_init(struct qtee_engine *e, void *arena, size_t size,
		      void *(*ns_map)(uint64_t pa, uint64_t len));

/*
 * INVOKE with @b (both buffers mapped). Returns an SCM status: SCM_OK with
 * @ans, or an error (nothing taken, nothing changed but a stale
 * invocation on the same outbound buffer, which is abandoned).
 */
long qtee_engine_invoke(struct qtee_engine *e, const struct qtee_bufs *b,
			struct qtee_answer *ans);
/*
 * The open invocation waiting on outbound buffer @out_pa: 0 and its
 * buffers' addresses and sizes in @b (pointers NULL), or -1.
 */
int qtee_engine_lookup(const struct qtee_engine *e, uint64_t out_pa,
		       struct qtee_bufs *b);
/* CB_RSP for the open invocation of @b->out_pa, both buffers mapped. */
long qtee_engine_cb_rsp(struct qtee_engine *e, const struct qtee_bufs *b,
			struct qtee_answer *ans);
/* Give up the open invocation of @out_pa (its CB_RSP was refused). */
void qtee_engine_abandon(struct qtee_engine *e, uint64_t out_pa,
			 const char *why);

/*
 * Arm corruption @kind to hit the @nth qualifying message from now
 * (@nth 0 disarms it). Returns 0, or -1 for an unknown kind.
 */
int qtee_engine_arm(struct qtee_engine *e, unsigned int kind, uint32_t nth);

unsigned int qtee_engine_open_count(const struct qtee_engine *e);
/* Count and log a refused SMC ("qtee: <what> refused: <why> (status S)"). */
long qtee_engine_refuse(struct qtee_engine *e, long status, const char *what,
			const char *why);
/* The firmware's engine, initialised on first use (services/qtee.c). */
struct qtee_engine *qtee_engine_get(void);
/* The power-off lines: live objects both sides, heap, counters. */
void qtee_engine_report(const struct qtee_engine *e);

/* -- For the ops (services/qtee_services.c). -- */

/* IB @i of the request (pointer into the inbound buffer) and its size. */
const uint8_t *qtee_inv_ib(const struct qtee_inv *inv, unsigned int i,
			   uint32_t *size);
/* Size Linux gave OB @i. */
uint32_t qtee_inv_ob_size(const struct qtee_inv *inv, unsigned int i);
/* Stage @len (<= QTEE_OB_INLINE, <= the OB's size) bytes for OB @i. */
void qtee_inv_set_ob(struct qtee_inv *inv, unsigned int i, const void *data,
		     uint32_t len);
/*
 * Stage @len (<= the OB's size) bytes for OB @i, of any length: copied
 * into the invocation, or onto the heap past QTEE_OB_INLINE. Returns 0,
 * or -1 if the heap cannot hold them.
 */
int qtee_inv_set_ob_copy(struct qtee_engine *e, struct qtee_inv *inv,
			 unsigned int i, const uint8_t *data, uint32_t len);
static inline uint32_t qtee_inv_io(const struct qtee_inv *inv, unsigned int i)
{
	return inv->req.obj[i];
}
/* Stage @o for OO @i, taking over the caller's internal reference. */
void qtee_inv_set_oo(struct qtee_inv *inv, unsigned int i,
		     struct qtee_object *o);
/*
 * Stage Linux id @id (one QTEE holds) for OO @i: Linux gets its own object
 * back. QTEE's reference is unchanged (it is given back as usual).
 */
void qtee_inv_set_oo_ns(struct qtee_inv *inv, unsigned int i, uint32_t id);
/*
 * @size bytes of zeroed scratch on the heap for the op's state across
 * callbacks (inv->scratch, freed when the invocation ends), or NULL.
 */
uint8_t *qtee_inv_scratch(struct qtee_engine *e, struct qtee_inv *inv,
			  uint32_t size);
/* The invocation stops tracking Linux object @id: the caller keeps it. */
void qtee_inv_keep_ns(struct qtee_inv *inv, uint32_t id);
/* Give back every Linux object the invocation still holds. */
void qtee_inv_drop_ns(struct qtee_engine *e, struct qtee_inv *inv);
/*
 * Start a callback to Linux object @cxt (the primordial object or a Linux
 * id QTEE holds); add its arguments with the helpers below.
 */
void qtee_inv_callback(struct qtee_inv *inv, uint32_t cxt, uint32_t op,
		       uint32_t counts);
/* IB @i: @len bytes copied now (@i < 4, @len <= 16, else truncated). */
void qtee_inv_cb_ib(struct qtee_inv *inv, unsigned int i, const void *data,
		    uint32_t len);
/* IB @i: @len bytes at @data, read when the callback is written. */
void qtee_inv_cb_ib_ref(struct qtee_inv *inv, unsigned int i,
			const uint8_t *data, uint32_t len);
void qtee_inv_cb_ob(struct qtee_inv *inv, unsigned int i, uint32_t size);
/*
 * The largest size OB @i of the callback being built may have for the
 * callback (other buffers as set now) to fit the outbound buffer; 0 if
 * not even an empty one fits.
 */
uint32_t qtee_inv_cb_ob_room(const struct qtee_inv *inv, unsigned int i);
void qtee_inv_cb_io(struct qtee_inv *inv, unsigned int i, uint32_t id);

/* Run the current step of @inv's op (services/qtee_services.c). */
enum qtee_step qtee_service_step(struct qtee_engine *e, struct qtee_inv *inv);
/* The relay's op (services/qtee_relay.c). */
enum qtee_step qtee_relay_step(struct qtee_engine *e, struct qtee_inv *inv);

#endif /* TZSIM_QTEE_ENGINE_H */
