// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marshalling of QTEE messages (the format is described in qcomtee_msg.h).
 *
 * Nothing QTEE writes is used before it is checked: the driver copies the
 * header and argument slots out of the shared buffer once, then checks
 * every count, offset and size of that copy against the buffer the
 * driver owns, so that QTEE cannot change them between check and use. A
 * failed check is logged and fails the invocation with -EPROTO.
 */

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "qcomtee.h"

static const char *const qcomtee_arg_names[] = {
	[QCOMTEE_ARG_TYPE_IB] = "input buffer",
	[QCOMTEE_ARG_TYPE_OB] = "output buffer",
	[QCOMTEE_ARG_TYPE_IO] = "input object",
	[QCOMTEE_ARG_TYPE_OO] = "output object",
};

/**
 * qcomtee_msg_counts() - compute the counts word of an argument array
 * @u: the arguments, ended by %QCOMTEE_ARG_TYPE_INV
 * @counts: where to store the counts word
 *
 * Return: 0, or -EINVAL for an unknown argument type or more than
 * %QCOMTEE_ARGS_PER_TYPE arguments of one type (the 4-bit count of a
 * 16th would wrap to 0 on the wire).
 */
int qcomtee_msg_counts(const struct qcomtee_arg *u, u32 *counts)
{
	unsigned int num[QCOMTEE_ARG_TYPE_OO + 1] = { 0 };
	int i;

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		switch (u[i].type) {
		case QCOMTEE_ARG_TYPE_IB:
		case QCOMTEE_ARG_TYPE_OB:
		case QCOMTEE_ARG_TYPE_IO:
		case QCOMTEE_ARG_TYPE_OO:
			break;
		default:
			return -EINVAL;
		}
		if (++num[u[i].type] > QCOMTEE_ARGS_PER_TYPE)
			return -EINVAL;
	}

	*counts = FIELD_PREP(QCOMTEE_MSG_MASK_IB, num[QCOMTEE_ARG_TYPE_IB]) |
		  FIELD_PREP(QCOMTEE_MSG_MASK_OB, num[QCOMTEE_ARG_TYPE_OB]) |
		  FIELD_PREP(QCOMTEE_MSG_MASK_IO, num[QCOMTEE_ARG_TYPE_IO]) |
		  FIELD_PREP(QCOMTEE_MSG_MASK_OO, num[QCOMTEE_ARG_TYPE_OO]);

	return 0;
}

/**
 * qcomtee_msg_inbound_size() - size of the inbound message for arguments
 * @u: the arguments
 * @size: where to store the size in bytes (header, slots, payloads)
 *
 * Return: 0, or -EINVAL if the arguments are not valid or the message
 * would exceed %QCOMTEE_MSG_INBOUND_MAX.
 */
int qcomtee_msg_inbound_size(const struct qcomtee_arg *u, size_t *size)
{
	size_t sz;
	u32 counts;
	int i, ret;

	ret = qcomtee_msg_counts(u, &counts);
	if (ret)
		return ret;

	sz = qcomtee_msg_payload_start(sizeof(struct qcomtee_msg_object_invoke),
				       qcomtee_msg_num_args(counts));
	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_IB &&
		    u[i].type != QCOMTEE_ARG_TYPE_OB)
			continue;
		/* Both terms stay below 2 * 4 MiB: no overflow. */
		if (u[i].b.size > QCOMTEE_MSG_INBOUND_MAX)
			return -EINVAL;
		sz += ALIGN(u[i].b.size, QCOMTEE_MSG_ALIGN);
		if (sz > QCOMTEE_MSG_INBOUND_MAX)
			return -EINVAL;
	}
	*size = sz;

	return 0;
}

static int qcomtee_msg_copy_in(struct qcomtee_object_invoke_ctx *oic,
			       void *dst, const struct qcomtee_buffer *b)
{
	if (!b->size)
		return 0;
	if (oic->flags & QCOMTEE_OIC_FLAG_USER_BUFFERS)
		return copy_from_user(dst, b->uaddr, b->size) ? -EFAULT : 0;
	memcpy(dst, b->addr, b->size);

	return 0;
}

/* An id allocated for a normal-world object, to give back on failure. */
static bool qcomtee_msg_id_is_allocated(u32 id)
{
	return (id & QCOMTEE_MSG_OBJECT_NS_BIT) &&
	       id != QCOMTEE_MSG_OBJECT_PRIMORDIAL;
}

/**
 * qcomtee_msg_write_invoke() - write the inbound message of an invocation
 * @oic: the invocation; its %QCOMTEE_OIC_FLAG_USER_BUFFERS tells where
 *	input buffers live; the ids allocated for input objects are
 *	recorded in it (@oic->ids, @oic->num_ids)
 * @buf: the inbound buffer, zeroed
 * @size: its size
 * @cxt: the QTEE object invoked
 * @op: the operation
 * @u: the arguments
 *
 * Input buffers are copied into the message; output buffers get their
 * room; each normal-world input object gets a new id, which holds a
 * reference until QTEE releases it (or until the caller gives it back
 * with qcomtee_object_id_put() if the message never reaches QTEE).
 *
 * Return: 0, -EINVAL for bad arguments or a buffer too small, -EFAULT if
 * a user buffer cannot be read, or an error from the id allocation.
 */
int qcomtee_msg_write_invoke(struct qcomtee_object_invoke_ctx *oic,
			     void *buf, size_t size, u32 cxt, u32 op,
			     struct qcomtee_arg *u)
{
	struct qcomtee_msg_object_invoke *msg = buf;
	static const enum qcomtee_arg_type buf_types[] = {
		QCOMTEE_ARG_TYPE_IB, QCOMTEE_ARG_TYPE_OB,
	};
	unsigned int slot = 0, t;
	size_t needed, offset;
	u32 counts, id;
	int i, ret;

	oic->num_ids = 0;
	ret = qcomtee_msg_inbound_size(u, &needed);
	if (ret)
		return ret;
	if (needed > size)
		return -EINVAL;

	qcomtee_msg_counts(u, &counts);
	offset = qcomtee_msg_payload_start(sizeof(*msg),
					   qcomtee_msg_num_args(counts));

	/* Payloads in slot order: every IB, then every OB. */
	for (t = 0; t < ARRAY_SIZE(buf_types); t++) {
		for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
			if (u[i].type != buf_types[t])
				continue;
			msg->args[slot].b.offset = offset;
			msg->args[slot].b.size = u[i].b.size;
			if (buf_types[t] == QCOMTEE_ARG_TYPE_IB) {
				ret = qcomtee_msg_copy_in(oic, buf + offset,
							  &u[i].b);
				if (ret)
					return ret;
			}
			offset += ALIGN(u[i].b.size, QCOMTEE_MSG_ALIGN);
			slot++;
		}
	}

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_IO)
			continue;
		ret = qcomtee_object_id_get(oic, u[i].o, &id);
		if (ret)
			goto err_put_ids;
		if (qcomtee_msg_id_is_allocated(id))
			oic->ids[oic->num_ids++] = id;
		msg->args[slot++].o = id;
	}
	/* OO slots stay zero: QTEE fills them. */

	msg->cxt = cxt;
	msg->op = op;
	msg->counts = counts;

	return 0;

err_put_ids:
	while (oic->num_ids)
		qcomtee_object_id_put(oic->qcomtee, oic->ids[--oic->num_ids]);

	return ret;
}

/**
 * qcomtee_msg_check_object_id() - check an object id QTEE passed
 * @dev: for messages
 * @id: the id
 *
 * QTEE may pass NULL, its own objects and objects the normal world gave
 * it (whether it still holds them is checked by the lookup); its root
 * object is never an argument.
 *
 * Return: 0, or -EPROTO.
 */
int qcomtee_msg_check_object_id(struct device *dev, u32 id)
{
	if (id == QCOMTEE_MSG_OBJECT_ROOT) {
		dev_err_ratelimited(dev,
				    "protocol error: QTEE passed its root object as an argument\n");
		return -EPROTO;
	}

	return 0;
}

/**
 * qcomtee_msg_read_results() - check the results of an invocation
 * @dev: for messages
 * @buf: the inbound buffer, with what QTEE wrote back
 * @size: its size
 * @u: the arguments the message was written from
 * @slots: where to copy the argument slots; only valid slots are used
 *
 * Output buffers must stay inside the room the driver gave them (QTEE
 * may move the start and shrink the size, never grow past the end), and
 * output objects must be valid ids.
 *
 * Return: 0, or -EPROTO (each bad slot is logged).
 */
int qcomtee_msg_read_results(struct device *dev, const void *buf,
			     size_t size, const struct qcomtee_arg *u,
			     union qcomtee_msg_arg *slots)
{
	const struct qcomtee_msg_object_invoke *msg = buf;
	unsigned int n, slot = 0, k = 0;
	size_t offset;
	u32 counts;
	int i, ret = 0;

	if (qcomtee_msg_counts(u, &counts))
		return -EINVAL;
	n = qcomtee_msg_num_args(counts);
	offset = qcomtee_msg_payload_start(sizeof(*msg), n);
	if (offset > size)
		return -EINVAL;
	memcpy(slots, msg->args, n * sizeof(*slots));

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_IB)
			continue;
		offset += ALIGN(u[i].b.size, QCOMTEE_MSG_ALIGN);
		slot++;
	}

	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		size_t room;
		u32 off, sz;

		if (u[i].type != QCOMTEE_ARG_TYPE_OB)
			continue;
		room = u[i].b.size;
		off = slots[slot].b.offset;
		sz = slots[slot].b.size;
		if (sz > room) {
			dev_err_ratelimited(dev,
					    "protocol error: output buffer %u: QTEE returned %u bytes, room for %zu\n",
					    k, sz, room);
			ret = -EPROTO;
		} else if (off < offset || off - offset > room - sz) {
			dev_err_ratelimited(dev,
					    "protocol error: output buffer %u: [%#x, +%#x) outside its room [%#zx, +%#zx)\n",
					    k, off, sz, offset, room);
			ret = -EPROTO;
		}
		offset += ALIGN(room, QCOMTEE_MSG_ALIGN);
		slot++;
		k++;
	}

	slot += qcomtee_msg_num_io(counts);
	for (k = 0; k < qcomtee_msg_num_oo(counts); k++, slot++)
		if (qcomtee_msg_check_object_id(dev, slots[slot].o))
			ret = -EPROTO;

	return ret;
}

static const char *qcomtee_msg_slot_name(u32 counts, unsigned int slot,
					 unsigned int *k)
{
	enum qcomtee_arg_type type = QCOMTEE_ARG_TYPE_OO;

	if (slot < qcomtee_msg_idx_ob(counts)) {
		type = QCOMTEE_ARG_TYPE_IB;
		*k = slot;
	} else if (slot < qcomtee_msg_idx_io(counts)) {
		type = QCOMTEE_ARG_TYPE_OB;
		*k = slot - qcomtee_msg_idx_ob(counts);
	} else if (slot < qcomtee_msg_idx_oo(counts)) {
		type = QCOMTEE_ARG_TYPE_IO;
		*k = slot - qcomtee_msg_idx_io(counts);
	} else {
		*k = slot - qcomtee_msg_idx_oo(counts);
	}

	return qcomtee_arg_names[type];
}

/**
 * qcomtee_msg_read_callback() - check a callback request
 * @dev: for messages
 * @buf: the outbound buffer
 * @size: its size
 * @req: where to store the request
 * @slots: where to copy the argument slots
 *
 * Checks that the counts word has no bits above the four counts, that
 * the slots fit, and that every buffer is 8-byte aligned, lies after the
 * slots and inside @buf without wrapping, and overlaps no other buffer.
 * @req->tail is set past the last buffer, where asynchronous messages
 * may follow.
 *
 * Return: 0, or -EPROTO (the first bad field is logged).
 */
int qcomtee_msg_read_callback(struct device *dev, const void *buf,
			      size_t size, struct qcomtee_cb_request *req,
			      union qcomtee_msg_arg *slots)
{
	const struct qcomtee_msg_callback *msg = buf;
	struct qcomtee_msg_callback hdr;
	unsigned int n, nbufs, s, j, k;
	size_t start, tail;

	memset(req, 0, sizeof(*req));
	if (size < sizeof(hdr))
		return -EINVAL;
	memcpy(&hdr, msg, sizeof(hdr));

	if (hdr.counts & ~QCOMTEE_MSG_MASK_COUNTS) {
		dev_err_ratelimited(dev,
				    "protocol error: callback counts %#x: bits above the four counts\n",
				    hdr.counts);
		return -EPROTO;
	}
	n = qcomtee_msg_num_args(hdr.counts);
	start = qcomtee_msg_payload_start(sizeof(hdr), n);
	if (start > size) {
		dev_err_ratelimited(dev,
				    "protocol error: callback with %u arguments does not fit in %zu bytes\n",
				    n, size);
		return -EPROTO;
	}
	memcpy(slots, msg->args, n * sizeof(*slots));

	tail = start;
	nbufs = qcomtee_msg_idx_io(hdr.counts);
	for (s = 0; s < nbufs; s++) {
		u32 off = slots[s].b.offset;
		u32 sz = slots[s].b.size;
		const char *name = qcomtee_msg_slot_name(hdr.counts, s, &k);

		if (!IS_ALIGNED(off, QCOMTEE_MSG_ALIGN)) {
			dev_err_ratelimited(dev,
					    "protocol error: callback %s %u: offset %#x not 8-byte aligned\n",
					    name, k, off);
			return -EPROTO;
		}
		if (off < start || off > size || sz > size - off) {
			dev_err_ratelimited(dev,
					    "protocol error: callback %s %u: [%#x, +%#x) outside the payload area [%#zx, %#zx)\n",
					    name, k, off, sz, start, size);
			return -EPROTO;
		}
		for (j = 0; j < s && sz; j++) {
			u32 o = slots[j].b.offset;
			u32 z = slots[j].b.size;
			unsigned int kj;
			const char *nj;

			if (!z || off >= o + z || o >= off + sz)
				continue;
			nj = qcomtee_msg_slot_name(hdr.counts, j, &kj);
			dev_err_ratelimited(dev,
					    "protocol error: callback %s %u [%#x, +%#x) overlaps %s %u [%#x, +%#x)\n",
					    name, k, off, sz, nj, kj, o, z);
			return -EPROTO;
		}
		tail = max_t(size_t, tail,
			     ALIGN((size_t)off + sz, QCOMTEE_MSG_ALIGN));
	}

	req->cxt = hdr.cxt;
	req->op = hdr.op & QCOMTEE_MSG_OBJECT_OP_MASK;
	req->counts = hdr.counts;
	req->n = n;
	req->tail = min(tail, size);

	return 0;
}

/**
 * qcomtee_msg_write_cb_results() - write the results of a callback
 * @oic: the invocation; the ids allocated for output objects are
 *	recorded in it (@oic->ids, @oic->num_ids)
 * @buf: the outbound buffer
 * @req: the request, from qcomtee_msg_read_callback()
 * @slots: its slots, from qcomtee_msg_read_callback()
 * @u: the arguments the object's dispatch filled in
 *
 * Writes the size of each output buffer (the data is already in place)
 * and an id for each output object. An object of the normal world gets a
 * new id holding a reference.
 *
 * Return: 0, -EINVAL if an output buffer grew, or an error from the id
 * allocation (no id is left allocated then).
 */
int qcomtee_msg_write_cb_results(struct qcomtee_object_invoke_ctx *oic,
				 void *buf, const struct qcomtee_cb_request *req,
				 const union qcomtee_msg_arg *slots,
				 struct qcomtee_arg *u)
{
	struct qcomtee_msg_callback *msg = buf;
	unsigned int slot;
	u32 id;
	int i, ret;

	oic->num_ids = 0;
	slot = qcomtee_msg_idx_ob(req->counts);
	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_OB)
			continue;
		if (u[i].b.size > slots[slot].b.size) {
			dev_err_ratelimited(oic->qcomtee->dev,
					    "callback output buffer %u grew to %zu bytes (room for %u)\n",
					    slot - qcomtee_msg_idx_ob(req->counts),
					    u[i].b.size, slots[slot].b.size);
			return -EINVAL;
		}
		slot++;
	}

	slot = qcomtee_msg_idx_oo(req->counts);
	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++) {
		if (u[i].type != QCOMTEE_ARG_TYPE_OO)
			continue;
		ret = qcomtee_object_id_get(oic, u[i].o, &id);
		if (ret)
			goto err_put_ids;
		if (qcomtee_msg_id_is_allocated(id))
			oic->ids[oic->num_ids++] = id;
		msg->args[slot++].o = id;
	}

	slot = qcomtee_msg_idx_ob(req->counts);
	for (i = 0; u[i].type != QCOMTEE_ARG_TYPE_INV; i++)
		if (u[i].type == QCOMTEE_ARG_TYPE_OB)
			msg->args[slot++].b.size = u[i].b.size;

	return 0;

err_put_ids:
	while (oic->num_ids)
		qcomtee_object_id_put(oic->qcomtee, oic->ids[--oic->num_ids]);

	return ret;
}

/**
 * qcomtee_msg_scrub_callback() - clear what an answer does not need
 * @buf: the outbound buffer
 * @size: its size
 * @req: the request (all zero if it could not be read)
 * @slots: its slots
 *
 * Keeps the header, the slots and the output buffers, and zeroes the rest
 * (input buffers, gaps, asynchronous messages already handled), so that
 * stale bytes are never read back as a later message.
 */
void qcomtee_msg_scrub_callback(void *buf, size_t size,
				const struct qcomtee_cb_request *req,
				const union qcomtee_msg_arg *slots)
{
	unsigned int idx = qcomtee_msg_idx_ob(req->counts);
	unsigned int nob = qcomtee_msg_num_ob(req->counts);
	u32 off[QCOMTEE_ARGS_PER_TYPE], sz[QCOMTEE_ARGS_PER_TYPE];
	unsigned int a, b;
	size_t pos;

	/* Output buffers by offset (they were checked not to overlap). */
	for (a = 0; a < nob; a++) {
		u32 o = slots[idx + a].b.offset, z = slots[idx + a].b.size;

		for (b = a; b > 0 && off[b - 1] > o; b--) {
			off[b] = off[b - 1];
			sz[b] = sz[b - 1];
		}
		off[b] = o;
		sz[b] = z;
	}

	pos = qcomtee_msg_payload_start(sizeof(struct qcomtee_msg_callback),
					req->n);
	pos = min(pos, size);
	for (a = 0; a < nob; a++) {
		if (off[a] > pos)
			memset(buf + pos, 0, off[a] - pos);
		pos = max_t(size_t, pos, (size_t)off[a] + sz[a]);
	}
	if (pos < size)
		memset(buf + pos, 0, size - pos);
}
