/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QTEE message format: what the driver and QTEE exchange in the inbound
 * and outbound buffers of an object invocation. Every field is a
 * little-endian u32 (the driver depends on !CPU_BIG_ENDIAN).
 *
 * Inbound buffer, written by the driver for a direct invocation:
 *
 *	cxt | op | counts | args[n] | payloads
 *
 * Outbound buffer, written by QTEE for a callback request (the driver
 * answers in place), followed by asynchronous messages:
 *
 *	result | cxt | op | counts | args[n] | payloads | async messages
 *
 * An argument slot is 8 bytes: a buffer is {offset, size}, offsets counted
 * from the start of the buffer holding the message; an object is its id
 * in the first 4 bytes. Slots are ordered input buffers (IB), output
 * buffers (OB), input objects (IO), output objects (OO); payloads start
 * at an 8-byte boundary after the slots, each payload at an 8-byte
 * boundary.
 */

#ifndef QCOMTEE_MSG_H
#define QCOMTEE_MSG_H

#include <linux/align.h>
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/types.h>

/* Object ids. */
#define QCOMTEE_MSG_OBJECT_NULL		0U
#define QCOMTEE_MSG_OBJECT_ROOT		1U
/* Set in the id of every object the normal world hosts. */
#define QCOMTEE_MSG_OBJECT_NS_BIT	BIT(31)
/* The kernel's primordial object, the first normal-world id. */
#define QCOMTEE_MSG_OBJECT_PRIMORDIAL	QCOMTEE_MSG_OBJECT_NS_BIT

/* Operations: the transport reserves the upper 16 bits. */
#define QCOMTEE_MSG_OBJECT_OP_MASK	GENMASK(15, 0)
#define QCOMTEE_MSG_OBJECT_OP_RELEASE	0xffffU
#define QCOMTEE_MSG_OBJECT_OP_RETAIN	0xfffeU

/* Operations of the root object (QTEE's IClientEnv). */
#define QCOMTEE_ROOT_OP_NOTIFY_DOMAIN_CHANGE	4
#define QCOMTEE_ROOT_OP_REG_WITH_CREDENTIALS	5
#define QCOMTEE_ROOT_OP_ADCI_ACCEPT		8
#define QCOMTEE_ROOT_OP_ADCI_SHUTDOWN		9

/* Operation of a client environment: open a service by UID. */
#define QCOMTEE_CLIENT_ENV_OPEN		0

/* The FeatureVersions service and its QTEE version feature. */
#define QCOMTEE_FEATURE_VER_UID		2033
#define QCOMTEE_FEATURE_VER_OP_GET	0
#define QCOMTEE_FEATURE_VER_OP_GET_QTEE_ID	10

#define QCOMTEE_QTEE_VERSION_MAJOR(v)	(((v) >> 22) & 0xff)
#define QCOMTEE_QTEE_VERSION_MINOR(v)	(((v) >> 12) & 0xff)
#define QCOMTEE_QTEE_VERSION_PATCH(v)	((v) & 0xfff)

/* The counts word: four 4-bit argument counts, higher bits zero. */
#define QCOMTEE_MSG_MASK_IB		GENMASK(3, 0)
#define QCOMTEE_MSG_MASK_OB		GENMASK(7, 4)
#define QCOMTEE_MSG_MASK_IO		GENMASK(11, 8)
#define QCOMTEE_MSG_MASK_OO		GENMASK(15, 12)
#define QCOMTEE_MSG_MASK_COUNTS		GENMASK(15, 0)

/* What fits a 4-bit count: a 16th argument of a type would wrap to 0. */
#define QCOMTEE_ARGS_PER_TYPE		15
#define QCOMTEE_ARGS_MAX		(QCOMTEE_ARGS_PER_TYPE * 4)

/* Size limits of the two buffers of an invocation. */
#define QCOMTEE_MSG_INBOUND_MAX		SZ_4M
#define QCOMTEE_MSG_OUTBOUND_SIZE	SZ_4K

/* Payload alignment. */
#define QCOMTEE_MSG_ALIGN		8

/* Response type (x1) meaning "the outbound buffer holds a callback". */
#define QCOMTEE_RESULT_INBOUND_REQ_NEEDED	3

/* Result codes: generic ones, then the transport's. */
#define QCOMTEE_MSG_OK			0
#define QCOMTEE_MSG_ERROR		1
#define QCOMTEE_MSG_ERROR_INVALID	2
#define QCOMTEE_MSG_ERROR_SIZE_IN	3
#define QCOMTEE_MSG_ERROR_SIZE_OUT	4
#define QCOMTEE_MSG_ERROR_USERBASE	10
#define QCOMTEE_MSG_ERROR_DEFUNCT	(-90)
#define QCOMTEE_MSG_ERROR_ABORT		(-91)
#define QCOMTEE_MSG_ERROR_BADOBJ	(-92)
#define QCOMTEE_MSG_ERROR_NOSLOTS	(-93)
#define QCOMTEE_MSG_ERROR_MAXARGS	(-94)
#define QCOMTEE_MSG_ERROR_MAXDATA	(-95)
#define QCOMTEE_MSG_ERROR_UNAVAIL	(-96)
#define QCOMTEE_MSG_ERROR_KMEM		(-97)
#define QCOMTEE_MSG_ERROR_REMOTE	(-98)
#define QCOMTEE_MSG_ERROR_BUSY		(-99)
#define QCOMTEE_MSG_ERROR_TIMEOUT	(-103)

/**
 * union qcomtee_msg_arg - an argument slot
 * @b: a buffer
 * @b.offset: where its payload starts, from the start of the message
 * @b.size: its size in bytes
 * @o: an object id
 */
union qcomtee_msg_arg {
	struct {
		u32 offset;
		u32 size;
	} b;
	u32 o;
};

/**
 * struct qcomtee_msg_object_invoke - header of a direct invocation
 * @cxt: the QTEE object invoked
 * @op: the operation
 * @counts: the argument counts
 * @args: the argument slots
 */
struct qcomtee_msg_object_invoke {
	u32 cxt;
	u32 op;
	u32 counts;
	union qcomtee_msg_arg args[];
};

/**
 * struct qcomtee_msg_callback - header of a callback request
 * @result: the driver's answer, written back in place
 * @cxt: the normal-world object invoked
 * @op: the operation (only the lower 16 bits count)
 * @counts: the argument counts
 * @args: the argument slots
 */
struct qcomtee_msg_callback {
	u32 result;
	u32 cxt;
	u32 op;
	u32 counts;
	union qcomtee_msg_arg args[];
};

/* Asynchronous messages: only the major version must match. */
#define QCOMTEE_ASYNC_VERSION_1_2	0x00010002U
#define QCOMTEE_ASYNC_VERSION_MAJOR(v)	((v) >> 16)
#define QCOMTEE_ASYNC_MAJOR_CURRENT	0x0001

/**
 * struct qcomtee_async_msg_hdr - header of an asynchronous message
 * @version: format version, 0 ends the list
 * @op: what the message is (only %QCOMTEE_MSG_OBJECT_OP_RELEASE is known)
 */
struct qcomtee_async_msg_hdr {
	u32 version;
	u32 op;
};

/**
 * struct qcomtee_async_release_msg - QTEE released normal-world objects
 * @hdr: the header
 * @counts: the number of ids that follow
 * @object_ids: the ids QTEE no longer uses
 */
struct qcomtee_async_release_msg {
	struct qcomtee_async_msg_hdr hdr;
	u32 counts;
	u32 object_ids[];
};

static inline unsigned int qcomtee_msg_num_ib(u32 counts)
{
	return FIELD_GET(QCOMTEE_MSG_MASK_IB, counts);
}

static inline unsigned int qcomtee_msg_num_ob(u32 counts)
{
	return FIELD_GET(QCOMTEE_MSG_MASK_OB, counts);
}

static inline unsigned int qcomtee_msg_num_io(u32 counts)
{
	return FIELD_GET(QCOMTEE_MSG_MASK_IO, counts);
}

static inline unsigned int qcomtee_msg_num_oo(u32 counts)
{
	return FIELD_GET(QCOMTEE_MSG_MASK_OO, counts);
}

/* Slot index of the first argument of each type. */
static inline unsigned int qcomtee_msg_idx_ob(u32 counts)
{
	return qcomtee_msg_num_ib(counts);
}

static inline unsigned int qcomtee_msg_idx_io(u32 counts)
{
	return qcomtee_msg_idx_ob(counts) + qcomtee_msg_num_ob(counts);
}

static inline unsigned int qcomtee_msg_idx_oo(u32 counts)
{
	return qcomtee_msg_idx_io(counts) + qcomtee_msg_num_io(counts);
}

static inline unsigned int qcomtee_msg_num_args(u32 counts)
{
	return qcomtee_msg_idx_oo(counts) + qcomtee_msg_num_oo(counts);
}

/* Offset of the first payload of a message with @n slots. */
static inline size_t qcomtee_msg_payload_start(size_t hdr_size,
					       unsigned int n)
{
	return ALIGN(hdr_size + n * sizeof(union qcomtee_msg_arg),
		     QCOMTEE_MSG_ALIGN);
}

#endif /* QCOMTEE_MSG_H */
