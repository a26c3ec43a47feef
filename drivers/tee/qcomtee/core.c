// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcomtee core: objects and their references, the ids they have on the
 * wire, and the invocation loop that answers QTEE's callback requests.
 *
 * References. A QTEE object (type TEE) stands for one reference QTEE
 * counted when it handed out the id: the driver creates one kernel object
 * per id received and, on the last put, invokes RELEASE on it from an
 * ordered workqueue. A normal-world object (type CB) gets a new id each
 * time it is sent to QTEE; the id holds one reference until QTEE releases
 * it (asynchronous release message, or a callback with op RELEASE).
 */

#include <linux/device.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tee_core.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "qcomtee.h"

/* RELEASE invocations that did not reach QTEE are retried this often. */
#define QCOMTEE_RELEASE_TRIES		10
#define QCOMTEE_RELEASE_RETRY_MS	10

/* QTEE's root object, which the driver never counts references on. */
struct qcomtee_object qcomtee_object_root = {
	.name = "root",
	.type = QCOMTEE_OBJECT_TYPE_ROOT,
};

static bool qcomtee_object_is_static(const struct qcomtee_object *object)
{
	return object->type == QCOMTEE_OBJECT_TYPE_ROOT ||
	       object == &qcomtee_primordial_object;
}

/**
 * qcomtee_object_invoke_ctx_alloc() - allocate an invocation context
 * @qcomtee: the driver instance
 * @ctx: the TEE context of the caller, or NULL for the kernel
 *
 * One context serves one invocation at a time, and can be reused for
 * the next. Free it with kfree().
 *
 * Return: the context, or NULL.
 */
struct qcomtee_object_invoke_ctx *
qcomtee_object_invoke_ctx_alloc(struct qcomtee *qcomtee,
				struct tee_context *ctx)
{
	struct qcomtee_object_invoke_ctx *oic;

	oic = kzalloc(sizeof(*oic), GFP_KERNEL);
	if (!oic)
		return NULL;
	oic->qcomtee = qcomtee;
	oic->ctx = ctx;

	return oic;
}

/**
 * qcomtee_object_cb_init() - initialise a normal-world object
 * @object: the object, usually embedded in its host's structure
 * @name: for messages
 * @ops: its operations
 *
 * The object starts with one reference, owned by the caller.
 */
void qcomtee_object_cb_init(struct qcomtee_object *object, const char *name,
			    const struct qcomtee_object_operations *ops)
{
	object->name = name;
	object->type = QCOMTEE_OBJECT_TYPE_CB;
	object->ops = ops;
	kref_init(&object->refcount);
}

/**
 * qcomtee_object_get() - take a reference on an object
 * @object: the object, or NULL (then nothing happens)
 *
 * The root and primordial objects are static and not counted.
 */
void qcomtee_object_get(struct qcomtee_object *object)
{
	if (object && !qcomtee_object_is_static(object))
		kref_get(&object->refcount);
}

static void qcomtee_object_release(struct kref *refcount)
{
	struct qcomtee_object *object =
		container_of(refcount, struct qcomtee_object, refcount);

	if (object->type == QCOMTEE_OBJECT_TYPE_TEE)
		queue_delayed_work(object->tee.qcomtee->wq,
				   &object->tee.release_work, 0);
	else if (object->ops->release)
		object->ops->release(object);
}

/**
 * qcomtee_object_put() - drop a reference on an object
 * @object: the object, or NULL (then nothing happens)
 *
 * The last put of a QTEE object releases it in QTEE, asynchronously; that
 * of a normal-world object calls its release operation.
 */
void qcomtee_object_put(struct qcomtee_object *object)
{
	if (object && !qcomtee_object_is_static(object))
		kref_put(&object->refcount, qcomtee_object_release);
}

static int qcomtee_invoke(struct qcomtee_object_invoke_ctx *oic,
			  struct qcomtee_object *object, u32 op,
			  struct qcomtee_arg *u, int *result);

static void qcomtee_qtee_object_release_work(struct work_struct *work)
{
	struct qcomtee_object *object =
		container_of(to_delayed_work(work), struct qcomtee_object,
			     tee.release_work);
	struct qcomtee *qcomtee = object->tee.qcomtee;
	struct tee_context *ctx = qcomtee->ctx;
	struct qcomtee_arg u[] = { { .type = QCOMTEE_ARG_TYPE_INV } };
	struct qcomtee_object_invoke_ctx *oic;
	bool delivered = false;
	int ret, result = 0;

	oic = qcomtee_object_invoke_ctx_alloc(qcomtee, NULL);
	if (oic) {
		ret = qcomtee_invoke(oic, object, QCOMTEE_MSG_OBJECT_OP_RELEASE,
				     u, &result);
		delivered = oic->delivered;
		kfree(oic);
	} else {
		ret = -ENOMEM;
	}

	/* Retrying is only safe if QTEE never saw the request. */
	if (ret && !delivered &&
	    ++object->tee.release_tries < QCOMTEE_RELEASE_TRIES) {
		queue_delayed_work(qcomtee->wq, &object->tee.release_work,
				   msecs_to_jiffies(QCOMTEE_RELEASE_RETRY_MS));
		return;
	}

	/* A protocol error was reported when it was found. */
	if (ret && ret != -EPROTO)
		dev_err_ratelimited(qcomtee->dev,
				    "cannot release QTEE object %#x: %d\n",
				    object->tee.id, ret);
	else if (!ret && result)
		dev_err_ratelimited(qcomtee->dev,
				    "QTEE did not release object %#x: result %d\n",
				    object->tee.id, result);

	kfree(object);
	/* The last reference on the driver context lets remove() finish. */
	teedev_ctx_put(ctx);
}

static struct qcomtee_object *
qcomtee_qtee_object_alloc(struct qcomtee_object_invoke_ctx *oic, u32 id)
{
	struct qcomtee *qcomtee = oic->qcomtee;
	struct qcomtee_object *object;

	object = kzalloc(sizeof(*object), GFP_KERNEL);
	if (!object)
		return NULL;
	object->name = "qtee";
	object->type = QCOMTEE_OBJECT_TYPE_TEE;
	kref_init(&object->refcount);
	object->tee.qcomtee = qcomtee;
	object->tee.id = id;
	INIT_DELAYED_WORK(&object->tee.release_work,
			  qcomtee_qtee_object_release_work);
	teedev_ctx_get(qcomtee->ctx);

	return object;
}

/**
 * qcomtee_object_id_get() - the id an object is sent to QTEE with
 * @oic: the invocation
 * @object: the object, or NULL
 * @id: where to store the id
 *
 * A normal-world object gets a new id, which holds a new reference until
 * qcomtee_object_id_put(). The root object cannot be sent.
 *
 * Return: 0, -EINVAL for an object that cannot be sent, or -ENOMEM or
 * -EBUSY if no id can be allocated.
 */
int qcomtee_object_id_get(struct qcomtee_object_invoke_ctx *oic,
			  struct qcomtee_object *object, u32 *id)
{
	struct qcomtee *qcomtee = oic->qcomtee;
	int ret;

	switch (qcomtee_object_typeof(object)) {
	case QCOMTEE_OBJECT_TYPE_NULL:
		*id = QCOMTEE_MSG_OBJECT_NULL;
		return 0;
	case QCOMTEE_OBJECT_TYPE_TEE:
		if (object->tee.qcomtee != qcomtee)
			return -EINVAL;
		*id = object->tee.id;
		return 0;
	case QCOMTEE_OBJECT_TYPE_CB:
		if (object == &qcomtee_primordial_object) {
			*id = QCOMTEE_MSG_OBJECT_PRIMORDIAL;
			return 0;
		}
		qcomtee_object_get(object);
		ret = xa_alloc_cyclic(&qcomtee->xa_local_objects, id, object,
				      XA_LIMIT(QCOMTEE_MSG_OBJECT_PRIMORDIAL + 1,
					       U32_MAX),
				      &qcomtee->xa_last_id, GFP_KERNEL);
		if (ret < 0) {
			qcomtee_object_put(object);
			return ret;
		}
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * qcomtee_object_id_put() - QTEE no longer holds an id
 * @qcomtee: the driver instance
 * @id: the id, from qcomtee_object_id_get()
 *
 * Frees the id and drops the reference it held.
 *
 * Return: 0, or -ENOENT if no object has this id.
 */
int qcomtee_object_id_put(struct qcomtee *qcomtee, u32 id)
{
	struct qcomtee_object *object;

	object = xa_erase(&qcomtee->xa_local_objects, id);
	if (!object)
		return -ENOENT;
	qcomtee_object_put(object);

	return 0;
}

/**
 * qcomtee_local_object_get() - find the normal-world object of an id
 * @qcomtee: the driver instance
 * @id: the id QTEE used
 *
 * Return: the object with a new reference, or NULL if QTEE holds no
 * object with this id.
 */
struct qcomtee_object *qcomtee_local_object_get(struct qcomtee *qcomtee,
						u32 id)
{
	struct qcomtee_object *object;

	if (id == QCOMTEE_MSG_OBJECT_PRIMORDIAL)
		return &qcomtee_primordial_object;

	/* Under the lock, the id's own reference keeps the object alive. */
	xa_lock(&qcomtee->xa_local_objects);
	object = xa_load(&qcomtee->xa_local_objects, id);
	qcomtee_object_get(object);
	xa_unlock(&qcomtee->xa_local_objects);

	return object;
}

/* The object QTEE passed as @id, with a reference, or an error. */
static int qcomtee_object_from_id(struct qcomtee_object_invoke_ctx *oic,
				  u32 id, struct qcomtee_object **object)
{
	struct qcomtee *qcomtee = oic->qcomtee;
	int ret;

	*object = NULL;
	ret = qcomtee_msg_check_object_id(qcomtee->dev, id);
	if (ret)
		return ret;
	if (id == QCOMTEE_MSG_OBJECT_NULL)
		return 0;

	if (id & QCOMTEE_MSG_OBJECT_NS_BIT) {
		*object = qcomtee_local_object_get(qcomtee, id);
		if (!*object) {
			dev_err_ratelimited(qcomtee->dev,
					    "protocol error: QTEE passed object %#x, which it does not hold\n",
					    id);
			return -ENOENT;
		}
		return 0;
	}

	*object = qcomtee_qtee_object_alloc(oic, id);
	if (!*object) {
		dev_err_ratelimited(qcomtee->dev,
				    "QTEE object %#x lost: it stays referenced in QTEE\n",
				    id);
		return -ENOMEM;
	}

	return 0;
}

/**
 * qcomtee_msg_result_from_errno() - the QTEE result for an errno
 * @err: 0, a negative errno, or a positive service-specific result
 *
 * Return: the result code sent to QTEE.
 */
int qcomtee_msg_result_from_errno(int err)
{
	if (err >= 0)
		return err;

	switch (err) {
	case -ENOMEM:
		return QCOMTEE_MSG_ERROR_KMEM;
	case -ENODEV:
		return QCOMTEE_MSG_ERROR_DEFUNCT;
	case -ENOSPC:
	case -EBUSY:
		return QCOMTEE_MSG_ERROR_BUSY;
	case -EBADF:
	case -EINVAL:
	case -EOPNOTSUPP:
		return QCOMTEE_MSG_ERROR_UNAVAIL;
	case -ENOENT:
		return QCOMTEE_MSG_ERROR_BADOBJ;
	case -EPROTO:
		return QCOMTEE_MSG_ERROR_INVALID;
	default:
		return QCOMTEE_MSG_ERROR;
	}
}

static void qcomtee_put_ids(struct qcomtee_object_invoke_ctx *oic)
{
	while (oic->num_ids)
		qcomtee_object_id_put(oic->qcomtee, oic->ids[--oic->num_ids]);
}

/* Drop the objects of a callback's arguments (ids hold their own). */
static void qcomtee_cb_put_args(struct qcomtee_arg *u)
{
	int i;

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type == QCOMTEE_ARG_TYPE_IO ||
		    u[i].type == QCOMTEE_ARG_TYPE_OO) {
			qcomtee_object_put(u[i].o);
			u[i].o = NULL;
		}
	}
}

/* Turn a checked request into arguments pointing into @buf. */
static int qcomtee_cb_prepare_args(struct qcomtee_object_invoke_ctx *oic,
				   void *buf,
				   const struct qcomtee_cb_request *req)
{
	struct qcomtee_arg *u = oic->u;
	unsigned int s;
	int ret;

	for (s = 0; s < req->n; s++) {
		u[s + 1].type = QCOMTEE_ARG_TYPE_INV;
		if (s < qcomtee_msg_idx_ob(req->counts)) {
			u[s].type = QCOMTEE_ARG_TYPE_IB;
		} else if (s < qcomtee_msg_idx_io(req->counts)) {
			u[s].type = QCOMTEE_ARG_TYPE_OB;
		} else if (s < qcomtee_msg_idx_oo(req->counts)) {
			u[s].type = QCOMTEE_ARG_TYPE_IO;
			ret = qcomtee_object_from_id(oic, oic->slots[s].o,
						     &u[s].o);
			if (ret) {
				u[s].type = QCOMTEE_ARG_TYPE_INV;
				return ret;
			}
			continue;
		} else {
			u[s].type = QCOMTEE_ARG_TYPE_OO;
			u[s].o = NULL;
			continue;
		}
		u[s].b.addr = buf + oic->slots[s].b.offset;
		u[s].b.size = oic->slots[s].b.size;
	}
	u[req->n].type = QCOMTEE_ARG_TYPE_INV;

	return 0;
}

/* QTEE releases an id with a callback instead of an async message. */
static int qcomtee_cb_release(struct qcomtee_object_invoke_ctx *oic,
			      struct qcomtee_object *object,
			      const struct qcomtee_cb_request *req)
{
	struct qcomtee *qcomtee = oic->qcomtee;

	if (req->counts) {
		dev_err_ratelimited(qcomtee->dev,
				    "release of object %#x with arguments %#x\n",
				    req->cxt, req->counts);
		return -EINVAL;
	}
	if (object == &qcomtee_primordial_object)
		return 0;

	return qcomtee_object_id_put(qcomtee, req->cxt);
}

/* Run one callback request and send the answer (CB_RSP). */
static int qcomtee_cb_handle(struct qcomtee_object_invoke_ctx *oic,
			     u64 *res, u64 *rtype)
{
	struct qcomtee *qcomtee = oic->qcomtee;
	void *buf = oic->out_shm->kaddr;
	size_t size = oic->out_shm->size;
	struct qcomtee_msg_callback *msg = buf;
	struct qcomtee_object *object = NULL;
	struct qcomtee_cb_request req;
	bool dispatched = false;
	int err, ret;

	oic->u[0].type = QCOMTEE_ARG_TYPE_INV;
	err = qcomtee_msg_read_callback(qcomtee->dev, buf, size, &req,
					oic->slots);
	if (!err)
		err = qcomtee_async_process(oic, buf, size, req.tail);
	if (err && !oic->proto_err)
		oic->proto_err = err;
	if (oic->proto_err) {
		memset(&req, 0, sizeof(req));
		err = -EPROTO;
		goto respond;
	}

	/* Input objects first: each QTEE id in them is a reference to own. */
	err = qcomtee_cb_prepare_args(oic, buf, &req);
	if (err == -ENOENT || err == -EPROTO)
		oic->proto_err = -EPROTO;
	if (err)
		goto put_args;

	object = qcomtee_local_object_get(qcomtee, req.cxt);
	if (!object) {
		dev_err_ratelimited(qcomtee->dev,
				    "protocol error: callback to object %#x, which QTEE does not hold\n",
				    req.cxt);
		oic->proto_err = -EPROTO;
		err = -ENOENT;
	} else if (req.op == QCOMTEE_MSG_OBJECT_OP_RELEASE) {
		err = qcomtee_cb_release(oic, object, &req);
	} else if (req.op == QCOMTEE_MSG_OBJECT_OP_RETAIN) {
		/* An id holds one reference: QTEE counts its own. */
		dev_err_ratelimited(qcomtee->dev,
				    "RETAIN of object %#x refused\n", req.cxt);
		err = -EINVAL;
	} else {
		err = object->ops->dispatch(oic, object, req.op, oic->u);
		if (!err)
			err = qcomtee_msg_write_cb_results(oic, buf, &req,
							   oic->slots, oic->u);
		dispatched = !err;
	}
put_args:
	qcomtee_cb_put_args(oic->u);

respond:
	qcomtee_msg_scrub_callback(buf, size, &req, oic->slots);
	msg->result = qcomtee_msg_result_from_errno(err);
	memcpy(&oic->last_cb, msg, sizeof(oic->last_cb));
	oic->cb_answered = true;

	ret = qcom_scm_qtee_callback_response(oic->out_shm->paddr, size, res,
					      rtype);
	if (ret) {
		dev_err_ratelimited(qcomtee->dev,
				    "callback answer failed: %d\n", ret);
		qcomtee_put_ids(oic);
	}
	oic->num_ids = 0;

	if (dispatched && object->ops->notify)
		object->ops->notify(oic, object, ret);
	qcomtee_object_put(object);

	return ret;
}

/*
 * The messages at the head of the outbound buffer after the final answer.
 * If QTEE wrote none there after a callback, the head still holds the
 * driver's last answer, which is not a message.
 */
static void qcomtee_final_async(struct qcomtee_object_invoke_ctx *oic)
{
	void *buf = oic->out_shm->kaddr;
	int err;

	if (oic->cb_answered &&
	    !memcmp(buf, &oic->last_cb, sizeof(oic->last_cb)))
		return;

	err = qcomtee_async_process(oic, buf, oic->out_shm->size, 0);
	if (err && !oic->proto_err)
		oic->proto_err = err;
}

/* Drop the output objects of a failed invocation. */
static void qcomtee_put_outputs(struct qcomtee_arg *u)
{
	int i;

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_OO)
			continue;
		qcomtee_object_put(u[i].o);
		u[i].o = NULL;
	}
}

/* Copy an output buffer QTEE filled to its destination. */
static int qcomtee_copy_out(struct qcomtee_object_invoke_ctx *oic,
			    struct qcomtee_buffer *b, const void *src,
			    size_t size)
{
	b->size = size;
	if (!size)
		return 0;
	if (oic->flags & QCOMTEE_OIC_FLAG_USER_BUFFERS)
		return copy_to_user(b->uaddr, src, size) ? -EFAULT : 0;
	memcpy(b->addr, src, size);

	return 0;
}

/*
 * Take the results of a successful invocation: output objects first, so
 * that every reference QTEE handed out is owned (and, on error, released)
 * whatever else is wrong, then output buffers.
 */
static int qcomtee_update_args(struct qcomtee_object_invoke_ctx *oic,
			       struct qcomtee_arg *u)
{
	const void *buf = oic->in_shm->kaddr;
	unsigned int slot;
	u32 counts;
	int i, ret, err;

	ret = qcomtee_msg_read_results(oic->qcomtee->dev, buf,
				       oic->in_shm->size, u, oic->slots);
	if (ret && ret != -EPROTO)
		return ret;
	qcomtee_msg_counts(u, &counts);

	slot = qcomtee_msg_idx_oo(counts);
	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		u32 id;

		if (u[i].type != QCOMTEE_ARG_TYPE_OO)
			continue;
		id = oic->slots[slot++].o;
		u[i].o = NULL;
		/* Already reported by qcomtee_msg_read_results(). */
		if (id == QCOMTEE_MSG_OBJECT_ROOT)
			continue;
		err = qcomtee_object_from_id(oic, id, &u[i].o);
		if (err)
			ret = ret ?: (err == -ENOMEM ? err : -EPROTO);
	}

	slot = qcomtee_msg_idx_ob(counts);
	for (i = 0; !ret && u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_OB)
			continue;
		ret = qcomtee_copy_out(oic, &u[i].b,
				       buf + oic->slots[slot].b.offset,
				       oic->slots[slot].b.size);
		slot++;
	}

	ret = ret ?: oic->proto_err;
	if (ret)
		qcomtee_put_outputs(u);

	return ret;
}

/* Invoke @op on a QTEE object and answer callbacks until QTEE is done. */
static int qcomtee_invoke(struct qcomtee_object_invoke_ctx *oic,
			  struct qcomtee_object *object, u32 op,
			  struct qcomtee_arg *u, int *result)
{
	u64 res = 0, rtype = 0;
	size_t in_size;
	u32 cxt;
	int ret;

	oic->proto_err = 0;
	oic->delivered = false;
	oic->cb_answered = false;
	oic->num_ids = 0;

	ret = qcomtee_msg_inbound_size(u, &in_size);
	if (ret)
		return ret;
	cxt = object->type == QCOMTEE_OBJECT_TYPE_ROOT ?
	      QCOMTEE_MSG_OBJECT_ROOT : object->tee.id;

	ret = qcomtee_msg_buffers_alloc(oic, in_size);
	if (ret)
		return ret;
	ret = qcomtee_msg_write_invoke(oic, oic->in_shm->kaddr,
				       oic->in_shm->size, cxt, op, u);
	if (ret)
		goto out;

	ret = qcom_scm_qtee_invoke_smc(oic->in_shm->paddr, oic->in_shm->size,
				       oic->out_shm->paddr, oic->out_shm->size,
				       &res, &rtype);
	if (ret) {
		qcomtee_put_ids(oic);
		goto out;
	}
	/* QTEE owns the ids of the input objects now. */
	oic->delivered = true;
	oic->num_ids = 0;

	while (rtype == QCOMTEE_RESULT_INBOUND_REQ_NEEDED) {
		ret = qcomtee_cb_handle(oic, &res, &rtype);
		if (ret)
			goto out;
		cond_resched();
	}

	/*
	 * Output objects first: QTEE may hand back an object of the normal
	 * world and release its id in the same answer.
	 */
	*result = (int)(u32)res;
	if (*result == QCOMTEE_MSG_OK)
		ret = qcomtee_update_args(oic, u);
	qcomtee_final_async(oic);
	if (!ret && oic->proto_err) {
		if (*result == QCOMTEE_MSG_OK)
			qcomtee_put_outputs(u);
		ret = oic->proto_err;
	}
out:
	qcomtee_msg_buffers_free(oic);

	return ret;
}

/**
 * qcomtee_object_do_invoke() - invoke an operation of a QTEE object
 * @oic: the invocation context
 * @object: the root object or a QTEE object
 * @op: the operation (16 bits; RELEASE and RETAIN are the driver's)
 * @u: the arguments, ended by %QCOMTEE_ARG_TYPE_INV; input objects stay
 *	the caller's, output objects are the caller's on success
 * @result: where to store QTEE's result
 *
 * Sends the invocation and answers QTEE's callback requests until QTEE
 * gives its result. Output buffers and objects are only filled if that is
 * %QCOMTEE_MSG_OK. May sleep.
 *
 * Return: 0 if QTEE answered (see @result), -EINVAL for bad arguments,
 * -EFAULT if a user buffer cannot be accessed, -EPROTO if QTEE sent a
 * malformed message, or the error of the SMC or an allocation.
 */
int qcomtee_object_do_invoke(struct qcomtee_object_invoke_ctx *oic,
			     struct qcomtee_object *object, u32 op,
			     struct qcomtee_arg *u, int *result)
{
	if (op & ~QCOMTEE_MSG_OBJECT_OP_MASK ||
	    op == QCOMTEE_MSG_OBJECT_OP_RELEASE ||
	    op == QCOMTEE_MSG_OBJECT_OP_RETAIN)
		return -EINVAL;

	switch (qcomtee_object_typeof(object)) {
	case QCOMTEE_OBJECT_TYPE_ROOT:
		break;
	case QCOMTEE_OBJECT_TYPE_TEE:
		if (object->tee.qcomtee != oic->qcomtee)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}

	return qcomtee_invoke(oic, object, op, u, result);
}

/* The one output object of a successful call, which must be QTEE's. */
static int qcomtee_take_qtee_object(struct qcomtee_object_invoke_ctx *oic,
				    int ret, int result,
				    struct qcomtee_object *out,
				    struct qcomtee_object **object)
{
	if (ret)
		return ret;
	if (result) {
		dev_dbg(oic->qcomtee->dev, "QTEE result %d\n", result);
		return -EIO;
	}
	if (qcomtee_object_typeof(out) != QCOMTEE_OBJECT_TYPE_TEE) {
		qcomtee_object_put(out);
		return -ENOENT;
	}
	*object = out;

	return 0;
}

/**
 * qcomtee_object_get_client_env() - get a client environment for the kernel
 * @oic: the invocation context
 * @client_env: where to store the client environment object
 *
 * Registers with the root object without credentials, which only the
 * kernel may do.
 *
 * Return: 0, -EIO if QTEE refused, -ENOENT if it returned no object, or
 * an error of qcomtee_object_do_invoke().
 */
int qcomtee_object_get_client_env(struct qcomtee_object_invoke_ctx *oic,
				  struct qcomtee_object **client_env)
{
	struct qcomtee_arg u[3] = {
		{ .type = QCOMTEE_ARG_TYPE_IO, .o = NULL_QCOMTEE_OBJECT },
		{ .type = QCOMTEE_ARG_TYPE_OO },
		{ .type = QCOMTEE_ARG_TYPE_INV },
	};
	int ret, result = 0;

	ret = qcomtee_object_do_invoke(oic, ROOT_QCOMTEE_OBJECT,
				       QCOMTEE_ROOT_OP_REG_WITH_CREDENTIALS,
				       u, &result);

	return qcomtee_take_qtee_object(oic, ret, result, u[1].o, client_env);
}

/**
 * qcomtee_object_get_service() - open a QTEE service
 * @oic: the invocation context
 * @client_env: a client environment
 * @uid: the service's UID
 * @service: where to store the service object
 *
 * Return: 0, -EIO if QTEE refused, -ENOENT if it returned no object, or
 * an error of qcomtee_object_do_invoke().
 */
int qcomtee_object_get_service(struct qcomtee_object_invoke_ctx *oic,
			       struct qcomtee_object *client_env, u32 uid,
			       struct qcomtee_object **service)
{
	struct qcomtee_arg u[3] = {
		{ .type = QCOMTEE_ARG_TYPE_IB,
		  .b = { .addr = &uid, .size = sizeof(uid) } },
		{ .type = QCOMTEE_ARG_TYPE_OO },
		{ .type = QCOMTEE_ARG_TYPE_INV },
	};
	int ret, result = 0;

	ret = qcomtee_object_do_invoke(oic, client_env,
				       QCOMTEE_CLIENT_ENV_OPEN, u, &result);

	return qcomtee_take_qtee_object(oic, ret, result, u[1].o, service);
}
