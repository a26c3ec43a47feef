// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of QSEECOM and uefisecapp: the app registry, the UEFI
 * variable store (UEFI rules, space accounting), its file format
 * (round trip, every way a file can be refused) and the uefisecapp
 * protocol (layouts as the Linux 6.12 client reads them, every malformed
 * request). Built with ASan/UBSan: requests and responses are allocated
 * at their exact size, so any access outside them fails the test.
 * Output is KTAP (kselftest harness).
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/qseecom.h>
#include <tzsim/uefisecapp.h>
#include <tzsim/uefivars.h>

#define NV_BS_RT	0x7U
#define APPEND		EFI_VARIABLE_APPEND_WRITE

/* EFI_GLOBAL_VARIABLE, 8be4df61-93ca-11d2-aa0d-00e098032b8c. */
static const uint8_t guid_global[16] = {
	0x61, 0xdf, 0xe4, 0x8b, 0xca, 0x93, 0xd2, 0x11,
	0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c,
};

static const uint8_t guid_other[16] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
};

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* @s as UTF-16LE with its terminator into @out; returns the bytes. */
static uint32_t u16(const char *s, uint8_t *out)
{
	size_t i, n = strlen(s);

	for (i = 0; i <= n; i++) {
		out[2 * i] = (uint8_t)s[i];
		out[2 * i + 1] = 0;
	}
	return 2 * (n + 1);
}

/* A name of @n 'a's (plus the terminator). */
static char *long_name(size_t n)
{
	char *s = malloc(n + 1);

	memset(s, 'a', n);
	s[n] = '\0';
	return s;
}

/* -- Store helpers. -- */

static uint8_t name_buf[4096];

static uint32_t vset(struct uefivars_store *st, const char *name,
		     const uint8_t *guid, uint32_t attrs, const void *data,
		     uint32_t size, bool *changed)
{
	bool dummy;
	uint32_t ns = u16(name, name_buf);

	return uefivars_set(st, name_buf, ns, guid, attrs, data, size,
			    changed ? changed : &dummy);
}

static uint32_t vget(struct uefivars_store *st, const char *name,
		     const uint8_t *guid, uint32_t *attrs, void *data,
		     uint32_t *size)
{
	uint32_t ns = u16(name, name_buf);

	return uefivars_get(st, name_buf, ns, guid, attrs, data, size);
}

/* The next variable's name as ASCII into @out (and its GUID). */
static uint32_t vnext(struct uefivars_store *st, const char *name,
		      const uint8_t *guid, char *out, uint8_t *out_guid)
{
	uint8_t in[512], buf[512];
	uint32_t ns = u16(name, in), size = sizeof(buf), status;
	uint32_t i;

	status = uefivars_next(st, in, ns, guid, buf, &size, out_guid);
	if (status == EFI_SUCCESS)
		for (i = 0; i < size / 2; i++)
			out[i] = (char)buf[2 * i];
	return status;
}

static size_t rec(size_t name_chars, size_t data)
{
	return UEFIVARS_REC_HDR_SIZE + 2 * (name_chars + 1) + data;
}

/* -- Registry. -- */

static uint32_t app_a(const uint8_t *req, size_t req_size, uint8_t *rsp,
		      size_t rsp_size)
{
	return QSEECOM_RESULT_SUCCESS;
}

static const struct qseecom_app apps[] = {
	{ "qcom.tz.uefisecapp", 3, app_a },
	{ "qcom.tz.keymaster", 4, app_a },
};

TEST(registry_lookup)
{
	EXPECT_EQ(&apps[0], qseecom_app_by_name(apps, 2, "qcom.tz.uefisecapp",
						18));
	EXPECT_EQ(&apps[1], qseecom_app_by_name(apps, 2, "qcom.tz.keymaster",
						17));
	/* The length is the name: no prefix, no longer name, no NUL. */
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 2, "qcom.tz.uefisecapp",
					    17));
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 2, "qcom.tz.uefisecappX",
					    19));
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 2, "qcom.tz.uefisecapp\0",
					    19));
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 2, "QCOM.TZ.UEFISECAPP",
					    18));
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 2, "qcom.tz.widevine", 16));
	EXPECT_EQ(NULL, qseecom_app_by_name(apps, 0, "qcom.tz.uefisecapp",
					    18));
	EXPECT_EQ(&apps[0], qseecom_app_by_id(apps, 2, 3));
	EXPECT_EQ(&apps[1], qseecom_app_by_id(apps, 2, 4));
	EXPECT_EQ(NULL, qseecom_app_by_id(apps, 2, 0));
	EXPECT_EQ(NULL, qseecom_app_by_id(apps, 2, 5));
	/* A 64-bit id is not truncated into a match. */
	EXPECT_EQ(NULL, qseecom_app_by_id(apps, 2, 0x100000003ULL));
}

TEST(registry_check)
{
	char name63[64], name64[65], why[160];
	const struct qseecom_app ok63[] = { { name63, 1, app_a } };
	const struct qseecom_app long64[] = { { name64, 1, app_a } };
	const struct qseecom_app dup_id[] = {
		{ "a", 7, app_a }, { "b", 7, app_a },
	};
	const struct qseecom_app dup_name[] = {
		{ "a", 7, app_a }, { "a", 8, app_a },
	};
	const struct qseecom_app no_id[] = { { "a", 0, app_a } };
	const struct qseecom_app empty[] = { { "", 1, app_a } };
	const struct qseecom_app no_name[] = { { NULL, 1, app_a } };
	const struct qseecom_app no_fn[] = { { "a", 1, NULL } };

	memset(name63, 'n', 63);
	name63[63] = '\0';
	memset(name64, 'n', 64);
	name64[64] = '\0';
	EXPECT_EQ(0, qseecom_apps_check(apps, 2, why, sizeof(why)));
	EXPECT_EQ(0, qseecom_apps_check(ok63, 1, why, sizeof(why)));
	EXPECT_EQ(0, qseecom_apps_check(apps, 0, why, sizeof(why)));
	EXPECT_EQ(-1, qseecom_apps_check(long64, 1, why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "1..63 characters"));
	EXPECT_EQ(-1, qseecom_apps_check(dup_id, 2, why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "share a name or id"));
	EXPECT_EQ(-1, qseecom_apps_check(dup_name, 2, why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "share a name or id"));
	EXPECT_EQ(-1, qseecom_apps_check(no_id, 1, why, sizeof(why)));
	EXPECT_EQ(-1, qseecom_apps_check(empty, 1, why, sizeof(why)));
	EXPECT_EQ(-1, qseecom_apps_check(no_name, 1, why, sizeof(why)));
	EXPECT_EQ(-1, qseecom_apps_check(no_fn, 1, why, sizeof(why)));
}

TEST(registry_printable_name)
{
	const uint8_t raw[] = { 'q', '.', 0, 0x7f, '\'', 0xff, 'z' };
	char out[16];

	qseecom_name_printable(raw, sizeof(raw), out, sizeof(out));
	EXPECT_STREQ("q.????z", out);
	qseecom_name_printable(raw, sizeof(raw), out, 3);
	EXPECT_STREQ("q.", out);
}

/* -- Store. -- */

TEST(store_set_get)
{
	static uint8_t arena[1024];
	struct uefivars_store st;
	uint8_t data[16];
	uint32_t attrs, size;
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Boot", guid_global, NV_BS_RT,
				    "abcd", 4, &changed));
	EXPECT_TRUE(changed);
	EXPECT_EQ(1, st.count);
	EXPECT_EQ(rec(4, 4), st.used);

	size = sizeof(data);
	attrs = 0;
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "Boot", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(4, size);
	EXPECT_EQ(NV_BS_RT, attrs);
	EXPECT_EQ(0, memcmp(data, "abcd", 4));

	/* Too small: the size needed and the attributes, nothing copied. */
	memset(data, 0x5a, sizeof(data));
	size = 3;
	attrs = 0;
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, vget(&st, "Boot", guid_global, &attrs,
					     data, &size));
	EXPECT_EQ(4, size);
	EXPECT_EQ(NV_BS_RT, attrs);
	EXPECT_EQ(0x5a, data[0]);
	size = 0;
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, vget(&st, "Boot", guid_global, &attrs,
					     NULL, &size));
	EXPECT_EQ(4, size);

	/* Name and GUID both name the variable; names are case-sensitive. */
	size = sizeof(data);
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "Boot", guid_other, &attrs, data,
				      &size));
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "boot", guid_global, &attrs, data,
				      &size));
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "Boo", guid_global, &attrs, data,
				      &size));
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "", guid_global, &attrs, data,
				      &size));
	/* A malformed name. */
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  uefivars_get(&st, (const uint8_t *)"B\0o", 3, guid_global,
			       &attrs, data, &size));

	/* The same name under another GUID is another variable. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Boot", guid_other, NV_BS_RT, "xy",
				    2, NULL));
	EXPECT_EQ(2, st.count);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "Boot", guid_other, &attrs, data,
				    &size));
	EXPECT_EQ(2, size);
}

TEST(store_rewrite_keeps_order_and_neighbours)
{
	static uint8_t arena[1024];
	struct uefivars_store st;
	uint8_t data[32], g[16];
	uint32_t attrs, size;
	char name[8] = "";

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "1", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "B", guid_global, NV_BS_RT, "222", 3,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "C", guid_global, NV_BS_RT, "33", 2,
				    NULL));
	/* Grow B: C moves up, unharmed. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "B", guid_global, NV_BS_RT,
				    "0123456789", 10, NULL));
	EXPECT_EQ(rec(1, 1) + rec(1, 10) + rec(1, 2), st.used);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "C", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(2, size);
	EXPECT_EQ(0, memcmp(data, "33", 2));
	/* Shrink it. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "B", guid_global, NV_BS_RT, "b", 1,
				    NULL));
	EXPECT_EQ(rec(1, 1) + rec(1, 1) + rec(1, 2), st.used);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "B", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(1, size);
	EXPECT_EQ('b', data[0]);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "C", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(0, memcmp(data, "33", 2));
	/* Creation order: A, B, C. */
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "", guid_global, name, g));
	EXPECT_STREQ("A", name);
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "A", guid_global, name, g));
	EXPECT_STREQ("B", name);
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "B", guid_global, name, g));
	EXPECT_STREQ("C", name);
}

TEST(store_append)
{
	static uint8_t arena[1024];
	struct uefivars_store st;
	uint8_t data[16];
	uint32_t attrs, size;
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	/* APPEND_WRITE on a missing variable creates it, without the bit. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Log", guid_global, NV_BS_RT | APPEND,
				    "ab", 2, &changed));
	EXPECT_TRUE(changed);
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Log", guid_global, NV_BS_RT | APPEND,
				    "cd", 2, &changed));
	EXPECT_TRUE(changed);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "Log", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(4, size);
	EXPECT_EQ(NV_BS_RT, attrs);
	EXPECT_EQ(0, memcmp(data, "abcd", 4));
	/* Appending nothing changes nothing, existing or not. */
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "Log", guid_global, NV_BS_RT | APPEND,
				    NULL, 0, &changed));
	EXPECT_FALSE(changed);
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "None", guid_global,
				    NV_BS_RT | APPEND, NULL, 0, &changed));
	EXPECT_FALSE(changed);
	size = sizeof(data);
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "None", guid_global, &attrs, data,
				      &size));
	/* The attributes must still match. */
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  vset(&st, "Log", guid_global, 0x3 | APPEND, "ef", 2,
		       &changed));
	EXPECT_FALSE(changed);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "Log", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(4, size);
}

TEST(store_delete)
{
	static uint8_t arena[1024];
	struct uefivars_store st;
	uint8_t data[16];
	uint32_t attrs, size;
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	/* data_size 0 deletes. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "1", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, NULL, 0,
				    &changed));
	EXPECT_TRUE(changed);
	size = sizeof(data);
	EXPECT_EQ(EFI_NOT_FOUND, vget(&st, "A", guid_global, &attrs, data,
				      &size));
	EXPECT_EQ(0, st.used);
	EXPECT_EQ(0, st.count);
	/* Attributes 0 delete too, whatever the data. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "1", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, 0, "zz", 2,
				    &changed));
	EXPECT_TRUE(changed);
	EXPECT_EQ(0, st.count);
	/* Deleting what is not there. */
	EXPECT_EQ(EFI_NOT_FOUND, vset(&st, "A", guid_global, NV_BS_RT, NULL, 0,
				      &changed));
	EXPECT_FALSE(changed);
	EXPECT_EQ(EFI_NOT_FOUND, vset(&st, "A", guid_global, 0, NULL, 0,
				      &changed));
	/* No access attributes on a new variable: a delete, so NOT_FOUND. */
	EXPECT_EQ(EFI_NOT_FOUND, vset(&st, "A", guid_global,
				      EFI_VARIABLE_NON_VOLATILE, "1", 1,
				      &changed));
	/*
	 * On an existing one, nonzero attributes that differ are refused
	 * first (EDK2), even for a delete.
	 */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "1", 1,
				    NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  vset(&st, "A", guid_global, EFI_VARIABLE_NON_VOLATILE, "1",
		       1, &changed));
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  vset(&st, "A", guid_global, 0x3, NULL, 0, &changed));
	EXPECT_FALSE(changed);
	EXPECT_EQ(1, st.count);
	/* Only the named one goes. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "B", guid_global, NV_BS_RT, "2", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, 0, NULL, 0, NULL));
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "B", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(rec(1, 1), st.used);
}

TEST(store_attribute_rules)
{
	static const struct {
		uint32_t attrs, status;
	} cases[] = {
		{ 0x07, EFI_SUCCESS },
		{ 0x03, EFI_SUCCESS },		/* boot-service only */
		{ 0x02, EFI_SUCCESS },		/* volatile */
		{ 0x06, EFI_SUCCESS },		/* volatile, runtime */
		{ 0x47, EFI_SUCCESS },		/* append creates */
		{ 0x04, EFI_INVALID_PARAMETER },	/* RT needs BS */
		{ 0x05, EFI_INVALID_PARAMETER },
		{ 0x107, EFI_INVALID_PARAMETER },	/* reserved bits */
		{ 0x80000007, EFI_INVALID_PARAMETER },
		{ 0x0a, EFI_INVALID_PARAMETER },	/* HR needs NV */
		{ 0xa7, EFI_INVALID_PARAMETER },	/* time-based + enhanced */
		{ 0x0b, EFI_UNSUPPORTED },		/* hardware error record */
		{ 0x17, EFI_UNSUPPORTED },		/* authenticated write */
		{ 0x27, EFI_UNSUPPORTED },		/* time-based auth */
		{ 0x87, EFI_UNSUPPORTED },		/* enhanced auth */
		{ 0x67, EFI_UNSUPPORTED },
	};
	static uint8_t arena[1024];
	struct uefivars_store st;
	unsigned int i;
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].status,
			  vset(&st, "V", guid_global, cases[i].attrs, "x", 1,
			       &changed)) {
			TH_LOG("attributes 0x%x", cases[i].attrs);
		}
		EXPECT_EQ(cases[i].status == EFI_SUCCESS, changed);
		EXPECT_EQ(cases[i].status == EFI_SUCCESS, st.count);
		if (st.count)
			vset(&st, "V", guid_global, 0, NULL, 0, NULL);
	}
	/* An existing variable keeps its attributes (APPEND_WRITE aside). */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "V", guid_global, NV_BS_RT, "x", 1,
				    NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "V", guid_global, 0x3, "y",
					      1, NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "V", guid_global, 0x6, "y",
					      1, NULL));
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "V", guid_global, NV_BS_RT | APPEND,
				    "y", 1, NULL));
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "V", guid_global, NV_BS_RT, "z", 1,
				    NULL));
	/* The checker on its own. */
	EXPECT_EQ(EFI_SUCCESS, uefivars_attrs_check(0));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_attrs_check(APPEND));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_attrs_check(0x100));
}

TEST(store_name_rules)
{
	static uint8_t arena[8192];
	struct uefivars_store st;
	char *n1023 = long_name(1023), *n1024 = long_name(1024);
	const uint8_t nul2[] = { 0, 0 }, a_nul[] = { 'A', 0, 0, 0 };
	const uint8_t unterminated[] = { 'A', 0, 'B', 0 };
	const uint8_t inner_nul[] = { 'A', 0, 0, 0, 'B', 0, 0, 0 };
	const uint8_t high_byte_only[] = { 0, 1, 0, 0 };
	uint8_t out[8], g[16];
	uint32_t out_size = sizeof(out);
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	EXPECT_EQ(EFI_SUCCESS, uefivars_name_check(nul2, 2));
	EXPECT_EQ(EFI_SUCCESS, uefivars_name_check(a_nul, 4));
	/* U+0100 is a character, not a terminator. */
	EXPECT_EQ(EFI_SUCCESS, uefivars_name_check(high_byte_only, 4));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_name_check(a_nul, 0));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_name_check(a_nul, 3));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_name_check(unterminated, 4));
	EXPECT_EQ(EFI_INVALID_PARAMETER, uefivars_name_check(inner_nul, 8));

	/* An empty name is no variable name. */
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "", guid_global, NV_BS_RT,
					      "x", 1, &changed));
	EXPECT_FALSE(changed);
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  uefivars_set(&st, inner_nul, 8, guid_global, NV_BS_RT,
			       (const uint8_t *)"x", 1, &changed));
	/* 1024 characters with the terminator fit; 1025 do not. */
	EXPECT_EQ(EFI_SUCCESS, vset(&st, n1023, guid_global, NV_BS_RT, "x", 1,
				    &changed));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, n1024, guid_global,
					      NV_BS_RT, "x", 1, &changed));
	EXPECT_EQ(1, st.count);
	/* GetNextVariableName checks the name it is given. */
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  uefivars_next(&st, unterminated, 4, guid_global, out,
				&out_size, g));
	free(n1023);
	free(n1024);
}

TEST(store_out_of_resources)
{
	static uint8_t arena[256];
	struct uefivars_store st;
	uint8_t big[256] = { 0 }, before[256];
	uint32_t attrs, size;
	bool changed;

	uefivars_init(&st, arena, sizeof(arena));
	/* Exactly full: 32 + 4 + 220 = 256. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, big, 220,
				    NULL));
	EXPECT_EQ(256, st.used);
	EXPECT_EQ(EFI_OUT_OF_RESOURCES, vset(&st, "B", guid_global, NV_BS_RT,
					     "x", 1, &changed));
	EXPECT_FALSE(changed);
	EXPECT_EQ(EFI_OUT_OF_RESOURCES, vset(&st, "A", guid_global,
					     NV_BS_RT | APPEND, "x", 1,
					     &changed));
	EXPECT_EQ(EFI_OUT_OF_RESOURCES, vset(&st, "A", guid_global, NV_BS_RT,
					     big, 221, &changed));
	EXPECT_FALSE(changed);
	/* Rewriting with the same size or smaller always fits. */
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, big, 220,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, big, 100,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "B", guid_global, NV_BS_RT, "bbbbb",
				    5, NULL));
	EXPECT_EQ(rec(1, 100) + rec(1, 5), st.used);
	/* Growing A by more than is left fails and leaves all as it was. */
	memcpy(before, arena, sizeof(arena));
	EXPECT_EQ(EFI_OUT_OF_RESOURCES,
		  vset(&st, "A", guid_global, NV_BS_RT, big,
		       100 + 256 - (uint32_t)st.used + 1, NULL));
	EXPECT_EQ(0, memcmp(before, arena, sizeof(arena)));
	EXPECT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, big,
				    100 + 256 - (uint32_t)st.used, NULL));
	EXPECT_EQ(256, st.used);
	size = 5;
	EXPECT_EQ(EFI_SUCCESS, vget(&st, "B", guid_global, &attrs, big,
				    &size));
	EXPECT_EQ(0, memcmp(big, "bbbbb", 5));
}

TEST(store_max_variable_size)
{
	static uint8_t arena[UEFIVARS_STORAGE_SIZE];
	static uint8_t data[UEFIVARS_MAX_VAR_SIZE];
	struct uefivars_store st;

	uefivars_init(&st, arena, sizeof(arena));
	/* name_size + data_size: 4 + 32764 is the largest. */
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "A", guid_global, NV_BS_RT,
					      data, 32765, NULL));
	EXPECT_EQ(0, st.count);
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, data,
				    32764, NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "A", guid_global,
					      NV_BS_RT | APPEND, "x", 1,
					      NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vset(&st, "A", guid_global, NV_BS_RT,
					      data, 32765, NULL));
	EXPECT_EQ(rec(1, 32764), st.used);
	/* A data_size near 4 GiB does not wrap. */
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  vset(&st, "B", guid_global, NV_BS_RT, data, 0xfffffffe,
		       NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER,
		  vset(&st, "A", guid_global, NV_BS_RT | APPEND, data,
		       0xffffffff, NULL));
}

TEST(store_next)
{
	static uint8_t arena[4096];
	struct uefivars_store st;
	uint8_t g[16], in[16], out[64];
	uint32_t size, ns;
	char name[64] = "";

	uefivars_init(&st, arena, sizeof(arena));
	EXPECT_EQ(EFI_NOT_FOUND, vnext(&st, "", guid_global, name, g));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "1", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Bee", guid_global, NV_BS_RT, "2", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_other, NV_BS_RT, "3", 1,
				    NULL));
	/* The empty name starts, whatever the GUID. */
	memset(name, 0, sizeof(name));
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "", guid_other, name, g));
	EXPECT_STREQ("A", name);
	EXPECT_EQ(0, memcmp(g, guid_global, 16));
	memset(name, 0, sizeof(name));
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "A", guid_global, name, g));
	EXPECT_STREQ("Bee", name);
	memset(name, 0, sizeof(name));
	EXPECT_EQ(EFI_SUCCESS, vnext(&st, "Bee", guid_global, name, g));
	EXPECT_STREQ("A", name);
	EXPECT_EQ(0, memcmp(g, guid_other, 16));
	EXPECT_EQ(EFI_NOT_FOUND, vnext(&st, "A", guid_other, name, g));
	/* Not a variable: INVALID_PARAMETER (UEFI 2.8). */
	EXPECT_EQ(EFI_INVALID_PARAMETER, vnext(&st, "Q", guid_global, name,
					       g));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vnext(&st, "Bee", guid_other, name,
					       g));
	/* Buffer too small: the size needed, terminator included. */
	ns = u16("A", in);
	size = 7;
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, uefivars_next(&st, in, ns, guid_global,
						      out, &size, g));
	EXPECT_EQ(8, size);
	size = 8;
	EXPECT_EQ(EFI_SUCCESS, uefivars_next(&st, in, ns, guid_global, out,
					     &size, g));
	EXPECT_EQ(8, size);
	/* A variable deleted mid-walk is no longer a place to go on from. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Bee", guid_global, 0, NULL, 0,
				    NULL));
	EXPECT_EQ(EFI_INVALID_PARAMETER, vnext(&st, "Bee", guid_global, name,
					       g));
}

TEST(store_query)
{
	static uint8_t arena[UEFIVARS_STORAGE_SIZE], small[256], tiny[20];
	static const uint32_t bad[][2] = {
		{ 0, EFI_INVALID_PARAMETER },
		{ 0x5, EFI_INVALID_PARAMETER },
		{ 0x47, EFI_INVALID_PARAMETER },	/* APPEND_WRITE */
		{ 0x107, EFI_INVALID_PARAMETER },
		{ 0xa, EFI_INVALID_PARAMETER },
		{ 0xb, EFI_UNSUPPORTED },
		{ 0x17, EFI_UNSUPPORTED },
		{ 0x27, EFI_UNSUPPORTED },
	};
	struct uefivars_store st;
	uint64_t storage, remaining, max;
	unsigned int i;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, uefivars_query(&st, NV_BS_RT, &storage,
					      &remaining, &max));
	EXPECT_EQ(65536, storage);
	EXPECT_EQ(65536, remaining);
	EXPECT_EQ(32768, max);
	/* Every variable costs 32 bytes of header, its name and its data. */
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Boot", guid_global, NV_BS_RT,
				    "0123456789", 10, NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Tmp", guid_global, 0x6, "ab", 2,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, uefivars_query(&st, 0x3, &storage, &remaining,
					      &max));
	EXPECT_EQ(65536 - (32 + 10 + 10) - (32 + 8 + 2), remaining);
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Boot", guid_global, 0, NULL, 0,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Tmp", guid_global, 0, NULL, 0,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, uefivars_query(&st, 0x7, &storage, &remaining,
					      &max));
	EXPECT_EQ(65536, remaining);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		storage = 1;
		remaining = 1;
		max = 1;
		EXPECT_EQ(bad[i][1], uefivars_query(&st, bad[i][0], &storage,
						    &remaining, &max)) {
			TH_LOG("attributes 0x%x", bad[i][0]);
		}
		EXPECT_EQ(0, storage + remaining + max);
	}
	/* A smaller arena cannot hold a 32 KiB variable. */
	uefivars_init(&st, small, sizeof(small));
	ASSERT_EQ(EFI_SUCCESS, uefivars_query(&st, NV_BS_RT, &storage,
					      &remaining, &max));
	EXPECT_EQ(256, storage);
	EXPECT_EQ(224, max);
	uefivars_init(&st, tiny, sizeof(tiny));
	ASSERT_EQ(EFI_SUCCESS, uefivars_query(&st, NV_BS_RT, &storage,
					      &remaining, &max));
	EXPECT_EQ(0, max);
}

TEST(guid_text)
{
	char s[UEFIVARS_GUID_STR_SIZE];

	uefivars_guid_str(guid_global, s);
	EXPECT_STREQ("8be4df61-93ca-11d2-aa0d-00e098032b8c", s);
	uefivars_guid_str(guid_other, s);
	EXPECT_STREQ("04030201-0605-0807-090a-0b0c0d0e0f10", s);
}

/* -- File. -- */

TEST(file_crc32)
{
	EXPECT_EQ(0xcbf43926U, uefivars_crc32((const uint8_t *)"123456789",
					      9));
	EXPECT_EQ(0, uefivars_crc32(NULL, 0));
}

TEST(file_round_trip)
{
	static uint8_t arena[4096], arena2[4096], img[8192];
	struct uefivars_store st, back;
	uint8_t data[16], g[16];
	uint32_t attrs, size;
	size_t len;
	char why[96], name[16] = "";

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Zeta", guid_global, NV_BS_RT, "zz",
				    2, NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Volatile", guid_global, 0x6, "v", 1,
				    NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Alpha", guid_other, 0x3, "abc", 3,
				    NULL));
	len = uefivars_file_write(&st, img, sizeof(img));
	EXPECT_EQ(32 + rec(4, 2) + rec(5, 3), len);
	EXPECT_EQ(len, uefivars_file_size(&st));
	EXPECT_EQ(0, memcmp(img, "TZUEFIVS", 8));
	EXPECT_EQ(1, get32(img + 8));
	EXPECT_EQ(32, get32(img + 12));
	EXPECT_EQ(len - 32, get32(img + 16));
	EXPECT_EQ(2, get32(img + 20));
	EXPECT_EQ(uefivars_crc32(img + 32, len - 32), get32(img + 24));
	EXPECT_EQ(0, get32(img + 28));
	/* Too small a buffer: nothing. */
	EXPECT_EQ(0, uefivars_file_write(&st, img, len - 1));

	uefivars_init(&back, arena2, sizeof(arena2));
	ASSERT_EQ(0, uefivars_file_read(&back, img, len, why, sizeof(why)));
	EXPECT_STREQ("", why);
	EXPECT_EQ(2, back.count);
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&back, "Zeta", guid_global, &attrs, data,
				    &size));
	EXPECT_EQ(NV_BS_RT, attrs);
	EXPECT_EQ(0, memcmp(data, "zz", 2));
	size = sizeof(data);
	EXPECT_EQ(EFI_SUCCESS, vget(&back, "Alpha", guid_other, &attrs, data,
				    &size));
	EXPECT_EQ(0x3, attrs);
	EXPECT_EQ(3, size);
	/* The volatile one is not kept; the order is. */
	size = sizeof(data);
	EXPECT_EQ(EFI_NOT_FOUND, vget(&back, "Volatile", guid_global, &attrs,
				      data, &size));
	EXPECT_EQ(EFI_SUCCESS, vnext(&back, "", guid_global, name, g));
	EXPECT_STREQ("Zeta", name);

	/* An empty store is a header alone. */
	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(32, uefivars_file_write(&st, img, sizeof(img)));
	EXPECT_EQ(0, uefivars_file_read(&back, img, 32, why, sizeof(why)));
	EXPECT_EQ(0, back.count);
	EXPECT_EQ(0, back.used);
}

/* A valid image of two variables in @img; returns its size. */
static size_t good_image(uint8_t *img, size_t max)
{
	static uint8_t arena[4096];
	struct uefivars_store st;

	uefivars_init(&st, arena, sizeof(arena));
	vset(&st, "One", guid_global, NV_BS_RT, "1111", 4, NULL);
	vset(&st, "Two", guid_global, NV_BS_RT, "22", 2, NULL);
	return uefivars_file_write(&st, img, max);
}

static void fix_crc(uint8_t *img, size_t len)
{
	put32(img + 24, uefivars_crc32(img + 32, len - 32));
}

/* Offset of the first and second record in good_image(). */
#define REC1	32
#define REC2	(32 + 32 + 8 + 4)

enum mutation {
	SHORT, MAGIC, VERSION, HDR_SIZE, CUT, EXTRA, CHECKSUM, COUNT,
	NAME_SIZE_HUGE, DATA_SIZE_0, VOLATILE, WITH_APPEND, RESERVED,
	BAD_ATTRS, UNTERMINATED, DUPLICATE, TRAILING, TOO_BIG_VAR,
	NR_MUTATIONS,
};

static size_t mutate(uint8_t *img, size_t len, enum mutation m)
{
	switch (m) {
	case SHORT:
		return 31;
	case MAGIC:
		img[3] ^= 0x20;
		return len;
	case VERSION:
		put32(img + 8, 2);
		return len;
	case HDR_SIZE:
		put32(img + 12, 36);
		return len;
	case CUT:
		return len - 1;
	case EXTRA:
		img[len] = 0;
		return len + 1;
	case CHECKSUM:
		img[len - 1] ^= 1;
		return len;
	case COUNT:
		put32(img + 20, 3);
		return len;
	case NAME_SIZE_HUGE:
		put32(img + REC2 + 4, 0xfffffff0);
		break;
	case DATA_SIZE_0:
		/* Keep the record size: move the data into the name. */
		put32(img + REC2 + 4, get32(img + REC2 + 4) + 2);
		put32(img + REC2 + 8, 0);
		break;
	case VOLATILE:
		put32(img + REC1, 0x6);
		break;
	case WITH_APPEND:
		put32(img + REC1, NV_BS_RT | APPEND);
		break;
	case RESERVED:
		put32(img + REC1 + 28, 1);
		break;
	case BAD_ATTRS:
		put32(img + REC1, 0x5);
		break;
	case UNTERMINATED:
		img[REC1 + 32 + 6] = 'x';
		break;
	case DUPLICATE:
		/* Make "Two" a second "One" with the same GUID. */
		img[REC2 + 32 + 0] = 'O';
		img[REC2 + 32 + 2] = 'n';
		img[REC2 + 32 + 4] = 'e';
		break;
	case TRAILING:
		memset(img + len, 0, 10);
		len += 10;
		put32(img + 16, len - 32);
		break;
	case TOO_BIG_VAR:
		put32(img + REC2 + 8, 40000);
		put32(img + 16, len - 32 + 40000 - 2);
		memset(img + len, 0, 40000 - 2);
		len += 40000 - 2;
		break;
	default:
		break;
	}
	fix_crc(img, len);
	return len;
}

TEST(file_corrupt)
{
	static const char *const why_of[NR_MUTATIONS] = {
		[SHORT] = "31 bytes, shorter than the header",
		[MAGIC] = "bad magic",
		[VERSION] = "version 2, header size 32",
		[HDR_SIZE] = "header size 36",
		[CUT] = "payload size",
		[EXTRA] = "payload size",
		[CHECKSUM] = "bad checksum",
		[COUNT] = "2 records, the header says 3",
		[NAME_SIZE_HUGE] = "record larger than the payload",
		[DATA_SIZE_0] = "data size 0",
		[VOLATILE] = "attributes 0x6",
		[WITH_APPEND] = "attributes 0x47",
		[RESERVED] = "record with attributes",
		[BAD_ATTRS] = "record refused: status 0x80000002",
		[UNTERMINATED] = "record refused",
		[DUPLICATE] = "variable stored twice",
		[TRAILING] = "record header cut short",
		[TOO_BIG_VAR] = "record refused",
	};
	static uint8_t arena[UEFIVARS_STORAGE_SIZE], img[50000];
	struct uefivars_store st;
	char why[96];
	unsigned int m;
	size_t len;

	for (m = 0; m < NR_MUTATIONS; m++) {
		uefivars_init(&st, arena, sizeof(arena));
		/* The store held something: a refused file empties it. */
		vset(&st, "Old", guid_global, NV_BS_RT, "o", 1, NULL);
		len = mutate(img, good_image(img, sizeof(img)), m);
		why[0] = '\0';
		EXPECT_EQ(-1, uefivars_file_read(&st, img, len, why,
						 sizeof(why))) {
			TH_LOG("mutation %u", m);
		}
		EXPECT_NE(NULL, strstr(why, why_of[m])) {
			TH_LOG("mutation %u gave '%s'", m, why);
		}
		EXPECT_EQ(0, st.count);
		EXPECT_EQ(0, st.used);
	}
	/* A payload larger than the store. */
	uefivars_init(&st, arena, 50);
	len = good_image(img, sizeof(img));
	EXPECT_EQ(-1, uefivars_file_read(&st, img, len, why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "larger than the store (50)"));
	/* The unmutated image is fine. */
	uefivars_init(&st, arena, sizeof(arena));
	EXPECT_EQ(0, uefivars_file_read(&st, img, len, why, sizeof(why)));
	EXPECT_EQ(2, st.count);
}

/* -- Protocol. -- */

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

/* Requests laid out as the Linux 6.12 client does. */
static size_t get_req(uint8_t *req, const char *name, const uint8_t *guid,
		      uint32_t data_size)
{
	uint32_t ns = u16(name, req + 28);
	size_t guid_off = align4(28 + ns);

	put32(req + 0, UEFISECAPP_GET_VARIABLE);
	put32(req + 4, guid_off + 16);
	put32(req + 8, 28);
	put32(req + 12, ns);
	put32(req + 16, guid_off);
	put32(req + 20, 16);
	put32(req + 24, data_size);
	memcpy(req + guid_off, guid, 16);
	return guid_off + 16;
}

static size_t set_req(uint8_t *req, const char *name, const uint8_t *guid,
		      uint32_t attrs, const void *data, uint32_t data_size)
{
	uint32_t ns = u16(name, req + 36);
	size_t guid_off = align4(36 + ns), data_off = guid_off + 16;

	put32(req + 0, UEFISECAPP_SET_VARIABLE);
	put32(req + 4, data_off + data_size);
	put32(req + 8, 36);
	put32(req + 12, ns);
	put32(req + 16, guid_off);
	put32(req + 20, 16);
	put32(req + 24, attrs);
	put32(req + 28, data_off);
	put32(req + 32, data_size);
	memcpy(req + guid_off, guid, 16);
	if (data_size)
		memcpy(req + data_off, data, data_size);
	return data_off + data_size;
}

/* @buf_size: the caller's name buffer; the bytes after the NUL are junk. */
static size_t next_req(uint8_t *req, const char *name, const uint8_t *guid,
		       uint32_t buf_size)
{
	memset(req + 40, 0xee, buf_size);
	u16(name, req + 40);
	put32(req + 0, UEFISECAPP_GET_NEXT_VARIABLE);
	put32(req + 4, 40 + buf_size);
	put32(req + 8, 24);
	put32(req + 12, 16);
	put32(req + 16, 40);
	put32(req + 20, buf_size);
	memcpy(req + 24, guid, 16);
	return 40 + buf_size;
}

static size_t query_req(uint8_t *req, uint32_t attrs)
{
	put32(req + 0, UEFISECAPP_QUERY_VARIABLE_INFO);
	put32(req + 4, 12);
	put32(req + 8, attrs);
	return 12;
}

/*
 * Run a request from exact-size heap copies (so that ASan sees any access
 * beyond them); the response is left in rsp_out[], with rsp_size bytes
 * and 0xa5 after them. The copies live until the next call, as @res
 * points into them.
 */
static uint8_t rsp_out[70000];
static uint8_t *req_heap, *rsp_heap;

static uint32_t run(struct uefivars_store *st, const uint8_t *req,
		    size_t req_size, size_t rsp_size,
		    struct uefisecapp_result *res)
{
	uint32_t result;

	free(req_heap);
	free(rsp_heap);
	req_heap = malloc(req_size ? req_size : 1);
	rsp_heap = malloc(rsp_size ? rsp_size : 1);
	memcpy(req_heap, req, req_size);
	memset(rsp_heap, 0xa5, rsp_size);
	result = uefisecapp_handle(st, req_heap, req_size, rsp_heap, rsp_size,
				   res);
	memset(rsp_out, 0xa5, sizeof(rsp_out));
	memcpy(rsp_out, rsp_heap, rsp_size);
	return result;
}

static uint8_t req_buf[70000];

TEST(proto_get_variable)
{
	static uint8_t arena[4096];
	struct uefivars_store st;
	struct uefisecapp_result res;
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "BootOrder", guid_global, NV_BS_RT,
				    "\x01\x00\x02\x00", 4, NULL));

	n = get_req(req_buf, "BootOrder", guid_global, 16);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 24 + 16, &res));
	EXPECT_EQ(UEFISECAPP_GET_VARIABLE, get32(rsp_out + 0));
	EXPECT_EQ(24 + 4, get32(rsp_out + 4));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(NV_BS_RT, get32(rsp_out + 12));
	EXPECT_EQ(24, get32(rsp_out + 16));
	EXPECT_EQ(4, get32(rsp_out + 20));
	EXPECT_EQ(0, memcmp(rsp_out + 24, "\x01\x00\x02\x00", 4));
	/* Nothing written past the data. */
	EXPECT_EQ(0xa5, rsp_out[28]);
	EXPECT_EQ(EFI_SUCCESS, res.status);
	EXPECT_FALSE(res.changed);
	EXPECT_EQ(18 + 2, res.name_size);

	/* Size query (Linux sends data_size 0): BUFFER_TOO_SMALL, 4. */
	n = get_req(req_buf, "BootOrder", guid_global, 0);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 24, &res));
	EXPECT_EQ(24, get32(rsp_out + 4));
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, get32(rsp_out + 8));
	EXPECT_EQ(NV_BS_RT, get32(rsp_out + 12));
	EXPECT_EQ(4, get32(rsp_out + 20));
	n = get_req(req_buf, "BootOrder", guid_global, 3);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 24 + 3, &res));
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, get32(rsp_out + 8));
	EXPECT_EQ(0xa5, rsp_out[24]);

	/* Not there: the header alone, zeros. */
	n = get_req(req_buf, "Missing", guid_global, 16);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 24 + 16, &res));
	EXPECT_EQ(24, get32(rsp_out + 4));
	EXPECT_EQ(EFI_NOT_FOUND, get32(rsp_out + 8));
	EXPECT_EQ(0, get32(rsp_out + 12));
	EXPECT_EQ(0, get32(rsp_out + 16));
	EXPECT_EQ(0, get32(rsp_out + 20));
	EXPECT_EQ(0xa5, rsp_out[24]);
}

TEST(proto_set_variable)
{
	static uint8_t arena[4096];
	struct uefivars_store st;
	struct uefisecapp_result res;
	uint8_t data[8];
	uint32_t attrs, size = sizeof(data);
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	n = set_req(req_buf, "Test", guid_other, NV_BS_RT, "hello", 5);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(UEFISECAPP_SET_VARIABLE, get32(rsp_out + 0));
	EXPECT_EQ(20, get32(rsp_out + 4));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(0, get32(rsp_out + 12));
	EXPECT_EQ(0, get32(rsp_out + 16));
	EXPECT_TRUE(res.changed);
	EXPECT_EQ(NV_BS_RT, res.attributes);
	EXPECT_EQ(5, res.data_size);
	ASSERT_EQ(EFI_SUCCESS, vget(&st, "Test", guid_other, &attrs, data,
				    &size));
	EXPECT_EQ(0, memcmp(data, "hello", 5));

	/* An error answer has the same length (Linux insists on 20). */
	n = set_req(req_buf, "Test", guid_other, 0x5, "x", 1);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(20, get32(rsp_out + 4));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
	EXPECT_FALSE(res.changed);
	/* A delete: data_offset at the end of the request, size 0. */
	n = set_req(req_buf, "Test", guid_other, NV_BS_RT, NULL, 0);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(0, st.count);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(EFI_NOT_FOUND, get32(rsp_out + 8));
}

TEST(proto_get_next_variable)
{
	static uint8_t arena[4096];
	struct uefivars_store st;
	struct uefisecapp_result res;
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Lang", guid_global, NV_BS_RT, "en",
				    2, NULL));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Timeout", guid_other, NV_BS_RT, "5",
				    1, NULL));

	/* Linux starts with an empty name in a 512-byte buffer. */
	n = next_req(req_buf, "", guid_other, 512);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 512,
					      &res));
	EXPECT_EQ(UEFISECAPP_GET_NEXT_VARIABLE, get32(rsp_out + 0));
	EXPECT_EQ(44 + 10, get32(rsp_out + 4));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(28, get32(rsp_out + 12));
	EXPECT_EQ(16, get32(rsp_out + 16));
	EXPECT_EQ(44, get32(rsp_out + 20));
	EXPECT_EQ(10, get32(rsp_out + 24));
	EXPECT_EQ(0, memcmp(rsp_out + 28, guid_global, 16));
	EXPECT_EQ(0, memcmp(rsp_out + 44, "L\0a\0n\0g\0\0\0", 10));
	EXPECT_EQ(0xa5, rsp_out[54]);
	EXPECT_EQ(2, res.name_size);
	EXPECT_EQ(10, res.next_name_size);
	EXPECT_EQ(rsp_heap + 44, res.next_name);

	/* Then the name it got; the junk after the NUL does not matter. */
	n = next_req(req_buf, "Lang", guid_global, 512);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 512,
					      &res));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(16, get32(rsp_out + 24));
	EXPECT_EQ(0, memcmp(rsp_out + 28, guid_other, 16));

	/* The end. */
	n = next_req(req_buf, "Timeout", guid_other, 512);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 512,
					      &res));
	EXPECT_EQ(EFI_NOT_FOUND, get32(rsp_out + 8));
	EXPECT_EQ(28, get32(rsp_out + 4));
	EXPECT_EQ(0, get32(rsp_out + 24));

	/* Too small a buffer: name_size says what is needed. */
	n = next_req(req_buf, "Lang", guid_global, 10);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 10,
					      &res));
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, get32(rsp_out + 8));
	EXPECT_EQ(28, get32(rsp_out + 4));
	EXPECT_EQ(16, get32(rsp_out + 24));
	EXPECT_EQ(0xa5, rsp_out[28]);

	/* Not a variable. */
	n = next_req(req_buf, "Lang", guid_other, 512);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 512,
					      &res));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
}

TEST(proto_query_variable_info)
{
	static uint8_t arena[UEFIVARS_STORAGE_SIZE];
	struct uefivars_store st;
	struct uefisecapp_result res;
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "A", guid_global, NV_BS_RT, "12", 2,
				    NULL));
	n = query_req(req_buf, NV_BS_RT);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 40, &res));
	EXPECT_EQ(UEFISECAPP_QUERY_VARIABLE_INFO, get32(rsp_out + 0));
	EXPECT_EQ(40, get32(rsp_out + 4));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	EXPECT_EQ(0, get32(rsp_out + 12));
	EXPECT_EQ(65536, get64(rsp_out + 16));
	EXPECT_EQ(65536 - rec(1, 2), get64(rsp_out + 24));
	EXPECT_EQ(32768, get64(rsp_out + 32));
	EXPECT_EQ(65536 - rec(1, 2), res.remaining);

	n = query_req(req_buf, 0);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 40, &res));
	EXPECT_EQ(40, get32(rsp_out + 4));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
	EXPECT_EQ(0, get64(rsp_out + 16));
	n = query_req(req_buf, 0x17);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 40, &res));
	EXPECT_EQ(EFI_UNSUPPORTED, get32(rsp_out + 8));
}

TEST(proto_no_answer_possible)
{
	static uint8_t arena[1024];
	static const uint32_t rsp_hdr[] = { 24, 20, 28, 40 };
	struct uefivars_store st;
	struct uefisecapp_result res;
	unsigned int i;
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	/* No command id. */
	put32(req_buf, UEFISECAPP_GET_VARIABLE);
	EXPECT_EQ(QSEECOM_RESULT_FAILURE, run(&st, req_buf, 3, 64, &res));
	EXPECT_NE(NULL, strstr(res.why, "request of 3 bytes has no command id"));
	EXPECT_EQ(0xa5, rsp_out[0]);
	EXPECT_EQ(QSEECOM_RESULT_FAILURE, run(&st, req_buf, 0, 64, &res));
	/* A response buffer smaller than the command's response header. */
	for (i = 0; i < UEFISECAPP_NR_CMDS; i++) {
		put32(req_buf, UEFISECAPP_GET_VARIABLE + i);
		EXPECT_EQ(QSEECOM_RESULT_FAILURE,
			  run(&st, req_buf, 64, rsp_hdr[i] - 1, &res));
		EXPECT_NE(NULL, strstr(res.why, "the header needs"));
		EXPECT_EQ(0xa5, rsp_out[0]);
		EXPECT_EQ(UEFISECAPP_GET_VARIABLE + i, res.cmd);
	}
	put32(req_buf, 0x1234);
	EXPECT_EQ(QSEECOM_RESULT_FAILURE, run(&st, req_buf, 4, 11, &res));
	/* An unknown command: EFI_UNSUPPORTED in a 12-byte answer. */
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, 4, 64, &res));
	EXPECT_EQ(0x1234, get32(rsp_out + 0));
	EXPECT_EQ(12, get32(rsp_out + 4));
	EXPECT_EQ(EFI_UNSUPPORTED, get32(rsp_out + 8));
	EXPECT_EQ(0xa5, rsp_out[12]);
	EXPECT_NE(NULL, strstr(res.why, "unknown command 0x1234"));
	/* A valid request still needs its full response header. */
	n = query_req(req_buf, NV_BS_RT);
	EXPECT_EQ(QSEECOM_RESULT_FAILURE, run(&st, req_buf, n, 39, &res));
}

/* Field offsets in the requests, for the malformed cases. */
#define GET_NAME_OFF	8
#define GET_NAME_SIZE	12
#define GET_GUID_OFF	16
#define GET_GUID_SIZE	20
#define GET_DATA_SIZE	24
#define SET_NAME_OFF	8
#define SET_NAME_SIZE	12
#define SET_GUID_SIZE	20
#define SET_DATA_OFF	28
#define SET_DATA_SIZE	32
#define NEXT_GUID_OFF	8
#define NEXT_GUID_SIZE	12
#define NEXT_NAME_OFF	16
#define NEXT_NAME_SIZE	20

enum req_kind { GET, SET, NEXT, QUERY };

struct bad_case {
	const char *what;
	enum req_kind kind;
	int field;		/* offset of a u32 to overwrite, or -1 */
	uint32_t value;
	int nul_at;		/* offset of a byte to clear, or 0 */
	long req_delta;		/* added to the request size */
	long rsp_size;		/* 0: the normal one */
	const char *why;
};

/* Every way a request can be malformed, and what the app says. */
static const struct bad_case bad_cases[] = {
	{ "get: short request", GET, -1, 0, 0, -(long)(28 + 12 + 16) + 27, 0,
	  "request of 27 bytes, the header needs 28" },
	{ "set: short request", SET, -1, 0, 0, -(long)(36 + 12 + 16 + 4) + 35, 0,
	  "the header needs 36" },
	{ "next: short request", NEXT, -1, 0, 0, -(long)(40 + 64) + 23, 0,
	  "the header needs 24" },
	{ "query: short request", QUERY, -1, 0, 0, -1, 0,
	  "request of 11 bytes, the header needs 12" },
	{ "get: length below the header", GET, 4, 27, 0, 0, 0,
	  "length 27, not within 28..56" },
	{ "query: length beyond the buffer", QUERY, 4, 13, 0, 0, 0,
	  "length 13, not within 12..12" },
	{ "set: length beyond the buffer", SET, 4, 69, 0, 0, 0,
	  "not within 36..68" },
	{ "get: name inside the header", GET, GET_NAME_OFF, 20, 0, 0, 0,
	  "name at 20+12 outside the request" },
	{ "get: name beyond the length", GET, GET_NAME_OFF, 50, 0, 0, 0,
	  "name at 50+12 outside the request" },
	{ "get: name offset wraps", GET, GET_NAME_OFF, 0xfffffffe, 0, 0, 0,
	  "outside the request" },
	{ "get: name size wraps", GET, GET_NAME_SIZE, 0xfffffffe, 0, 0, 0,
	  "outside the request" },
	{ "get: odd name size", GET, GET_NAME_SIZE, 11, 0, 0, 0,
	  "name_size 11 is not a positive even number" },
	{ "get: name size 0", GET, GET_NAME_SIZE, 0, 0, 0, 0,
	  "name_size 0 is not a positive even number" },
	{ "get: name not terminated at its end", GET, GET_NAME_SIZE, 10, 0, 0, 0,
	  "name not terminated by its last character only" },
	{ "set: name with a NUL inside", SET, -1, 0, 36 + 4, 0, 0,
	  "name not terminated by its last character only" },
	{ "get: guid_size 15", GET, GET_GUID_SIZE, 15, 0, 0, 0,
	  "guid_size 15, not 16" },
	{ "set: guid_size 32", SET, SET_GUID_SIZE, 32, 0, 0, 0,
	  "guid_size 32, not 16" },
	{ "get: guid beyond the length", GET, GET_GUID_OFF, 44, 0, 0, 0,
	  "guid at 44+16 outside the request" },
	{ "get: guid inside the header", GET, GET_GUID_OFF, 0, 0, 0, 0,
	  "guid at 0+16 outside the request" },
	{ "set: data beyond the length", SET, SET_DATA_SIZE, 5, 0, 0, 0,
	  "data at 64+5 outside the request" },
	{ "set: data offset wraps", SET, SET_DATA_OFF, 0xfffffffc, 0, 0, 0,
	  "outside the request" },
	{ "set: data size wraps", SET, SET_DATA_SIZE, 0xffffffff, 0, 0, 0,
	  "outside the request" },
	{ "set: data inside the header", SET, SET_DATA_OFF, 4, 0, 0, 0,
	  "data at 4+4 outside the request" },
	{ "set: empty name", SET, SET_NAME_SIZE, 2, 36, 0, 0, "empty name" },
	{ "get: data_size beyond the response", GET, GET_DATA_SIZE, 17, 0, 0, 0,
	  "data_size 17 does not fit the 40-byte response" },
	{ "next: name_size beyond the response", NEXT, -1, 0, 0, 0, 44 + 63,
	  "name_size 64 does not fit the 107-byte response" },
	{ "next: response without room for the GUID", NEXT, -1, 0, 0, 0, 30,
	  "does not fit the 30-byte response" },
	{ "next: guid_size 0", NEXT, NEXT_GUID_SIZE, 0, 0, 0, 0,
	  "guid_size 0, not 16" },
	{ "next: guid beyond the length", NEXT, NEXT_GUID_OFF, 100, 0, 0, 0,
	  "guid at 100+16 outside the request" },
	{ "next: name beyond the length", NEXT, NEXT_NAME_SIZE, 66, 0, 0, 0,
	  "name at 40+66 outside the request" },
	{ "next: odd name size", NEXT, NEXT_NAME_SIZE, 63, 0, 0, 0,
	  "name_size 63 is not a positive even number" },
	{ "next: name inside the header", NEXT, NEXT_NAME_OFF, 22, 0, 0, 0,
	  "name at 22+64 outside the request" },
};

static size_t build_bad(uint8_t *req, const struct bad_case *b,
			size_t *rsp_size)
{
	size_t n = 0;

	switch (b->kind) {
	case GET:
		/* "Name1" (12 bytes) at 28, GUID at 40: 56 bytes. */
		n = get_req(req, "Name1", guid_global, 16);
		*rsp_size = 24 + 16;
		break;
	case SET:
		/* "Name1" at 36, GUID at 48, 4 bytes of data at 64: 68. */
		n = set_req(req, "Name1", guid_global, NV_BS_RT, "data", 4);
		*rsp_size = 20;
		break;
	case NEXT:
		/* A 64-byte name buffer at 40: 104 bytes. */
		n = next_req(req, "Name1", guid_global, 64);
		*rsp_size = 44 + 64;
		break;
	case QUERY:
		n = query_req(req, NV_BS_RT);
		*rsp_size = 40;
		break;
	}
	if (b->field >= 0)
		put32(req + b->field, b->value);
	if (b->nul_at)
		req[b->nul_at] = 0;
	if (b->rsp_size)
		*rsp_size = b->rsp_size;
	return n + b->req_delta;
}

TEST(proto_malformed_requests)
{
	static uint8_t arena[1024];
	struct uefivars_store st;
	struct uefisecapp_result res;
	unsigned int i;

	uefivars_init(&st, arena, sizeof(arena));
	ASSERT_EQ(EFI_SUCCESS, vset(&st, "Name1", guid_global, NV_BS_RT,
				    "keep", 4, NULL));
	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad_case *b = &bad_cases[i];
		static const uint32_t rsp_len[] = { 24, 20, 28, 40 };
		size_t rsp_size, n;

		memset(req_buf, 0, 512);
		n = build_bad(req_buf, b, &rsp_size);
		ASSERT_EQ(QSEECOM_RESULT_SUCCESS,
			  run(&st, req_buf, n, rsp_size, &res)) {
			TH_LOG("%s", b->what);
		}
		EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8)) {
			TH_LOG("%s", b->what);
		}
		EXPECT_EQ(rsp_len[b->kind], get32(rsp_out + 4)) {
			TH_LOG("%s", b->what);
		}
		EXPECT_NE(NULL, strstr(res.why, b->why)) {
			TH_LOG("%s: '%s'", b->what, res.why);
		}
		/* Nothing past the response header, nothing changed. */
		EXPECT_EQ(0xa5, rsp_out[rsp_len[b->kind]]) {
			TH_LOG("%s", b->what);
		}
		EXPECT_FALSE(res.changed);
		EXPECT_EQ(1, st.count);
	}
}

TEST(proto_long_names)
{
	static uint8_t arena[8192];
	struct uefivars_store st;
	struct uefisecapp_result res;
	char *n1023 = long_name(1023), *n1024 = long_name(1024);
	size_t n;

	uefivars_init(&st, arena, sizeof(arena));
	n = set_req(req_buf, n1024, guid_global, NV_BS_RT, "x", 1);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
	EXPECT_NE(NULL, strstr(res.why, "name of 1025 characters, more than 1024"));
	n = set_req(req_buf, n1023, guid_global, NV_BS_RT, "x", 1);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 20, &res));
	EXPECT_EQ(EFI_SUCCESS, get32(rsp_out + 8));
	/* GetNextVariableName: a too long name in a big buffer. */
	n = next_req(req_buf, n1024, guid_global, 4096);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 4096,
					      &res));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
	EXPECT_NE(NULL, strstr(res.why, "more than 1024"));
	/* ... and a name that does not end within its buffer. */
	n = next_req(req_buf, "abcdef", guid_global, 8);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 8, &res));
	EXPECT_EQ(EFI_INVALID_PARAMETER, get32(rsp_out + 8));
	EXPECT_NE(NULL, strstr(res.why, "name not terminated within its 8 bytes"));
	/* From the start: the 1023-character name needs 2048 bytes. */
	n = next_req(req_buf, "", guid_global, 512);
	ASSERT_EQ(QSEECOM_RESULT_SUCCESS, run(&st, req_buf, n, 44 + 512,
					      &res));
	EXPECT_EQ(EFI_BUFFER_TOO_SMALL, get32(rsp_out + 8));
	EXPECT_EQ(2048, get32(rsp_out + 24));
	free(n1023);
	free(n1024);
}

TEST(proto_names_for_the_log)
{
	uint8_t name[64];
	char out[8];
	uint32_t ns = u16("Boot0001", name);

	EXPECT_STREQ("GetVariable", uefisecapp_cmd_name(0x8000));
	EXPECT_STREQ("SetVariable", uefisecapp_cmd_name(0x8001));
	EXPECT_STREQ("GetNextVariableName", uefisecapp_cmd_name(0x8002));
	EXPECT_STREQ("QueryVariableInfo", uefisecapp_cmd_name(0x8003));
	EXPECT_EQ(NULL, uefisecapp_cmd_name(0x8004));
	EXPECT_EQ(NULL, uefisecapp_cmd_name(0x7fff));
	EXPECT_STREQ("EFI_NOT_FOUND", uefisecapp_status_name(EFI_NOT_FOUND));
	EXPECT_STREQ("EFI_?", uefisecapp_status_name(0x80000001));

	uefisecapp_name_ascii(name, ns, out, sizeof(out));
	EXPECT_STREQ("Boot...", out);
	uefisecapp_name_ascii(name, ns, out, 3);
	EXPECT_STREQ("Bo", out);
	name[2] = 0x20;
	name[3] = 0xac;		/* U+AC20 */
	name[4] = '\'';
	uefisecapp_name_ascii(name, 8, out, sizeof(out));
	EXPECT_STREQ("B??t", out);
	/* An odd trailing byte is no character. */
	uefisecapp_name_ascii((const uint8_t *)"A", 1, out, sizeof(out));
	EXPECT_STREQ("", out);
}

TEST_HARNESS_MAIN
