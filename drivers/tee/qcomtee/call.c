// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TEE device of QTEE: contexts, TEE_IOC_OBJECT_INVOKE from user
 * space, and the platform driver for the "qcomtee" device that the SCM
 * driver creates when QTEE answers.
 *
 * User space names the QTEE objects it holds by ids of its context
 * (OBJREF with QCOMTEE_OBJREF_FLAG_TEE); TEE_OBJREF_NULL as the target
 * of an invocation is the root object. It gives QTEE objects it hosts
 * itself (QCOMTEE_OBJREF_FLAG_USER, user_obj.c) and shared memory
 * (QCOMTEE_OBJREF_FLAG_MEM, mem_obj.c).
 */

#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/tee.h>
#include <linux/tee_core.h>
#include <linux/workqueue.h>

#include "qcomtee.h"

static void qcomtee_get_version(struct tee_device *teedev,
				struct tee_ioctl_version_data *vers)
{
	struct tee_ioctl_version_data v = {
		.impl_id = TEE_IMPL_ID_QTEE,
		.gen_caps = TEE_GEN_CAP_OBJREF,
	};

	*vers = v;
}

static int qcomtee_open(struct tee_context *ctx)
{
	struct qcomtee_context_data *ctxdata;

	/*
	 * Objects may keep a context beyond its file: hold the device
	 * until the context is released, so that unregistering it waits.
	 */
	if (!tee_device_get(ctx->teedev))
		return -EINVAL;

	ctxdata = kzalloc(sizeof(*ctxdata), GFP_KERNEL);
	if (!ctxdata) {
		tee_device_put(ctx->teedev);
		return -ENOMEM;
	}
	mutex_init(&ctxdata->lock);
	idr_init(&ctxdata->qtee_objects_idr);
	qcomtee_context_reqs_init(ctxdata);
	ctx->data = ctxdata;

	return 0;
}

static void qcomtee_ctx_put_objects(struct qcomtee_context_data *ctxdata)
{
	struct qcomtee_object *object;
	int id;

	guard(mutex)(&ctxdata->lock);
	idr_for_each_entry(&ctxdata->qtee_objects_idr, object, id) {
		idr_remove(&ctxdata->qtee_objects_idr, id);
		qcomtee_object_put(object);
	}
}

/*
 * The file is closed: its ids can no longer be used, and nobody will
 * serve the requests to the objects it hosts.
 */
static void qcomtee_close_context(struct tee_context *ctx)
{
	qcomtee_context_reqs_destroy(ctx->data);
	qcomtee_ctx_put_objects(ctx->data);
}

static void qcomtee_release(struct tee_context *ctx)
{
	struct qcomtee_context_data *ctxdata = ctx->data;

	qcomtee_ctx_put_objects(ctxdata);
	qcomtee_context_reqs_free(ctxdata);
	idr_destroy(&ctxdata->qtee_objects_idr);
	mutex_destroy(&ctxdata->lock);
	kfree(ctxdata);
	tee_device_put(ctx->teedev);
}

static int qcomtee_ctx_object_get(struct qcomtee_context_data *ctxdata,
				  u64 id, struct qcomtee_object **object)
{
	if (id > INT_MAX)
		return -EINVAL;

	guard(mutex)(&ctxdata->lock);
	*object = idr_find(&ctxdata->qtee_objects_idr, id);
	if (!*object)
		return -EINVAL;
	qcomtee_object_get(*object);

	return 0;
}

static int qcomtee_ctx_object_del(struct qcomtee_context_data *ctxdata,
				  u64 id)
{
	struct qcomtee_object *object;

	if (id > INT_MAX)
		return -EINVAL;

	scoped_guard(mutex, &ctxdata->lock)
		object = idr_remove(&ctxdata->qtee_objects_idr, id);
	if (!object)
		return -EINVAL;
	qcomtee_object_put(object);

	return 0;
}

/* Only the parameter types QTEE has, and at most 15 of each. */
static int qcomtee_params_check(const struct tee_param *params,
				u32 num_params)
{
	unsigned int ib = 0, ob = 0, io = 0, oo = 0;
	u32 n;

	for (n = 0; n < num_params; n++) {
		switch (params[n].attr) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT:
			ib++;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT:
			ob++;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT:
			io++;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT:
			oo++;
			break;
		default:
			return -EINVAL;
		}
	}

	if (ib > QCOMTEE_ARGS_PER_TYPE || ob > QCOMTEE_ARGS_PER_TYPE ||
	    io > QCOMTEE_ARGS_PER_TYPE || oo > QCOMTEE_ARGS_PER_TYPE)
		return -EINVAL;

	return 0;
}

/* Operations of the root object user space may not use. */
static int qcomtee_root_op_check(u32 op, const struct tee_param *params,
				 u32 num_params)
{
	bool creds = false;
	u32 n;

	switch (op) {
	case QCOMTEE_ROOT_OP_NOTIFY_DOMAIN_CHANGE:
	case QCOMTEE_ROOT_OP_ADCI_ACCEPT:
	case QCOMTEE_ROOT_OP_ADCI_SHUTDOWN:
		return -EINVAL;
	case QCOMTEE_ROOT_OP_REG_WITH_CREDENTIALS:
		/* Registering without credentials is the kernel's. */
		for (n = 0; n < num_params; n++) {
			if (params[n].attr !=
			    TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT)
				continue;
			if (params[n].u.objref.id == TEE_OBJREF_NULL)
				return -EINVAL;
			creds = true;
		}
		return creds ? 0 : -EINVAL;
	default:
		return 0;
	}
}

/**
 * qcomtee_objref_to_object() - the object an OBJREF from user space names
 * @ctx: the context of the process
 * @param: the OBJREF parameter
 * @object: where to store the object (NULL for TEE_OBJREF_NULL), with a
 *	reference
 *
 * A QTEE object is looked up among the context's ids; a user object or a
 * memory object is created.
 *
 * Return: 0, -EINVAL for an unknown id or flags, or -ENOMEM.
 */
int qcomtee_objref_to_object(struct tee_context *ctx,
			     const struct tee_param *param,
			     struct qcomtee_object **object)
{
	*object = NULL;
	if (param->u.objref.id == TEE_OBJREF_NULL)
		return 0;

	switch (param->u.objref.flags) {
	case QCOMTEE_OBJREF_FLAG_TEE:
		return qcomtee_ctx_object_get(ctx->data, param->u.objref.id,
					      object);
	case QCOMTEE_OBJREF_FLAG_USER:
		return qcomtee_user_object_create(ctx, param->u.objref.id,
						  object);
	case QCOMTEE_OBJREF_FLAG_MEM:
		return qcomtee_mem_object_create(ctx, param->u.objref.id,
						 object);
	default:
		return -EINVAL;
	}
}

/*
 * Drop the objects of one type; @keep: the call failed, user space keeps
 * the user objects it gave.
 */
static void qcomtee_args_put_objects(struct qcomtee_arg *u,
				     enum qcomtee_arg_type type, bool keep)
{
	int i;

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != type)
			continue;
		if (keep)
			qcomtee_user_object_no_notify(u[i].o);
		qcomtee_object_put(u[i].o);
		u[i].o = NULL;
	}
}

static int qcomtee_params_to_args(struct tee_context *ctx,
				  struct qcomtee_arg *u,
				  const struct tee_param *params,
				  u32 num_params)
{
	u32 n;
	int ret;

	for (n = 0; n < num_params; n++) {
		u[n + 1].type = QCOMTEE_ARG_TYPE_INV;
		switch (params[n].attr) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT:
			u[n].type = params[n].attr ==
				    TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT ?
				    QCOMTEE_ARG_TYPE_IB : QCOMTEE_ARG_TYPE_OB;
			u[n].b.uaddr = params[n].u.ubuf.uaddr;
			u[n].b.size = params[n].u.ubuf.size;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT:
			u[n].type = QCOMTEE_ARG_TYPE_IO;
			ret = qcomtee_objref_to_object(ctx, &params[n],
						       &u[n].o);
			if (ret) {
				u[n].type = QCOMTEE_ARG_TYPE_INV;
				qcomtee_args_put_objects(u,
							 QCOMTEE_ARG_TYPE_IO,
							 true);
				return ret;
			}
			break;
		default:
			u[n].type = QCOMTEE_ARG_TYPE_OO;
			u[n].o = NULL;
			break;
		}
	}
	u[num_params].type = QCOMTEE_ARG_TYPE_INV;

	return 0;
}

/**
 * qcomtee_object_to_objref() - describe an object to user space
 * @ctx: the context of the process
 * @object: the object, or NULL; the caller keeps its reference
 * @param: the OBJREF parameter to fill
 *
 * A QTEE object gets a new id of the context, which holds a new
 * reference; a user object or memory object of the context is named by
 * the id user space gave it. Undo with qcomtee_objref_undo().
 *
 * Return: 0, -EINVAL for an object user space cannot hold (hosted by the
 * kernel or by another context), or an error of the id allocation.
 */
int qcomtee_object_to_objref(struct tee_context *ctx,
			     struct qcomtee_object *object,
			     struct tee_param *param)
{
	struct qcomtee_context_data *ctxdata = ctx->data;
	struct qcomtee *qcomtee = tee_get_drvdata(ctx->teedev);
	u64 uid;
	int id;

	switch (qcomtee_object_typeof(object)) {
	case QCOMTEE_OBJECT_TYPE_NULL:
		param->u.objref.id = TEE_OBJREF_NULL;
		param->u.objref.flags = 0;
		return 0;
	case QCOMTEE_OBJECT_TYPE_TEE:
		qcomtee_object_get(object);
		scoped_guard(mutex, &ctxdata->lock)
			id = idr_alloc(&ctxdata->qtee_objects_idr, object, 0, 0,
				       GFP_KERNEL);
		if (id < 0) {
			qcomtee_object_put(object);
			return id;
		}
		param->u.objref.id = id;
		param->u.objref.flags = QCOMTEE_OBJREF_FLAG_TEE;
		return 0;
	case QCOMTEE_OBJECT_TYPE_CB:
		if (!qcomtee_user_object_id(object, ctx, &uid)) {
			param->u.objref.flags = QCOMTEE_OBJREF_FLAG_USER;
		} else if (!qcomtee_mem_object_id(object, ctx, &uid)) {
			param->u.objref.flags = QCOMTEE_OBJREF_FLAG_MEM;
		} else {
			dev_err_ratelimited(qcomtee->dev,
					    "QTEE passed a %s object user space cannot hold\n",
					    object->name);
			return -EINVAL;
		}
		param->u.objref.id = uid;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * qcomtee_objref_undo() - take back what qcomtee_object_to_objref() gave
 * @ctx: the context of the process
 * @param: the OBJREF parameter it filled
 */
void qcomtee_objref_undo(struct tee_context *ctx, struct tee_param *param)
{
	if (param->u.objref.flags == QCOMTEE_OBJREF_FLAG_TEE)
		qcomtee_ctx_object_del(ctx->data, param->u.objref.id);
}

/* Hand the results to user space; on error, nothing is handed. */
static int qcomtee_args_to_params(struct tee_context *ctx,
				  struct tee_param *params,
				  struct qcomtee_arg *u, u32 num_params)
{
	u32 n, k;
	int ret;

	for (n = 0; n < num_params; n++) {
		if (u[n].type == QCOMTEE_ARG_TYPE_OB) {
			params[n].u.ubuf.size = u[n].b.size;
		} else if (u[n].type == QCOMTEE_ARG_TYPE_OO) {
			ret = qcomtee_object_to_objref(ctx, u[n].o,
						       &params[n]);
			if (ret)
				goto err_undo;
		}
	}
	/* What user space holds now holds its own references. */
	qcomtee_args_put_objects(u, QCOMTEE_ARG_TYPE_OO, false);

	return 0;

err_undo:
	for (k = 0; k < n; k++)
		if (u[k].type == QCOMTEE_ARG_TYPE_OO)
			qcomtee_objref_undo(ctx, &params[k]);
	qcomtee_args_put_objects(u, QCOMTEE_ARG_TYPE_OO, false);

	return ret;
}

static void qcomtee_params_clear_outputs(struct tee_param *params,
					 u32 num_params)
{
	u32 n;

	for (n = 0; n < num_params; n++) {
		if (params[n].attr != TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT)
			continue;
		params[n].u.objref.id = TEE_OBJREF_NULL;
		params[n].u.objref.flags = 0;
	}
}

static int qcomtee_object_invoke(struct tee_context *ctx,
				 struct tee_ioctl_object_invoke_arg *arg,
				 struct tee_param *params)
{
	struct qcomtee *qcomtee = tee_get_drvdata(ctx->teedev);
	struct qcomtee_object_invoke_ctx *oic;
	struct qcomtee_object *object;
	struct qcomtee_arg *u;
	int ret, result = 0;

	/* Releasing an object is local: the release reaches QTEE later. */
	if (arg->op == QCOMTEE_MSG_OBJECT_OP_RELEASE) {
		if (arg->num_params)
			return -EINVAL;
		ret = qcomtee_ctx_object_del(ctx->data, arg->id);
		if (!ret)
			arg->ret = QCOMTEE_MSG_OK;
		return ret;
	}

	if (arg->op & ~QCOMTEE_MSG_OBJECT_OP_MASK ||
	    arg->op == QCOMTEE_MSG_OBJECT_OP_RETAIN)
		return -EINVAL;

	ret = qcomtee_params_check(params, arg->num_params);
	if (ret)
		return ret;

	if (arg->id == TEE_OBJREF_NULL) {
		ret = qcomtee_root_op_check(arg->op, params, arg->num_params);
		object = ROOT_QCOMTEE_OBJECT;
	} else {
		ret = qcomtee_ctx_object_get(ctx->data, arg->id, &object);
	}
	if (ret)
		return ret;

	u = kcalloc(arg->num_params + 1, sizeof(*u), GFP_KERNEL);
	oic = qcomtee_object_invoke_ctx_alloc(qcomtee, ctx);
	if (!u || !oic) {
		ret = -ENOMEM;
		goto out;
	}
	oic->flags = QCOMTEE_OIC_FLAG_USER_BUFFERS;

	ret = qcomtee_params_to_args(ctx, u, params, arg->num_params);
	if (ret)
		goto out;

	ret = qcomtee_object_do_invoke(oic, object, arg->op, u, &result);
	if (!ret) {
		if (result == QCOMTEE_MSG_OK)
			ret = qcomtee_args_to_params(ctx, params, u,
						     arg->num_params);
		else
			qcomtee_params_clear_outputs(params, arg->num_params);
		if (!ret)
			arg->ret = result;
	}
	/* Unless the call failed, QTEE owns what the user objects gave. */
	qcomtee_args_put_objects(u, QCOMTEE_ARG_TYPE_IO, ret != 0);
out:
	kfree(oic);
	kfree(u);
	qcomtee_object_put(object);

	return ret;
}

static const struct tee_driver_ops qcomtee_ops = {
	.get_version = qcomtee_get_version,
	.open = qcomtee_open,
	.close_context = qcomtee_close_context,
	.release = qcomtee_release,
	.object_invoke_func = qcomtee_object_invoke,
	.supp_recv = qcomtee_supp_recv,
	.supp_send = qcomtee_supp_send,
};

static const struct tee_desc qcomtee_desc = {
	.name = "qcomtee",
	.ops = &qcomtee_ops,
	.owner = THIS_MODULE,
};

/* Ask FeatureVersions for the QTEE version. */
static int qcomtee_get_qtee_version(struct qcomtee *qcomtee, u32 *version)
{
	u32 feature = QCOMTEE_FEATURE_VER_OP_GET_QTEE_ID, v = 0;
	struct qcomtee_arg u[3] = {
		{ .type = QCOMTEE_ARG_TYPE_IB,
		  .b = { .addr = &feature, .size = sizeof(feature) } },
		{ .type = QCOMTEE_ARG_TYPE_OB,
		  .b = { .addr = &v, .size = sizeof(v) } },
		{ .type = QCOMTEE_ARG_TYPE_INV },
	};
	struct qcomtee_object *client_env, *service;
	struct qcomtee_object_invoke_ctx *oic;
	int ret, result = 0;

	oic = qcomtee_object_invoke_ctx_alloc(qcomtee, NULL);
	if (!oic)
		return -ENOMEM;

	ret = qcomtee_object_get_client_env(oic, &client_env);
	if (ret)
		goto out;
	ret = qcomtee_object_get_service(oic, client_env,
					 QCOMTEE_FEATURE_VER_UID, &service);
	if (ret)
		goto put_env;

	ret = qcomtee_object_do_invoke(oic, service,
				       QCOMTEE_FEATURE_VER_OP_GET, u, &result);
	if (!ret && (result != QCOMTEE_MSG_OK || u[1].b.size != sizeof(v)))
		ret = -EIO;
	if (!ret)
		*version = v;

	qcomtee_object_put(service);
put_env:
	qcomtee_object_put(client_env);
out:
	kfree(oic);

	return ret;
}

static int qcomtee_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct qcomtee *qcomtee;
	int ret;

	qcomtee = kzalloc(sizeof(*qcomtee), GFP_KERNEL);
	if (!qcomtee)
		return -ENOMEM;
	qcomtee->dev = dev;
	xa_init_flags(&qcomtee->xa_local_objects, XA_FLAGS_ALLOC);
	mutex_init(&qcomtee->msg_cache_lock);

	qcomtee->pool = qcomtee_shm_pool_alloc();
	if (IS_ERR(qcomtee->pool)) {
		ret = PTR_ERR(qcomtee->pool);
		goto err_free;
	}

	qcomtee->wq = alloc_ordered_workqueue("qcomtee_wq", 0);
	if (!qcomtee->wq) {
		ret = -ENOMEM;
		goto err_pool;
	}

	qcomtee->teedev = tee_device_alloc(&qcomtee_desc, dev, qcomtee->pool,
					   qcomtee);
	if (IS_ERR(qcomtee->teedev)) {
		ret = PTR_ERR(qcomtee->teedev);
		goto err_wq;
	}

	/* The driver's own context, for its message buffers and objects. */
	qcomtee->ctx = teedev_open(qcomtee->teedev);
	if (IS_ERR(qcomtee->ctx)) {
		ret = PTR_ERR(qcomtee->ctx);
		goto err_unregister;
	}

	/* Informational: a QTEE that cannot tell is version 0.0.0. */
	ret = qcomtee_get_qtee_version(qcomtee, &qcomtee->qtee_version);
	if (ret)
		dev_warn(dev, "cannot read the QTEE version: %d\n", ret);
	dev_info(dev, "QTEE version %u.%u.%u\n",
		 QCOMTEE_QTEE_VERSION_MAJOR(qcomtee->qtee_version),
		 QCOMTEE_QTEE_VERSION_MINOR(qcomtee->qtee_version),
		 QCOMTEE_QTEE_VERSION_PATCH(qcomtee->qtee_version));

	ret = tee_device_register(qcomtee->teedev);
	if (ret)
		goto err_close;

	platform_set_drvdata(pdev, qcomtee);

	return 0;

err_close:
	qcomtee_msg_cache_drain(qcomtee);
	teedev_close_context(qcomtee->ctx);
err_unregister:
	/* Waits until QTEE released the objects of the version query. */
	tee_device_unregister(qcomtee->teedev);
err_wq:
	destroy_workqueue(qcomtee->wq);
err_pool:
	tee_shm_pool_free(qcomtee->pool);
err_free:
	kfree(qcomtee);

	return ret;
}

static void qcomtee_remove(struct platform_device *pdev)
{
	struct qcomtee *qcomtee = platform_get_drvdata(pdev);

	qcomtee_msg_cache_drain(qcomtee);
	teedev_close_context(qcomtee->ctx);
	/* Waits for every context, hence every QTEE object, to go. */
	tee_device_unregister(qcomtee->teedev);
	destroy_workqueue(qcomtee->wq);
	tee_shm_pool_free(qcomtee->pool);
	xa_destroy(&qcomtee->xa_local_objects);
	kfree(qcomtee);
}

static const struct platform_device_id qcomtee_ids[] = {
	{ .name = "qcomtee" },
	{ }
};
MODULE_DEVICE_TABLE(platform, qcomtee_ids);

static struct platform_driver qcomtee_platform_driver = {
	.probe = qcomtee_probe,
	.remove = qcomtee_remove,
	.driver = {
		.name = "qcomtee",
	},
	.id_table = qcomtee_ids,
};
module_platform_driver(qcomtee_platform_driver);

MODULE_AUTHOR("qcom-tz developers <dev@qcom-tz.invalid>");
MODULE_DESCRIPTION("Qualcomm TEE (QTEE) driver");
MODULE_LICENSE("GPL");
