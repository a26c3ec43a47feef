/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QTEE (Qualcomm TEE, the "smcinvoke" object interface): the wire format
 * as shared/abi/qtee.md section 3.1 and 4 describe it, and the ids and op
 * codes of the objects the simulated QTEE hosts. The whole protocol as
 * implemented, with every choice the fact sheet left open, is in
 * services/qtee.md.
 *
 *   services/qtee_msg.c      pure: counts, message layout, encode/decode,
 *                            async messages
 *   services/qtee_heap.c     pure: QTEE's heap (Diagnostics reports it)
 *   services/qtee_obj.c      pure: the object table, Linux objects held
 *   services/qtee_ta.c       pure: ELF image check, loader, example TA
 *   services/qtee_services.c pure: the ops of every object
 *   services/qtee_relay.c    pure: the relay, a test service of the
 *                            simulator (calls a Linux object)
 *   services/qtee_cbor.c     pure: the CBOR reader (credentials)
 *   services/qtee_engine.c   pure: invocations, continuations, callbacks,
 *                            async releases, corruption, logs, counters
 *   services/qtee.c          the two SCM commands, power-off report
 *   services/sim_qtee.c      SIM 0x07 QTEE_CORRUPT (arm, query)
 *   include/tzsim/qtee_corrupt.h  the corruption kinds (config, SIM)
 *
 * Everything on the wire is little-endian u32; normal-world buffers are
 * accessed byte by byte (tzsim/le.h).
 */
#ifndef TZSIM_QTEE_H
#define TZSIM_QTEE_H

#include <tzsim/lib.h>

/* -- SMCs: owner QSEE_OS (50), svc SMCINVOKE. -- */
#define QTEE_SVC			0x06
#define QTEE_CMD_INVOKE_LEGACY		0x00	/* not implemented */
#define QTEE_CMD_CB_RSP			0x01	/* 0x72000601 */
#define QTEE_CMD_INVOKE			0x02	/* 0x72000602 */

/* x1 of a successful SMC: the response type. */
#define QTEE_RESP_DONE			0	/* finished, x2 = result */
#define QTEE_RESP_INBOUND_REQ_NEEDED	3	/* outbound holds a callback */

/* Buffer sizes QTEE accepts (x3, x5 of INVOKE; x3 of CB_RSP). */
#define QTEE_INBOUND_MIN	12U		/* an invoke header */
#define QTEE_INBOUND_MAX	(4U << 20)	/* MAX_INBOUND_BUFFER_SIZE */
#define QTEE_OUTBOUND_MIN	64U		/* fits every fixed-size callback */
#define QTEE_OUTBOUND_MAX	(4U << 20)

/* -- Messages. -- */
#define QTEE_INVOKE_HDR		12	/* cxt @0, op @4, counts @8 */
#define QTEE_CB_HDR		16	/* result @0, cxt @4, op @8, counts @12 */
#define QTEE_ARG_SIZE		8	/* buffer: offset, size; object: id */
#define QTEE_ALIGN		8	/* payload offsets and sizes */

/* counts: four 4-bit fields, IB bits 0-3, OB 4-7, IO 8-11, OO 12-15. */
#define QTEE_COUNTS_IB(c)	((unsigned int)(c) & 0xf)
#define QTEE_COUNTS_OB(c)	(((unsigned int)(c) >> 4) & 0xf)
#define QTEE_COUNTS_IO(c)	(((unsigned int)(c) >> 8) & 0xf)
#define QTEE_COUNTS_OO(c)	(((unsigned int)(c) >> 12) & 0xf)
#define QTEE_COUNTS_RESERVED	0xffff0000U	/* must be 0 */
#define QTEE_ARGS_PER_TYPE	15	/* what a nibble holds */
#define QTEE_ARGS_MAX		(4 * QTEE_ARGS_PER_TYPE)

/* -- Object ids. -- */
#define QTEE_OBJ_NULL		0x00000000U
#define QTEE_OBJ_ROOT		0x00000001U
#define QTEE_OBJ_NS_BIT		0x80000000U	/* hosted by Linux */
#define QTEE_OBJ_PRIMORDIAL	0x80000000U	/* Linux's primordial object */
#define QTEE_OBJ_FIRST		0x00000100U	/* first id QTEE hands out */
#define QTEE_OBJ_LAST		0x7fffffffU

static inline bool qtee_id_is_ns(uint32_t id)
{
	return id & QTEE_OBJ_NS_BIT;
}

/* -- Ops. The upper 16 bits are the transport's: masked off. -- */
#define QTEE_OP_MASK		0xffffU
#define QTEE_OP_RELEASE		0xffffU
#define QTEE_OP_RETAIN		0xfffeU

/* Root (QTEE's IClientEnv registration). */
#define QTEE_ROOT_OP_REGISTER			2
#define QTEE_ROOT_OP_REG_WITH_CREDENTIALS	5
/* Client env. */
#define QTEE_CLIENT_ENV_OP_OPEN		0
/* Service UIDs (client env open). */
#define QTEE_UID_APP_LOADER		3
#define QTEE_UID_DIAGNOSTICS		143
#define QTEE_UID_FEATURE_VERSIONS	2033
#define QTEE_UID_RELAY			0x7e57	/* 32343: the simulator's own */
/* FeatureVersions. */
#define QTEE_FEATURE_VERSIONS_OP_GET	0
#define QTEE_FEATURE_QTEE_ID		10
/* Diagnostics. */
#define QTEE_DIAG_OP_QUERY_HEAP_INFO	0
#define QTEE_DIAG_HEAP_INFO_SIZE	24	/* six u32 */
#define QTEE_DIAG_SLEEP_MS		1	/* its SLEEP callback */
/* AppLoader. */
#define QTEE_APP_LOADER_OP_LOAD_FROM_BUFFER	0
#define QTEE_APP_LOADER_OP_LOAD_FROM_REGION	1
#define QTEE_APP_LOADER_OP_LOAD_EMBEDDED	2	/* INVALID here */
#define QTEE_APP_LOADER_OP_CONNECT		3	/* INVALID here */
/* AppController. */
#define QTEE_APP_CONTROLLER_OP_OPEN_SESSION	0	/* INVALID here */
#define QTEE_APP_CONTROLLER_OP_UNLOAD		1	/* INVALID here */
#define QTEE_APP_CONTROLLER_OP_GET_APP_OBJECT	2
/* The example TA (ISMCIExample). */
#define QTEE_EXAMPLE_TA_OP_ADD		0
/* The relay (a simulator test service, services/qtee_relay.c). */
#define QTEE_RELAY_OP_CALL		0
#define QTEE_RELAY_OP_STORE		1
#define QTEE_RELAY_OP_CALL_STORED	2
/* A credentials object (IIO, hosted by Linux; root op 2 reads it). */
#define QTEE_CREDS_OP_GET_LENGTH	0
#define QTEE_CREDS_OP_READ_AT_OFFSET	1
#define QTEE_CREDS_LENGTH_SIZE		8	/* GET_LENGTH's OB: u64 */
#define QTEE_CREDS_MAX			4096U	/* longest credentials read */
/* Linux's primordial object (callbacks). */
#define QTEE_PRIMORDIAL_OP_MAP_REGION	0
#define QTEE_PRIMORDIAL_OP_YIELD	1
#define QTEE_PRIMORDIAL_OP_SLEEP	2
#define QTEE_MAPPING_INFO_SIZE		20	/* u64 paddr, u64 len, u32 perms */
#define QTEE_PERM_R			4
#define QTEE_PERM_W			2

/*
 * QTEE version (FeatureVersions, feature 10): the kernel prints
 * "QTEE version 3.14.265" (major bits 22-29, minor 12-19, patch 0-11).
 */
#define QTEE_VERSION_MAJOR	3
#define QTEE_VERSION_MINOR	14
#define QTEE_VERSION_PATCH	265
#define QTEE_VERSION		(QTEE_VERSION_MAJOR << 22 |		\
				 QTEE_VERSION_MINOR << 12 | QTEE_VERSION_PATCH)

/* -- Results (x2 and the callback header's result), as int32. -- */
#define QTEE_OK			0
#define QTEE_ERROR		1
#define QTEE_INVALID		2
#define QTEE_SIZE_IN		3
#define QTEE_SIZE_OUT		4
#define QTEE_USERBASE		10
#define QTEE_DEFUNCT		(-90)
#define QTEE_ABORT		(-91)
#define QTEE_BADOBJ		(-92)
#define QTEE_NOSLOTS		(-93)
#define QTEE_MAXARGS		(-94)
#define QTEE_MAXDATA		(-95)
#define QTEE_UNAVAIL		(-96)
#define QTEE_KMEM		(-97)
#define QTEE_REMOTE		(-98)
#define QTEE_BUSY		(-99)
#define QTEE_TIMEOUT		(-103)
/* AppLoader's own (USERBASE + n; not from the fact sheet, see qtee.md). */
#define QTEE_APP_LOADER_ERR_INVALID_BUFFER	(QTEE_USERBASE + 0)

/* -- Async messages (outbound buffer). -- */
#define QTEE_ASYNC_VERSION	0x00010002U
#define QTEE_ASYNC_MAJOR(v)	((v) >> 16)
#define QTEE_ASYNC_OP_RELEASE	0xffffU
#define QTEE_ASYNC_HDR		8	/* version, op */
#define QTEE_ASYNC_RELEASE_HDR	12	/* version, op, counts; ids follow */
#define QTEE_ASYNC_IDS_PER_MSG	4	/* our choice: longer lists split */

/* -- Parsed messages (services/qtee_msg.c). -- */

struct qtee_buf_arg {
	uint32_t offset, size;
};

/*
 * The arguments of a message in slot order: buf[] holds the IBs then the
 * OBs, obj[] the IOs then the OOs.
 */
struct qtee_args {
	uint32_t counts;
	uint8_t nib, nob, nio, noo;
	struct qtee_buf_arg buf[2 * QTEE_ARGS_PER_TYPE];
	uint32_t obj[2 * QTEE_ARGS_PER_TYPE];
};

/* The 4-bit fields of @counts into @a's nib..noo (reserved bits ignored). */
void qtee_args_set_counts(struct qtee_args *a, uint32_t counts);
/* The counts word of @ib..@oo, or 0xffffffff if one exceeds 15. */
uint32_t qtee_counts_pack(unsigned int ib, unsigned int ob, unsigned int io,
			  unsigned int oo);
static inline unsigned int qtee_counts_total(uint32_t c)
{
	return QTEE_COUNTS_IB(c) + QTEE_COUNTS_OB(c) + QTEE_COUNTS_IO(c) +
	       QTEE_COUNTS_OO(c);
}

/* Byte offset of argument slot @slot in a message with header @hdr. */
static inline size_t qtee_slot_offset(size_t hdr, unsigned int slot)
{
	return hdr + (size_t)slot * QTEE_ARG_SIZE;
}

/* Where payloads start: ALIGN(@hdr + 8 * @nargs, 8). */
static inline size_t qtee_payload_start(size_t hdr, unsigned int nargs)
{
	return ALIGN_UP(hdr + (size_t)nargs * QTEE_ARG_SIZE, QTEE_ALIGN);
}

/*
 * qtee_args_layout - place the buffers of @a (sizes in buf[].size) the
 * way both sides pack them: from qtee_payload_start(), IBs then OBs, each
 * at an 8-byte aligned offset, advancing by ALIGN(size, 8). Returns the
 * end (aligned) or 0 if it would pass @limit or 4 GiB.
 */
uint64_t qtee_args_layout(struct qtee_args *a, size_t hdr, uint64_t limit);

/*
 * qtee_args_read - the counts and slots of the message in @buf (@size
 * bytes, header @hdr bytes with counts at @hdr - 4), checked:
 *   - reserved counts bits are 0; the slots fit in the buffer;
 *   - every buffer is 8-byte aligned, starts at or after the payload
 *     area, ends inside the buffer, and starts at or after the end of
 *     the buffer before it (slot order: no overlap, no going back).
 * Returns 0, or -1 with a static reason in *@why.
 */
int qtee_args_read(const uint8_t *buf, uint64_t size, size_t hdr,
		   struct qtee_args *a, const char **why);
/* qtee_args_write - counts at @hdr - 4 and every slot of @a into @buf. */
void qtee_args_write(uint8_t *buf, size_t hdr, const struct qtee_args *a);

/* An inbound invoke message. */
struct qtee_invoke_msg {
	uint32_t cxt, op;
	struct qtee_args args;
};

int qtee_msg_decode_invoke(const uint8_t *buf, uint64_t size,
			   struct qtee_invoke_msg *m, const char **why);
/*
 * qtee_msg_encode_invoke - what the kernel writes: header, slots, and the
 * IB payloads @ib[i] (m->args sizes set, offsets from qtee_args_layout()).
 * Zeroes @buf first. Returns the bytes used or 0 if it does not fit.
 * (The simulator never sends invokes: this is for the host tests.)
 */
uint64_t qtee_msg_encode_invoke(uint8_t *buf, uint64_t size,
				struct qtee_invoke_msg *m,
				const uint8_t *const ib[]);

/* A callback request (QTEE -> Linux, outbound buffer). */
struct qtee_callback_msg {
	int32_t result;
	uint32_t cxt, op;
	struct qtee_args args;
};

/*
 * qtee_msg_encode_callback - zero the first @clear bytes of @buf, then
 * write the callback @m (buffer sizes set; offsets are laid out here) and
 * the IB payloads @ib[i]. Returns the end of the payloads (where async
 * messages may follow) or 0 if it does not fit in @size.
 */
uint64_t qtee_msg_encode_callback(uint8_t *buf, uint64_t size, uint64_t clear,
				  struct qtee_callback_msg *m,
				  const uint8_t *const ib[]);
int qtee_msg_decode_callback(const uint8_t *buf, uint64_t size,
			     struct qtee_callback_msg *m, const char **why);

/*
 * Async tail of a callback request as the kernel computes it:
 * ALIGN(16 + 8n, 8) + sum ALIGN(IB, 8) + sum ALIGN(OB, 8).
 */
uint64_t qtee_msg_async_tail(const struct qtee_args *a);

/*
 * qtee_async_put_release - one RELEASE message of @n ids at @buf, if it
 * fits in @space with 8 bytes to spare for the terminator. Returns the
 * aligned size used (ALIGN(12 + 4n, 8)) or 0.
 */
uint64_t qtee_async_put_release(uint8_t *buf, uint64_t space,
				const uint32_t *ids, unsigned int n);

#endif /* TZSIM_QTEE_H */
