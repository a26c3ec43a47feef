/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the QTEE test programs (qteetest.c, qteeuser.c) share: the UAPI of
 * <linux/tee.h> they need, defined here with the Linux 6.18 values (see
 * uapi_check.c), KTAP diagnostics, building TEE_IOC_OBJECT_INVOKE
 * calls, and finding the device, the TA image and a service.
 */
#ifndef QTEE_COMMON_H
#define QTEE_COMMON_H

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* -- The UAPI of <linux/tee.h> this test needs (Linux 6.18 values). -- */

#define TEE_IOC_MAGIC			0xa4
#define TEE_MAX_ARG_SIZE		4096
#define TEE_IMPL_ID_QTEE		4
#define TEE_GEN_CAP_OBJREF		(1 << 4)
#define TEE_OBJREF_NULL			((uint64_t)-1)

#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT	1
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT	8
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT	9
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INOUT	10
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT	11
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT	12
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT	13

struct tee_ioctl_version_data {
	uint32_t impl_id;
	uint32_t impl_caps;
	uint32_t gen_caps;
};

struct tee_ioctl_buf_data {
	uint64_t buf_ptr;
	uint64_t buf_len;
};

struct tee_ioctl_param {
	uint64_t attr;
	uint64_t a;
	uint64_t b;
	uint64_t c;
};

/* Without the flexible params[] of the UAPI, so that it can be embedded. */
struct tee_ioctl_object_invoke_arg {
	uint64_t id;
	uint32_t op;
	uint32_t ret;
	uint32_t num_params;
	uint32_t pad;
};

#define TEE_IOC_VERSION		_IOR(TEE_IOC_MAGIC, 0, \
				     struct tee_ioctl_version_data)
#define TEE_IOC_OBJECT_INVOKE	_IOR(TEE_IOC_MAGIC, 10, \
				     struct tee_ioctl_buf_data)

static_assert(sizeof(struct tee_ioctl_version_data) == 12, "UAPI size");
static_assert(sizeof(struct tee_ioctl_buf_data) == 16, "UAPI size");
static_assert(sizeof(struct tee_ioctl_param) == 32, "UAPI size");
static_assert(sizeof(struct tee_ioctl_object_invoke_arg) == 24, "UAPI size");
static_assert(TEE_IOC_VERSION == 0x800CA400U, "UAPI ioctl number");
static_assert(TEE_IOC_OBJECT_INVOKE == 0x8010A40AU, "UAPI ioctl number");

/* OBJREF flags of the qcomtee driver (b of an OBJREF parameter). */
#define QCOMTEE_OBJREF_FLAG_TEE		1
#define QCOMTEE_OBJREF_FLAG_USER	2

/* -- QTEE: ops, UIDs and results (shared/abi/qtee.md, tzsim's qtee.md). -- */

#define OP_RELEASE			0xffff
#define OP_RETAIN			0xfffe
#define ROOT_OP_NOTIFY_DOMAIN_CHANGE	4
#define ROOT_OP_REGISTER		2
#define ROOT_OP_REG_WITH_CREDENTIALS	5
#define ROOT_OP_ADCI_ACCEPT		8
#define ROOT_OP_ADCI_SHUTDOWN		9
#define CLIENT_ENV_OP_OPEN		0
#define UID_APP_LOADER			3
#define UID_DIAGNOSTICS			143
#define UID_FEATURE_VERSIONS		2033
#define FEATURE_VERSIONS_OP_GET		0
#define FEATURE_QTEE_ID			10
#define DIAG_OP_QUERY_HEAP_INFO		0
#define APP_LOADER_OP_LOAD_FROM_BUFFER	0
#define APP_CONTROLLER_OP_GET_APP_OBJECT 2
#define EXAMPLE_TA_OP_ADD		0

#define QTEE_OK				0
#define QTEE_INVALID			2
#define QTEE_SIZE_IN			3
#define QTEE_SIZE_OUT			4
#define QTEE_APP_LOADER_INVALID_BUFFER	10

/* What the simulator documents. */
#define SIM_QTEE_VERSION		0x00c0e109	/* 3.14.265 */
#define SIM_HEAP_TOTAL			(512 * 1024)

#define ARGS_PER_TYPE			15	/* a 4-bit count on the wire */

#define DEFAULT_TA "/lib/qcomtz/qtee/smcinvoke_skeleton_ta64.mbn"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* -- Output. -- */

static inline void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* One diagnostic line, written at once (threads may print too). */
static inline void diag(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("    # %s\n", line);
}

static inline const char *errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "success";

	return name ? name : "unknown errno";
}

/* -- The argument buffer of TEE_IOC_OBJECT_INVOKE. -- */

#define CALL_MAX_PARAMS		160

struct call {
	struct tee_ioctl_object_invoke_arg arg;
	struct tee_ioctl_param params[CALL_MAX_PARAMS];
};

static_assert(offsetof(struct call, params) ==
	      sizeof(struct tee_ioctl_object_invoke_arg), "call layout");

static inline void call_init(struct call *c, uint64_t id, uint32_t op)
{
	memset(&c->arg, 0, sizeof(c->arg));
	c->arg.id = id;
	c->arg.op = op;
}

static inline struct tee_ioctl_param *call_add(struct call *c, uint64_t attr,
					       uint64_t a, uint64_t b)
{
	struct tee_ioctl_param *p = &c->params[c->arg.num_params++];

	assert(c->arg.num_params <= CALL_MAX_PARAMS);
	*p = (struct tee_ioctl_param){ .attr = attr, .a = a, .b = b };
	return p;
}

static inline struct tee_ioctl_param *ubuf_in(struct call *c, const void *buf,
					      size_t len)
{
	return call_add(c, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT,
			(uintptr_t)buf, len);
}

static inline struct tee_ioctl_param *ubuf_out(struct call *c, void *buf,
					       size_t len)
{
	return call_add(c, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT,
			(uintptr_t)buf, len);
}

static inline struct tee_ioctl_param *obj_in(struct call *c, uint64_t id,
					     uint64_t flags)
{
	return call_add(c, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT, id, flags);
}

static inline struct tee_ioctl_param *obj_out(struct call *c)
{
	return call_add(c, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT, 0, 0);
}

static inline uint64_t call_len(const struct call *c)
{
	return sizeof(c->arg) + c->arg.num_params * sizeof(c->params[0]);
}

/* The ioctl with an explicit buf_len: 0 or -errno (QTEE's in arg.ret). */
static inline int invoke_len(int fd, struct call *c, uint64_t buf_len)
{
	struct tee_ioctl_buf_data d = {
		.buf_ptr = (uintptr_t)c,
		.buf_len = buf_len,
	};

	return ioctl(fd, TEE_IOC_OBJECT_INVOKE, &d) ? -errno : 0;
}

static inline int invoke(int fd, struct call *c)
{
	return invoke_len(fd, c, call_len(c));
}

/* The invocation must reach QTEE and QTEE must answer @want. */
static inline int invoke_expect(int fd, struct call *c, int32_t want,
				const char *what)
{
	int rc = invoke(fd, c);

	if (rc) {
		diag("%s: ioctl failed: %s", what, errname(-rc));
		return -1;
	}
	if ((int32_t)c->arg.ret != want) {
		diag("%s: QTEE result %d, want %d", what,
		     (int32_t)c->arg.ret, want);
		return -1;
	}
	return 0;
}

static inline int invoke_ok(int fd, struct call *c, const char *what)
{
	return invoke_expect(fd, c, QTEE_OK, what);
}

/* The ioctl must fail with @want (buf_len as built unless @len is set). */
static inline int expect_errno_len(int fd, struct call *c, uint64_t len,
				   int want,
				   const char *what)
{
	int rc = invoke_len(fd, c, len ? len : call_len(c));

	if (rc == -want)
		return 0;
	diag("%s: got %s, want %s", what, errname(-rc), errname(want));
	return -1;
}

static inline int expect_errno(int fd, struct call *c, int want,
			       const char *what)
{
	return expect_errno_len(fd, c, 0, want, what);
}

/* An output object of a successful call: a QTEE object of the context. */
static inline int take_object(const struct tee_ioctl_param *p, uint64_t *id,
			      const char *what)
{
	if (p->a == TEE_OBJREF_NULL || p->b != QCOMTEE_OBJREF_FLAG_TEE) {
		diag("%s: output object id %#llx flags %#llx, want a TEE object",
		     what, (unsigned long long)p->a,
		     (unsigned long long)p->b);
		return -1;
	}
	*id = p->a;
	return 0;
}

/* -- QTEE operations. -- */

/* Release (op 0xffff) an object the context holds: 0 or -errno. */
static inline int release(int fd, uint64_t id)
{
	struct call c;
	int rc;

	call_init(&c, id, OP_RELEASE);
	rc = invoke(fd, &c);
	if (!rc && c.arg.ret) {
		diag("release of %llu: result %d", (unsigned long long)id,
		     (int32_t)c.arg.ret);
		return -EIO;
	}
	return rc;
}

static inline void release_quiet(int fd, uint64_t *id)
{
	if (*id != TEE_OBJREF_NULL && release(fd, *id))
		diag("cannot release object %llu", (unsigned long long)*id);
	*id = TEE_OBJREF_NULL;
}

/* -- Shared by the programs. -- */

/* Client env op 0 (open) of a service by UID. */
static inline int open_service(int fd, uint64_t env, uint32_t uid,
			       uint64_t *obj)
{
	struct tee_ioctl_param *oo;
	char what[64];
	struct call c;

	snprintf(what, sizeof(what), "open service %u", uid);
	call_init(&c, env, CLIENT_ENV_OP_OPEN);
	ubuf_in(&c, &uid, sizeof(uid));
	oo = obj_out(&c);
	if (invoke_ok(fd, &c, what))
		return -1;
	return take_object(oo, obj, what);
}

/*
 * @dev, or the first /dev/teeN whose driver is QTEE; its path in @name.
 */
static inline int open_qtee(const char *dev, const char **name)
{
	static char path[64];
	glob_t g;
	size_t i;

	if (dev) {
		*name = dev;
		return open(dev, O_RDWR);
	}
	if (glob("/dev/tee[0-9]*", 0, NULL, &g))
		return -1;
	for (i = 0; i < g.gl_pathc; i++) {
		struct tee_ioctl_version_data v;
		int fd = open(g.gl_pathv[i], O_RDWR);

		if (fd < 0)
			continue;
		if (!ioctl(fd, TEE_IOC_VERSION, &v) &&
		    v.impl_id == TEE_IMPL_ID_QTEE) {
			snprintf(path, sizeof(path), "%s", g.gl_pathv[i]);
			*name = path;
			globfree(&g);
			return fd;
		}
		close(fd);
	}
	globfree(&g);
	return -1;
}

/* The whole file at @path, in a malloc()ed buffer. */
static inline int read_file(const char *path, void **buf, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) || st.st_size <= 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*buf = malloc(st.st_size);
	n = *buf ? read(fd, *buf, st.st_size) : -1;
	close(fd);
	if (n != st.st_size) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	*len = n;
	return 0;
}

/* A subtest: its name and what runs it (0 if it passed). */
struct test {
	const char *name;
	int (*run)(void);
};

#endif /* QTEE_COMMON_H */
