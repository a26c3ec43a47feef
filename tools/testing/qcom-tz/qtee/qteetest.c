// SPDX-License-Identifier: GPL-2.0
/*
 * qteetest - end-to-end test of the qcomtee driver against the simulated
 * QTEE (tools/testing/tzsim/services/qtee.md), through the raw ioctls of
 * /dev/teeN only: TEE_IOC_VERSION and TEE_IOC_OBJECT_INVOKE.
 *
 *	qteetest [-C] [-d /dev/teeN] [-r ok|fail:DESCRIPTION]... [TA_IMAGE]
 *	qteetest -B [-d /dev/teeN] [TA_IMAGE]
 *
 * The device is the first /dev/teeN whose TEE_IOC_VERSION says QTEE,
 * unless -d names one. TA_IMAGE is a valid TA image, e.g. mkta.py's
 * smcinvoke_skeleton_ta64.mbn (default:
 * /lib/qcomtz/qtee/smcinvoke_skeleton_ta64.mbn). Each -r is a result the
 * caller found itself (e.g. a kernel log check), printed as one of the
 * first subtests, so that the output is one KTAP list.
 *
 * Modes: the default runs the driver's normal paths and refusals; -C
 * (corruption) makes the simulated QTEE break the protocol once per
 * kind, through tzsim_ctl's /sys/kernel/debug/tzsim/qtee_corrupt, and
 * checks that the driver fails the call cleanly (see "Corruption mode");
 * -B (bench) only prints timings as diagnostics (see "Bench mode").
 *
 * Output: KTAP subtests indented by 4 spaces (the caller is one level up,
 * see tools/testing/qcom-tz/initramfs/ktap.sh). Exit status 0 iff every
 * subtest passed (-B: iff every invocation answered as expected).
 *
 * Objects are named by the ids of the file's context: user space holds
 * QTEE objects only (OBJREF flags TEE), the root object is
 * TEE_OBJREF_NULL, and op 0xffff on an id releases it.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "qtee_common.h"

/*
 * Ways to register with the root object (op 5, registerWithCredentials),
 * tried in this order; the first that works is used from then on:
 *  - a credentials object user space hosts (OBJREF flags USER), as
 *    libqcomtee does upstream; the simulator never calls it, it only
 *    releases it when the client env dies;
 *  - no credentials parameter at all, for a driver that supplies them;
 *  - NULL credentials (privileged: the kernel's own way);
 *  - register (op 2) with NULL credentials: an anonymous client, which
 *    the simulator accepts (until user-hosted objects exist, the only
 *    way for user space).
 */
enum creds { CREDS_USER, CREDS_ABSENT, CREDS_NULL, CREDS_ANON, CREDS_NONE };

static const char *const creds_names[] = {
	[CREDS_USER] = "a credentials object hosted by user space",
	[CREDS_ABSENT] = "no credentials parameter",
	[CREDS_NULL] = "NULL credentials",
	[CREDS_ANON] = "register (op 2) with NULL credentials",
};

static enum creds creds_way = CREDS_USER;

static int register_env(int fd, enum creds way, uint64_t *env,
			int *err, int32_t *result)
{
	struct tee_ioctl_param *oo;
	struct call c;

	call_init(&c, TEE_OBJREF_NULL, way == CREDS_ANON ?
		  ROOT_OP_REGISTER : ROOT_OP_REG_WITH_CREDENTIALS);
	if (way == CREDS_USER)
		obj_in(&c, 1, QCOMTEE_OBJREF_FLAG_USER);
	else if (way == CREDS_NULL || way == CREDS_ANON)
		obj_in(&c, TEE_OBJREF_NULL, 0);
	oo = obj_out(&c);
	*err = -invoke(fd, &c);
	*result = (int32_t)c.arg.ret;
	if (*err || *result)
		return -1;
	return take_object(oo, env, "registerWithCredentials");
}

static void register_failed(enum creds way, int err, int32_t result)
{
	if (err)
		diag("root op 5 with %s: %s", creds_names[way], errname(err));
	else
		diag("root op 5 with %s: QTEE result %d", creds_names[way],
		     result);
}

/* A client env for @fd, the way that worked before. */
static int get_client_env(int fd, uint64_t *env)
{
	int32_t result;
	int err;

	if (creds_way == CREDS_NONE) {
		diag("no way to get a client env (see the client env test)");
		return -1;
	}
	if (register_env(fd, creds_way, env, &err, &result)) {
		register_failed(creds_way, err, result);
		return -1;
	}
	return 0;
}

/* Diagnostics queryHeapInfo: six u32, in this order. */
struct heap_info {
	uint32_t total, used, free, overhead, wasted, largest_free;
};

static int query_heap(int fd, uint64_t diag_obj, struct heap_info *hi)
{
	struct tee_ioctl_param *ob;
	struct call c;

	call_init(&c, diag_obj, DIAG_OP_QUERY_HEAP_INFO);
	ob = ubuf_out(&c, hi, sizeof(*hi));
	if (invoke_ok(fd, &c, "queryHeapInfo"))
		return -1;
	if (ob->b != sizeof(*hi)) {
		diag("queryHeapInfo: %llu bytes, want %zu",
		     (unsigned long long)ob->b, sizeof(*hi));
		return -1;
	}
	return 0;
}

/* The figures tzsim's QTEE guarantees (its qtee.md, 6.1). */
static int heap_consistent(const struct heap_info *hi)
{
	uint64_t sum = (uint64_t)hi->used + hi->free + hi->overhead +
		       hi->wasted;

	if (hi->total == SIM_HEAP_TOTAL && sum == hi->total &&
	    hi->largest_free <= hi->free && hi->used > 0)
		return 0;
	diag("heap: total %u used %u free %u overhead %u wasted %u largest_free %u",
	     hi->total, hi->used, hi->free, hi->overhead, hi->wasted,
	     hi->largest_free);
	diag("want total %u = used + free + overhead + wasted (%llu),",
	     SIM_HEAP_TOTAL, (unsigned long long)sum);
	diag("largest_free <= free, used > 0");
	return -1;
}

/* Example TA op 0: a + b, saturating at UINT32_MAX. */
static int ta_add(int fd, uint64_t ta, uint32_t a, uint32_t b,
		  uint32_t *sum)
{
	uint32_t in[2] = { a, b };
	struct tee_ioctl_param *ob;
	struct call c;

	call_init(&c, ta, EXAMPLE_TA_OP_ADD);
	ubuf_in(&c, in, sizeof(in));
	ob = ubuf_out(&c, sum, sizeof(*sum));
	if (invoke_ok(fd, &c, "example TA add"))
		return -1;
	if (ob->b != sizeof(*sum)) {
		diag("add: %llu output bytes", (unsigned long long)ob->b);
		return -1;
	}
	return 0;
}

static int ta_add_expect(int fd, uint64_t ta, uint32_t a, uint32_t b,
			 uint32_t want)
{
	uint32_t sum = 0;

	if (ta_add(fd, ta, a, b, &sum))
		return -1;
	if (sum == want)
		return 0;
	diag("add(%u, %u) = %u, want %u", a, b, sum, want);
	return -1;
}

/* AppLoader loadFromBuffer, then AppController getAppObject. */
static int load_ta(int fd, uint64_t loader, const void *image, size_t len,
		   uint64_t *ctrl, uint64_t *ta)
{
	struct tee_ioctl_param *oo;
	struct call c;

	call_init(&c, loader, APP_LOADER_OP_LOAD_FROM_BUFFER);
	ubuf_in(&c, image, len);
	oo = obj_out(&c);
	if (invoke_ok(fd, &c, "loadFromBuffer") ||
	    take_object(oo, ctrl, "loadFromBuffer"))
		return -1;

	call_init(&c, *ctrl, APP_CONTROLLER_OP_GET_APP_OBJECT);
	oo = obj_out(&c);
	if (invoke_ok(fd, &c, "getAppObject") ||
	    take_object(oo, ta, "getAppObject"))
		return -1;
	return 0;
}

/* -- Test state: what the first tests obtain, the later ones use. -- */

static struct {
	const char *dev;
	int fd;
	void *image;
	size_t image_len;
	uint64_t env, diag, loader, ctrl, ta;
} t = {
	.fd = -1,
	.env = TEE_OBJREF_NULL, .diag = TEE_OBJREF_NULL,
	.loader = TEE_OBJREF_NULL, .ctrl = TEE_OBJREF_NULL,
	.ta = TEE_OBJREF_NULL,
};

static int need_dev(void)
{
	if (t.fd >= 0)
		return 0;
	diag("no /dev/teeN with impl_id %d", TEE_IMPL_ID_QTEE);
	return -1;
}

static int need(uint64_t id, const char *what)
{
	if (need_dev())
		return -1;
	if (id == TEE_OBJREF_NULL) {
		diag("no %s (an earlier test failed)", what);
		return -1;
	}
	return 0;
}

/* -- The tests: each returns 0 if it passed. -- */

/* TEE_IOC_VERSION: impl_id TEE_IMPL_ID_QTEE and TEE_GEN_CAP_OBJREF. */
static int test_version(void)
{
	struct tee_ioctl_version_data v;

	if (need_dev())
		return -1;
	if (ioctl(t.fd, TEE_IOC_VERSION, &v)) {
		diag("TEE_IOC_VERSION: %s", errname(errno));
		return -1;
	}
	diag("%s: impl_id %u impl_caps %#x gen_caps %#x", t.dev, v.impl_id,
	     v.impl_caps, v.gen_caps);
	if (v.impl_id != TEE_IMPL_ID_QTEE || !(v.gen_caps & TEE_GEN_CAP_OBJREF))
		return -1;
	return 0;
}

/*
 * A client env for @fd, trying the ways of enum creds in order; the one
 * that works is used by get_client_env() from then on.
 */
static int first_client_env(int fd, uint64_t *env)
{
	enum creds way;
	int32_t result;
	int err;

	for (way = CREDS_USER; way < CREDS_NONE; way++) {
		if (!register_env(fd, way, env, &err, &result))
			break;
		register_failed(way, err, result);
	}
	creds_way = way;
	if (way == CREDS_NONE) {
		diag("the driver lets user space register in no way");
		return -1;
	}
	diag("client env %llu, registered with %s",
	     (unsigned long long)*env, creds_names[way]);
	return 0;
}

/* Root gives a client env; an unknown service UID is INVALID. */
static int test_client_env(void)
{
	struct tee_ioctl_param *oo;
	uint32_t uid = 4242;
	struct call c;

	if (need_dev() || first_client_env(t.fd, &t.env))
		return -1;

	call_init(&c, t.env, CLIENT_ENV_OP_OPEN);
	ubuf_in(&c, &uid, sizeof(uid));
	oo = obj_out(&c);
	if (invoke_expect(t.fd, &c, QTEE_INVALID, "open of unknown uid 4242"))
		return -1;
	if (oo->a != TEE_OBJREF_NULL) {
		diag("a failed open returned object %#llx, want TEE_OBJREF_NULL",
		     (unsigned long long)oo->a);
		return -1;
	}
	return 0;
}

/*
 * Diagnostics (UID 143) queryHeapInfo: total 512 KiB = used + free +
 * overhead + wasted; QTEE shrinks a 32-byte output buffer to 24 bytes
 * and answers SIZE_OUT for a 16-byte one.
 */
static int test_diagnostics(void)
{
	struct tee_ioctl_param *ob;
	struct heap_info hi;
	uint32_t big[8];
	struct call c;

	if (need(t.env, "client env") ||
	    open_service(t.fd, t.env, UID_DIAGNOSTICS, &t.diag) ||
	    query_heap(t.fd, t.diag, &hi) || heap_consistent(&hi))
		return -1;
	diag("heap: total %u used %u free %u overhead %u wasted %u largest_free %u",
	     hi.total, hi.used, hi.free, hi.overhead, hi.wasted,
	     hi.largest_free);

	call_init(&c, t.diag, DIAG_OP_QUERY_HEAP_INFO);
	ob = ubuf_out(&c, big, sizeof(big));
	if (invoke_ok(t.fd, &c, "queryHeapInfo with 32 bytes"))
		return -1;
	if (ob->b != sizeof(hi)) {
		diag("a 32-byte output buffer came back with %llu bytes, want %zu",
		     (unsigned long long)ob->b, sizeof(hi));
		return -1;
	}

	call_init(&c, t.diag, DIAG_OP_QUERY_HEAP_INFO);
	ubuf_out(&c, big, 16);
	return invoke_expect(t.fd, &c, QTEE_SIZE_OUT,
			     "queryHeapInfo with 16 bytes");
}

/* FeatureVersions (UID 2033) get(10): 0x00c0e109, QTEE 3.14.265. */
static int test_feature_versions(void)
{
	uint32_t feature = FEATURE_QTEE_ID, version = 0;
	uint64_t fv = TEE_OBJREF_NULL;
	struct call c;
	int ret = -1;

	if (need(t.env, "client env") ||
	    open_service(t.fd, t.env, UID_FEATURE_VERSIONS, &fv))
		return -1;

	call_init(&c, fv, FEATURE_VERSIONS_OP_GET);
	ubuf_in(&c, &feature, sizeof(feature));
	ubuf_out(&c, &version, sizeof(version));
	if (invoke_ok(t.fd, &c, "FeatureVersions get(10)"))
		goto out;
	diag("QTEE version %#x = %u.%u.%u", version, (version >> 22) & 0xff,
	     (version >> 12) & 0xff, version & 0xfff);
	if (version != SIM_QTEE_VERSION) {
		diag("want %#x (3.14.265)", SIM_QTEE_VERSION);
		goto out;
	}

	feature = 11;
	call_init(&c, fv, FEATURE_VERSIONS_OP_GET);
	ubuf_in(&c, &feature, sizeof(feature));
	ubuf_out(&c, &version, sizeof(version));
	ret = invoke_expect(t.fd, &c, QTEE_INVALID, "FeatureVersions get(11)");
out:
	release_quiet(t.fd, &fv);
	return ret;
}

/*
 * AppLoader (UID 3) loadFromBuffer with the image as a UBUF input, the
 * controller's getAppObject, the TA's add: 40 + 2 = 42, saturating.
 */
static int test_ta(void)
{
	if (!t.image) {
		diag("no TA image");
		return -1;
	}
	if (need(t.env, "client env") ||
	    open_service(t.fd, t.env, UID_APP_LOADER, &t.loader) ||
	    load_ta(t.fd, t.loader, t.image, t.image_len, &t.ctrl, &t.ta))
		return -1;
	diag("image of %zu bytes loaded: controller %llu, TA %llu",
	     t.image_len, (unsigned long long)t.ctrl,
	     (unsigned long long)t.ta);
	if (ta_add_expect(t.fd, t.ta, 40, 2, 42) ||
	    ta_add_expect(t.fd, t.ta, 0, 0, 0) ||
	    ta_add_expect(t.fd, t.ta, UINT32_MAX - 1, 1, UINT32_MAX) ||
	    ta_add_expect(t.fd, t.ta, UINT32_MAX, 1, UINT32_MAX) ||
	    ta_add_expect(t.fd, t.ta, 0x80000000u, 0x80000000u, UINT32_MAX))
		return -1;
	return 0;
}

/* An image without the ELF magic: AppLoader result 10, no object. */
static int test_bad_image(void)
{
	struct tee_ioctl_param *oo;
	unsigned char *bad;
	struct call c;
	int ret;

	if (need(t.loader, "AppLoader") || !t.image)
		return -1;
	bad = malloc(t.image_len);
	if (!bad)
		return -1;
	memcpy(bad, t.image, t.image_len);
	bad[0] = 0;
	call_init(&c, t.loader, APP_LOADER_OP_LOAD_FROM_BUFFER);
	ubuf_in(&c, bad, t.image_len);
	oo = obj_out(&c);
	ret = invoke_expect(t.fd, &c, QTEE_APP_LOADER_INVALID_BUFFER,
			    "loadFromBuffer of a broken image");
	free(bad);
	if (!ret && oo->a != TEE_OBJREF_NULL) {
		diag("refused load returned object %#llx",
		     (unsigned long long)oo->a);
		ret = -1;
	}
	return ret;
}

/* UBUF_INOUT, OBJREF_INOUT and other types QTEE has not: EINVAL. */
static int test_inout_refused(void)
{
	static const struct {
		uint64_t attr;
		const char *name;
	} types[] = {
		{ TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INOUT, "UBUF_INOUT" },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT, "OBJREF_INOUT" },
		{ TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, "VALUE_INPUT" },
	};
	uint32_t word = 0;
	struct call c;
	unsigned int i;
	int ret = 0;

	if (need_dev())
		return -1;
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		call_init(&c, TEE_OBJREF_NULL, 0);
		call_add(&c, types[i].attr, (uintptr_t)&word, sizeof(word));
		ret |= expect_errno(t.fd, &c, EINVAL, types[i].name);
	}
	return ret;
}

/* buf_len must be exactly 24 + 32 * num_params: else EINVAL. */
static int test_buf_len(void)
{
	static const struct {
		int delta;
		const char *what;
	} lens[] = {
		{ -8, "8 bytes short" },
		{ -32, "one parameter short" },
		{ 32, "one parameter too many" },
		{ 8, "8 bytes too many" },
	};
	uint32_t word = 0;
	struct call c;
	unsigned int i;
	int ret = 0;

	if (need_dev())
		return -1;
	call_init(&c, TEE_OBJREF_NULL, 0);
	ubuf_in(&c, &word, sizeof(word));
	ubuf_in(&c, &word, sizeof(word));
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		ret |= expect_errno_len(t.fd, &c, call_len(&c) + lens[i].delta,
					EINVAL, lens[i].what);
	ret |= expect_errno_len(t.fd, &c, 16, EINVAL, "shorter than the header");

	/* Shape right again: the call reaches QTEE (root op 0: INVALID). */
	ret |= invoke_expect(t.fd, &c, QTEE_INVALID, "exact buf_len");
	return ret;
}

/*
 * TEE_MAX_ARG_SIZE is 4096: a 1944-byte argument buffer (60 parameters,
 * 15 of each type) goes through, one of 4120 bytes (128) is EINVAL.
 */
static int test_arg_size(void)
{
	uint32_t words[ARGS_PER_TYPE] = { 0 };
	struct call c;
	int i, ret;

	if (need_dev())
		return -1;
	call_init(&c, TEE_OBJREF_NULL, 0);
	for (i = 0; i < ARGS_PER_TYPE; i++) {
		ubuf_in(&c, &words[i], sizeof(words[i]));
		ubuf_out(&c, &words[i], sizeof(words[i]));
		obj_in(&c, TEE_OBJREF_NULL, 0);
		obj_out(&c);
	}
	assert(call_len(&c) == 1944);
	ret = invoke_expect(t.fd, &c, QTEE_INVALID,
			    "60 parameters (1944 bytes) to root op 0");

	call_init(&c, TEE_OBJREF_NULL, 0);
	for (i = 0; i < 128; i++)
		ubuf_in(&c, &words[0], sizeof(words[0]));
	assert(call_len(&c) == 4120);
	ret |= expect_errno(t.fd, &c, EINVAL, "128 parameters (4120 bytes)");
	return ret;
}

/* At most 15 arguments of one type (the wire's 4-bit counts). */
static int test_too_many_args(void)
{
	static const char *const names[] = {
		"16 UBUF_INPUT", "16 UBUF_OUTPUT", "16 OBJREF_INPUT",
		"16 OBJREF_OUTPUT",
	};
	uint32_t word = 0;
	struct call c;
	int type, i, ret;

	if (need_dev())
		return -1;
	call_init(&c, TEE_OBJREF_NULL, 0);
	for (i = 0; i < ARGS_PER_TYPE; i++)
		ubuf_in(&c, &word, sizeof(word));
	ret = invoke_expect(t.fd, &c, QTEE_INVALID,
			    "15 UBUF_INPUT to root op 0");

	for (type = 0; type < 4; type++) {
		call_init(&c, TEE_OBJREF_NULL, 0);
		for (i = 0; i < ARGS_PER_TYPE + 1; i++) {
			if (type == 0)
				ubuf_in(&c, &word, sizeof(word));
			else if (type == 1)
				ubuf_out(&c, &word, sizeof(word));
			else if (type == 2)
				obj_in(&c, TEE_OBJREF_NULL, 0);
			else
				obj_out(&c);
		}
		ret |= expect_errno(t.fd, &c, EINVAL, names[type]);
	}
	return ret;
}

/* Ids the context does not hold, as target or input object: EINVAL. */
static int test_unknown_ids(void)
{
	static const uint64_t ids[] = {
		0x7ffffff0, 0x80000000, 1ULL << 32, TEE_OBJREF_NULL - 1,
	};
	uint32_t uid = UID_DIAGNOSTICS;
	struct call c;
	unsigned int i;
	int ret = 0;

	if (need_dev())
		return -1;
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		char what[64];

		snprintf(what, sizeof(what), "invoke of id %#llx",
			 (unsigned long long)ids[i]);
		call_init(&c, ids[i], 0);
		ubuf_in(&c, &uid, sizeof(uid));
		obj_out(&c);
		ret |= expect_errno(t.fd, &c, EINVAL, what);

		snprintf(what, sizeof(what), "input object %#llx",
			 (unsigned long long)ids[i]);
		call_init(&c, TEE_OBJREF_NULL, ROOT_OP_REG_WITH_CREDENTIALS);
		obj_in(&c, ids[i], QCOMTEE_OBJREF_FLAG_TEE);
		obj_out(&c);
		ret |= expect_errno(t.fd, &c, EINVAL, what);
	}

	/* A known id with flags that are no object type. */
	if (t.env != TEE_OBJREF_NULL) {
		call_init(&c, TEE_OBJREF_NULL, ROOT_OP_REG_WITH_CREDENTIALS);
		obj_in(&c, t.env, 0x80);
		obj_out(&c);
		ret |= expect_errno(t.fd, &c, EINVAL, "input object flags 0x80");
	}
	return ret;
}

/*
 * Ids are per context: context B cannot use the ids of context A, as
 * target or input object, even while it holds objects of its own.
 */
static int test_other_context(void)
{
	uint64_t env_b = TEE_OBJREF_NULL;
	struct heap_info hi;
	struct call c;
	int fd_b, ret;

	if (need(t.diag, "Diagnostics object"))
		return -1;
	fd_b = open(t.dev, O_RDWR);
	if (fd_b < 0) {
		diag("second open of %s: %s", t.dev, errname(errno));
		return -1;
	}

	call_init(&c, t.diag, DIAG_OP_QUERY_HEAP_INFO);
	ubuf_out(&c, &hi, sizeof(hi));
	ret = expect_errno(fd_b, &c, EINVAL, "A's Diagnostics id in B");

	if (get_client_env(fd_b, &env_b)) {
		ret = -1;
	} else if (env_b == t.diag) {
		diag("B's client env got the id of A's Diagnostics object");
		ret = -1;
	} else {
		call_init(&c, t.diag, DIAG_OP_QUERY_HEAP_INFO);
		ubuf_out(&c, &hi, sizeof(hi));
		ret |= expect_errno(fd_b, &c, EINVAL,
				    "A's Diagnostics id in B holding objects");

		call_init(&c, env_b, CLIENT_ENV_OP_OPEN);
		ubuf_in(&c, &(uint32_t){ UID_DIAGNOSTICS }, sizeof(uint32_t));
		obj_in(&c, t.diag, QCOMTEE_OBJREF_FLAG_TEE);
		obj_out(&c);
		ret |= expect_errno(fd_b, &c, EINVAL,
				    "A's id as an input object in B");
	}

	/* A is untouched. */
	if (query_heap(t.fd, t.diag, &hi))
		ret = -1;
	if (close(fd_b)) {
		diag("close of B: %s", errname(errno));
		ret = -1;
	}
	return ret;
}

/* Operations user space may not invoke: EINVAL. */
static int test_refused_ops(void)
{
	static const uint32_t root_ops[] = {
		ROOT_OP_NOTIFY_DOMAIN_CHANGE, ROOT_OP_ADCI_ACCEPT,
		ROOT_OP_ADCI_SHUTDOWN,
	};
	struct call c;
	unsigned int i;
	int ret = 0;

	if (need(t.diag, "Diagnostics object"))
		return -1;
	for (i = 0; i < ARRAY_SIZE(root_ops); i++) {
		char what[32];

		snprintf(what, sizeof(what), "root op %u", root_ops[i]);
		call_init(&c, TEE_OBJREF_NULL, root_ops[i]);
		ret |= expect_errno(t.fd, &c, EINVAL, what);
	}
	call_init(&c, t.diag, OP_RETAIN);
	ret |= expect_errno(t.fd, &c, EINVAL, "RETAIN (0xfffe)");
	call_init(&c, t.diag, 0x10000);
	ret |= expect_errno(t.fd, &c, EINVAL, "op 0x10000");
	call_init(&c, TEE_OBJREF_NULL, OP_RELEASE);
	ret |= expect_errno(t.fd, &c, EINVAL, "RELEASE of the root object");
	return ret;
}

/* Input buffers user space cannot read: EFAULT, nothing sent. */
static int test_bad_buffer(void)
{
	struct call c;
	void *page;
	int ret;

	if (need_dev())
		return -1;
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page, 4096)) {
		diag("mmap: %s", errname(errno));
		return -1;
	}
	call_init(&c, TEE_OBJREF_NULL, 0);
	ubuf_in(&c, page, 16);
	ret = expect_errno(t.fd, &c, EFAULT, "UBUF_INPUT on an unmapped page");

	call_init(&c, TEE_OBJREF_NULL, 0);
	call_add(&c, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT,
		 0xffff800000000000ULL, 16);
	ret |= expect_errno(t.fd, &c, EFAULT, "UBUF_INPUT at a kernel address");
	return ret;
}

/* Several threads invoking at once through one context. */
#define THREADS		4
#define ITERATIONS	50

struct worker {
	pthread_t thread;
	unsigned int index;
	int failed;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	uint64_t diag_obj = TEE_OBJREF_NULL;
	struct heap_info hi;
	unsigned int i;

	w->failed = 1;
	if (open_service(t.fd, t.env, UID_DIAGNOSTICS, &diag_obj))
		return NULL;
	for (i = 0; i < ITERATIONS; i++) {
		uint32_t a = w->index * 100000 + i, b = i * 7;

		if (query_heap(t.fd, diag_obj, &hi) || heap_consistent(&hi) ||
		    ta_add_expect(t.fd, t.ta, a, b, a + b)) {
			diag("thread %u failed at iteration %u", w->index, i);
			release_quiet(t.fd, &diag_obj);
			return NULL;
		}
	}
	if (release(t.fd, diag_obj))
		return NULL;
	w->failed = 0;
	return NULL;
}

static int test_threads(void)
{
	struct worker w[THREADS];
	unsigned int i, started = 0;
	int ret = 0;

	if (need(t.env, "client env") || need(t.ta, "TA object"))
		return -1;
	for (i = 0; i < THREADS; i++) {
		w[i].index = i;
		if (pthread_create(&w[i].thread, NULL, worker_run, &w[i])) {
			diag("pthread_create failed");
			ret = -1;
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++) {
		pthread_join(w[i].thread, NULL);
		if (w[i].failed)
			ret = -1;
	}
	if (!ret)
		diag("%d threads x %d (queryHeapInfo + add): all answered",
		     THREADS, ITERATIONS);
	return ret;
}

/*
 * Op 0xffff releases an id: later invocations of it are EINVAL, and so is
 * a second release. Two getAppObject calls give two ids (two references
 * on the same QTEE object): dropping one leaves the other working.
 */
static int test_release(void)
{
	uint64_t ta2 = TEE_OBJREF_NULL, diag2 = TEE_OBJREF_NULL, gone;
	struct tee_ioctl_param *oo;
	uint32_t in[2] = { 1, 2 }, sum;
	struct heap_info hi;
	struct call c;
	int ret = -1;

	if (need(t.ctrl, "AppController") || need(t.ta, "TA object") ||
	    open_service(t.fd, t.env, UID_DIAGNOSTICS, &diag2))
		return -1;
	if (release(t.fd, diag2)) {
		diag("release of a Diagnostics object failed");
		return -1;
	}
	/* No object is made in between: the id cannot have been reused. */
	call_init(&c, diag2, DIAG_OP_QUERY_HEAP_INFO);
	ubuf_out(&c, &hi, sizeof(hi));
	if (expect_errno(t.fd, &c, EINVAL, "invoke after release"))
		return -1;
	if (release(t.fd, diag2) != -EINVAL) {
		diag("second release: want EINVAL");
		return -1;
	}

	call_init(&c, t.ctrl, APP_CONTROLLER_OP_GET_APP_OBJECT);
	oo = obj_out(&c);
	if (invoke_ok(t.fd, &c, "second getAppObject") ||
	    take_object(oo, &ta2, "second getAppObject"))
		return -1;
	if (ta2 == t.ta) {
		diag("a second reference got the same context id");
		ta2 = TEE_OBJREF_NULL;
		goto out;
	}
	/* Release takes no parameters: refused, the object stays. */
	call_init(&c, ta2, OP_RELEASE);
	obj_out(&c);
	if (expect_errno(t.fd, &c, EINVAL, "release with a parameter") ||
	    ta_add_expect(t.fd, ta2, 1, 2, 3))
		goto out;
	gone = ta2;
	ta2 = TEE_OBJREF_NULL;
	if (release(t.fd, gone)) {
		diag("release of the second TA reference failed");
		goto out;
	}
	call_init(&c, gone, EXAMPLE_TA_OP_ADD);
	ubuf_in(&c, in, sizeof(in));
	ubuf_out(&c, &sum, sizeof(sum));
	if (expect_errno(t.fd, &c, EINVAL, "add through a released id") ||
	    ta_add_expect(t.fd, t.ta, 40, 2, 42))
		goto out;
	ret = 0;
out:
	release_quiet(t.fd, &ta2);
	return ret;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The heap once the releases earlier tests queued have reached QTEE:
 * three equal figures of used in a row, 20 ms apart.
 */
static int settled_heap(struct heap_info *hi)
{
	double deadline = now() + 5;
	uint32_t last = 0;
	int same = 0;

	do {
		if (query_heap(t.fd, t.diag, hi))
			return -1;
		same = hi->used == last ? same + 1 : 0;
		last = hi->used;
		if (same == 2)
			return 0;
		usleep(20000);
	} while (now() < deadline);
	diag("QTEE heap used does not settle: %u", hi->used);
	return -1;
}

/*
 * QTEE's heap used comes back to @used within 5 s (the releases run from
 * the driver's workqueue: give them time), with consistent figures.
 */
static int heap_back_to(uint32_t used, const char *after)
{
	struct heap_info hi;
	double deadline;

	deadline = now() + 5;
	do {
		if (query_heap(t.fd, t.diag, &hi))
			return -1;
		if (hi.used == used)
			return heap_consistent(&hi);
		usleep(20000);
	} while (now() < deadline);
	diag("heap used %u 5 s after %s, want %u as before", hi.used, after,
	     used);
	return -1;
}

/*
 * Close a file holding a client env, Diagnostics, FeatureVersions,
 * AppLoader, a controller and a TA without releasing them: close
 * returns 0, and QTEE's heap comes back to where it was (the driver
 * released every object; the power-off counts and kmemleak say more).
 */
static int test_close_live(void)
{
	uint64_t env, diag_obj, fv, loader, ctrl, ta;
	struct heap_info before, hi;
	int fd;

	if (!t.image) {
		diag("no TA image");
		return -1;
	}
	if (need(t.diag, "Diagnostics object") || settled_heap(&before))
		return -1;
	fd = open(t.dev, O_RDWR);
	if (fd < 0) {
		diag("open %s: %s", t.dev, errname(errno));
		return -1;
	}
	if (get_client_env(fd, &env) ||
	    open_service(fd, env, UID_DIAGNOSTICS, &diag_obj) ||
	    open_service(fd, env, UID_FEATURE_VERSIONS, &fv) ||
	    open_service(fd, env, UID_APP_LOADER, &loader) ||
	    load_ta(fd, loader, t.image, t.image_len, &ctrl, &ta) ||
	    ta_add_expect(fd, ta, 1, 1, 2) || query_heap(fd, diag_obj, &hi)) {
		close(fd);
		return -1;
	}
	diag("heap used %u before, %u with the second file's objects",
	     before.used, hi.used);
	if (close(fd)) {
		diag("close: %s", errname(errno));
		return -1;
	}
	return heap_back_to(before.used, "close");
}

/*
 * -- Corruption mode (-C): the driver against a QTEE that breaks the
 * protocol on purpose (tzsim's include/tzsim/qtee_corrupt.h, armed
 * through tzsim_ctl's debugfs file). --
 *
 * Each kind is armed for the next qualifying message ("<kind> 1"), the
 * one operation that makes such a message runs, and the kind is disarmed
 * again ("<kind> 0", a no-op once applied) so that a corruption that did
 * not hit cannot leak into a later subtest. What the driver does, from
 * drivers/tee/qcomtee/{msg,core,async}.c: every kind fails the ioctl with
 * EPROTO, and nothing is handed back (the TEE core copies neither ret nor
 * the parameters back on error):
 *
 *  1 cb_counts   qcomtee_msg_read_callback(): counts has bits above the
 *                four counts -> -EPROTO; the callback is answered with
 *                INVALID (2), so QTEE's op ends with result 2, and
 *                qcomtee_invoke() returns the sticky oic->proto_err.
 *  2 cb_offset   qcomtee_msg_read_callback(): buffer 0 at [4096, +4) of
 *                a 4096-byte outbound buffer is outside it -> -EPROTO;
 *                answered INVALID (2) as for 1.
 *  3 cb_unknown  the request reads fine, but no local object has id
 *                0xfffffffe (qcomtee_local_object_get()): proto_err =
 *                -EPROTO, answered BADOBJ (-92, from -ENOENT); QTEE's op
 *                ends with -92, the ioctl gets -EPROTO.
 *  4 ob_offset   qcomtee_msg_read_results(): OB 0 starts at the inbound
 *                size, outside its room -> -EPROTO (QTEE's result was 0;
 *                no output is copied).
 *  5 ob_size     qcomtee_msg_read_results(): OB 0 is one byte larger
 *                than the room the driver gave -> -EPROTO.
 *  6 oo_unknown  qcomtee_update_args(): OO id 0xfffffffe has bit 31 but
 *                is no id the driver issued (qcomtee_object_from_id():
 *                -ENOENT) -> -EPROTO; QTEE already dropped the object.
 *  7 async_counts qcomtee_async_release(): a RELEASE of 0x01000000 ids
 *                does not fit the buffer -> -EPROTO from
 *                qcomtee_final_async(); QTEE's result 0 is discarded.
 *  8 async_unknown qcomtee_async_release(): 0xfffffffe was never given
 *                to QTEE (qcomtee_object_id_put(): -ENOENT) -> -EPROTO.
 *
 * The qualifying messages: 1-3 a callback request (AppLoader's YIELD,
 * Diagnostics' SLEEP; 2 needs a buffer: SLEEP's IB), 4-5 a successful
 * final response with an OB, 6 one with a non-NULL OO, 7-8 any final
 * response, which includes the driver's own RELEASE invocations: before
 * arming, the heap is let settle so that no release is in flight.
 */

#define QTEE_CORRUPT_FILE	"/sys/kernel/debug/tzsim/qtee_corrupt"

/* What a failed ioctl must leave untouched. */
#define RET_SENTINEL		0x5eed5eedu
#define OBJ_SENTINEL		0x5eed5eed5eed5eedULL

/* Write "<kind> <nth>" to tzsim_ctl's file (nth 0 disarms the kind). */
static int corrupt_arm(unsigned int kind, unsigned int nth)
{
	char line[32];
	ssize_t n;
	int fd, len;

	fd = open(QTEE_CORRUPT_FILE, O_WRONLY);
	if (fd < 0) {
		diag("open %s: %s (tzsim_ctl not loaded?)", QTEE_CORRUPT_FILE,
		     errname(errno));
		return -1;
	}
	len = snprintf(line, sizeof(line), "%u %u\n", kind, nth);
	n = write(fd, line, len);
	if (n != len)
		diag("write of \"%u %u\" to %s: %s", kind, nth,
		     QTEE_CORRUPT_FILE, n < 0 ? errname(errno) : "short");
	close(fd);
	return n == len ? 0 : -1;
}

/* The operations that make the qualifying messages. */
enum corrupt_op {
	COP_QUERY_HEAP,		/* Diagnostics queryHeapInfo: SLEEP, OB 24 */
	COP_TA_ADD,		/* example TA add: IB 8, OB 4, no callback */
	COP_LOAD,		/* AppLoader loadFromBuffer: YIELD, OO */
	COP_OPEN_DIAG,		/* client env open(143): OO */
};

static const char *const corrupt_op_names[] = {
	[COP_QUERY_HEAP] = "Diagnostics queryHeapInfo",
	[COP_TA_ADD] = "example TA add",
	[COP_LOAD] = "AppLoader loadFromBuffer",
	[COP_OPEN_DIAG] = "client env open of Diagnostics",
};

/* The buffers of one call (they must outlive the ioctl). */
struct cop_bufs {
	struct heap_info hi;
	uint32_t in[2], sum, uid;
};

/* Build @op into @c; returns its OO parameter, or NULL if it has none. */
static struct tee_ioctl_param *corrupt_op_build(enum corrupt_op op,
						struct call *c,
						struct cop_bufs *b)
{
	switch (op) {
	case COP_QUERY_HEAP:
		call_init(c, t.diag, DIAG_OP_QUERY_HEAP_INFO);
		ubuf_out(c, &b->hi, sizeof(b->hi));
		return NULL;
	case COP_TA_ADD:
		b->in[0] = 40;
		b->in[1] = 2;
		call_init(c, t.ta, EXAMPLE_TA_OP_ADD);
		ubuf_in(c, b->in, sizeof(b->in));
		ubuf_out(c, &b->sum, sizeof(b->sum));
		return NULL;
	case COP_LOAD:
		call_init(c, t.loader, APP_LOADER_OP_LOAD_FROM_BUFFER);
		ubuf_in(c, t.image, t.image_len);
		return obj_out(c);
	case COP_OPEN_DIAG:
	default:
		b->uid = UID_DIAGNOSTICS;
		call_init(c, t.env, CLIENT_ENV_OP_OPEN);
		ubuf_in(c, &b->uid, sizeof(b->uid));
		return obj_out(c);
	}
}

/* @op once more, uncorrupted: it must work. */
static int corrupt_op_normal(enum corrupt_op op)
{
	uint64_t ctrl = TEE_OBJREF_NULL, ta = TEE_OBJREF_NULL;
	uint64_t obj = TEE_OBJREF_NULL;
	struct heap_info hi;
	int ret;

	switch (op) {
	case COP_QUERY_HEAP:
		return query_heap(t.fd, t.diag, &hi) || heap_consistent(&hi) ?
		       -1 : 0;
	case COP_TA_ADD:
		return ta_add_expect(t.fd, t.ta, 40, 2, 42);
	case COP_LOAD:
		/* A second TA: it adds, then goes with its ids. */
		ret = load_ta(t.fd, t.loader, t.image, t.image_len, &ctrl,
			      &ta) || ta_add_expect(t.fd, ta, 1, 1, 2) ? -1 : 0;
		release_quiet(t.fd, &ta);
		release_quiet(t.fd, &ctrl);
		return ret;
	case COP_OPEN_DIAG:
	default:
		ret = open_service(t.fd, t.env, UID_DIAGNOSTICS, &obj) ||
		      query_heap(t.fd, obj, &hi) ? -1 : 0;
		release_quiet(t.fd, &obj);
		return ret;
	}
}

static int corrupt_op_ready(enum corrupt_op op)
{
	if (need(t.diag, "Diagnostics object"))
		return -1;
	switch (op) {
	case COP_TA_ADD:
		return need(t.ta, "TA object");
	case COP_LOAD:
		if (!t.image) {
			diag("no TA image");
			return -1;
		}
		return need(t.loader, "AppLoader");
	case COP_OPEN_DIAG:
		return need(t.env, "client env");
	default:
		return 0;
	}
}

/*
 * Arm @kind, run @op: the ioctl fails with EPROTO and hands nothing back;
 * then @op works again.
 */
static int corrupt_case(unsigned int kind, enum corrupt_op op)
{
	const char *what = corrupt_op_names[op];
	struct tee_ioctl_param *oo;
	struct heap_info hi;
	struct cop_bufs b;
	struct call c;
	int rc, ret = 0;

	/* No release of an earlier subtest may take the corruption. */
	if (corrupt_op_ready(op) || settled_heap(&hi))
		return -1;
	oo = corrupt_op_build(op, &c, &b);
	c.arg.ret = RET_SENTINEL;
	if (oo) {
		oo->a = OBJ_SENTINEL;
		oo->b = OBJ_SENTINEL;
	}

	if (corrupt_arm(kind, 1))
		return -1;
	rc = invoke(t.fd, &c);
	if (corrupt_arm(kind, 0))
		ret = -1;

	if (rc != -EPROTO) {
		if (rc)
			diag("%s: got %s, want EPROTO", what, errname(-rc));
		else
			diag("%s: QTEE result %d, want the ioctl to fail with EPROTO",
			     what, (int32_t)c.arg.ret);
		/* Not corrupted after all: drop what it returned. */
		if (!rc && oo && oo->b == QCOMTEE_OBJREF_FLAG_TEE) {
			uint64_t id = oo->a;

			release_quiet(t.fd, &id);
		}
		ret = -1;
	} else {
		if (c.arg.ret != RET_SENTINEL) {
			diag("%s: failed ioctl wrote ret %#x", what, c.arg.ret);
			ret = -1;
		}
		if (oo && (oo->a != OBJ_SENTINEL || oo->b != OBJ_SENTINEL)) {
			diag("%s: failed ioctl wrote output object %#llx flags %#llx",
			     what, (unsigned long long)oo->a,
			     (unsigned long long)oo->b);
			ret = -1;
		}
	}

	if (corrupt_op_normal(op)) {
		diag("%s: the next normal call failed", what);
		ret = -1;
	}
	return ret;
}

static int test_cb_counts(void)
{
	return corrupt_case(1, COP_LOAD);
}

static int test_cb_offset(void)
{
	return corrupt_case(2, COP_QUERY_HEAP);
}

static int test_cb_unknown(void)
{
	return corrupt_case(3, COP_QUERY_HEAP);
}

static int test_ob_offset(void)
{
	return corrupt_case(4, COP_TA_ADD);
}

static int test_ob_size(void)
{
	return corrupt_case(5, COP_QUERY_HEAP);
}

static int test_oo_unknown(void)
{
	return corrupt_case(6, COP_OPEN_DIAG);
}

static int test_async_counts(void)
{
	return corrupt_case(7, COP_TA_ADD);
}

static int test_async_unknown(void)
{
	return corrupt_case(8, COP_QUERY_HEAP);
}

/* QTEE's heap used before the first corruption, once settled. */
static struct {
	int taken;
	uint32_t used;
} corrupt_base;

/*
 * The objects the corruption subtests use: a client env, Diagnostics,
 * AppLoader and a TA, then the heap level they start from.
 */
static void corrupt_setup(void)
{
	struct heap_info hi;

	if (need_dev() || first_client_env(t.fd, &t.env) ||
	    open_service(t.fd, t.env, UID_DIAGNOSTICS, &t.diag))
		return;
	if (!t.image)
		diag("no TA image");
	else if (open_service(t.fd, t.env, UID_APP_LOADER, &t.loader) ||
		 load_ta(t.fd, t.loader, t.image, t.image_len, &t.ctrl,
			 &t.ta))
		diag("no TA: the subtests that need one fail");
	if (settled_heap(&hi) || heap_consistent(&hi))
		return;
	corrupt_base.taken = 1;
	corrupt_base.used = hi.used;
	diag("heap used %u before the corruptions", hi.used);
}

/* After all kinds: nothing QTEE made for the broken calls stays. */
static int test_corrupt_no_leak(void)
{
	if (need(t.diag, "Diagnostics object"))
		return -1;
	if (!corrupt_base.taken) {
		diag("no heap level from before the corruptions");
		return -1;
	}
	return heap_back_to(corrupt_base.used, "the corruptions");
}

static const struct test corrupt_tests[] = {
	{ "cb_counts: reserved counts bit in the loader's YIELD callback: EPROTO, next load works",
	  test_cb_counts },
	{ "cb_offset: SLEEP callback buffer past the end: EPROTO, next query works",
	  test_cb_offset },
	{ "cb_unknown: callback to an id never issued: EPROTO, next query works",
	  test_cb_unknown },
	{ "ob_offset: add's OB outside its room: EPROTO, next add works",
	  test_ob_offset },
	{ "ob_size: queryHeapInfo's OB larger than given: EPROTO, next query works",
	  test_ob_size },
	{ "oo_unknown: open returns an id never issued: EPROTO, next open works",
	  test_oo_unknown },
	{ "async_counts: RELEASE of 0x01000000 ids after add: EPROTO, next add works",
	  test_async_counts },
	{ "async_unknown: RELEASE of an id never issued: EPROTO, next query works",
	  test_async_unknown },
	{ "no leak: QTEE heap used back to its level within 5 s",
	  test_corrupt_no_leak },
};

/*
 * -- Bench mode (-B): not a test, diagnostics only. --
 *
 * BENCH_N example TA adds (IB 8 bytes, OB 4: result 0), then BENCH_N
 * adds whose OB has room for 4 KiB (the TA writes its 4-byte sum; the
 * driver sizes the message for the whole capacity, QTEE maps and checks
 * it): every timed invocation succeeds and its sum is checked. Each
 * timed loop is bracketed in the secure log by root invocations of
 * unknown ops (result INVALID 2): 0xbe00/0xbe01 around the plain loop,
 * 0xbe40/0xbe41 around the 4 KiB one, e.g. "qtee: invoke #N
 * obj=0x00000001 root op=0xbe00 counts=0x0000 result=2 callbacks=0".
 */
#define BENCH_N			1000
#define BENCH_WARMUP		10
#define BENCH_BIG		4096
#define BENCH_MARK_0B		0xbe00
#define BENCH_MARK_4K		0xbe40

static uint64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int bench_marker(uint32_t op)
{
	struct call c;
	char what[32];

	snprintf(what, sizeof(what), "marker root op %#x", op);
	call_init(&c, TEE_OBJREF_NULL, op);
	return invoke_expect(t.fd, &c, QTEE_INVALID, what);
}

/* One add of @in[0..1] into an OB of @out_len bytes at @out. */
static int bench_add(const uint32_t *in, void *out, size_t out_len)
{
	struct call c;

	call_init(&c, t.ta, EXAMPLE_TA_OP_ADD);
	ubuf_in(&c, in, 2 * sizeof(*in));
	ubuf_out(&c, out, out_len);
	return invoke_expect(t.fd, &c, QTEE_OK, "bench add");
}

/* BENCH_N adds into an OB of @out_len bytes, timed, between markers
 * @mark, +1; each must succeed with the right sum.
 */
static int bench_loop(const char *key, uint32_t *out, size_t out_len,
		      uint32_t mark)
{
	uint32_t in[2] = { 0, 7 };
	uint64_t t0, us;
	unsigned int i;

	for (i = 0; i < BENCH_WARMUP; i++)
		if (bench_add(in, out, out_len))
			return -1;
	if (bench_marker(mark))
		return -1;
	t0 = mono_us();
	for (i = 0; i < BENCH_N; i++) {
		in[0] = i;
		out[0] = 0;
		if (bench_add(in, out, out_len)) {
			diag("%s: invoke %u of %d failed", key, i, BENCH_N);
			return -1;
		}
		if (out[0] != i + in[1]) {
			diag("%s: add(%u, %u) = %u", key, i, in[1], out[0]);
			return -1;
		}
	}
	us = mono_us() - t0;
	if (bench_marker(mark + 1))
		return -1;
	if (!us)
		us = 1;
	diag("bench-qtee-%s-us %llu", key, (unsigned long long)us);
	diag("bench-qtee-%s-per-s %llu", key,
	     (unsigned long long)(BENCH_N * 1000000ULL / us));
	return 0;
}

static int bench(void)
{
	static uint32_t big[BENCH_BIG / sizeof(uint32_t)];
	uint32_t small;

	if (need_dev())
		return -1;
	if (!t.image) {
		diag("no TA image");
		return -1;
	}
	if (first_client_env(t.fd, &t.env) ||
	    open_service(t.fd, t.env, UID_APP_LOADER, &t.loader) ||
	    load_ta(t.fd, t.loader, t.image, t.image_len, &t.ctrl, &t.ta))
		return -1;
	diag("%d example TA adds (IB 8, OB 4), then %d with a %d-byte OB, all result 0",
	     BENCH_N, BENCH_N, BENCH_BIG);
	diag("secure log markers: root ops 0x%x/0x%x around the first, 0x%x/0x%x the second",
	     BENCH_MARK_0B, BENCH_MARK_0B + 1, BENCH_MARK_4K,
	     BENCH_MARK_4K + 1);
	diag("bench-qtee-invokes %d", BENCH_N);
	if (bench_loop("0b", &small, sizeof(small), BENCH_MARK_0B) ||
	    bench_loop("4k", big, sizeof(big), BENCH_MARK_4K))
		return -1;
	return 0;
}

/* -- main -- */

static const struct test tests[] = {
	{ "version: impl_id QTEE (4), gen_caps OBJREF", test_version },
	{ "root register (op 2, anonymous) gives a client env", test_client_env },
	{ "Diagnostics (143) heap figures add up", test_diagnostics },
	{ "FeatureVersions (2033) reports 3.14.265", test_feature_versions },
	{ "TA loaded from a buffer: add 40+2=42, saturating", test_ta },
	{ "broken TA image refused (result 10, no object)", test_bad_image },
	{ "INOUT parameter types refused (EINVAL)", test_inout_refused },
	{ "wrong buf_len refused (EINVAL)", test_buf_len },
	{ "arguments over 4096 bytes refused (EINVAL)", test_arg_size },
	{ "more than 15 arguments of one type refused (EINVAL)",
	  test_too_many_args },
	{ "unknown object ids refused (EINVAL)", test_unknown_ids },
	{ "object id of another context refused (EINVAL)",
	  test_other_context },
	{ "privileged root ops, RETAIN, 32-bit ops refused (EINVAL)",
	  test_refused_ops },
	{ "unreadable input buffer refused (EFAULT)", test_bad_buffer },
	{ "4 threads x 50 invocations at once", test_threads },
	{ "release (op 0xffff) drops an id (then EINVAL)", test_release },
	{ "close with live objects: 0, QTEE heap as before",
	  test_close_live },
};

#define MAX_EXTERNAL	8

static void usage(void)
{
	fprintf(stderr,
		"usage: qteetest [-C] [-d DEV] [-r ok|fail:DESCRIPTION]... [TA_IMAGE]\n"
		"       qteetest -B [-d DEV] [TA_IMAGE]\n"
		"  -C  corruption mode: the driver against a QTEE that breaks the protocol\n"
		"      (needs tzsim_ctl's %s)\n"
		"  -B  bench mode: time %d TA invocations with a 4-byte and a 4 KiB output buffer\n",
		QTEE_CORRUPT_FILE, BENCH_N);
	exit(2);
}

/* Release what the tests kept, close the device. */
static void cleanup(void)
{
	if (t.fd >= 0) {
		release_quiet(t.fd, &t.ta);
		release_quiet(t.fd, &t.ctrl);
		release_quiet(t.fd, &t.loader);
		release_quiet(t.fd, &t.diag);
		release_quiet(t.fd, &t.env);
		if (close(t.fd))
			diag("close: %s", errname(errno));
	}
	free(t.image);
}

int main(int argc, char **argv)
{
	const char *external[MAX_EXTERNAL], *ta_path = DEFAULT_TA, *dev = NULL;
	unsigned int n = 0, failed = 0, num_ext = 0, i;
	const struct test *list = tests;
	size_t num = ARRAY_SIZE(tests);
	int opt, bench_mode = 0;

	while ((opt = getopt(argc, argv, "BCd:r:")) != -1) {
		switch (opt) {
		case 'B':
			bench_mode = 1;
			break;
		case 'C':
			list = corrupt_tests;
			num = ARRAY_SIZE(corrupt_tests);
			break;
		case 'd':
			dev = optarg;
			break;
		case 'r':
			if (num_ext == MAX_EXTERNAL ||
			    (strncmp(optarg, "ok:", 3) &&
			     strncmp(optarg, "fail:", 5)))
				usage();
			external[num_ext++] = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind + 1 < argc || (bench_mode && (num_ext || list != tests)))
		usage();
	if (optind < argc)
		ta_path = argv[optind];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (bench_mode) {
		int ret;

		t.fd = open_qtee(dev, &t.dev);
		if (read_file(ta_path, &t.image, &t.image_len))
			diag("cannot read the TA image %s", ta_path);
		ret = bench();
		if (ret)
			diag("bench failed");
		cleanup();
		return ret ? 1 : 0;
	}

	printf("    KTAP version 1\n");
	printf("    1..%zu\n", num_ext + num);

	for (i = 0; i < num_ext; i++) {
		int ok = !strncmp(external[i], "ok:", 3);

		printf("    %s %u %s\n", ok ? "ok" : "not ok", ++n,
		       strchr(external[i], ':') + 1);
		failed += !ok;
	}

	t.fd = open_qtee(dev, &t.dev);
	if (read_file(ta_path, &t.image, &t.image_len))
		diag("cannot read the TA image %s", ta_path);
	if (list == corrupt_tests)
		corrupt_setup();

	for (i = 0; i < num; i++) {
		int ret = list[i].run();

		printf("    %s %u %s\n", ret ? "not ok" : "ok", ++n,
		       list[i].name);
		failed += !!ret;
	}

	cleanup();
	return failed ? 1 : 0;
}
