// SPDX-License-Identifier: GPL-2.0-only
/*
 * Asynchronous messages: QTEE piggybacks them on the outbound buffer of
 * whatever invocation is running, after a callback request or at the
 * start of the buffer after the final answer. The only one defined says
 * that QTEE released normal-world objects.
 */

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "qcomtee.h"

/*
 * Handle the release message at @offset; its length goes to @len. An id
 * QTEE does not hold is skipped, and noted in @bad_ids.
 */
static int qcomtee_async_release(struct qcomtee_object_invoke_ctx *oic,
				 const void *buf, size_t size, size_t offset,
				 size_t *len, bool *bad_ids)
{
	struct qcomtee *qcomtee = oic->qcomtee;
	size_t room = size - offset;
	u32 counts, id, k;

	if (room < sizeof(struct qcomtee_async_release_msg)) {
		dev_err_ratelimited(qcomtee->dev,
				    "protocol error: release message at %#zx: truncated header\n",
				    offset);
		return -EPROTO;
	}
	memcpy(&counts,
	       buf + offset + offsetof(struct qcomtee_async_release_msg, counts),
	       sizeof(counts));
	room -= sizeof(struct qcomtee_async_release_msg);
	if (counts > room / sizeof(id)) {
		dev_err_ratelimited(qcomtee->dev,
				    "protocol error: release message at %#zx: %u ids, room for %zu\n",
				    offset, counts, room / sizeof(id));
		return -EPROTO;
	}

	for (k = 0; k < counts; k++) {
		memcpy(&id, buf + offset +
		       offsetof(struct qcomtee_async_release_msg, object_ids) +
		       k * sizeof(id), sizeof(id));
		/* Only ids the driver allocated can be released. */
		if (!(id & QCOMTEE_MSG_OBJECT_NS_BIT) ||
		    id == QCOMTEE_MSG_OBJECT_PRIMORDIAL ||
		    qcomtee_object_id_put(qcomtee, id)) {
			dev_err_ratelimited(qcomtee->dev,
					    "protocol error: QTEE released object %#x, which it does not hold\n",
					    id);
			*bad_ids = true;
		}
	}
	*len = sizeof(struct qcomtee_async_release_msg) + counts * sizeof(id);

	return 0;
}

/**
 * qcomtee_async_process() - handle the asynchronous messages in a buffer
 * @oic: the invocation whose outbound buffer carries them
 * @buf: the outbound buffer
 * @size: its size
 * @offset: where the messages start
 *
 * Messages follow each other at 8-byte boundaries until one with version 0
 * or the end of the buffer. A message whose major version or operation is
 * unknown cannot be skipped (its size is unknown): it ends the list, with
 * a warning. The area is zeroed afterwards, so that it is never read
 * twice.
 *
 * Return: 0, or -EPROTO for a release message that does not fit (the
 * list ends there) or that names an id QTEE does not hold (the other ids
 * are still released).
 */
int qcomtee_async_process(struct qcomtee_object_invoke_ctx *oic, void *buf,
			  size_t size, size_t offset)
{
	struct device *dev = oic->qcomtee->dev;
	struct qcomtee_async_msg_hdr hdr;
	size_t start = offset, len;
	bool bad_ids = false;
	int ret = 0;

	while (offset < size && size - offset >= sizeof(hdr)) {
		memcpy(&hdr, buf + offset, sizeof(hdr));
		if (!hdr.version)
			break;
		if (QCOMTEE_ASYNC_VERSION_MAJOR(hdr.version) !=
		    QCOMTEE_ASYNC_MAJOR_CURRENT) {
			dev_warn_ratelimited(dev,
					     "asynchronous message at %#zx: version %#x unknown, ignored\n",
					     offset, hdr.version);
			break;
		}
		if (hdr.op != QCOMTEE_MSG_OBJECT_OP_RELEASE) {
			dev_warn_ratelimited(dev,
					     "asynchronous message at %#zx: operation %#x unknown, ignored\n",
					     offset, hdr.op);
			break;
		}
		ret = qcomtee_async_release(oic, buf, size, offset, &len,
					    &bad_ids);
		if (ret)
			break;
		offset += ALIGN(len, QCOMTEE_MSG_ALIGN);
	}

	if (start < size)
		memset(buf + start, 0, size - start);

	return ret ?: (bad_ids ? -EPROTO : 0);
}
