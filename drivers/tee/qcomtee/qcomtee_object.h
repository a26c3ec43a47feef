/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QTEE objects, the arguments of an invocation and the invocation
 * context: the object model the rest of the driver and, later, kernel
 * clients build on.
 */

#ifndef QCOMTEE_OBJECT_H
#define QCOMTEE_OBJECT_H

#include <linux/kref.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "qcomtee_msg.h"

struct qcomtee;
struct qcomtee_object;
struct qcomtee_object_invoke_ctx;
struct tee_context;
struct tee_shm;

/**
 * enum qcomtee_object_type - who hosts an object
 * @QCOMTEE_OBJECT_TYPE_NULL: no object (a NULL pointer)
 * @QCOMTEE_OBJECT_TYPE_ROOT: QTEE's root object, id 1, never counted
 * @QCOMTEE_OBJECT_TYPE_TEE: an object QTEE hosts; the driver holds one
 *	QTEE reference per kernel object and releases it on the last put
 * @QCOMTEE_OBJECT_TYPE_CB: an object the normal world hosts, invoked by
 *	QTEE through callback requests
 */
enum qcomtee_object_type {
	QCOMTEE_OBJECT_TYPE_NULL,
	QCOMTEE_OBJECT_TYPE_ROOT,
	QCOMTEE_OBJECT_TYPE_TEE,
	QCOMTEE_OBJECT_TYPE_CB,
};

/**
 * enum qcomtee_arg_type - the kind of an argument
 * @QCOMTEE_ARG_TYPE_INV: ends an argument array
 * @QCOMTEE_ARG_TYPE_IB: input buffer
 * @QCOMTEE_ARG_TYPE_OB: output buffer
 * @QCOMTEE_ARG_TYPE_IO: input object
 * @QCOMTEE_ARG_TYPE_OO: output object
 */
enum qcomtee_arg_type {
	QCOMTEE_ARG_TYPE_INV,
	QCOMTEE_ARG_TYPE_IB,
	QCOMTEE_ARG_TYPE_OB,
	QCOMTEE_ARG_TYPE_IO,
	QCOMTEE_ARG_TYPE_OO,
};

/**
 * struct qcomtee_buffer - a buffer argument
 * @addr: kernel address
 * @uaddr: user address (invocations with %QCOMTEE_OIC_FLAG_USER_BUFFERS)
 * @size: size in bytes; for an output buffer, the capacity on the way
 *	in and the size QTEE produced on the way out
 */
struct qcomtee_buffer {
	union {
		void *addr;
		void __user *uaddr;
	};
	size_t size;
};

/**
 * struct qcomtee_arg - an argument of an invocation
 * @type: its kind
 * @b: the buffer of an IB or OB
 * @o: the object of an IO or OO, NULL for the NULL object
 *
 * An argument array ends with an entry of type %QCOMTEE_ARG_TYPE_INV and
 * owns one reference on each object it holds: whoever fills an OO or IO
 * slot gives a reference, whoever consumes the array drops them.
 */
struct qcomtee_arg {
	enum qcomtee_arg_type type;
	union {
		struct qcomtee_buffer b;
		struct qcomtee_object *o;
	};
};

/**
 * struct qcomtee_object_operations - a normal-world object
 * @dispatch: run operation @op; @args point into the outbound buffer for
 *	buffers, output buffers may be shrunk (never grown), OO slots are
 *	filled with a reference each. Returns 0, a negative errno (mapped to
 *	a QTEE result) or a positive service-specific result, passed as is.
 * @notify: optional; called once the answer to a successful @dispatch
 *	went to QTEE, with the transport status of that answer
 * @release: the last reference is gone
 */
struct qcomtee_object_operations {
	int (*dispatch)(struct qcomtee_object_invoke_ctx *oic,
			struct qcomtee_object *object, u32 op,
			struct qcomtee_arg *args);
	void (*notify)(struct qcomtee_object_invoke_ctx *oic,
		       struct qcomtee_object *object, int err);
	void (*release)(struct qcomtee_object *object);
};

/**
 * struct qcomtee_object - an object, wherever it lives
 * @name: for messages
 * @type: who hosts it
 * @refcount: kernel references (unused by the static root and primordial
 *	objects)
 * @tee: QTEE-hosted object state
 * @tee.qcomtee: the driver instance QTEE gave it through
 * @tee.id: its QTEE id
 * @tee.release_tries: failed attempts to release it
 * @tee.release_work: releases it in QTEE after the last put
 * @ops: normal-world object operations
 */
struct qcomtee_object {
	const char *name;
	enum qcomtee_object_type type;
	struct kref refcount;
	union {
		struct {
			struct qcomtee *qcomtee;
			u32 id;
			unsigned int release_tries;
			struct delayed_work release_work;
		} tee;
		const struct qcomtee_object_operations *ops;
	};
};

/*
 * The IB and OB of the invocation's own arguments are user addresses.
 * (Callback arguments always point into the outbound buffer.)
 */
#define QCOMTEE_OIC_FLAG_USER_BUFFERS	BIT(0)

/**
 * struct qcomtee_object_invoke_ctx - one invocation and its callbacks
 * @qcomtee: the driver instance
 * @ctx: the TEE context of the caller (for objects it hosts), or NULL
 * @flags: %QCOMTEE_OIC_FLAG_*
 * @proto_err: set once QTEE sent something malformed; the invocation then
 *	fails with it whatever QTEE answers, and later callbacks are refused
 * @delivered: the invocation reached QTEE (its first SMC succeeded)
 * @in_shm: the inbound buffer
 * @out_shm: the outbound buffer
 * @num_ids: the number of entries in @ids
 * @ids: the ids allocated for the objects of the message being sent, to
 *	give back if it does not reach QTEE
 * @cb_answered: @last_cb holds the header of the last callback answer
 * @last_cb: that header, to tell it from an asynchronous message later
 * @slots: snapshot of the argument slots QTEE wrote, validated before use
 * @u: the arguments of a callback request
 */
struct qcomtee_object_invoke_ctx {
	struct qcomtee *qcomtee;
	struct tee_context *ctx;
	unsigned long flags;
	int proto_err;
	bool delivered;
	struct tee_shm *in_shm;
	struct tee_shm *out_shm;
	unsigned int num_ids;
	u32 ids[QCOMTEE_ARGS_PER_TYPE];
	bool cb_answered;
	struct qcomtee_msg_callback last_cb;
	union qcomtee_msg_arg slots[QCOMTEE_ARGS_MAX];
	struct qcomtee_arg u[QCOMTEE_ARGS_MAX + 1];
};

extern struct qcomtee_object qcomtee_object_root;
extern struct qcomtee_object qcomtee_primordial_object;

#define ROOT_QCOMTEE_OBJECT	(&qcomtee_object_root)
#define NULL_QCOMTEE_OBJECT	((struct qcomtee_object *)NULL)

static inline enum qcomtee_object_type
qcomtee_object_typeof(const struct qcomtee_object *object)
{
	return object ? object->type : QCOMTEE_OBJECT_TYPE_NULL;
}

struct qcomtee_object_invoke_ctx *
qcomtee_object_invoke_ctx_alloc(struct qcomtee *qcomtee,
				struct tee_context *ctx);

void qcomtee_object_cb_init(struct qcomtee_object *object, const char *name,
			    const struct qcomtee_object_operations *ops);
void qcomtee_object_get(struct qcomtee_object *object);
void qcomtee_object_put(struct qcomtee_object *object);

int qcomtee_object_do_invoke(struct qcomtee_object_invoke_ctx *oic,
			     struct qcomtee_object *object, u32 op,
			     struct qcomtee_arg *u, int *result);

int qcomtee_object_get_client_env(struct qcomtee_object_invoke_ctx *oic,
				  struct qcomtee_object **client_env);
int qcomtee_object_get_service(struct qcomtee_object_invoke_ctx *oic,
			       struct qcomtee_object *client_env, u32 uid,
			       struct qcomtee_object **service);

#endif /* QCOMTEE_OBJECT_H */
