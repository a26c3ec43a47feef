// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the parameter copies of the TEE core, shared by every
 * TEE driver (OP-TEE, AMD-TEE, TS-TEE, QTEE): what params_from_user(),
 * params_to_user(), params_to_supp() and params_from_supp() make of each
 * parameter type. The value and memref cases pin down the behaviour the
 * existing drivers rely on; the UBUF and OBJREF cases the new types.
 *
 * Included at the end of tee_core.c, so that the static functions are
 * tested as they are built. User memory comes from kunit_vm_mmap().
 */
#include <kunit/test.h>
#include <linux/mman.h>

struct tee_kunit {
	struct tee_context *ctx;
	struct tee_ioctl_param __user *uparams;
	struct tee_param params[4];
};

static int tee_kunit_init(struct kunit *test)
{
	struct tee_kunit *t;
	unsigned long uaddr;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->ctx = kunit_kzalloc(test, sizeof(*t->ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->ctx);
	uaddr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, uaddr, 0, "no user memory");
	t->uparams = (struct tee_ioctl_param __user *)uaddr;
	test->priv = t;
	return 0;
}

/* Write @n parameters to user memory and read them back with the core. */
static int from_user(struct kunit *test, const struct tee_ioctl_param *ip,
		     size_t n)
{
	struct tee_kunit *t = test->priv;

	KUNIT_ASSERT_EQ(test, copy_to_user(t->uparams, ip, n * sizeof(*ip)),
			0);
	memset(t->params, 0xa5, sizeof(t->params));
	return params_from_user(t->ctx, t->params, n, t->uparams);
}

static void tee_kunit_value_in(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	struct tee_ioctl_param ip[] = {
		{ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, 1, 2, 3 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 4, 5, 6 },
	};

	KUNIT_ASSERT_EQ(test, from_user(test, ip, 2), 0);
	KUNIT_EXPECT_EQ(test, t->params[0].attr, 1);
	KUNIT_EXPECT_EQ(test, t->params[0].u.value.a, 1);
	KUNIT_EXPECT_EQ(test, t->params[0].u.value.c, 3);
	KUNIT_EXPECT_EQ(test, t->params[1].u.value.b, 5);
}

static void tee_kunit_bad_attr(struct kunit *test)
{
	struct tee_ioctl_param unknown = { 14, 0, 0, 0 };
	struct tee_ioctl_param bits = {
		TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT | 0x200, 0, 0, 0
	};
	struct tee_ioctl_param gap = { 4, 0, 0, 0 };

	KUNIT_EXPECT_EQ(test, from_user(test, &unknown, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, from_user(test, &bits, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, from_user(test, &gap, 1), -EINVAL);
}

static void tee_kunit_memref_null(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	struct tee_ioctl_param ip = {
		TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, 0, 16, TEE_MEMREF_NULL
	};

	t->ctx->cap_memref_null = false;
	KUNIT_EXPECT_EQ(test, from_user(test, &ip, 1), -EINVAL);
	t->ctx->cap_memref_null = true;
	KUNIT_ASSERT_EQ(test, from_user(test, &ip, 1), 0);
	KUNIT_EXPECT_NULL(test, t->params[0].u.memref.shm);
	KUNIT_EXPECT_EQ(test, t->params[0].u.memref.size, 16);
}

static void tee_kunit_ubuf(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	u64 uaddr = (unsigned long)t->uparams;
	struct tee_ioctl_param ip[] = {
		{ TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT, uaddr, 64, 0 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, uaddr + 64, 32, 0 },
	};
	struct tee_ioctl_param kernel = {
		TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT,
		(unsigned long)t, 16, 0
	};

	KUNIT_ASSERT_EQ(test, from_user(test, ip, 2), 0);
	KUNIT_EXPECT_EQ(test, (unsigned long)t->params[0].u.ubuf.uaddr,
			(unsigned long)t->uparams);
	KUNIT_EXPECT_EQ(test, t->params[0].u.ubuf.size, 64);
	KUNIT_EXPECT_EQ(test, t->params[1].u.ubuf.size, 32);
	/* A kernel address is not user memory. */
	KUNIT_EXPECT_EQ(test, from_user(test, &kernel, 1), -EFAULT);
}

static void tee_kunit_objref(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	struct tee_ioctl_param ip[] = {
		{ TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT, 7, 2, 99 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT, TEE_OBJREF_NULL, 0, 0 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT, 5, 5, 5 },
	};

	KUNIT_ASSERT_EQ(test, from_user(test, ip, 3), 0);
	KUNIT_EXPECT_EQ(test, t->params[0].u.objref.id, 7);
	KUNIT_EXPECT_EQ(test, t->params[0].u.objref.flags, 2);
	KUNIT_EXPECT_EQ(test, t->params[1].u.objref.id, TEE_OBJREF_NULL);
	KUNIT_EXPECT_EQ(test, t->params[2].attr,
			TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT);
}

static void tee_kunit_to_user(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	struct tee_ioctl_param back[4], zero[4] = {};

	KUNIT_ASSERT_EQ(test, copy_to_user(t->uparams, zero, sizeof(zero)), 0);
	t->params[0] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT,
		.u.value = { 1, 2, 3 } };
	t->params[1] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INOUT,
		.u.ubuf = { .uaddr = t->uparams, .size = 10 } };
	t->params[2] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT,
		.u.objref = { .id = 42, .flags = 1 } };
	t->params[3] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT,
		.u.objref = { .id = 43, .flags = 1 } };
	KUNIT_ASSERT_EQ(test, params_to_user(t->uparams, 4, t->params), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, t->uparams, sizeof(back)),
			0);
	KUNIT_EXPECT_EQ(test, back[0].c, 3);
	KUNIT_EXPECT_EQ(test, back[1].b, 10);
	KUNIT_EXPECT_EQ(test, back[2].a, 42);
	KUNIT_EXPECT_EQ(test, back[2].b, 1);
	/* Input parameters are not written back. */
	KUNIT_EXPECT_EQ(test, back[3].a, 0);
}

static void tee_kunit_supp(struct kunit *test)
{
	struct tee_kunit *t = test->priv;
	struct tee_ioctl_param back[3];
	struct tee_ioctl_param answer[] = {
		{ TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT, 9, 2, 0 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT,
		  (unsigned long)t->uparams, 8, 0 },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, 1, 1, 1 },
	};
	struct tee_ioctl_param kernel = {
		TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, (unsigned long)t, 8, 0
	};

	t->params[0] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT,
		.u.objref = { .id = 3, .flags = 4 } };
	t->params[1] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT,
		.u.ubuf = { .uaddr = t->uparams, .size = 24 } };
	t->params[2] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT,
		.u.objref = { .id = 5, .flags = 6 } };
	KUNIT_ASSERT_EQ(test, params_to_supp(t->ctx, t->uparams, 3, t->params),
			0);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, t->uparams, sizeof(back)),
			0);
	KUNIT_EXPECT_EQ(test, back[0].a, 3);
	KUNIT_EXPECT_EQ(test, back[0].b, 4);
	KUNIT_EXPECT_EQ(test, back[1].b, 24);
	KUNIT_EXPECT_EQ(test, back[1].c, 0);
	/* What the supplicant has to fill in reaches it zeroed. */
	KUNIT_EXPECT_EQ(test, back[2].a, 0);

	KUNIT_ASSERT_EQ(test, copy_to_user(t->uparams, answer, sizeof(answer)),
			0);
	KUNIT_ASSERT_EQ(test, params_from_supp(t->params, 3, t->uparams), 0);
	KUNIT_EXPECT_EQ(test, t->params[0].u.objref.id, 9);
	KUNIT_EXPECT_EQ(test, t->params[1].u.ubuf.size, 8);
	/* Input values are not taken from the supplicant. */
	KUNIT_EXPECT_EQ(test, t->params[2].u.value.a, 0);

	KUNIT_ASSERT_EQ(test, copy_to_user(t->uparams, &kernel, sizeof(kernel)),
			0);
	KUNIT_EXPECT_EQ(test, params_from_supp(t->params, 1, t->uparams),
			-EFAULT);
}

/* The UAPI is shared with user space built against mainline headers. */
static void tee_kunit_uapi(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct tee_ioctl_param), 32);
	KUNIT_EXPECT_EQ(test, sizeof(struct tee_ioctl_object_invoke_arg), 24);
	KUNIT_EXPECT_EQ(test,
			offsetof(struct tee_ioctl_object_invoke_arg, params),
			24);
	KUNIT_EXPECT_EQ(test, TEE_IOC_OBJECT_INVOKE, 0x8010a40a);
	KUNIT_EXPECT_EQ(test, TEE_MAX_ARG_SIZE, 4096);
	KUNIT_EXPECT_EQ(test, TEE_GEN_CAP_OBJREF, 0x10);
	KUNIT_EXPECT_EQ(test, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT, 8);
	KUNIT_EXPECT_EQ(test, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT, 13);
}

static struct kunit_case tee_kunit_cases[] = {
	KUNIT_CASE(tee_kunit_value_in),
	KUNIT_CASE(tee_kunit_bad_attr),
	KUNIT_CASE(tee_kunit_memref_null),
	KUNIT_CASE(tee_kunit_ubuf),
	KUNIT_CASE(tee_kunit_objref),
	KUNIT_CASE(tee_kunit_to_user),
	KUNIT_CASE(tee_kunit_supp),
	KUNIT_CASE(tee_kunit_uapi),
	{}
};

static struct kunit_suite tee_kunit_suite = {
	.name = "tee-core-params",
	.init = tee_kunit_init,
	.test_cases = tee_kunit_cases,
};

kunit_test_suite(tee_kunit_suite);
