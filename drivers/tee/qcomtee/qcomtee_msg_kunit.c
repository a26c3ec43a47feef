// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the QTEE message format as qcomtee writes and reads it:
 * counts packing and its per-type limit, payload layout and alignment,
 * size limits, and the checks of everything the secure side writes back
 * (invocation results, callback requests, asynchronous release messages).
 * The secure side is played by the tests, writing into a plain buffer;
 * no QTEE and no SMC is involved.
 *
 * Built into the qcomtee module (CONFIG_QCOMTEE_KUNIT_TEST).
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "qcomtee.h"

#define BUF_SIZE	QCOMTEE_MSG_OUTBOUND_SIZE

struct qcomtee_kunit {
	struct qcomtee qcomtee;
	struct qcomtee_object_invoke_ctx *oic;
	struct qcomtee_object cb;	/* a normal-world object */
	struct qcomtee_object tee;	/* a QTEE object, never released */
	int released;
	u8 *buf;
};

static void kunit_cb_release(struct qcomtee_object *object)
{
	struct qcomtee_kunit *t = container_of(object, struct qcomtee_kunit,
					       cb);

	t->released++;
}

static int kunit_cb_dispatch(struct qcomtee_object_invoke_ctx *oic,
			     struct qcomtee_object *object, u32 op,
			     struct qcomtee_arg *args)
{
	return -EINVAL;
}

static const struct qcomtee_object_operations kunit_cb_ops = {
	.dispatch = kunit_cb_dispatch,
	.release = kunit_cb_release,
};

static int qcomtee_kunit_init(struct kunit *test)
{
	struct qcomtee_kunit *t;
	struct device *dev;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->buf = kunit_kzalloc(test, BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->buf);
	t->oic = kunit_kzalloc(test, sizeof(*t->oic), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->oic);

	dev = kunit_device_register(test, "qcomtee-kunit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	t->qcomtee.dev = dev;
	xa_init_flags(&t->qcomtee.xa_local_objects, XA_FLAGS_ALLOC);
	t->oic->qcomtee = &t->qcomtee;

	qcomtee_object_cb_init(&t->cb, "kunit", &kunit_cb_ops);
	t->tee.name = "kunit-qtee";
	t->tee.type = QCOMTEE_OBJECT_TYPE_TEE;
	t->tee.tee.qcomtee = &t->qcomtee;
	t->tee.tee.id = 0x1234;

	test->priv = t;

	return 0;
}

static void qcomtee_kunit_exit(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;

	xa_destroy(&t->qcomtee.xa_local_objects);
}

#define ARG(t)		{ .type = QCOMTEE_ARG_TYPE_##t }
#define BUF(t, p, s)	{ .type = QCOMTEE_ARG_TYPE_##t, \
			  .b = { .addr = (p), .size = (s) } }
#define OBJ(t, obj)	{ .type = QCOMTEE_ARG_TYPE_##t, .o = (obj) }

static struct qcomtee_msg_object_invoke *inv(struct qcomtee_kunit *t)
{
	return (struct qcomtee_msg_object_invoke *)t->buf;
}

static struct qcomtee_msg_callback *cbm(struct qcomtee_kunit *t)
{
	return (struct qcomtee_msg_callback *)t->buf;
}

static u32 kunit_cb_refs(struct qcomtee_kunit *t)
{
	return kref_read(&t->cb.refcount);
}

/* Counts are packed IB, OB, IO, OO whatever the order of the arguments. */
static void qcomtee_kunit_counts(struct kunit *test)
{
	struct qcomtee_arg u[] = {
		ARG(OO), ARG(IB), ARG(IO), ARG(OB), ARG(OO), ARG(IO),
		ARG(OO), ARG(IO), ARG(OB), ARG(OO), ARG(INV),
	};
	struct qcomtee_arg none[] = { ARG(INV) };
	u32 counts = 0xdead;

	KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), 0);
	KUNIT_EXPECT_EQ(test, counts, 0x4321);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(none, &counts), 0);
	KUNIT_EXPECT_EQ(test, counts, 0);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_num_args(0x4321), 10);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_idx_ob(0x4321), 1);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_idx_io(0x4321), 3);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_idx_oo(0x4321), 6);
}

/* 15 of a type fit a nibble, a 16th would wrap to 0: refused. */
static void qcomtee_kunit_counts_limit(struct kunit *test)
{
	struct qcomtee_arg u[QCOMTEE_ARGS_MAX + 2] = { };
	static const enum qcomtee_arg_type types[] = {
		QCOMTEE_ARG_TYPE_IB, QCOMTEE_ARG_TYPE_OB,
		QCOMTEE_ARG_TYPE_IO, QCOMTEE_ARG_TYPE_OO,
	};
	u32 counts;
	int i, t;

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		memset(u, 0, sizeof(u));
		for (i = 0; i < QCOMTEE_ARGS_PER_TYPE; i++)
			u[i].type = types[t];
		KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), 0);
		KUNIT_EXPECT_EQ(test, counts, 0xfU << (4 * t));
		u[QCOMTEE_ARGS_PER_TYPE].type = types[t];
		KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), -EINVAL);
	}

	/* The largest message: 15 of each type. */
	memset(u, 0, sizeof(u));
	for (i = 0; i < QCOMTEE_ARGS_MAX; i++)
		u[i].type = types[i % 4];
	KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), 0);
	KUNIT_EXPECT_EQ(test, counts, 0xffff);
	u[QCOMTEE_ARGS_MAX].type = QCOMTEE_ARG_TYPE_IB;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), -EINVAL);

	memset(u, 0, sizeof(u));
	u[0].type = QCOMTEE_ARG_TYPE_OO + 1;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_counts(u, &counts), -EINVAL);
}

/* The probe's own messages: offsets as QTEE expects them. */
static void qcomtee_kunit_layout_probe(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u32 uid = 2033, feature = 10, version = 0;
	struct qcomtee_arg open[] = {
		BUF(IB, &uid, sizeof(uid)), ARG(OO), ARG(INV),
	};
	struct qcomtee_arg get[] = {
		BUF(IB, &feature, sizeof(feature)),
		BUF(OB, &version, sizeof(version)), ARG(INV),
	};
	struct qcomtee_arg reg[] = { OBJ(IO, NULL), ARG(OO), ARG(INV) };
	size_t size;
	u32 payload;

	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(open, &size), 0);
	KUNIT_EXPECT_EQ(test, size, 40);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf, size,
						       0x55, 0, open), 0);
	KUNIT_EXPECT_EQ(test, inv(t)->cxt, 0x55);
	KUNIT_EXPECT_EQ(test, inv(t)->op, 0);
	KUNIT_EXPECT_EQ(test, inv(t)->counts, 0x1001);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].b.offset, 32);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].b.size, 4);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].o, 0);
	memcpy(&payload, t->buf + 32, sizeof(payload));
	KUNIT_EXPECT_EQ(test, payload, 2033);

	memset(t->buf, 0, BUF_SIZE);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(get, &size), 0);
	KUNIT_EXPECT_EQ(test, size, 48);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf, size,
						       0x56, 0, get), 0);
	KUNIT_EXPECT_EQ(test, inv(t)->counts, 0x11);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].b.offset, 32);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].b.offset, 40);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].b.size, 4);

	memset(t->buf, 0, BUF_SIZE);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(reg, &size), 0);
	KUNIT_EXPECT_EQ(test, size, 32);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf, size,
						       1, 5, reg), 0);
	KUNIT_EXPECT_EQ(test, inv(t)->cxt, 1);
	KUNIT_EXPECT_EQ(test, inv(t)->op, 5);
	KUNIT_EXPECT_EQ(test, inv(t)->counts, 0x1100);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].o, 0);
}

/* Payloads start 8-aligned after the slots and each is 8-aligned. */
static void qcomtee_kunit_layout_align(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u8 one = 0x11, nine[9], out[3];
	struct qcomtee_arg u[] = {
		BUF(IB, &one, 1), BUF(OB, NULL, 0), BUF(IB, nine, 9),
		BUF(OB, out, 3), ARG(INV),
	};
	struct qcomtee_arg none[] = { ARG(INV) };
	size_t size;
	int i;

	memset(nine, 0x99, sizeof(nine));
	memset(t->buf, 0xee, BUF_SIZE);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), 0);
	/* 12 + 4 * 8 = 44 -> 48; IB 1 -> 56; IB 9 -> 72; OB 0; OB 3 -> 80 */
	KUNIT_EXPECT_EQ(test, size, 80);
	memset(t->buf, 0, size);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf, size,
						       7, 3, u), 0);
	KUNIT_EXPECT_EQ(test, inv(t)->counts, 0x22);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].b.offset, 48);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].b.offset, 56);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].b.size, 9);
	KUNIT_EXPECT_EQ(test, inv(t)->args[2].b.offset, 72);
	KUNIT_EXPECT_EQ(test, inv(t)->args[2].b.size, 0);
	KUNIT_EXPECT_EQ(test, inv(t)->args[3].b.offset, 72);
	KUNIT_EXPECT_EQ(test, inv(t)->args[3].b.size, 3);
	KUNIT_EXPECT_EQ(test, t->buf[48], 0x11);
	for (i = 49; i < 56; i++)
		KUNIT_EXPECT_EQ(test, t->buf[i], 0);
	KUNIT_EXPECT_EQ(test, t->buf[56], 0x99);
	KUNIT_EXPECT_EQ(test, t->buf[64], 0x99);
	for (i = 65; i < 80; i++)
		KUNIT_EXPECT_EQ(test, t->buf[i], 0);
	/* Beyond the message, nothing was written. */
	KUNIT_EXPECT_EQ(test, t->buf[80], 0xee);

	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(none, &size), 0);
	KUNIT_EXPECT_EQ(test, size, 16);
}

/* The inbound message is at most 4 MiB, and sizes cannot overflow. */
static void qcomtee_kunit_size_limits(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	struct qcomtee_arg u[] = { BUF(IB, NULL, 0), ARG(INV) };
	struct qcomtee_arg two[] = {
		BUF(IB, NULL, SZ_2M), BUF(OB, NULL, SZ_2M), ARG(INV),
	};
	size_t size;

	/* 12 + 8 -> 24, and 24 + (4 MiB - 24) is exactly the limit. */
	u[0].b.size = QCOMTEE_MSG_INBOUND_MAX - 24;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), 0);
	KUNIT_EXPECT_EQ(test, size, QCOMTEE_MSG_INBOUND_MAX);
	/* One byte more is aligned up past it. */
	u[0].b.size++;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), -EINVAL);
	u[0].b.size = QCOMTEE_MSG_INBOUND_MAX;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), -EINVAL);
	u[0].b.size = SIZE_MAX;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), -EINVAL);
	u[0].b.size = SIZE_MAX - 6;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(u, &size), -EINVAL);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_inbound_size(two, &size), -EINVAL);

	/* A buffer smaller than the message is refused. */
	u[0].b.size = 8;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf, 31, 1,
						       0, u), -EINVAL);
}

/* Input objects: NULL, QTEE's, primordial, and a new id for the others. */
static void qcomtee_kunit_input_objects(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	struct qcomtee_arg u[] = {
		OBJ(IO, NULL), OBJ(IO, &t->tee),
		OBJ(IO, &qcomtee_primordial_object), OBJ(IO, &t->cb),
		ARG(INV),
	};
	struct qcomtee_arg root[] = { OBJ(IO, &qcomtee_object_root), ARG(INV) };
	u32 id;

	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf,
						       BUF_SIZE, 1, 0, u), 0);
	KUNIT_EXPECT_EQ(test, inv(t)->counts, 0x400);
	KUNIT_EXPECT_EQ(test, inv(t)->args[0].o, 0);
	KUNIT_EXPECT_EQ(test, inv(t)->args[1].o, 0x1234);
	KUNIT_EXPECT_EQ(test, inv(t)->args[2].o, 0x80000000);
	id = inv(t)->args[3].o;
	KUNIT_EXPECT_GT(test, id, 0x80000000);
	KUNIT_EXPECT_EQ(test, t->oic->num_ids, 1);
	KUNIT_EXPECT_EQ(test, t->oic->ids[0], id);
	KUNIT_EXPECT_PTR_EQ(test, qcomtee_local_object_get(&t->qcomtee, id),
			    &t->cb);
	/* Creation, the id, and the lookup just made. */
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 3);
	qcomtee_object_put(&t->cb);

	/* Another send is another id. */
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf,
						       BUF_SIZE, 1, 0, u), 0);
	KUNIT_EXPECT_NE(test, inv(t)->args[3].o, id);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 3);

	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee, id), 0);
	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee, id), -ENOENT);
	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee,
						    inv(t)->args[3].o), 0);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 1);
	KUNIT_EXPECT_EQ(test, t->released, 0);

	KUNIT_EXPECT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf,
						       BUF_SIZE, 1, 0, root),
			-EINVAL);
}

/* Write the message of @u, for the result tests. */
static void write_results_msg(struct kunit *test, struct qcomtee_arg *u)
{
	struct qcomtee_kunit *t = test->priv;

	memset(t->buf, 0, BUF_SIZE);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_invoke(t->oic, t->buf,
						       BUF_SIZE, 2, 1, u), 0);
}

static int read_results(struct kunit *test, struct qcomtee_arg *u)
{
	struct qcomtee_kunit *t = test->priv;

	return qcomtee_msg_read_results(t->qcomtee.dev, t->buf, BUF_SIZE, u,
					t->oic->slots);
}

/* QTEE may shrink an output buffer or move it inside its room. */
static void qcomtee_kunit_results(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u8 in[4] = { 1, 2, 3, 4 }, out[16];
	struct qcomtee_arg u[] = {
		BUF(IB, in, 4), BUF(OB, out, 16), ARG(OO), ARG(OO), ARG(INV),
	};
	union qcomtee_msg_arg *s = t->oic->slots;

	write_results_msg(test, u);
	/* 12 + 32 -> 48; IB 48..56; OB 56..72 */
	KUNIT_ASSERT_EQ(test, inv(t)->args[1].b.offset, 56);
	inv(t)->args[1].b.size = 5;
	inv(t)->args[2].o = 0x55;
	inv(t)->args[3].o = 0x80000003;
	KUNIT_EXPECT_EQ(test, read_results(test, u), 0);
	KUNIT_EXPECT_EQ(test, s[1].b.offset, 56);
	KUNIT_EXPECT_EQ(test, s[1].b.size, 5);
	KUNIT_EXPECT_EQ(test, s[2].o, 0x55);
	KUNIT_EXPECT_EQ(test, s[3].o, 0x80000003);

	inv(t)->args[1].b.offset = 64;
	inv(t)->args[1].b.size = 8;
	KUNIT_EXPECT_EQ(test, read_results(test, u), 0);
	inv(t)->args[1].b.size = 0;
	inv(t)->args[1].b.offset = 72;
	KUNIT_EXPECT_EQ(test, read_results(test, u), 0);
}

/* Output buffers QTEE would make the driver read out of their room. */
static void qcomtee_kunit_results_bad(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u8 out[16];
	struct qcomtee_arg u[] = {
		BUF(OB, out, 16), BUF(OB, out, 8), ARG(OO), ARG(INV),
	};
	static const struct { u32 off, size; } bad[] = {
		{ 32, 17 },		/* grown */
		{ 40, 9 },		/* moved, then past the room */
		{ 24, 8 },		/* before the room, into the slots */
		{ 48, 8 },		/* into the next buffer's room */
		{ 0xfffffff0, 8 },	/* far away */
		{ 32, 0xffffffff },	/* huge */
	};
	int k;

	/* 12 + 24 -> 40; OB0 40..56; OB1 56..64 */
	for (k = 0; k < ARRAY_SIZE(bad); k++) {
		write_results_msg(test, u);
		KUNIT_ASSERT_EQ(test, inv(t)->args[0].b.offset, 40);
		inv(t)->args[0].b.offset = bad[k].off + 8;
		inv(t)->args[0].b.size = bad[k].size;
		KUNIT_EXPECT_EQ_MSG(test, read_results(test, u), -EPROTO,
				    "case %d", k);
	}

	write_results_msg(test, u);
	inv(t)->args[2].o = QCOMTEE_MSG_OBJECT_ROOT;
	KUNIT_EXPECT_EQ(test, read_results(test, u), -EPROTO);
}

/* Lay out a callback request as QTEE would. */
static void put_cb(struct qcomtee_kunit *t, u32 cxt, u32 op, u32 counts,
		   const u32 (*slots)[2], unsigned int n)
{
	unsigned int i;

	memset(t->buf, 0, BUF_SIZE);
	cbm(t)->cxt = cxt;
	cbm(t)->op = op;
	cbm(t)->counts = counts;
	for (i = 0; i < n; i++) {
		cbm(t)->args[i].b.offset = slots[i][0];
		cbm(t)->args[i].b.size = slots[i][1];
	}
}

static int read_cb(struct kunit *test, struct qcomtee_cb_request *req)
{
	struct qcomtee_kunit *t = test->priv;

	return qcomtee_msg_read_callback(t->qcomtee.dev, t->buf, BUF_SIZE,
					 req, t->oic->slots);
}

static void qcomtee_kunit_callback(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	/* IB, OB, IO, OO: 16 + 32 -> 48; IB 48+4; OB 56+20 -> 80 */
	static const u32 slots[][2] = {
		{ 48, 4 }, { 56, 20 }, { 0x80000005, 0 }, { 0, 0 },
	};
	struct qcomtee_cb_request req;

	put_cb(t, 0x80000000, 0x10002, 0x1111, slots, 4);
	KUNIT_ASSERT_EQ(test, read_cb(test, &req), 0);
	KUNIT_EXPECT_EQ(test, req.cxt, 0x80000000);
	KUNIT_EXPECT_EQ(test, req.op, 2);
	KUNIT_EXPECT_EQ(test, req.counts, 0x1111);
	KUNIT_EXPECT_EQ(test, req.n, 4);
	KUNIT_EXPECT_EQ(test, req.tail, 80);
	KUNIT_EXPECT_EQ(test, t->oic->slots[1].b.offset, 56);
	KUNIT_EXPECT_EQ(test, t->oic->slots[2].o, 0x80000005);

	/* No argument: messages follow the header. */
	put_cb(t, 0x80000000, 1, 0, NULL, 0);
	KUNIT_ASSERT_EQ(test, read_cb(test, &req), 0);
	KUNIT_EXPECT_EQ(test, req.tail, 16);

	/* Adjacent buffers and an empty one at the very end are fine. */
	{
		/* 16 + 24 -> 40 */
		static const u32 edge[][2] = {
			{ 40, 8 }, { 48, 8 }, { BUF_SIZE, 0 },
		};

		put_cb(t, 0x80000001, 0, 0x12, edge, 3);
		KUNIT_EXPECT_EQ(test, read_cb(test, &req), 0);
		KUNIT_EXPECT_EQ(test, req.tail, BUF_SIZE);
	}
}

static void qcomtee_kunit_callback_bad(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	/* Two buffers: 16 + 16 -> 32. */
	static const struct { u32 s[2][2]; } bad[] = {
		{ { { 36, 4 }, { 48, 4 } } },		/* misaligned */
		{ { { 24, 4 }, { 48, 4 } } },		/* in the slots */
		{ { { 0, 4 }, { 48, 4 } } },		/* on the header */
		{ { { 32, 4 }, { BUF_SIZE, 8 } } },	/* past the end */
		{ { { 32, 4 }, { BUF_SIZE - 8, 16 } } },	/* across it */
		{ { { 32, 4 }, { 0xfffffff8, 0x10 } } },	/* wraps */
		{ { { 32, 0xffffffff }, { 48, 4 } } },	/* huge */
		{ { { 32, 16 }, { 40, 8 } } },		/* overlap */
		{ { { 48, 8 }, { 32, 24 } } },		/* overlap, reversed */
	};
	struct qcomtee_cb_request req;
	int k;

	for (k = 0; k < ARRAY_SIZE(bad); k++) {
		put_cb(t, 0x80000000, 0, 0x11, bad[k].s, 2);
		KUNIT_EXPECT_EQ_MSG(test, read_cb(test, &req), -EPROTO,
				    "case %d", k);
	}

	/* Bits above the four counts. */
	put_cb(t, 0x80000000, 0, 0x10000, NULL, 0);
	KUNIT_EXPECT_EQ(test, read_cb(test, &req), -EPROTO);
	put_cb(t, 0x80000000, 0, 0x80000000, NULL, 0);
	KUNIT_EXPECT_EQ(test, read_cb(test, &req), -EPROTO);
}

/* The answer: shrunk output buffers, ids for the output objects. */
static void qcomtee_kunit_callback_results(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	/* IB, OB, OO, OO: 16 + 32 -> 48; IB 48+8; OB 56+20 */
	static const u32 slots[][2] = {
		{ 48, 8 }, { 56, 20 }, { 0, 0 }, { 0, 0 },
	};
	struct qcomtee_arg u[] = {
		BUF(IB, NULL, 8), BUF(OB, NULL, 12), OBJ(OO, &t->cb),
		OBJ(OO, NULL), ARG(INV),
	};
	struct qcomtee_cb_request req;
	u32 id;

	put_cb(t, 0x80000000, 0, 0x2011, slots, 4);
	KUNIT_ASSERT_EQ(test, read_cb(test, &req), 0);
	KUNIT_ASSERT_EQ(test, qcomtee_msg_write_cb_results(t->oic, t->buf,
							   &req, t->oic->slots,
							   u), 0);
	KUNIT_EXPECT_EQ(test, cbm(t)->args[1].b.offset, 56);
	KUNIT_EXPECT_EQ(test, cbm(t)->args[1].b.size, 12);
	id = cbm(t)->args[2].o;
	KUNIT_EXPECT_GT(test, id, 0x80000000);
	KUNIT_EXPECT_EQ(test, cbm(t)->args[3].o, 0);
	KUNIT_EXPECT_EQ(test, t->oic->num_ids, 1);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 2);
	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee, id), 0);

	/* A dispatch that grew an output buffer gets no answer. */
	put_cb(t, 0x80000000, 0, 0x2011, slots, 4);
	KUNIT_ASSERT_EQ(test, read_cb(test, &req), 0);
	u[1].b.size = 21;
	KUNIT_EXPECT_EQ(test, qcomtee_msg_write_cb_results(t->oic, t->buf,
							   &req, t->oic->slots,
							   u), -EINVAL);
	KUNIT_EXPECT_EQ(test, t->oic->num_ids, 0);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 1);
	KUNIT_EXPECT_EQ(test, cbm(t)->args[1].b.size, 20);
}

/* Only the header, the slots and the output buffers survive an answer. */
static void qcomtee_kunit_scrub(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	/* IB, OB, OB: 16 + 24 -> 40; OB1 40+8; IB 56+8; OB0 72+4 */
	static const u32 slots[][2] = { { 56, 8 }, { 72, 4 }, { 40, 8 } };
	struct qcomtee_cb_request req;
	int i;

	put_cb(t, 0x80000000, 0, 0x21, slots, 3);
	memset(t->buf + 40, 0xaa, BUF_SIZE - 40);
	KUNIT_ASSERT_EQ(test, read_cb(test, &req), 0);
	qcomtee_msg_scrub_callback(t->buf, BUF_SIZE, &req, t->oic->slots);

	KUNIT_EXPECT_EQ(test, cbm(t)->counts, 0x21);
	KUNIT_EXPECT_EQ(test, cbm(t)->args[2].b.offset, 40);
	for (i = 40; i < 48; i++)
		KUNIT_EXPECT_EQ(test, t->buf[i], 0xaa);
	for (i = 48; i < 72; i++)
		KUNIT_EXPECT_EQ(test, t->buf[i], 0);
	for (i = 72; i < 76; i++)
		KUNIT_EXPECT_EQ(test, t->buf[i], 0xaa);
	for (i = 76; i < BUF_SIZE; i++)
		if (t->buf[i])
			break;
	KUNIT_EXPECT_EQ(test, i, BUF_SIZE);

	/* An unreadable request keeps the header only. */
	memset(t->buf + 16, 0xaa, BUF_SIZE - 16);
	memset(&req, 0, sizeof(req));
	qcomtee_msg_scrub_callback(t->buf, BUF_SIZE, &req, t->oic->slots);
	for (i = 16; i < BUF_SIZE; i++)
		if (t->buf[i])
			break;
	KUNIT_EXPECT_EQ(test, i, BUF_SIZE);
}

/* Write a release message at @off; returns its length. */
static size_t put_release(struct qcomtee_kunit *t, size_t off, u32 version,
			  u32 op, u32 counts, const u32 *ids, unsigned int n)
{
	struct qcomtee_async_release_msg msg = {
		.hdr = { .version = version, .op = op },
		.counts = counts,
	};

	memcpy(t->buf + off, &msg, sizeof(msg));
	if (n)
		memcpy(t->buf + off + sizeof(msg), ids, n * sizeof(*ids));

	return sizeof(msg) + n * sizeof(*ids);
}

static u32 new_id(struct kunit *test, struct qcomtee_object *object)
{
	struct qcomtee_kunit *t = test->priv;
	u32 id = 0;

	KUNIT_EXPECT_EQ(test, qcomtee_object_id_get(t->oic, object, &id), 0);

	return id;
}

static bool buf_is_zero(struct qcomtee_kunit *t, size_t from)
{
	return !memchr_inv(t->buf + from, 0, BUF_SIZE - from);
}

static void qcomtee_kunit_async_release(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u32 ids[3], a, b, c;
	size_t off;

	a = new_id(test, &t->cb);
	b = new_id(test, &t->cb);
	c = new_id(test, &t->cb);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 4);

	/* Unknown and foreign ids are skipped, the others released. */
	memset(t->buf, 0, BUF_SIZE);
	ids[0] = a;
	ids[1] = 0x12;
	ids[2] = 0x80000000;
	off = put_release(t, 0, QCOMTEE_ASYNC_VERSION_1_2,
			  QCOMTEE_MSG_OBJECT_OP_RELEASE, 3, ids, 3);
	/* 12 + 12 = 24; the next one at 24. */
	ids[0] = b;
	ids[1] = 0x80001234;
	off = put_release(t, ALIGN(off, 8), 0x0001ffff,
			  QCOMTEE_MSG_OBJECT_OP_RELEASE, 2, ids, 2);
	KUNIT_EXPECT_EQ(test, off, 20);
	/* 24 + 20 -> 48 */
	ids[0] = c;
	put_release(t, 48, QCOMTEE_ASYNC_VERSION_1_2,
		    QCOMTEE_MSG_OBJECT_OP_RELEASE, 1, ids, 1);

	/* A protocol error, but every id QTEE held is released. */
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    0), -EPROTO);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 1);
	KUNIT_EXPECT_EQ(test, t->released, 0);
	KUNIT_EXPECT_TRUE(test, buf_is_zero(t, 0));
	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee, a), -ENOENT);

	qcomtee_object_put(&t->cb);
	KUNIT_EXPECT_EQ(test, t->released, 1);
}

static void qcomtee_kunit_async_bad(struct kunit *test)
{
	struct qcomtee_kunit *t = test->priv;
	u32 ids[1], a;

	a = new_id(test, &t->cb);
	ids[0] = a;

	/* More ids than the buffer holds. */
	memset(t->buf, 0, BUF_SIZE);
	put_release(t, BUF_SIZE - 16, QCOMTEE_ASYNC_VERSION_1_2,
		    QCOMTEE_MSG_OBJECT_OP_RELEASE, 2, ids, 1);
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    BUF_SIZE - 16), -EPROTO);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 2);
	KUNIT_EXPECT_TRUE(test, buf_is_zero(t, 0));

	memset(t->buf, 0, BUF_SIZE);
	put_release(t, 64, QCOMTEE_ASYNC_VERSION_1_2,
		    QCOMTEE_MSG_OBJECT_OP_RELEASE, 0xffffffff, ids, 1);
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    64), -EPROTO);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 2);

	/* A header with no room for its count. */
	memset(t->buf, 0, BUF_SIZE);
	{
		struct qcomtee_async_msg_hdr hdr = {
			.version = QCOMTEE_ASYNC_VERSION_1_2,
			.op = QCOMTEE_MSG_OBJECT_OP_RELEASE,
		};

		memcpy(t->buf + BUF_SIZE - 8, &hdr, sizeof(hdr));
	}
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    BUF_SIZE - 8), -EPROTO);

	/* Unknown version or operation: the list ends there. */
	memset(t->buf, 0, BUF_SIZE);
	put_release(t, 0, 0x00020000, QCOMTEE_MSG_OBJECT_OP_RELEASE, 1, ids,
		    1);
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    0), 0);
	put_release(t, 0, QCOMTEE_ASYNC_VERSION_1_2, 7, 0, NULL, 0);
	put_release(t, 16, QCOMTEE_ASYNC_VERSION_1_2,
		    QCOMTEE_MSG_OBJECT_OP_RELEASE, 1, ids, 1);
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    0), 0);
	/* Version 0 ends it too. */
	put_release(t, 16, QCOMTEE_ASYNC_VERSION_1_2,
		    QCOMTEE_MSG_OBJECT_OP_RELEASE, 1, ids, 1);
	KUNIT_EXPECT_EQ(test, qcomtee_async_process(t->oic, t->buf, BUF_SIZE,
						    0), 0);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 2);
	KUNIT_EXPECT_TRUE(test, buf_is_zero(t, 0));

	KUNIT_EXPECT_EQ(test, qcomtee_object_id_put(&t->qcomtee, a), 0);
	KUNIT_EXPECT_EQ(test, kunit_cb_refs(t), 1);
}

static void qcomtee_kunit_result_codes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(0), 0);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(12), 12);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-ENOMEM), -97);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-ENODEV), -90);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EBUSY), -99);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-ENOSPC), -99);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EINVAL), -96);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EBADF), -96);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EOPNOTSUPP),
			-96);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-ENOENT), -92);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EPROTO), 2);
	KUNIT_EXPECT_EQ(test, qcomtee_msg_result_from_errno(-EIO), 1);
}

static struct kunit_case qcomtee_msg_kunit_cases[] = {
	KUNIT_CASE(qcomtee_kunit_counts),
	KUNIT_CASE(qcomtee_kunit_counts_limit),
	KUNIT_CASE(qcomtee_kunit_layout_probe),
	KUNIT_CASE(qcomtee_kunit_layout_align),
	KUNIT_CASE(qcomtee_kunit_size_limits),
	KUNIT_CASE(qcomtee_kunit_input_objects),
	KUNIT_CASE(qcomtee_kunit_results),
	KUNIT_CASE(qcomtee_kunit_results_bad),
	KUNIT_CASE(qcomtee_kunit_callback),
	KUNIT_CASE(qcomtee_kunit_callback_bad),
	KUNIT_CASE(qcomtee_kunit_callback_results),
	KUNIT_CASE(qcomtee_kunit_scrub),
	KUNIT_CASE(qcomtee_kunit_async_release),
	KUNIT_CASE(qcomtee_kunit_async_bad),
	KUNIT_CASE(qcomtee_kunit_result_codes),
	{}
};

static struct kunit_suite qcomtee_msg_kunit_suite = {
	.name = "qcomtee-msg",
	.init = qcomtee_kunit_init,
	.exit = qcomtee_kunit_exit,
	.test_cases = qcomtee_msg_kunit_cases,
};

kunit_test_suite(qcomtee_msg_kunit_suite);
