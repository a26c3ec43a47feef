// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory QTEE sees: the shared memory pool of the TEE device and the
 * message buffers of each invocation. Every buffer is physically
 * contiguous and put behind its own SHM bridge, which the secure world
 * requires once SHM bridges are enabled.
 */

#include <linux/err.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/slab.h>
#include <linux/tee_core.h>

#include "qcomtee.h"

static int qcomtee_shm_register(struct tee_context *ctx, struct tee_shm *shm,
				struct page **pages, size_t num_pages,
				unsigned long start)
{
	return qcom_tzmem_shm_bridge_create(shm->paddr, shm->size,
					    &shm->sec_world_id);
}

static int qcomtee_shm_unregister(struct tee_context *ctx,
				  struct tee_shm *shm)
{
	qcom_tzmem_shm_bridge_delete(shm->sec_world_id);

	return 0;
}

static int qcomtee_pool_op_alloc(struct tee_shm_pool *pool,
				 struct tee_shm *shm, size_t size,
				 size_t align)
{
	return tee_dyn_shm_alloc_helper(shm, size, align,
					qcomtee_shm_register);
}

static void qcomtee_pool_op_free(struct tee_shm_pool *pool,
				 struct tee_shm *shm)
{
	tee_dyn_shm_free_helper(shm, qcomtee_shm_unregister);
}

static void qcomtee_pool_op_destroy_pool(struct tee_shm_pool *pool)
{
	kfree(pool);
}

static const struct tee_shm_pool_ops qcomtee_pool_ops = {
	.alloc = qcomtee_pool_op_alloc,
	.free = qcomtee_pool_op_free,
	.destroy_pool = qcomtee_pool_op_destroy_pool,
};

/**
 * qcomtee_shm_pool_alloc() - create the shared memory pool
 *
 * Buffers come from the page allocator, zeroed and page-rounded, each
 * with an SHM bridge (none when SHM bridges are not in use).
 *
 * Return: the pool, to free with tee_shm_pool_free(), or an ERR_PTR.
 */
struct tee_shm_pool *qcomtee_shm_pool_alloc(void)
{
	struct tee_shm_pool *pool;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->ops = &qcomtee_pool_ops;

	return pool;
}

/**
 * qcomtee_msg_buffers_alloc() - allocate the buffers of an invocation
 * @oic: the invocation
 * @in_size: the size of the inbound message
 *
 * The inbound buffer holds @in_size bytes, the outbound one
 * %QCOMTEE_MSG_OUTBOUND_SIZE, both page-rounded and zeroed (QTEE expects
 * unused parts to be zero). They are private to the driver context.
 *
 * Return: 0, -EINVAL if @in_size is above %QCOMTEE_MSG_INBOUND_MAX, or
 * the error of the allocation or of the SHM bridge.
 */
int qcomtee_msg_buffers_alloc(struct qcomtee_object_invoke_ctx *oic,
			      size_t in_size)
{
	struct tee_context *ctx = oic->qcomtee->ctx;
	struct tee_shm *shm;

	if (in_size > QCOMTEE_MSG_INBOUND_MAX)
		return -EINVAL;

	shm = tee_shm_alloc_priv_buf(ctx, in_size);
	if (IS_ERR(shm))
		return PTR_ERR(shm);
	oic->in_shm = shm;

	shm = tee_shm_alloc_priv_buf(ctx, QCOMTEE_MSG_OUTBOUND_SIZE);
	if (IS_ERR(shm)) {
		tee_shm_free(oic->in_shm);
		oic->in_shm = NULL;
		return PTR_ERR(shm);
	}
	oic->out_shm = shm;

	return 0;
}

/**
 * qcomtee_msg_buffers_free() - free the buffers of an invocation
 * @oic: the invocation
 */
void qcomtee_msg_buffers_free(struct qcomtee_object_invoke_ctx *oic)
{
	if (oic->in_shm)
		tee_shm_free(oic->in_shm);
	if (oic->out_shm)
		tee_shm_free(oic->out_shm);
	oic->in_shm = NULL;
	oic->out_shm = NULL;
}
