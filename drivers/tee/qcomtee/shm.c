// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory QTEE sees: the shared memory pool of the TEE device and the
 * message buffers of each invocation. Every buffer is physically
 * contiguous and put behind its own SHM bridge, which the secure world
 * requires once SHM bridges are enabled.
 */

#include <linux/err.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
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

/* A message buffer of one page: the only size cached. */
#define QCOMTEE_MSG_CACHED_SIZE	PAGE_ALIGN(QCOMTEE_MSG_OUTBOUND_SIZE)

/*
 * A message buffer of at least @size bytes: a cached one when one page
 * is enough (already zeroed and bridged), else a new one.
 */
static struct tee_shm *qcomtee_msg_buf_get(struct qcomtee *qcomtee,
					   size_t size)
{
	struct tee_shm *shm = NULL;

	if (size <= QCOMTEE_MSG_CACHED_SIZE) {
		mutex_lock(&qcomtee->msg_cache_lock);
		if (qcomtee->msg_cache_nr)
			shm = qcomtee->msg_cache[--qcomtee->msg_cache_nr];
		mutex_unlock(&qcomtee->msg_cache_lock);
		if (shm)
			return shm;
		size = QCOMTEE_MSG_CACHED_SIZE;
	}

	return tee_shm_alloc_priv_buf(qcomtee->ctx, size);
}

/* Give a message buffer back: zeroed into the cache, or freed. */
static void qcomtee_msg_buf_put(struct qcomtee *qcomtee, struct tee_shm *shm)
{
	if (shm->size == QCOMTEE_MSG_CACHED_SIZE) {
		memset(shm->kaddr, 0, shm->size);
		mutex_lock(&qcomtee->msg_cache_lock);
		if (!qcomtee->msg_cache_off &&
		    qcomtee->msg_cache_nr < QCOMTEE_MSG_CACHE_MAX) {
			qcomtee->msg_cache[qcomtee->msg_cache_nr++] = shm;
			shm = NULL;
		}
		mutex_unlock(&qcomtee->msg_cache_lock);
	}

	if (shm)
		tee_shm_free(shm);
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
	struct qcomtee *qcomtee = oic->qcomtee;
	struct tee_shm *shm;

	if (in_size > QCOMTEE_MSG_INBOUND_MAX)
		return -EINVAL;

	shm = qcomtee_msg_buf_get(qcomtee, in_size);
	if (IS_ERR(shm))
		return PTR_ERR(shm);
	oic->in_shm = shm;

	shm = qcomtee_msg_buf_get(qcomtee, QCOMTEE_MSG_OUTBOUND_SIZE);
	if (IS_ERR(shm)) {
		qcomtee_msg_buf_put(qcomtee, oic->in_shm);
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
		qcomtee_msg_buf_put(oic->qcomtee, oic->in_shm);
	if (oic->out_shm)
		qcomtee_msg_buf_put(oic->qcomtee, oic->out_shm);
	oic->in_shm = NULL;
	oic->out_shm = NULL;
}

/**
 * qcomtee_msg_cache_drain() - free the cached message buffers
 * @qcomtee: the driver
 *
 * Each cached buffer holds a reference on the driver's context; call this
 * before closing it. Buffers freed afterwards are not cached again.
 */
void qcomtee_msg_cache_drain(struct qcomtee *qcomtee)
{
	struct tee_shm *cache[QCOMTEE_MSG_CACHE_MAX];
	unsigned int i, nr;

	mutex_lock(&qcomtee->msg_cache_lock);
	qcomtee->msg_cache_off = true;
	nr = qcomtee->msg_cache_nr;
	memcpy(cache, qcomtee->msg_cache, nr * sizeof(cache[0]));
	qcomtee->msg_cache_nr = 0;
	mutex_unlock(&qcomtee->msg_cache_lock);

	for (i = 0; i < nr; i++)
		tee_shm_free(cache[i]);
}
