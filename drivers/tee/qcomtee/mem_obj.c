// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory objects: shared memory a process allocated with TEE_IOC_SHM_ALLOC
 * on the QTEE device, given to QTEE as an OBJREF with
 * QCOMTEE_OBJREF_FLAG_MEM (id = the shared memory id). QTEE cannot invoke
 * them; it maps them through the primordial object (MAP_REGION), which
 * answers with the physical range. Every buffer of the pool is physically
 * contiguous and behind its own SHM bridge.
 */

#include <linux/slab.h>
#include <linux/tee_core.h>

#include "qcomtee.h"

/**
 * struct qcomtee_mem_object - shared memory as an object
 * @object: the object
 * @shm: the shared memory (a reference is held)
 */
struct qcomtee_mem_object {
	struct qcomtee_object object;
	struct tee_shm *shm;
};

static const struct qcomtee_object_operations qcomtee_mem_object_ops;

static struct qcomtee_mem_object *
to_qcomtee_mem_object(struct qcomtee_object *object)
{
	if (qcomtee_object_typeof(object) != QCOMTEE_OBJECT_TYPE_CB ||
	    object->ops != &qcomtee_mem_object_ops)
		return NULL;

	return container_of(object, struct qcomtee_mem_object, object);
}

/* Memory is mapped, not invoked. */
static int qcomtee_mem_object_dispatch(struct qcomtee_object_invoke_ctx *oic,
				       struct qcomtee_object *object, u32 op,
				       struct qcomtee_arg *args)
{
	return -EINVAL;
}

static void qcomtee_mem_object_release(struct qcomtee_object *object)
{
	struct qcomtee_mem_object *mo = to_qcomtee_mem_object(object);

	tee_shm_put(mo->shm);
	kfree(mo);
}

static const struct qcomtee_object_operations qcomtee_mem_object_ops = {
	.dispatch = qcomtee_mem_object_dispatch,
	.release = qcomtee_mem_object_release,
};

/**
 * qcomtee_mem_object_create() - a memory object for shared memory
 * @ctx: the context that owns the shared memory
 * @id: the shared memory id
 * @object: where to store the object, with one reference
 *
 * Return: 0, -EINVAL if @ctx has no pool shared memory with this id, or
 * -ENOMEM.
 */
int qcomtee_mem_object_create(struct tee_context *ctx, u64 id,
			      struct qcomtee_object **object)
{
	struct qcomtee_mem_object *mo;
	struct tee_shm *shm;

	if (id > INT_MAX)
		return -EINVAL;
	shm = tee_shm_get_from_id(ctx, id);
	if (IS_ERR(shm))
		return -EINVAL;
	/* Only the pool's buffers are contiguous and bridged. */
	if (!(shm->flags & TEE_SHM_POOL) || !shm->paddr) {
		tee_shm_put(shm);
		return -EINVAL;
	}

	mo = kzalloc(sizeof(*mo), GFP_KERNEL);
	if (!mo) {
		tee_shm_put(shm);
		return -ENOMEM;
	}
	qcomtee_object_cb_init(&mo->object, "memory", &qcomtee_mem_object_ops);
	mo->shm = shm;
	*object = &mo->object;

	return 0;
}

/**
 * qcomtee_mem_object_id() - the shared memory id of a memory object
 * @object: the object
 * @ctx: the context asking
 * @id: where to store the id
 *
 * Return: 0, or -EINVAL if @object is not a memory object of @ctx.
 */
int qcomtee_mem_object_id(struct qcomtee_object *object,
			  struct tee_context *ctx, u64 *id)
{
	struct qcomtee_mem_object *mo = to_qcomtee_mem_object(object);

	if (!mo || mo->shm->ctx != ctx)
		return -EINVAL;
	*id = mo->shm->id;

	return 0;
}

/**
 * qcomtee_mem_object_region() - the physical range of a memory object
 * @object: the object
 * @paddr: where to store its physical address
 * @size: where to store its size
 *
 * Return: 0, or -EINVAL if @object is not a memory object.
 */
int qcomtee_mem_object_region(struct qcomtee_object *object,
			      phys_addr_t *paddr, size_t *size)
{
	struct qcomtee_mem_object *mo = to_qcomtee_mem_object(object);

	if (!mo)
		return -EINVAL;
	*paddr = mo->shm->paddr;
	*size = mo->shm->size;

	return 0;
}
