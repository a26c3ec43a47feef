/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Driver-internal interfaces of qcomtee: the driver instance, per-context
 * state, and what the files of the driver provide each other.
 */

#ifndef QCOMTEE_H
#define QCOMTEE_H

#include <linux/bits.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include "qcomtee_msg.h"
#include "qcomtee_object.h"

struct device;
struct tee_context;
struct tee_device;
struct tee_param;
struct tee_shm_pool;
struct workqueue_struct;

/* Flags of an OBJREF parameter (driver-defined, mirrored by libqcomtee). */
#define QCOMTEE_OBJREF_FLAG_TEE		BIT(0)
#define QCOMTEE_OBJREF_FLAG_USER	BIT(1)
#define QCOMTEE_OBJREF_FLAG_MEM		BIT(2)

/*
 * Message buffers of one page are kept for reuse, with their SHM bridge:
 * a plain invocation then costs one SMC instead of five (two bridge
 * creates and deletes). Two per invocation in flight.
 */
#define QCOMTEE_MSG_CACHE_MAX	8

/**
 * struct qcomtee - the driver instance
 * @dev: the platform device, for messages
 * @teedev: the TEE device (/dev/teeN)
 * @pool: its shared memory pool, every buffer behind an SHM bridge
 * @ctx: the driver's own context; every QTEE object holds a reference,
 *	so the TEE device outlives them
 * @wq: ordered workqueue releasing QTEE objects
 * @xa_local_objects: normal-world objects QTEE holds, by id; each id owns
 *	one reference
 * @xa_last_id: for cyclic id allocation
 * @msg_cache_lock: protects the @msg_cache fields
 * @msg_cache: bridged message buffers of one page, zeroed, for reuse
 * @msg_cache_nr: how many @msg_cache holds
 * @msg_cache_off: set at remove: buffers are freed, no longer cached
 * @qtee_version: what FeatureVersions answered at probe, or 0
 */
struct qcomtee {
	struct device *dev;
	struct tee_device *teedev;
	struct tee_shm_pool *pool;
	struct tee_context *ctx;
	struct workqueue_struct *wq;
	struct xarray xa_local_objects;
	u32 xa_last_id;
	struct mutex msg_cache_lock; /* protects the msg_cache fields */
	struct tee_shm *msg_cache[QCOMTEE_MSG_CACHE_MAX];
	unsigned int msg_cache_nr;
	bool msg_cache_off;
	u32 qtee_version;
};

/**
 * struct qcomtee_context_data - per-context state
 * @lock: protects @qtee_objects_idr
 * @qtee_objects_idr: the QTEE objects user space holds, by the id it uses
 * @reqs_lock: protects @reqs_idr, @reqs_list and @released
 * @reqs_idr: requests to objects the process hosts, queued or being
 *	processed, by request id
 * @reqs_list: requests and RELEASE notifications not yet received
 * @reqs_wq: where TEE_IOC_SUPPL_RECV waits
 * @released: the file is closed: no request can be served any more
 */
struct qcomtee_context_data {
	struct mutex lock; /* protects qtee_objects_idr */
	struct idr qtee_objects_idr;
	struct mutex reqs_lock; /* protects reqs_idr, reqs_list, released */
	struct idr reqs_idr;
	struct list_head reqs_list;
	wait_queue_head_t reqs_wq;
	bool released;
};

/* core.c */
int qcomtee_object_id_get(struct qcomtee_object_invoke_ctx *oic,
			  struct qcomtee_object *object, u32 *id);
int qcomtee_object_id_put(struct qcomtee *qcomtee, u32 id);
struct qcomtee_object *qcomtee_local_object_get(struct qcomtee *qcomtee,
						u32 id);
int qcomtee_msg_result_from_errno(int err);

/* call.c */
int qcomtee_objref_to_object(struct tee_context *ctx,
			     const struct tee_param *param,
			     struct qcomtee_object **object);
int qcomtee_object_to_objref(struct tee_context *ctx,
			     struct qcomtee_object *object,
			     struct tee_param *param);
void qcomtee_objref_undo(struct tee_context *ctx, struct tee_param *param);

/* user_obj.c */
void qcomtee_context_reqs_init(struct qcomtee_context_data *ctxdata);
void qcomtee_context_reqs_destroy(struct qcomtee_context_data *ctxdata);
void qcomtee_context_reqs_free(struct qcomtee_context_data *ctxdata);
int qcomtee_user_object_create(struct tee_context *ctx, u64 id,
			       struct qcomtee_object **object);
int qcomtee_user_object_id(struct qcomtee_object *object,
			   struct tee_context *ctx, u64 *id);
void qcomtee_user_object_no_notify(struct qcomtee_object *object);
int qcomtee_supp_recv(struct tee_context *ctx, u32 *func, u32 *num_params,
		      struct tee_param *params);
int qcomtee_supp_send(struct tee_context *ctx, u32 ret, u32 num_params,
		      struct tee_param *params);

/* mem_obj.c */
int qcomtee_mem_object_create(struct tee_context *ctx, u64 id,
			      struct qcomtee_object **object);
int qcomtee_mem_object_id(struct qcomtee_object *object,
			  struct tee_context *ctx, u64 *id);
int qcomtee_mem_object_region(struct qcomtee_object *object,
			      phys_addr_t *paddr, size_t *size);

/* msg.c: marshalling, with every value QTEE wrote checked before use */

/**
 * struct qcomtee_cb_request - a validated callback request
 * @cxt: the object invoked
 * @op: the operation, masked to 16 bits
 * @counts: the argument counts
 * @n: the number of arguments
 * @tail: where asynchronous messages may start
 */
struct qcomtee_cb_request {
	u32 cxt;
	u32 op;
	u32 counts;
	unsigned int n;
	size_t tail;
};

int qcomtee_msg_counts(const struct qcomtee_arg *u, u32 *counts);
int qcomtee_msg_inbound_size(const struct qcomtee_arg *u, size_t *size);
int qcomtee_msg_write_invoke(struct qcomtee_object_invoke_ctx *oic,
			     void *buf, size_t size, u32 cxt, u32 op,
			     struct qcomtee_arg *u);
int qcomtee_msg_read_results(struct device *dev, const void *buf,
			     size_t size, const struct qcomtee_arg *u,
			     union qcomtee_msg_arg *slots);
int qcomtee_msg_check_object_id(struct device *dev, u32 id);
int qcomtee_msg_read_callback(struct device *dev, const void *buf,
			      size_t size, struct qcomtee_cb_request *req,
			      union qcomtee_msg_arg *slots);
int qcomtee_msg_write_cb_results(struct qcomtee_object_invoke_ctx *oic,
				 void *buf, const struct qcomtee_cb_request *req,
				 const union qcomtee_msg_arg *slots,
				 struct qcomtee_arg *u);
void qcomtee_msg_scrub_callback(void *buf, size_t size,
				const struct qcomtee_cb_request *req,
				const union qcomtee_msg_arg *slots);

/* async.c */
int qcomtee_async_process(struct qcomtee_object_invoke_ctx *oic, void *buf,
			  size_t size, size_t offset);

/* shm.c */
struct tee_shm_pool *qcomtee_shm_pool_alloc(void);
int qcomtee_msg_buffers_alloc(struct qcomtee_object_invoke_ctx *oic,
			      size_t in_size);
void qcomtee_msg_buffers_free(struct qcomtee_object_invoke_ctx *oic);
void qcomtee_msg_cache_drain(struct qcomtee *qcomtee);

#endif /* QCOMTEE_H */
