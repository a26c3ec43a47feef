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
 */
#ifndef TZSIM_QTEE_ENGINE_H
#define TZSIM_QTEE_ENGINE_H

#include <tzsim/qtee.h>
#include <tzsim/qtee_corrupt.h>
#include <tzsim/qtee_heap.h>
#include <tzsim/qtee_obj.h>

#define QTEE_MAX_OPEN		16
#define QTEE_HEAP_SIZE		(512U << 10)	/* the firmware's arena */
#define QTEE_OB_INLINE		32	/* bytes an op writes to one OB */
#define QTEE_CB_ARGS		4	/* per type, in a callback */
#define QTEE_CB_IB_INLINE	16	/* bytes of one callback IB */
#define QTEE_OUT_CLEAR		4096	/* outbound bytes zeroed per message */

enum qtee_step {
	QTEE_STEP_DONE,
	QTEE_STEP_CALLBACK,
};

/* A callback to send: message (sizes, ids) and IB payloads. */
struct qtee_cb {
	struct qtee_callback_msg msg;
	uint8_t ib[QTEE_CB_ARGS][QTEE_CB_IB_INLINE];
};

/* Linux's answer to it, checked. ob[] points into the outbound buffer. */
struct qtee_cb_rsp {
	int32_t result;
	uint32_t ob_size[QTEE_CB_ARGS];
	const uint8_t *ob[QTEE_CB_ARGS];
	uint32_t oo[QTEE_CB_ARGS];
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
	struct qtee_object *oo[QTEE_ARGS_PER_TYPE];	/* internal refs */
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
static inline uint32_t qtee_inv_io(const struct qtee_inv *inv, unsigned int i)
{
	return inv->req.obj[i];
}
/* Stage @o for OO @i, taking over the caller's internal reference. */
void qtee_inv_set_oo(struct qtee_inv *inv, unsigned int i,
		     struct qtee_object *o);
/* The invocation stops tracking Linux object @id: the caller keeps it. */
void qtee_inv_keep_ns(struct qtee_inv *inv, uint32_t id);
/* Give back every Linux object the invocation still holds. */
void qtee_inv_drop_ns(struct qtee_engine *e, struct qtee_inv *inv);
/* Start a callback to @cxt; add its arguments with the helpers below. */
void qtee_inv_callback(struct qtee_inv *inv, uint32_t cxt, uint32_t op,
		       uint32_t counts);
void qtee_inv_cb_ib(struct qtee_inv *inv, unsigned int i, const void *data,
		    uint32_t len);
void qtee_inv_cb_ob(struct qtee_inv *inv, unsigned int i, uint32_t size);
void qtee_inv_cb_io(struct qtee_inv *inv, unsigned int i, uint32_t id);

/* Run the current step of @inv's op (services/qtee_services.c). */
enum qtee_step qtee_service_step(struct qtee_engine *e, struct qtee_inv *inv);

#endif /* TZSIM_QTEE_ENGINE_H */
