// SPDX-License-Identifier: GPL-2.0-only
/*
 * The primordial object: the kernel's own object, which QTEE reaches
 * without being given it (id 0x80000000) for services of the normal
 * world: mapping memory objects, yielding the CPU, sleeping.
 */

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "qcomtee.h"

#define QCOMTEE_PRIMORDIAL_OP_MAP_REGION	0
#define QCOMTEE_PRIMORDIAL_OP_YIELD		1
#define QCOMTEE_PRIMORDIAL_OP_SLEEP		2

/* Longest sleep QTEE may ask for; more is taken as a protocol error. */
#define QCOMTEE_PRIMORDIAL_SLEEP_MAX_MS		10000

/* Size of the mapping information MAP_REGION writes. */
#define QCOMTEE_PRIMORDIAL_MAPPING_INFO_SIZE	20

/* Do @args have exactly the types in @types (ended by INV)? */
static bool qcomtee_args_are(const struct qcomtee_arg *args,
			     const enum qcomtee_arg_type *types)
{
	int i;

	for (i = 0; types[i] != QCOMTEE_ARG_TYPE_INV; i++)
		if (args[i].type != types[i])
			return false;

	return args[i].type == QCOMTEE_ARG_TYPE_INV;
}

/*
 * MAP_REGION: [OB mapping information, IO memory object, OO mapping].
 * The information is packed {u64 paddr, u64 len, u32 perms}; the mapping
 * is the memory object itself, sent again under a new id, so that the
 * memory stays allocated until QTEE releases both.
 */
static int qcomtee_primordial_map_region(struct qcomtee_object_invoke_ctx *oic,
					 struct qcomtee_arg *args)
{
	u8 *info = args[0].b.addr;
	phys_addr_t paddr;
	size_t size;

	if (qcomtee_mem_object_region(args[1].o, &paddr, &size)) {
		dev_err_ratelimited(oic->qcomtee->dev,
				    "MAP_REGION of an object that is not memory\n");
		return -EINVAL;
	}

	put_unaligned_le64(paddr, info);
	put_unaligned_le64(size, info + 8);
	put_unaligned_le32(QCOM_SCM_PERM_RW, info + 16);
	args[0].b.size = QCOMTEE_PRIMORDIAL_MAPPING_INFO_SIZE;
	qcomtee_object_get(args[1].o);
	args[2].o = args[1].o;

	return 0;
}

static int qcomtee_primordial_dispatch(struct qcomtee_object_invoke_ctx *oic,
				       struct qcomtee_object *object, u32 op,
				       struct qcomtee_arg *args)
{
	static const enum qcomtee_arg_type map_region[] = {
		QCOMTEE_ARG_TYPE_OB, QCOMTEE_ARG_TYPE_IO, QCOMTEE_ARG_TYPE_OO,
		QCOMTEE_ARG_TYPE_INV,
	};
	static const enum qcomtee_arg_type sleep[] = {
		QCOMTEE_ARG_TYPE_IB, QCOMTEE_ARG_TYPE_INV,
	};
	static const enum qcomtee_arg_type none[] = { QCOMTEE_ARG_TYPE_INV };
	u32 ms;

	switch (op) {
	case QCOMTEE_PRIMORDIAL_OP_MAP_REGION:
		if (!qcomtee_args_are(args, map_region) ||
		    args[0].b.size < QCOMTEE_PRIMORDIAL_MAPPING_INFO_SIZE)
			return -EINVAL;
		return qcomtee_primordial_map_region(oic, args);
	case QCOMTEE_PRIMORDIAL_OP_YIELD:
		if (!qcomtee_args_are(args, none))
			return -EINVAL;
		cond_resched();
		return 0;
	case QCOMTEE_PRIMORDIAL_OP_SLEEP:
		if (!qcomtee_args_are(args, sleep) ||
		    args[0].b.size < sizeof(ms))
			return -EINVAL;
		memcpy(&ms, args[0].b.addr, sizeof(ms));
		if (ms > QCOMTEE_PRIMORDIAL_SLEEP_MAX_MS) {
			dev_err_ratelimited(oic->qcomtee->dev,
					    "QTEE asked to sleep %u ms, more than %u\n",
					    ms, QCOMTEE_PRIMORDIAL_SLEEP_MAX_MS);
			return -EINVAL;
		}
		msleep(ms);
		return 0;
	default:
		return -EINVAL;
	}
}

static const struct qcomtee_object_operations qcomtee_primordial_ops = {
	.dispatch = qcomtee_primordial_dispatch,
};

/* Static and never counted: QTEE can always reach it. */
struct qcomtee_object qcomtee_primordial_object = {
	.name = "primordial",
	.type = QCOMTEE_OBJECT_TYPE_CB,
	.ops = &qcomtee_primordial_ops,
};
