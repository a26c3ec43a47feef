// SPDX-License-Identifier: GPL-2.0-only
/*
 * Objects hosted by user space. An OBJREF with QCOMTEE_OBJREF_FLAG_USER
 * becomes a user object of the caller's context. When QTEE invokes it,
 * the invoking thread queues a request on that context and sleeps; the
 * process serves it with TEE_IOC_SUPPL_RECV and TEE_IOC_SUPPL_SEND, whose
 * first parameter is a META value:
 *
 *   RECV in:   VALUE_INOUT|META  a = buffer for input buffers, b = its size
 *   RECV out:  func = op,  a = object id, b = request id (0: a RELEASE
 *              notification, which is not answered), c = 0
 *   SEND in:   ret = result, VALUE_OUTPUT|META a = request id; then, for a
 *              zero result, the parameters in the positions RECV gave
 *
 * Each user object QTEE held is announced with one RELEASE notification
 * (op 0xffff) once the driver drops it, unless the call that created it
 * failed: user space keeps its reference then.
 */

#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/math.h>
#include <linux/slab.h>
#include <linux/tee.h>
#include <linux/tee_core.h>
#include <linux/uaccess.h>

#include "qcomtee.h"

/**
 * struct qcomtee_user_object - an object hosted by user space
 * @object: the object
 * @ctx: the context whose process hosts it (a reference is held)
 * @object_id: the id user space gave it
 * @notify: send a RELEASE notification when the object goes
 */
struct qcomtee_user_object {
	struct qcomtee_object object;
	struct tee_context *ctx;
	u64 object_id;
	bool notify;
};

enum qcomtee_ureq_state {
	QCOMTEE_UREQ_QUEUED,
	QCOMTEE_UREQ_PROCESSING,
	QCOMTEE_UREQ_DONE,
};

/**
 * struct qcomtee_ureq - a request to user space
 * @node: in the context's queue while %QCOMTEE_UREQ_QUEUED
 * @req_id: its id in the context's request IDR (0 for a notification)
 * @state: where it is
 * @object_id: the user's id of the object invoked
 * @op: the operation
 * @args: the arguments (pointing into the outbound buffer), or NULL for
 *	a RELEASE notification
 * @ctx: the context of the object
 * @result: the answer, when %QCOMTEE_UREQ_DONE
 * @done: completed with the answer
 *
 * @state, @node and @req_id are protected by the context's reqs_lock.
 * Once a request is %QCOMTEE_UREQ_DONE, or out of the IDR, user space can
 * no longer reach it: its invoker may free it.
 */
struct qcomtee_ureq {
	struct list_head node;
	int req_id;
	enum qcomtee_ureq_state state;
	u64 object_id;
	u32 op;
	struct qcomtee_arg *args;
	struct tee_context *ctx;
	int result;
	struct completion done;
};

static const struct qcomtee_object_operations qcomtee_user_object_ops;

static struct qcomtee_user_object *
to_qcomtee_user_object(struct qcomtee_object *object)
{
	if (qcomtee_object_typeof(object) != QCOMTEE_OBJECT_TYPE_CB ||
	    object->ops != &qcomtee_user_object_ops)
		return NULL;

	return container_of(object, struct qcomtee_user_object, object);
}

/**
 * qcomtee_context_reqs_init() - initialise the request queue of a context
 * @ctxdata: the context's data
 */
void qcomtee_context_reqs_init(struct qcomtee_context_data *ctxdata)
{
	mutex_init(&ctxdata->reqs_lock);
	idr_init(&ctxdata->reqs_idr);
	INIT_LIST_HEAD(&ctxdata->reqs_list);
	init_waitqueue_head(&ctxdata->reqs_wq);
}

/* Finish a request, under reqs_lock: its invoker may free it after. */
static void qcomtee_ureq_finish(struct qcomtee_context_data *ctxdata,
				struct qcomtee_ureq *ureq, int result)
{
	if (ureq->state == QCOMTEE_UREQ_QUEUED)
		list_del_init(&ureq->node);
	idr_remove(&ctxdata->reqs_idr, ureq->req_id);
	ureq->state = QCOMTEE_UREQ_DONE;
	ureq->result = result;
	complete(&ureq->done);
}

/**
 * qcomtee_context_reqs_destroy() - the process can serve no more requests
 * @ctxdata: the context's data
 *
 * Called when the file is closed: every pending request fails with
 * -ENODEV (QTEE sees DEFUNCT), pending notifications are dropped, and so
 * are the requests and notifications that come later.
 */
void qcomtee_context_reqs_destroy(struct qcomtee_context_data *ctxdata)
{
	struct qcomtee_ureq *ureq, *tmp, *busy;
	int id;

	mutex_lock(&ctxdata->reqs_lock);
	ctxdata->released = true;
	list_for_each_entry_safe(ureq, tmp, &ctxdata->reqs_list, node) {
		if (ureq->args) {
			qcomtee_ureq_finish(ctxdata, ureq, -ENODEV);
		} else {
			list_del(&ureq->node);
			kfree(ureq);
		}
	}
	/* Those being processed: user space can no longer answer them. */
	idr_for_each_entry(&ctxdata->reqs_idr, busy, id)
		qcomtee_ureq_finish(ctxdata, busy, -ENODEV);
	mutex_unlock(&ctxdata->reqs_lock);
	wake_up_all(&ctxdata->reqs_wq);
}

/**
 * qcomtee_context_reqs_free() - free the request queue of a context
 * @ctxdata: the context's data, after qcomtee_context_reqs_destroy()
 */
void qcomtee_context_reqs_free(struct qcomtee_context_data *ctxdata)
{
	idr_destroy(&ctxdata->reqs_idr);
	mutex_destroy(&ctxdata->reqs_lock);
}

/* Map a result user space gave to what a dispatch returns. */
static int qcomtee_user_result(u32 ret)
{
	int result = (int)ret;

	if (result >= 0)
		return result;

	switch (result) {
	case QCOMTEE_MSG_ERROR_DEFUNCT:
		return -ENODEV;
	case QCOMTEE_MSG_ERROR_KMEM:
		return -ENOMEM;
	case QCOMTEE_MSG_ERROR_BUSY:
		return -EBUSY;
	case QCOMTEE_MSG_ERROR_UNAVAIL:
		return -EINVAL;
	case QCOMTEE_MSG_ERROR_BADOBJ:
		return -ENOENT;
	default:
		return QCOMTEE_MSG_ERROR;
	}
}

static int qcomtee_user_object_dispatch(struct qcomtee_object_invoke_ctx *oic,
					struct qcomtee_object *object, u32 op,
					struct qcomtee_arg *args)
{
	struct qcomtee_user_object *uo = to_qcomtee_user_object(object);
	struct qcomtee_context_data *ctxdata = uo->ctx->data;
	struct qcomtee_ureq *ureq;
	int ret, id;

	ureq = kzalloc(sizeof(*ureq), GFP_KERNEL);
	if (!ureq)
		return -ENOMEM;
	ureq->object_id = uo->object_id;
	ureq->op = op;
	ureq->args = args;
	ureq->ctx = uo->ctx;
	init_completion(&ureq->done);

	scoped_guard(mutex, &ctxdata->reqs_lock) {
		if (ctxdata->released) {
			kfree(ureq);
			return -ENODEV;
		}
		/* Cyclic: a late answer cannot reach a newer request. */
		id = idr_alloc_cyclic(&ctxdata->reqs_idr, ureq, 1, INT_MAX,
				      GFP_KERNEL);
		if (id < 0) {
			kfree(ureq);
			return id;
		}
		ureq->req_id = id;
		ureq->state = QCOMTEE_UREQ_QUEUED;
		list_add_tail(&ureq->node, &ctxdata->reqs_list);
	}
	wake_up_interruptible(&ctxdata->reqs_wq);

	ret = wait_for_completion_state(&ureq->done,
					TASK_KILLABLE | TASK_FREEZABLE);

	scoped_guard(mutex, &ctxdata->reqs_lock) {
		if (ureq->state != QCOMTEE_UREQ_DONE) {
			/* Killed: user space can no longer answer it. */
			dev_dbg(oic->qcomtee->dev,
				"request %d to user object %llu abandoned: %d\n",
				ureq->req_id, ureq->object_id, ret);
			qcomtee_ureq_finish(ctxdata, ureq, -EINTR);
		}
		ret = ureq->result;
	}
	kfree(ureq);

	return ret;
}

static void qcomtee_user_object_release(struct qcomtee_object *object)
{
	struct qcomtee_user_object *uo = to_qcomtee_user_object(object);
	struct qcomtee_context_data *ctxdata = uo->ctx->data;
	struct qcomtee_ureq *ureq = NULL;

	if (uo->notify)
		ureq = kzalloc(sizeof(*ureq), GFP_KERNEL);
	if (ureq) {
		ureq->object_id = uo->object_id;
		ureq->op = QCOMTEE_MSG_OBJECT_OP_RELEASE;
		scoped_guard(mutex, &ctxdata->reqs_lock) {
			if (!ctxdata->released) {
				list_add_tail(&ureq->node, &ctxdata->reqs_list);
				ureq = NULL;
			}
		}
		wake_up_interruptible(&ctxdata->reqs_wq);
		kfree(ureq);
	}

	teedev_ctx_put(uo->ctx);
	kfree(uo);
}

static const struct qcomtee_object_operations qcomtee_user_object_ops = {
	.dispatch = qcomtee_user_object_dispatch,
	.release = qcomtee_user_object_release,
};

/**
 * qcomtee_user_object_create() - a new object hosted by user space
 * @ctx: the context of the process hosting it
 * @id: the id user space gave it
 * @object: where to store the object, with one reference
 *
 * Return: 0 or -ENOMEM.
 */
int qcomtee_user_object_create(struct tee_context *ctx, u64 id,
			       struct qcomtee_object **object)
{
	struct qcomtee_user_object *uo;

	uo = kzalloc(sizeof(*uo), GFP_KERNEL);
	if (!uo)
		return -ENOMEM;
	qcomtee_object_cb_init(&uo->object, "user", &qcomtee_user_object_ops);
	teedev_ctx_get(ctx);
	uo->ctx = ctx;
	uo->object_id = id;
	uo->notify = true;
	*object = &uo->object;

	return 0;
}

/**
 * qcomtee_user_object_id() - the user space id of a user object
 * @object: the object
 * @ctx: the context asking
 * @id: where to store the id
 *
 * Return: 0, or -EINVAL if @object is not a user object of @ctx.
 */
int qcomtee_user_object_id(struct qcomtee_object *object,
			   struct tee_context *ctx, u64 *id)
{
	struct qcomtee_user_object *uo = to_qcomtee_user_object(object);

	if (!uo || uo->ctx != ctx)
		return -EINVAL;
	*id = uo->object_id;

	return 0;
}

/**
 * qcomtee_user_object_no_notify() - user space keeps its reference
 * @object: any object; only user objects are affected
 *
 * The call that gave the object to the driver failed: user space still
 * owns its reference and gets no RELEASE notification for it.
 */
void qcomtee_user_object_no_notify(struct qcomtee_object *object)
{
	struct qcomtee_user_object *uo = to_qcomtee_user_object(object);

	if (uo)
		uo->notify = false;
}

#define QCOMTEE_META_RECV \
	(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT | TEE_IOCTL_PARAM_ATTR_META)
#define QCOMTEE_META_SEND \
	(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT | TEE_IOCTL_PARAM_ATTR_META)

/* Drop the ids a failed conversion gave to user space. */
static void qcomtee_ureq_undo_params(struct tee_context *ctx,
				     struct tee_param *params, u32 n)
{
	u32 k;

	for (k = 0; k < n; k++)
		if (params[k].attr == TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT)
			qcomtee_objref_undo(ctx, &params[k]);
}

/*
 * Describe @ureq in @params (capacity @num_params, the META one included)
 * and copy its input buffers into the user buffer @ubuf of @size bytes,
 * top-down. Under reqs_lock.
 */
static int qcomtee_ureq_to_params(struct qcomtee *qcomtee,
				  struct qcomtee_ureq *ureq,
				  struct tee_param *params, u32 *num_params,
				  void __user *ubuf, size_t size)
{
	struct qcomtee_arg *u = ureq->args;
	struct tee_param *p;
	size_t off = size;
	u32 n;
	int ret;

	for (n = 0; u[n].type != QCOMTEE_ARG_TYPE_INV; n++) {
		if (n + 1 >= *num_params) {
			ret = -EMSGSIZE;
			dev_err_ratelimited(qcomtee->dev,
					    "request for user object %llu has more than %u parameters\n",
					    ureq->object_id, *num_params - 1);
			goto err_undo;
		}
		p = &params[n + 1];
		switch (u[n].type) {
		case QCOMTEE_ARG_TYPE_IB:
			if (u[n].b.size > off) {
				ret = -EMSGSIZE;
				dev_err_ratelimited(qcomtee->dev,
						    "request for user object %llu: input buffers do not fit the %zu-byte buffer\n",
						    ureq->object_id, size);
				goto err_undo;
			}
			off = round_down(off - u[n].b.size, 8);
			if (copy_to_user(ubuf + off, u[n].b.addr, u[n].b.size)) {
				ret = -EFAULT;
				goto err_undo;
			}
			p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT;
			p->u.ubuf.uaddr = ubuf + off;
			p->u.ubuf.size = u[n].b.size;
			break;
		case QCOMTEE_ARG_TYPE_OB:
			p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT;
			p->u.ubuf.uaddr = NULL;
			p->u.ubuf.size = u[n].b.size;
			break;
		case QCOMTEE_ARG_TYPE_IO:
			p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT;
			ret = qcomtee_object_to_objref(ureq->ctx, u[n].o, p);
			if (ret) {
				p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
				dev_err_ratelimited(qcomtee->dev,
						    "request for user object %llu: input object %u cannot go to user space\n",
						    ureq->object_id, n);
				goto err_undo;
			}
			break;
		default:
			p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT;
			p->u.objref.id = 0;
			p->u.objref.flags = 0;
			break;
		}
	}
	*num_params = n + 1;

	return 0;

err_undo:
	qcomtee_ureq_undo_params(ureq->ctx, params + 1, n);

	return ret;
}

/**
 * qcomtee_supp_recv() - TEE_IOC_SUPPL_RECV: take the next request
 * @ctx: the context
 * @func: where to store the operation
 * @num_params: the capacity of @params on entry, the count on return
 * @params: the META parameter, then room for the request's
 *
 * Sleeps until a request or a RELEASE notification is queued. A request
 * that cannot be described (too many parameters, input buffers larger
 * than the buffer) fails: its invoker gets the error too.
 *
 * Return: 0, -EINVAL for a malformed META parameter, -EMSGSIZE, -EFAULT,
 * -ENODEV once the context is closing, or -ERESTARTSYS.
 */
int qcomtee_supp_recv(struct tee_context *ctx, u32 *func, u32 *num_params,
		      struct tee_param *params)
{
	struct qcomtee *qcomtee = tee_get_drvdata(ctx->teedev);
	struct qcomtee_context_data *ctxdata = ctx->data;
	struct qcomtee_ureq *ureq;
	void __user *ubuf;
	size_t size;
	u32 n;
	int ret;

	if (*num_params < 1 || params[0].attr != QCOMTEE_META_RECV)
		return -EINVAL;
	for (n = 1; n < *num_params; n++)
		if (params[n].attr != TEE_IOCTL_PARAM_ATTR_TYPE_NONE)
			return -EINVAL;
	ubuf = u64_to_user_ptr(params[0].u.value.a);
	size = params[0].u.value.b;
	if (!IS_ALIGNED(params[0].u.value.a, 8) || !access_ok(ubuf, size))
		return -EINVAL;

	for (;;) {
		ret = wait_event_interruptible(ctxdata->reqs_wq,
					       !list_empty(&ctxdata->reqs_list) ||
					       READ_ONCE(ctxdata->released));
		if (ret)
			return ret;

		guard(mutex)(&ctxdata->reqs_lock);
		if (ctxdata->released)
			return -ENODEV;
		ureq = list_first_entry_or_null(&ctxdata->reqs_list,
						struct qcomtee_ureq, node);
		if (!ureq)
			continue;

		if (!ureq->args) {
			/* A notification: nobody waits for it. */
			list_del(&ureq->node);
			*func = ureq->op;
			*num_params = 1;
			params[0].u.value.a = ureq->object_id;
			params[0].u.value.b = 0;
			params[0].u.value.c = 0;
			kfree(ureq);
			return 0;
		}

		ret = qcomtee_ureq_to_params(qcomtee, ureq, params, num_params,
					     ubuf, size);
		if (ret) {
			qcomtee_ureq_finish(ctxdata, ureq, ret);
			return ret;
		}
		list_del_init(&ureq->node);
		ureq->state = QCOMTEE_UREQ_PROCESSING;
		*func = ureq->op;
		params[0].u.value.a = ureq->object_id;
		params[0].u.value.b = ureq->req_id;
		params[0].u.value.c = 0;
		return 0;
	}
}

/*
 * Take the answer in @params for @ureq: output buffers into the outbound
 * buffer, output objects into the arguments. Under reqs_lock. On error
 * nothing is taken.
 */
static int qcomtee_params_to_ureq(struct qcomtee *qcomtee,
				  struct qcomtee_ureq *ureq,
				  struct tee_param *params, u32 num_params)
{
	static const u64 attr_of[] = {
		[QCOMTEE_ARG_TYPE_IB] = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT,
		[QCOMTEE_ARG_TYPE_OB] = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT,
		[QCOMTEE_ARG_TYPE_IO] = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT,
		[QCOMTEE_ARG_TYPE_OO] = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT,
	};
	struct qcomtee_arg *u = ureq->args;
	struct tee_param *p;
	u32 n, np;
	int ret;

	for (np = 0; u[np].type != QCOMTEE_ARG_TYPE_INV; np++)
		;
	if (num_params != np + 1) {
		dev_err_ratelimited(qcomtee->dev,
				    "answer to request %d has %u parameters, not %u\n",
				    ureq->req_id, num_params - 1, np);
		return -EINVAL;
	}

	for (n = 0; n < np; n++) {
		p = &params[n + 1];
		if (p->attr != attr_of[u[n].type]) {
			dev_err_ratelimited(qcomtee->dev,
					    "answer to request %d: parameter %u has type %llu, not %llu\n",
					    ureq->req_id, n, p->attr,
					    attr_of[u[n].type]);
			return -EINVAL;
		}
		if (u[n].type == QCOMTEE_ARG_TYPE_OB &&
		    p->u.ubuf.size > u[n].b.size) {
			dev_err_ratelimited(qcomtee->dev,
					    "answer to request %d: output buffer %u of %zu bytes, more than the %zu asked for\n",
					    ureq->req_id, n, p->u.ubuf.size,
					    u[n].b.size);
			return -EINVAL;
		}
	}

	for (n = 0; n < np; n++) {
		if (u[n].type != QCOMTEE_ARG_TYPE_OO)
			continue;
		ret = qcomtee_objref_to_object(ureq->ctx, &params[n + 1],
					       &u[n].o);
		if (ret) {
			dev_err_ratelimited(qcomtee->dev,
					    "answer to request %d: output object %u (id %llu, flags %#llx) refused: %d\n",
					    ureq->req_id, n,
					    params[n + 1].u.objref.id,
					    params[n + 1].u.objref.flags, ret);
			goto err_put;
		}
	}

	for (n = 0; n < np; n++) {
		p = &params[n + 1];
		if (u[n].type != QCOMTEE_ARG_TYPE_OB)
			continue;
		if (copy_from_user(u[n].b.addr, p->u.ubuf.uaddr,
				   p->u.ubuf.size)) {
			ret = -EFAULT;
			n = np;
			goto err_put;
		}
		u[n].b.size = p->u.ubuf.size;
	}

	return 0;

err_put:
	while (n--) {
		if (u[n].type != QCOMTEE_ARG_TYPE_OO)
			continue;
		/* The answer failed: user space keeps these. */
		qcomtee_user_object_no_notify(u[n].o);
		qcomtee_object_put(u[n].o);
		u[n].o = NULL;
	}

	return ret;
}

/**
 * qcomtee_supp_send() - TEE_IOC_SUPPL_SEND: answer a request
 * @ctx: the context
 * @ret: the result
 * @num_params: the number of parameters, the META one included
 * @params: the META parameter (the request id), then the request's
 *	parameters in the positions qcomtee_supp_recv() gave
 *
 * A malformed answer (wrong count or types, an output buffer larger than
 * asked for, an object user space cannot give) fails the request: its
 * invoker gets the error too.
 *
 * Return: 0, -EINVAL for a malformed answer, -ENOENT if the request is
 * gone (its invoker was killed) or never was, or -EFAULT.
 */
int qcomtee_supp_send(struct tee_context *ctx, u32 ret, u32 num_params,
		      struct tee_param *params)
{
	struct qcomtee *qcomtee = tee_get_drvdata(ctx->teedev);
	struct qcomtee_context_data *ctxdata = ctx->data;
	struct qcomtee_ureq *ureq;
	u64 req_id;
	int err = 0;

	if (num_params < 1 || params[0].attr != QCOMTEE_META_SEND)
		return -EINVAL;
	req_id = params[0].u.value.a;
	if (!req_id || req_id > INT_MAX)
		return -ENOENT;

	guard(mutex)(&ctxdata->reqs_lock);
	ureq = idr_find(&ctxdata->reqs_idr, req_id);
	if (!ureq || ureq->state != QCOMTEE_UREQ_PROCESSING)
		return -ENOENT;

	if (!ret)
		err = qcomtee_params_to_ureq(qcomtee, ureq, params,
					     num_params);
	qcomtee_ureq_finish(ctxdata, ureq, err ?: qcomtee_user_result(ret));

	return err;
}
