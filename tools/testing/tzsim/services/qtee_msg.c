// SPDX-License-Identifier: GPL-2.0
/*
 * The QTEE message format (shared/abi/qtee.md section 4): counts, slot and
 * payload layout, invoke and callback messages, async RELEASE messages.
 * Pure code: also built into the host unit tests. Buffers are read and
 * written byte by byte (they may be normal-world memory, MMU off).
 */
#include <tzsim/le.h>
#include <tzsim/qtee.h>

void qtee_args_set_counts(struct qtee_args *a, uint32_t counts)
{
	a->counts = counts;
	a->nib = QTEE_COUNTS_IB(counts);
	a->nob = QTEE_COUNTS_OB(counts);
	a->nio = QTEE_COUNTS_IO(counts);
	a->noo = QTEE_COUNTS_OO(counts);
}

uint32_t qtee_counts_pack(unsigned int ib, unsigned int ob, unsigned int io,
			  unsigned int oo)
{
	if (ib > QTEE_ARGS_PER_TYPE || ob > QTEE_ARGS_PER_TYPE ||
	    io > QTEE_ARGS_PER_TYPE || oo > QTEE_ARGS_PER_TYPE)
		return 0xffffffffU;
	return ib | ob << 4 | io << 8 | oo << 12;
}

static unsigned int nargs(const struct qtee_args *a)
{
	return a->nib + a->nob + a->nio + a->noo;
}

uint64_t qtee_args_layout(struct qtee_args *a, size_t hdr, uint64_t limit)
{
	uint64_t pos = qtee_payload_start(hdr, nargs(a));
	unsigned int i;

	if (!a->nib && !a->nob) {
		/* Nothing to align: the message ends with its slots. */
		pos = qtee_slot_offset(hdr, nargs(a));
		return pos <= limit ? pos : 0;
	}
	for (i = 0; i < a->nib + a->nob; i++) {
		a->buf[i].offset = (uint32_t)pos;
		pos += ALIGN_UP((uint64_t)a->buf[i].size, QTEE_ALIGN);
		if (pos > UINT32_MAX)
			return 0;
	}
	return pos <= limit ? pos : 0;
}

int qtee_args_read(const uint8_t *buf, uint64_t size, size_t hdr,
		   struct qtee_args *a, const char **why)
{
	uint64_t start, prev_end;
	unsigned int i, n;

	if (size < hdr) {
		*why = "shorter than its header";
		return -1;
	}
	qtee_args_set_counts(a, get32(buf + hdr - 4));
	if (a->counts & QTEE_COUNTS_RESERVED) {
		*why = "reserved counts bits set";
		return -1;
	}
	n = nargs(a);
	if (qtee_slot_offset(hdr, n) > size) {
		*why = "argument slots past the end of the buffer";
		return -1;
	}
	start = qtee_payload_start(hdr, n);
	prev_end = start;
	for (i = 0; i < a->nib + a->nob; i++) {
		const uint8_t *s = buf + qtee_slot_offset(hdr, i);
		uint64_t off = get32(s), len = get32(s + 4);

		a->buf[i].offset = (uint32_t)off;
		a->buf[i].size = (uint32_t)len;
		if (off % QTEE_ALIGN) {
			*why = "buffer offset not 8-byte aligned";
			return -1;
		}
		if (off < start) {
			*why = "buffer inside the header or argument slots";
			return -1;
		}
		if (off > size || len > size - off) {
			*why = "buffer past the end of the message";
			return -1;
		}
		if (off < prev_end) {
			*why = "buffers overlap or out of order";
			return -1;
		}
		prev_end = off + len;
	}
	for (i = 0; i < a->nio + a->noo; i++)
		a->obj[i] = get32(buf + qtee_slot_offset(hdr,
							 a->nib + a->nob + i));
	return 0;
}

void qtee_args_write(uint8_t *buf, size_t hdr, const struct qtee_args *a)
{
	unsigned int i;

	put32(buf + hdr - 4, a->counts);
	for (i = 0; i < a->nib + a->nob; i++) {
		uint8_t *s = buf + qtee_slot_offset(hdr, i);

		put32(s, a->buf[i].offset);
		put32(s + 4, a->buf[i].size);
	}
	for (i = 0; i < a->nio + a->noo; i++) {
		uint8_t *s = buf + qtee_slot_offset(hdr, a->nib + a->nob + i);

		put32(s, a->obj[i]);
		put32(s + 4, 0);
	}
}

int qtee_msg_decode_invoke(const uint8_t *buf, uint64_t size,
			   struct qtee_invoke_msg *m, const char **why)
{
	if (size < QTEE_INVOKE_HDR) {
		*why = "shorter than its header";
		return -1;
	}
	m->cxt = get32(buf);
	m->op = get32(buf + 4);
	return qtee_args_read(buf, size, QTEE_INVOKE_HDR, &m->args, why);
}

/* The payloads of the IBs; @a is laid out. */
static void put_payloads(uint8_t *buf, const struct qtee_args *a,
			 const uint8_t *const ib[])
{
	unsigned int i;

	for (i = 0; i < a->nib; i++)
		if (a->buf[i].size)
			memcpy(buf + a->buf[i].offset, ib[i], a->buf[i].size);
}

uint64_t qtee_msg_encode_invoke(uint8_t *buf, uint64_t size,
				struct qtee_invoke_msg *m,
				const uint8_t *const ib[])
{
	uint64_t end;

	qtee_args_set_counts(&m->args, m->args.counts);
	end = qtee_args_layout(&m->args, QTEE_INVOKE_HDR, size);
	if (!end || size < QTEE_INVOKE_HDR)
		return 0;
	memset(buf, 0, size);
	put32(buf, m->cxt);
	put32(buf + 4, m->op);
	qtee_args_write(buf, QTEE_INVOKE_HDR, &m->args);
	put_payloads(buf, &m->args, ib);
	return end;
}

uint64_t qtee_msg_encode_callback(uint8_t *buf, uint64_t size, uint64_t clear,
				  struct qtee_callback_msg *m,
				  const uint8_t *const ib[])
{
	uint64_t end;

	qtee_args_set_counts(&m->args, m->args.counts);
	end = qtee_args_layout(&m->args, QTEE_CB_HDR, size);
	if (!end)
		return 0;
	memset(buf, 0, clear < size ? clear : size);
	put32(buf, (uint32_t)m->result);
	put32(buf + 4, m->cxt);
	put32(buf + 8, m->op);
	qtee_args_write(buf, QTEE_CB_HDR, &m->args);
	put_payloads(buf, &m->args, ib);
	return end;
}

int qtee_msg_decode_callback(const uint8_t *buf, uint64_t size,
			     struct qtee_callback_msg *m, const char **why)
{
	if (size < QTEE_CB_HDR) {
		*why = "shorter than its header";
		return -1;
	}
	m->result = (int32_t)get32(buf);
	m->cxt = get32(buf + 4);
	m->op = get32(buf + 8);
	return qtee_args_read(buf, size, QTEE_CB_HDR, &m->args, why);
}

uint64_t qtee_msg_async_tail(const struct qtee_args *a)
{
	uint64_t pos = qtee_payload_start(QTEE_CB_HDR, nargs(a));
	unsigned int i;

	for (i = 0; i < a->nib + a->nob; i++)
		pos += ALIGN_UP((uint64_t)a->buf[i].size, QTEE_ALIGN);
	return pos;
}

uint64_t qtee_async_put_release(uint8_t *buf, uint64_t space,
				const uint32_t *ids, unsigned int n)
{
	uint64_t len = ALIGN_UP((uint64_t)QTEE_ASYNC_RELEASE_HDR + 4ULL * n,
				QTEE_ALIGN);
	unsigned int i;

	if (!n || len + QTEE_ASYNC_HDR > space)
		return 0;
	memset(buf, 0, len);
	put32(buf, QTEE_ASYNC_VERSION);
	put32(buf + 4, QTEE_ASYNC_OP_RELEASE);
	put32(buf + 8, n);
	for (i = 0; i < n; i++)
		put32(buf + QTEE_ASYNC_RELEASE_HDR + 4 * i, ids[i]);
	return len;
}
