// SPDX-License-Identifier: GPL-2.0
/*
 * qteeuser - end-to-end test of the objects user space hosts for QTEE,
 * against the simulated QTEE (tools/testing/tzsim/services/qtee.md):
 * callbacks served through TEE_IOC_SUPPL_RECV / TEE_IOC_SUPPL_SEND,
 * RELEASE notifications, memory objects (TEE_IOC_SHM_ALLOC, MAP_REGION),
 * and the failure rules (a killed invoker, a closed supplicant, malformed
 * answers).
 *
 *	qteeuser [-d /dev/teeN] [TA_IMAGE]
 *
 * Most cases go through the simulator's test service "relay" (client env
 * uid 0x7e57): its op CALL makes one callback to the user object given
 * as its first input object, with the caller's other arguments, and
 * answers with what the callback answered.
 *
 * Output: KTAP subtests indented by 4 spaces; exit status 0 iff all
 * passed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qtee_common.h"

/* -- UAPI beyond qtee_common.h. -- */

#define TEE_IOCTL_PARAM_ATTR_TYPE_NONE		0
#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT	2
#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT	3
#define TEE_IOCTL_PARAM_ATTR_META		0x100
#define QCOMTEE_OBJREF_FLAG_MEM			4

struct tee_iocl_supp_recv_arg {
	uint32_t func;
	uint32_t num_params;
};

struct tee_iocl_supp_send_arg {
	uint32_t ret;
	uint32_t num_params;
};

struct tee_ioctl_shm_alloc_data {
	uint64_t size;
	uint32_t flags;
	int32_t id;
};

#define TEE_IOC_SHM_ALLOC	_IOWR(TEE_IOC_MAGIC, 1, \
				      struct tee_ioctl_shm_alloc_data)
#define TEE_IOC_SUPPL_RECV	_IOR(TEE_IOC_MAGIC, 6, \
				     struct tee_ioctl_buf_data)
#define TEE_IOC_SUPPL_SEND	_IOR(TEE_IOC_MAGIC, 7, \
				     struct tee_ioctl_buf_data)

static_assert(TEE_IOC_SHM_ALLOC == 0xC010A401U, "UAPI ioctl number");
static_assert(TEE_IOC_SUPPL_RECV == 0x8010A406U, "UAPI ioctl number");
static_assert(TEE_IOC_SUPPL_SEND == 0x8010A407U, "UAPI ioctl number");

/* -- The simulator's services this test uses. -- */

#define UID_RELAY			0x7e57
#define RELAY_OP_CALL			0
#define RELAY_OP_STORE			1
#define RELAY_OP_CALL_STORED		2
#define APP_LOADER_OP_LOAD_FROM_REGION	1
#define IIO_OP_GET_LENGTH		0
#define IIO_OP_READ_AT_OFFSET		1
#define QTEE_ERROR			1
#define QTEE_DEFUNCT			(-90)
#define QTEE_MAXDATA			(-95)
#define QTEE_UNAVAIL			(-96)

#define MAX_PARAMS	16
#define RECV_BUF	4096

/* -- The supplicant: a thread serving the user objects of one fd. -- */

struct req {
	uint32_t op;
	uint64_t obj;
	uint64_t id;
	uint32_t np;		/* the request's parameters, META excluded */
	struct tee_ioctl_param p[MAX_PARAMS + 1];
};

/*
 * What a handler answers: ret, and for ret 0 the parameters in the
 * positions received (p[0] is the META one; np is what is sent).
 */
struct answer {
	uint32_t ret;
	uint32_t np;
	struct tee_ioctl_param p[MAX_PARAMS + 1];
	int send_errno;		/* what TEE_IOC_SUPPL_SEND gave */
};

struct supp;
typedef void (*handler_t)(struct supp *s, const struct req *r,
			  struct answer *a);

#define MAX_UOBJ	16

struct supp {
	int fd;
	pthread_t thread;
	int running;
	size_t recv_buf;	/* the RECV buffer size in use */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct {
		uint64_t id;
		handler_t handle;
		unsigned int calls, releases, sends;
		int last_send_errno;
	} uobj[MAX_UOBJ];
	unsigned int nuobj;
	int recv_errno;		/* the last failed RECV */
	unsigned int recv_failures;
	unsigned int stalled;	/* set by the stalling handler */
	int release_stall;
};

static void supp_add(struct supp *s, uint64_t id, handler_t handle)
{
	pthread_mutex_lock(&s->lock);
	assert(s->nuobj < MAX_UOBJ);
	s->uobj[s->nuobj].id = id;
	s->uobj[s->nuobj].handle = handle;
	s->nuobj++;
	pthread_mutex_unlock(&s->lock);
}

static int supp_find(struct supp *s, uint64_t id)
{
	unsigned int i;

	for (i = 0; i < s->nuobj; i++)
		if (s->uobj[i].id == id)
			return i;
	return -1;
}

static unsigned int supp_releases(struct supp *s, uint64_t id)
{
	unsigned int n = 0;
	int i;

	pthread_mutex_lock(&s->lock);
	i = supp_find(s, id);
	if (i >= 0)
		n = s->uobj[i].releases;
	pthread_mutex_unlock(&s->lock);
	return n;
}

static unsigned int supp_sends(struct supp *s, uint64_t id)
{
	unsigned int n = 0;
	int i;

	pthread_mutex_lock(&s->lock);
	i = supp_find(s, id);
	if (i >= 0)
		n = s->uobj[i].sends;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/*
 * What the @nth TEE_IOC_SUPPL_SEND for @id gave (waiting up to 2 s for
 * it: the invoker can wake up before SEND returns), or -1.
 */
static int supp_send_errno(struct supp *s, uint64_t id, unsigned int nth)
{
	struct timespec ts;
	int e = -1, i;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 2;
	pthread_mutex_lock(&s->lock);
	i = supp_find(s, id);
	while (i >= 0 && s->uobj[i].sends < nth &&
	       !pthread_cond_timedwait(&s->cond, &s->lock, &ts))
		;
	if (i >= 0 && s->uobj[i].sends >= nth)
		e = s->uobj[i].last_send_errno;
	pthread_mutex_unlock(&s->lock);
	return e;
}

/* RECV into @r with a @bufsize-byte input buffer: 0 or -errno. */
static int supp_recv(int fd, struct req *r, void *buf, size_t bufsize)
{
	struct {
		struct tee_iocl_supp_recv_arg arg;
		struct tee_ioctl_param p[MAX_PARAMS + 1];
	} m;
	struct tee_ioctl_buf_data d = {
		.buf_ptr = (uintptr_t)&m, .buf_len = sizeof(m),
	};

	memset(&m, 0, sizeof(m));
	m.arg.num_params = MAX_PARAMS + 1;
	m.p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT |
		      TEE_IOCTL_PARAM_ATTR_META;
	m.p[0].a = (uintptr_t)buf;
	m.p[0].b = bufsize;
	if (ioctl(fd, TEE_IOC_SUPPL_RECV, &d))
		return -errno;
	r->op = m.arg.func;
	r->obj = m.p[0].a;
	r->id = m.p[0].b;
	r->np = m.arg.num_params - 1;
	memcpy(r->p, m.p, sizeof(r->p));
	return 0;
}

/* SEND an answer to request @id: 0 or -errno. */
static int supp_send(int fd, uint64_t id, const struct answer *a)
{
	struct {
		struct tee_iocl_supp_send_arg arg;
		struct tee_ioctl_param p[MAX_PARAMS + 1];
	} m;
	struct tee_ioctl_buf_data d = { .buf_ptr = (uintptr_t)&m };

	memset(&m, 0, sizeof(m));
	m.arg.ret = a->ret;
	m.arg.num_params = a->np;
	memcpy(m.p, a->p, sizeof(m.p));
	m.p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT |
		      TEE_IOCTL_PARAM_ATTR_META;
	m.p[0].a = id;
	d.buf_len = sizeof(m.arg) + a->np * sizeof(m.p[0]);
	return ioctl(fd, TEE_IOC_SUPPL_SEND, &d) ? -errno : 0;
}

static void on_sigusr1(int sig)
{
	(void)sig;
}

static void *supp_main(void *arg)
{
	static __thread uint64_t buf[RECV_BUF / 8];
	struct supp *s = arg;
	struct answer a;
	struct req r;
	handler_t h;
	int i, rc;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		if (!s->running) {
			pthread_mutex_unlock(&s->lock);
			break;
		}
		pthread_mutex_unlock(&s->lock);

		rc = supp_recv(s->fd, &r, buf, s->recv_buf);
		if (rc) {
			pthread_mutex_lock(&s->lock);
			if (rc != -EINTR) {
				s->recv_errno = -rc;
				s->recv_failures++;
			}
			pthread_mutex_unlock(&s->lock);
			if (rc != -EINTR && rc != -EMSGSIZE)
				usleep(10000);
			continue;
		}

		pthread_mutex_lock(&s->lock);
		i = supp_find(s, r.obj);
		h = i >= 0 ? s->uobj[i].handle : NULL;
		if (i >= 0 && r.op == OP_RELEASE)
			s->uobj[i].releases++;
		else if (i >= 0)
			s->uobj[i].calls++;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
		if (r.op == OP_RELEASE)
			continue;	/* notifications are not answered */

		memset(&a, 0, sizeof(a));
		if (!h) {
			a.ret = (uint32_t)QTEE_DEFUNCT;
			a.np = 1;
		} else {
			h(s, &r, &a);
		}
		rc = supp_send(s->fd, r.id, &a);
		pthread_mutex_lock(&s->lock);
		if (i >= 0) {
			s->uobj[i].last_send_errno = -rc;
			s->uobj[i].sends++;
		}
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static int supp_start(struct supp *s, int fd)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };

	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART: RECV returns */
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->running = 1;
	s->recv_buf = RECV_BUF;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	if (pthread_create(&s->thread, NULL, supp_main, s)) {
		diag("cannot start the supplicant thread");
		return -1;
	}
	return 0;
}

static void supp_stop(struct supp *s)
{
	pthread_mutex_lock(&s->lock);
	s->running = 0;
	pthread_mutex_unlock(&s->lock);
	pthread_kill(s->thread, SIGUSR1);
	pthread_join(s->thread, NULL);
}

/* Wait up to 2 s for @id's RELEASE notifications to reach @want. */
static int wait_releases(struct supp *s, uint64_t id, unsigned int want)
{
	unsigned int i, got = 0;

	for (i = 0; i < 200; i++) {
		got = supp_releases(s, id);
		if (got >= want)
			break;
		usleep(10000);
	}
	if (got != want) {
		diag("user object %llu: %u RELEASE notifications, want %u",
		     (unsigned long long)id, got, want);
		return -1;
	}
	return 0;
}

/* -- Answer helpers for handlers. -- */

static void answer_same(const struct req *r, struct answer *a)
{
	a->np = r->np + 1;
	memcpy(a->p, r->p, sizeof(a->p));
}

static int param_is(const struct req *r, unsigned int n, uint64_t attr,
		    const char *what)
{
	if (n > r->np || r->p[n].attr != attr) {
		diag("request op %u: parameter %u is %llu, want %llu (%s)",
		     r->op, n, n > r->np ? 0ULL :
		     (unsigned long long)r->p[n].attr,
		     (unsigned long long)attr, what);
		return -1;
	}
	return 0;
}

/* -- Test state. -- */

static struct {
	const char *dev;
	int fd;
	struct supp supp;
	void *image;
	size_t image_len;
	uint64_t env, relay, diag, loader;
} t = {
	.fd = -1, .env = TEE_OBJREF_NULL, .relay = TEE_OBJREF_NULL,
	.diag = TEE_OBJREF_NULL, .loader = TEE_OBJREF_NULL,
};

static int need(uint64_t id, const char *what)
{
	if (t.fd < 0) {
		diag("no QTEE device");
		return -1;
	}
	if (id == TEE_OBJREF_NULL) {
		diag("no %s (an earlier test failed)", what);
		return -1;
	}
	return 0;
}

/* -- The credentials object: CBOR {1: uid, 6: time in ms}. -- */

#define CREDS_ID	1

static uint8_t creds[32];
static size_t creds_len;

static void creds_build(void)
{
	struct timespec ts;
	uint64_t ms;
	uint32_t uid = getuid();
	size_t n = 0;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	creds[n++] = 0xa2;			/* map of 2 */
	creds[n++] = 0x01;			/* 1: uid */
	creds[n++] = 0x1a;			/* uint32 */
	for (i = 3; i >= 0; i--)
		creds[n++] = uid >> (8 * i);
	creds[n++] = 0x06;			/* 6: time */
	creds[n++] = 0x1b;			/* uint64 */
	for (i = 7; i >= 0; i--)
		creds[n++] = ms >> (8 * i);
	creds_len = n;
}

static void creds_handle(struct supp *s, const struct req *r,
			 struct answer *a)
{
	static uint64_t len;
	uint64_t off;

	(void)s;
	answer_same(r, a);
	if (r->op == IIO_OP_GET_LENGTH && r->np == 1 &&
	    !param_is(r, 1, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, "length")) {
		len = creds_len;
		a->p[1].a = (uintptr_t)&len;
		a->p[1].b = sizeof(len);
		return;
	}
	if (r->op == IIO_OP_READ_AT_OFFSET && r->np == 2 &&
	    !param_is(r, 1, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT, "offset") &&
	    !param_is(r, 2, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, "data") &&
	    r->p[1].b == sizeof(off)) {
		memcpy(&off, (void *)(uintptr_t)r->p[1].a, sizeof(off));
		if (off < creds_len) {
			a->p[2].a = (uintptr_t)creds + off;
			a->p[2].b = creds_len - off < r->p[2].b ?
				    creds_len - off : r->p[2].b;
			return;
		}
	}
	diag("credentials: unexpected op %u with %u parameters", r->op,
	     r->np);
	a->ret = QTEE_INVALID;
	a->np = 1;
}

/* Root op 2 with a credentials object QTEE reads through callbacks. */
static int test_register(void)
{
	struct tee_ioctl_param *oo;
	struct call c;
	int i;

	if (t.fd < 0 || supp_start(&t.supp, t.fd))
		return -1;
	creds_build();
	supp_add(&t.supp, CREDS_ID, creds_handle);

	call_init(&c, TEE_OBJREF_NULL, ROOT_OP_REGISTER);
	obj_in(&c, CREDS_ID, QCOMTEE_OBJREF_FLAG_USER);
	oo = obj_out(&c);
	if (invoke_ok(t.fd, &c, "register with credentials") ||
	    take_object(oo, &t.env, "register"))
		return -1;
	pthread_mutex_lock(&t.supp.lock);
	i = supp_find(&t.supp, CREDS_ID);
	if (t.supp.uobj[i].calls < 2)
		diag("QTEE made %u calls to the credentials, want >= 2",
		     t.supp.uobj[i].calls);
	i = t.supp.uobj[i].calls >= 2 ? 0 : -1;
	pthread_mutex_unlock(&t.supp.lock);
	if (i)
		return -1;
	diag("client env %llu; credentials read through callbacks",
	     (unsigned long long)t.env);
	return open_service(t.fd, t.env, UID_RELAY, &t.relay) ||
	       open_service(t.fd, t.env, UID_DIAGNOSTICS, &t.diag);
}

/* -- Relay calls. -- */

#define OBJ_TARGET	10
#define OBJ_PASSED	11
#define OBJ_RETURNED	12

static const char hello[] = "hello";
static uint8_t pattern[100], ob0_reply[16], ob1_reply[10];
static uint64_t got_tee_id = TEE_OBJREF_NULL;

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = seed + i * 7;
}

/*
 * The callback of test_relay_both_ways: 2 IB, 2 OB, 2 IO, 2 OO, checked
 * one by one; answers 16 and 10 bytes, OBJ_RETURNED and NULL.
 */
static void both_ways_handle(struct supp *s, const struct req *r,
			     struct answer *a)
{
	(void)s;
	answer_same(r, a);
	a->ret = QTEE_INVALID;
	if (r->op != 7 || r->np != 8) {
		diag("callback op %u with %u parameters, want op 7 with 8",
		     r->op, r->np);
		return;
	}
	if (param_is(r, 1, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT, "IB 0") ||
	    param_is(r, 2, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT, "IB 1") ||
	    param_is(r, 3, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, "OB 0") ||
	    param_is(r, 4, TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT, "OB 1") ||
	    param_is(r, 5, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT, "IO 0") ||
	    param_is(r, 6, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT, "IO 1") ||
	    param_is(r, 7, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT, "OO 0") ||
	    param_is(r, 8, TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT, "OO 1"))
		return;
	if (r->p[1].b != 5 || memcmp((void *)(uintptr_t)r->p[1].a, hello, 5) ||
	    r->p[2].b != sizeof(pattern) ||
	    memcmp((void *)(uintptr_t)r->p[2].a, pattern, sizeof(pattern))) {
		diag("callback input buffers differ from what was sent");
		return;
	}
	if (r->p[3].b != 16 || r->p[4].b != 64) {
		diag("callback output buffers of %llu and %llu bytes, want 16, 64",
		     (unsigned long long)r->p[3].b,
		     (unsigned long long)r->p[4].b);
		return;
	}
	if (r->p[5].a != OBJ_PASSED || r->p[5].b != QCOMTEE_OBJREF_FLAG_USER) {
		diag("IO 0 is %llu flags %llu, want user object %d",
		     (unsigned long long)r->p[5].a,
		     (unsigned long long)r->p[5].b, OBJ_PASSED);
		return;
	}
	if (r->p[6].b != QCOMTEE_OBJREF_FLAG_TEE) {
		diag("IO 1 has flags %llu, want a QTEE object",
		     (unsigned long long)r->p[6].b);
		return;
	}
	got_tee_id = r->p[6].a;
	a->ret = 0;
	a->p[3].a = (uintptr_t)ob0_reply;
	a->p[3].b = sizeof(ob0_reply);
	a->p[4].a = (uintptr_t)ob1_reply;
	a->p[4].b = sizeof(ob1_reply);
	a->p[7].a = OBJ_RETURNED;
	a->p[7].b = QCOMTEE_OBJREF_FLAG_USER;
	a->p[8].a = TEE_OBJREF_NULL;
	a->p[8].b = 0;
}

/* Heap figures from Diagnostics through object @id (any handle on it). */
static int query_heap_ok(uint64_t id)
{
	uint32_t hi[6];
	struct call c;

	call_init(&c, id, DIAG_OP_QUERY_HEAP_INFO);
	ubuf_out(&c, hi, sizeof(hi));
	return invoke_ok(t.fd, &c, "queryHeapInfo");
}

/*
 * Several buffers and objects both ways: a user object and a QTEE object
 * reach the callback, a user object comes back through QTEE to its host.
 */
static int test_relay_both_ways(void)
{
	uint32_t op = 7;
	uint8_t ob0[16], ob1[64];
	struct tee_ioctl_param *o0, *o1, *b0, *b1;
	struct call c;
	int ret = -1;

	if (need(t.relay, "relay") || need(t.diag, "Diagnostics"))
		return -1;
	fill(pattern, sizeof(pattern), 3);
	fill(ob0_reply, sizeof(ob0_reply), 0xa5);
	fill(ob1_reply, sizeof(ob1_reply), 0x11);
	supp_add(&t.supp, OBJ_TARGET, both_ways_handle);
	supp_add(&t.supp, OBJ_PASSED, NULL);
	supp_add(&t.supp, OBJ_RETURNED, NULL);

	call_init(&c, t.relay, RELAY_OP_CALL);
	ubuf_in(&c, &op, sizeof(op));
	ubuf_in(&c, hello, 5);
	ubuf_in(&c, pattern, sizeof(pattern));
	b0 = ubuf_out(&c, ob0, sizeof(ob0));
	b1 = ubuf_out(&c, ob1, sizeof(ob1));
	obj_in(&c, OBJ_TARGET, QCOMTEE_OBJREF_FLAG_USER);
	obj_in(&c, OBJ_PASSED, QCOMTEE_OBJREF_FLAG_USER);
	obj_in(&c, t.diag, QCOMTEE_OBJREF_FLAG_TEE);
	o0 = obj_out(&c);
	o1 = obj_out(&c);
	if (invoke_ok(t.fd, &c, "relay call"))
		goto out;
	if (b0->b != 16 || memcmp(ob0, ob0_reply, 16) || b1->b != 10 ||
	    memcmp(ob1, ob1_reply, 10)) {
		diag("output buffers: %llu and %llu bytes, or other bytes than answered",
		     (unsigned long long)b0->b, (unsigned long long)b1->b);
		goto out;
	}
	if (o0->a != OBJ_RETURNED || o0->b != QCOMTEE_OBJREF_FLAG_USER ||
	    o1->a != TEE_OBJREF_NULL) {
		diag("output objects %llu/%llu and %llu, want user %d and NULL",
		     (unsigned long long)o0->a, (unsigned long long)o0->b,
		     (unsigned long long)o1->a, OBJ_RETURNED);
		goto out;
	}
	/* The QTEE object the callback got is Diagnostics itself. */
	if (got_tee_id == TEE_OBJREF_NULL || query_heap_ok(got_tee_id))
		goto out;
	ret = 0;
out:
	release_quiet(t.fd, &got_tee_id);
	/* Each user object QTEE held: one notification, once let go. */
	if (wait_releases(&t.supp, OBJ_TARGET, 1) ||
	    wait_releases(&t.supp, OBJ_PASSED, 1) ||
	    wait_releases(&t.supp, OBJ_RETURNED, 1))
		ret = -1;
	return ret;
}

/* A relay call to @target with op @op, one OB of @ob_len: 0 or -1. */
static int relay_call(int fd, uint64_t relay, uint64_t target, uint32_t op,
		      void *ob, size_t ob_len, int32_t want, const char *what)
{
	struct call c;

	call_init(&c, relay, RELAY_OP_CALL);
	ubuf_in(&c, &op, sizeof(op));
	if (ob)
		ubuf_out(&c, ob, ob_len);
	obj_in(&c, target, QCOMTEE_OBJREF_FLAG_USER);
	return invoke_expect(fd, &c, want, what);
}

/* The behaviour of the "answers" object, chosen by the op it gets. */
enum answer_kind {
	ANS_RESULT_10 = 1,	/* ret 10 */
	ANS_DEFUNCT,		/* ret DEFUNCT */
	ANS_OB_TOO_BIG,		/* OB one byte larger than asked */
	ANS_FEWER_PARAMS,	/* one parameter missing */
	ANS_WRONG_TYPE,		/* OB answered as OBJREF_OUTPUT */
	ANS_FILL,		/* fill the OB to the byte */
};

#define OBJ_ANSWERS	20

static uint8_t big[4096];

static void answers_handle(struct supp *s, const struct req *r,
			   struct answer *a)
{
	(void)s;
	answer_same(r, a);
	switch (r->op) {
	case ANS_RESULT_10:
		a->ret = 10;
		a->np = 1;
		break;
	case ANS_DEFUNCT:
		a->ret = (uint32_t)QTEE_DEFUNCT;
		a->np = 1;
		break;
	case ANS_OB_TOO_BIG:
		a->p[1].a = (uintptr_t)big;
		a->p[1].b = r->p[1].b + 1;
		break;
	case ANS_FEWER_PARAMS:
		a->np = r->np;
		break;
	case ANS_WRONG_TYPE:
		a->p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT;
		a->p[1].a = TEE_OBJREF_NULL;
		break;
	case ANS_FILL:
		fill(big, r->p[1].b, 0x42);
		a->p[1].a = (uintptr_t)big;
		break;
	default:
		a->ret = QTEE_INVALID;
		a->np = 1;
	}
}

/* Results the supplicant chooses pass through QTEE to the caller. */
static int test_supplicant_results(void)
{
	if (need(t.relay, "relay"))
		return -1;
	supp_add(&t.supp, OBJ_ANSWERS, answers_handle);
	return relay_call(t.fd, t.relay, OBJ_ANSWERS, ANS_RESULT_10, NULL, 0,
			  10, "supplicant result 10") ||
	       relay_call(t.fd, t.relay, OBJ_ANSWERS, ANS_DEFUNCT, NULL, 0,
			  QTEE_DEFUNCT, "supplicant result DEFUNCT");
}

/* One malformed answer: SEND fails with EINVAL, QTEE sees UNAVAIL. */
static int bad_answer(enum answer_kind kind, const char *what)
{
	unsigned int n = supp_sends(&t.supp, OBJ_ANSWERS);
	uint8_t ob[8];
	int e;

	if (relay_call(t.fd, t.relay, OBJ_ANSWERS, kind, ob, sizeof(ob),
		       QTEE_UNAVAIL, what))
		return -1;
	e = supp_send_errno(&t.supp, OBJ_ANSWERS, n + 1);
	if (e != EINVAL) {
		diag("%s: TEE_IOC_SUPPL_SEND gave %s, want EINVAL", what,
		     errname(e));
		return -1;
	}
	return 0;
}

/* Bogus output objects in an answer. */
static void bogus_object_handle(struct supp *s, const struct req *r,
				struct answer *a)
{
	(void)s;
	answer_same(r, a);
	a->p[1].a = r->op == 1 ? 9999 : r->op == 2 ? 5 : 77;
	a->p[1].b = r->op == 1 ? QCOMTEE_OBJREF_FLAG_TEE :
		    r->op == 2 ? 8 : QCOMTEE_OBJREF_FLAG_MEM;
}

#define OBJ_BOGUS	21

static int bogus_object(uint32_t op, const char *what)
{
	unsigned int n = supp_sends(&t.supp, OBJ_BOGUS);
	uint32_t o = op;
	struct call c;
	int e;

	call_init(&c, t.relay, RELAY_OP_CALL);
	ubuf_in(&c, &o, sizeof(o));
	obj_in(&c, OBJ_BOGUS, QCOMTEE_OBJREF_FLAG_USER);
	obj_out(&c);
	if (invoke_expect(t.fd, &c, QTEE_UNAVAIL, what))
		return -1;
	e = supp_send_errno(&t.supp, OBJ_BOGUS, n + 1);
	if (e != EINVAL) {
		diag("%s: TEE_IOC_SUPPL_SEND gave %s, want EINVAL", what,
		     errname(e));
		return -1;
	}
	return 0;
}

/* Malformed answers and calls of the supplicant ioctls. */
static int test_malformed_answers(void)
{
	struct answer a = { .np = 1 };
	uint64_t buf[4];
	struct req r;
	int rc, fails = 0;

	if (need(t.relay, "relay"))
		return -1;
	supp_add(&t.supp, OBJ_BOGUS, bogus_object_handle);
	fails += !!bad_answer(ANS_OB_TOO_BIG, "output buffer larger than asked");
	fails += !!bad_answer(ANS_FEWER_PARAMS, "a parameter missing");
	fails += !!bad_answer(ANS_WRONG_TYPE, "wrong parameter type");
	fails += !!bogus_object(1, "unknown QTEE object id");
	fails += !!bogus_object(2, "unknown object flags");
	fails += !!bogus_object(3, "unknown shared memory id");

	/* Answering a request that does not exist. */
	rc = supp_send(t.fd, 123456, &a);
	if (rc != -ENOENT) {
		diag("SEND of an unknown request: %s, want ENOENT",
		     errname(-rc));
		fails++;
	}
	/* RECV without the META parameter. */
	rc = supp_recv(t.fd, &r, (uint8_t *)buf + 4, sizeof(buf) - 4);
	if (rc != -EINVAL) {
		diag("RECV with a misaligned buffer: %s, want EINVAL",
		     errname(-rc));
		fails++;
	}
	return fails ? -1 : 0;
}

/*
 * Output buffers at the limits: the largest callback that fits the
 * outbound buffer is filled to the byte; a larger one is MAXDATA; an
 * input buffer larger than the supplicant's RECV buffer fails RECV with
 * EMSGSIZE and the call with ERROR, and the next call works.
 */
static int test_limits(void)
{
	static uint8_t ob[4096], ib[2048];
	uint32_t op = ANS_FILL;
	struct tee_ioctl_param *b;
	struct call c;
	size_t fit = 4000;
	unsigned int before;

	if (need(t.relay, "relay"))
		return -1;
	memset(ob, 0, sizeof(ob));
	call_init(&c, t.relay, RELAY_OP_CALL);
	ubuf_in(&c, &op, sizeof(op));
	b = ubuf_out(&c, ob, fit);
	obj_in(&c, OBJ_ANSWERS, QCOMTEE_OBJREF_FLAG_USER);
	if (invoke_ok(t.fd, &c, "4000-byte callback output"))
		return -1;
	fill(big, fit, 0x42);
	if (b->b != fit || memcmp(ob, big, fit)) {
		diag("4000-byte output: %llu bytes back, or other bytes",
		     (unsigned long long)b->b);
		return -1;
	}
	if (relay_call(t.fd, t.relay, OBJ_ANSWERS, ANS_FILL, ob, sizeof(ob),
		       QTEE_MAXDATA, "4096-byte callback output"))
		return -1;

	pthread_mutex_lock(&t.supp.lock);
	t.supp.recv_buf = 1024;
	before = t.supp.recv_failures;
	pthread_mutex_unlock(&t.supp.lock);
	call_init(&c, t.relay, RELAY_OP_CALL);
	ubuf_in(&c, &op, sizeof(op));
	ubuf_in(&c, ib, sizeof(ib));
	ubuf_out(&c, ob, 8);
	obj_in(&c, OBJ_ANSWERS, QCOMTEE_OBJREF_FLAG_USER);
	if (invoke_expect(t.fd, &c, QTEE_ERROR,
			  "2048-byte input, 1024-byte RECV buffer"))
		return -1;
	pthread_mutex_lock(&t.supp.lock);
	t.supp.recv_buf = RECV_BUF;
	if (t.supp.recv_failures != before + 1 ||
	    t.supp.recv_errno != EMSGSIZE)
		diag("RECV failures %u -> %u (last %s), want one EMSGSIZE",
		     before, t.supp.recv_failures,
		     errname(t.supp.recv_errno));
	before = t.supp.recv_failures == before + 1 &&
		 t.supp.recv_errno == EMSGSIZE;
	pthread_mutex_unlock(&t.supp.lock);
	if (!before)
		return -1;
	return relay_call(t.fd, t.relay, OBJ_ANSWERS, ANS_FILL, ob, 8, 0,
			  "the call after");
}

/* A TA loaded from shared memory: SHM_ALLOC, MEM objref, MAP_REGION. */
static int test_memory_object(void)
{
	struct tee_ioctl_shm_alloc_data d = { .size = t.image_len };
	uint64_t ctrl = TEE_OBJREF_NULL, ta = TEE_OBJREF_NULL;
	struct tee_ioctl_param *oo, *sum;
	uint32_t in[2] = { 40, 2 }, out = 0;
	struct call c;
	int shm_fd, ret = -1;
	void *p;

	if (need(t.env, "client env") ||
	    (t.loader == TEE_OBJREF_NULL &&
	     open_service(t.fd, t.env, UID_APP_LOADER, &t.loader)))
		return -1;
	if (!t.image) {
		diag("no TA image");
		return -1;
	}
	shm_fd = ioctl(t.fd, TEE_IOC_SHM_ALLOC, &d);
	if (shm_fd < 0) {
		diag("TEE_IOC_SHM_ALLOC of %zu bytes: %s", t.image_len,
		     errname(errno));
		return -1;
	}
	diag("shared memory id %d, %llu bytes", d.id,
	     (unsigned long long)d.size);
	p = mmap(NULL, d.size, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
	if (p == MAP_FAILED) {
		diag("mmap: %s", errname(errno));
		close(shm_fd);
		return -1;
	}
	memcpy(p, t.image, t.image_len);

	call_init(&c, t.loader, APP_LOADER_OP_LOAD_FROM_REGION);
	obj_in(&c, d.id, QCOMTEE_OBJREF_FLAG_MEM);
	oo = obj_out(&c);
	if (invoke_ok(t.fd, &c, "loadFromRegion") ||
	    take_object(oo, &ctrl, "loadFromRegion"))
		goto out;
	call_init(&c, ctrl, APP_CONTROLLER_OP_GET_APP_OBJECT);
	oo = obj_out(&c);
	if (invoke_ok(t.fd, &c, "getAppObject") ||
	    take_object(oo, &ta, "getAppObject"))
		goto out;
	call_init(&c, ta, EXAMPLE_TA_OP_ADD);
	ubuf_in(&c, in, sizeof(in));
	sum = ubuf_out(&c, &out, sizeof(out));
	if (invoke_ok(t.fd, &c, "add") || sum->b != 4 || out != 42) {
		diag("add 40+2 gave %u", out);
		goto out;
	}

	/* Shared memory of no one: EINVAL, nothing reaches QTEE. */
	call_init(&c, t.loader, APP_LOADER_OP_LOAD_FROM_REGION);
	obj_in(&c, d.id + 1000, QCOMTEE_OBJREF_FLAG_MEM);
	obj_out(&c);
	if (expect_errno(t.fd, &c, EINVAL, "unknown shared memory id"))
		goto out;
	ret = 0;
out:
	release_quiet(t.fd, &ta);
	release_quiet(t.fd, &ctrl);
	munmap(p, d.size);
	close(shm_fd);
	return ret;
}

/* -- Several processes. -- */

#define OBJ_ECHO	30

/* Answers its one IB, reversed, in its one OB. */
static void echo_handle(struct supp *s, const struct req *r,
			struct answer *a)
{
	static __thread uint8_t out[256];
	const uint8_t *in = (const void *)(uintptr_t)r->p[1].a;
	size_t i, n = r->p[1].b;

	(void)s;
	answer_same(r, a);
	if (r->np != 2 || n > sizeof(out) || r->p[2].b < n) {
		a->ret = QTEE_INVALID;
		a->np = 1;
		return;
	}
	for (i = 0; i < n; i++)
		out[i] = in[n - 1 - i];
	a->p[2].a = (uintptr_t)out;
	a->p[2].b = n;
}

/* One process: its own fd, client env, relay and supplicant; N echoes. */
static int echo_process(const char *dev, unsigned int tag)
{
	uint64_t env, relay;
	struct tee_ioctl_param *oo, *b;
	uint8_t in[64], out[64];
	uint32_t op = 1;
	struct supp s;
	struct call c;
	unsigned int i, k;
	int fd, fails = 0;

	fd = open(dev, O_RDWR);
	if (fd < 0 || supp_start(&s, fd))
		return 1;
	supp_add(&s, CREDS_ID, creds_handle);
	supp_add(&s, OBJ_ECHO, echo_handle);
	call_init(&c, TEE_OBJREF_NULL, ROOT_OP_REGISTER);
	obj_in(&c, CREDS_ID, QCOMTEE_OBJREF_FLAG_USER);
	oo = obj_out(&c);
	if (invoke_ok(fd, &c, "register") || take_object(oo, &env, "env") ||
	    open_service(fd, env, UID_RELAY, &relay))
		return 1;
	for (i = 0; i < 20; i++) {
		for (k = 0; k < sizeof(in); k++)
			in[k] = tag * 16 + i + k;
		call_init(&c, relay, RELAY_OP_CALL);
		ubuf_in(&c, &op, sizeof(op));
		ubuf_in(&c, in, sizeof(in));
		b = ubuf_out(&c, out, sizeof(out));
		obj_in(&c, OBJ_ECHO, QCOMTEE_OBJREF_FLAG_USER);
		if (invoke_ok(fd, &c, "echo")) {
			fails++;
			continue;
		}
		for (k = 0; k < sizeof(in); k++)
			if (b->b != sizeof(in) || out[k] != in[sizeof(in) - 1 - k])
				break;
		if (k != sizeof(in)) {
			diag("process %u: echo %u came back wrong", tag, i);
			fails++;
		}
	}
	release_quiet(fd, &relay);
	release_quiet(fd, &env);
	if (wait_releases(&s, OBJ_ECHO, 20))
		fails++;
	supp_stop(&s);
	close(fd);
	return fails ? 1 : 0;
}

/* Two processes, each serving its own objects, at once. */
static int test_two_processes(void)
{
	pid_t pid[2];
	int i, status, fails = 0;

	if (t.fd < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(echo_process(t.dev, i + 1));
	}
	for (i = 0; i < 2; i++) {
		if (pid[i] < 0 || waitpid(pid[i], &status, 0) != pid[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			diag("process %d failed", i + 1);
			fails++;
		}
	}
	return fails ? -1 : 0;
}

/* -- A killed invoker. -- */

#define OBJ_STALL	40

/* Tells the test it holds a request, waits until let go, answers. */
static void stall_handle(struct supp *s, const struct req *r,
			 struct answer *a)
{
	answer_same(r, a);
	a->ret = 0;
	a->np = 1;
	pthread_mutex_lock(&s->lock);
	s->stalled = 1;
	pthread_cond_broadcast(&s->cond);
	while (!s->release_stall)
		pthread_cond_wait(&s->cond, &s->lock);
	s->release_stall = 0;
	pthread_mutex_unlock(&s->lock);
}

/*
 * The invoking process is killed while the supplicant processes its
 * request: the invocation ends, the late answer gets ENOENT, and the
 * next call works.
 */
static int test_killed_invoker(void)
{
	struct timespec ts;
	int status, e, ret = -1;
	pid_t pid;

	if (need(t.relay, "relay"))
		return -1;
	supp_add(&t.supp, OBJ_STALL, stall_handle);
	pid = fork();
	if (pid == 0) {
		/* Same file, same context: the parent's thread serves it. */
		relay_call(t.fd, t.relay, OBJ_STALL, 1, NULL, 0, 0, "stalled");
		_exit(0);
	}
	pthread_mutex_lock(&t.supp.lock);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	while (!t.supp.stalled &&
	       !pthread_cond_timedwait(&t.supp.cond, &t.supp.lock, &ts))
		;
	e = t.supp.stalled;
	t.supp.stalled = 0;
	pthread_mutex_unlock(&t.supp.lock);
	if (!e)
		diag("the request never reached the supplicant");
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status))
		diag("the invoker did not die of SIGKILL");
	else if (e)
		ret = 0;

	pthread_mutex_lock(&t.supp.lock);
	t.supp.release_stall = 1;
	pthread_cond_broadcast(&t.supp.cond);
	pthread_mutex_unlock(&t.supp.lock);
	e = supp_send_errno(&t.supp, OBJ_STALL, 1);
	if (e != ENOENT) {
		diag("answer after the invoker died: %s, want ENOENT",
		     errname(e));
		ret = -1;
	}
	if (relay_call(t.fd, t.relay, OBJ_ANSWERS, ANS_RESULT_10, NULL, 0,
		       10, "the call after"))
		ret = -1;
	return ret;
}

/* -- A supplicant that goes away. -- */

#define OBJ_STORED	50

/*
 * Process A: registers, has the relay keep one of its objects, says so
 * on @to_parent, then closes its file when told on @from_parent, never
 * serving a request.
 */
static int storing_process(const char *dev, int to_parent, int from_parent)
{
	uint64_t env = TEE_OBJREF_NULL, relay = TEE_OBJREF_NULL;
	struct tee_ioctl_param *oo;
	struct call c;
	char x = 0;
	int fd;

	fd = open(dev, O_RDWR);
	if (fd < 0)
		return 1;
	call_init(&c, TEE_OBJREF_NULL, ROOT_OP_REG_WITH_CREDENTIALS);
	obj_in(&c, CREDS_ID, QCOMTEE_OBJREF_FLAG_USER);
	oo = obj_out(&c);
	if (invoke_ok(fd, &c, "register") || take_object(oo, &env, "env") ||
	    open_service(fd, env, UID_RELAY, &relay))
		return 1;
	call_init(&c, relay, RELAY_OP_STORE);
	obj_in(&c, OBJ_STORED, QCOMTEE_OBJREF_FLAG_USER);
	if (invoke_ok(fd, &c, "store"))
		return 1;
	if (write(to_parent, &x, 1) != 1 || read(from_parent, &x, 1) != 1)
		return 1;
	close(fd);
	return 0;
}

struct stored_call {
	int rc;
	int32_t result;
};

static void *call_stored(void *arg)
{
	struct stored_call *sc = arg;
	uint32_t op = 1;
	struct call c;

	call_init(&c, t.relay, RELAY_OP_CALL_STORED);
	ubuf_in(&c, &op, sizeof(op));
	sc->rc = invoke(t.fd, &c);
	sc->result = (int32_t)c.arg.ret;
	return NULL;
}

/*
 * Another process's object is called while that process serves nothing;
 * it closes its file: the queued request fails (DEFUNCT to QTEE and to
 * the caller), nothing hangs, and the object goes once QTEE lets it go.
 */
static int test_supplicant_gone(void)
{
	struct stored_call sc = { .rc = 1 };
	int up[2], down[2], status, ret = -1;
	struct timespec ts;
	pthread_t thread;
	struct call c;
	pid_t pid;
	char x = 0;

	if (need(t.relay, "relay") || pipe(up) || pipe(down))
		return -1;
	pid = fork();
	if (pid == 0)
		_exit(storing_process(t.dev, up[1], down[0]));
	if (read(up[0], &x, 1) != 1) {
		diag("the storing process failed");
		waitpid(pid, &status, 0);
		return -1;
	}
	if (pthread_create(&thread, NULL, call_stored, &sc))
		return -1;
	usleep(300000);		/* the request is queued by now */
	if (write(down[1], &x, 1) != 1 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status))
		diag("the storing process did not exit cleanly");
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	if (pthread_timedjoin_np(thread, NULL, &ts)) {
		diag("the call to the gone process's object hangs");
		return -1;	/* the thread is left behind: the test failed */
	}
	if (sc.rc || sc.result != QTEE_DEFUNCT)
		diag("call to the gone process's object: %s, result %d, want DEFUNCT",
		     errname(-sc.rc), sc.result);
	else
		ret = 0;

	/* QTEE lets the object go: the closed context can be freed. */
	call_init(&c, t.relay, RELAY_OP_STORE);
	obj_in(&c, TEE_OBJREF_NULL, 0);
	if (invoke_ok(t.fd, &c, "store NULL"))
		ret = -1;
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	return ret;
}

/* -- main -- */

static const struct test tests[] = {
	{ "register (op 2): QTEE reads the credentials through callbacks",
	  test_register },
	{ "callback with 2 IB, 2 OB, 2 IO, 2 OO; user object back to its host; RELEASE notified",
	  test_relay_both_ways },
	{ "supplicant results pass through (10, DEFUNCT)",
	  test_supplicant_results },
	{ "malformed answers: EINVAL, QTEE sees UNAVAIL; unknown request ENOENT",
	  test_malformed_answers },
	{ "outputs at the limits: 4000 bytes, MAXDATA, RECV buffer too small",
	  test_limits },
	{ "TA loaded from a memory object (SHM_ALLOC, MAP_REGION)",
	  test_memory_object },
	{ "two processes serving their objects at once", test_two_processes },
	{ "invoker killed while its request is processed", test_killed_invoker },
	{ "file closed with a request queued: DEFUNCT, no hang",
	  test_supplicant_gone },
};

int main(int argc, char **argv)
{
	const char *ta_path = DEFAULT_TA, *dev = NULL;
	unsigned int i, failed = 0;
	int opt;

	while ((opt = getopt(argc, argv, "d:")) != -1) {
		if (opt != 'd') {
			fprintf(stderr, "usage: qteeuser [-d /dev/teeN] [TA_IMAGE]\n");
			return 2;
		}
		dev = optarg;
	}
	if (optind < argc)
		ta_path = argv[optind];

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("    KTAP version 1\n");
	printf("    1..%zu\n", ARRAY_SIZE(tests));
	t.fd = open_qtee(dev, &t.dev);
	if (read_file(ta_path, &t.image, &t.image_len))
		diag("cannot read the TA image %s", ta_path);

	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		int ret = tests[i].run();

		printf("    %s %u %s\n", ret ? "not ok" : "ok", i + 1,
		       tests[i].name);
		failed += !!ret;
	}

	release_quiet(t.fd, &t.loader);
	release_quiet(t.fd, &t.diag);
	release_quiet(t.fd, &t.relay);
	release_quiet(t.fd, &t.env);
	if (t.fd >= 0 && wait_releases(&t.supp, CREDS_ID, 1))
		failed++;
	if (t.fd >= 0) {
		supp_stop(&t.supp);
		close(t.fd);
	}
	return failed ? 1 : 0;
}
