// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the SCMI service: the whole message path, from a
 * message posted in a channel laid out as Linux 6.12's shmem.c writes it
 * to the response read back as shmem.c reads it. Every supported message
 * of BASE and POWER, Linux's probe sequence, the power domains' state and
 * counters, and every malformed input (free channel, short and oversize
 * length, bad header, unknown protocol and message, wrong payload size,
 * unknown domain, invalid state and flags, foreign SMC parameters): each
 * must get its status and a log line. The channel is allocated at its
 * exact size under ASan. Output is KTAP (kselftest harness).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/log.h>
#include <tzsim/scmi.h>

#define SHM_SIZE	((size_t)SOC_SCMI_SHMEM_SIZE)

/* -- The log: tz_log() of the pure files lands here. -- */

static char log_buf[16384];
static size_t log_len;

void tz_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tz_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (log_len + n + 2 > sizeof(log_buf))
		return;
	memcpy(log_buf + log_len, line, n);
	log_len += n;
	log_buf[log_len++] = '\n';
	log_buf[log_len] = '\0';
}

static bool logged(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

static unsigned int log_lines(void)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < log_len; i++)
		n += log_buf[i] == '\n';
	return n;
}

static void log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

/* -- The agent's side, as shmem.c does it. -- */

static uint32_t rd32(const uint8_t *shm, size_t off)
{
	return shm[off] | shm[off + 1] << 8 | shm[off + 2] << 16 |
	       (uint32_t)shm[off + 3] << 24;
}

static void wr32(uint8_t *shm, size_t off, uint32_t v)
{
	shm[off] = v;
	shm[off + 1] = v >> 8;
	shm[off + 2] = v >> 16;
	shm[off + 3] = v >> 24;
}

static uint8_t *new_channel(void)
{
	uint8_t *shm = malloc(SHM_SIZE);

	memset(shm, 0xa5, SHM_SIZE);
	scmi_channel_init(shm, SHM_SIZE);
	return shm;
}

/* Post a message with @n u32 arguments and a raw length field. */
static void post_raw(uint8_t *shm, uint32_t hdr, uint32_t length,
		     const uint32_t *args, unsigned int n)
{
	unsigned int i;

	wr32(shm, SCMI_SHM_CHANNEL_STATUS, 0);
	wr32(shm, SCMI_SHM_FLAGS, 0);
	wr32(shm, SCMI_SHM_LENGTH, length);
	wr32(shm, SCMI_SHM_MSG_HEADER, hdr);
	for (i = 0; i < n; i++)
		wr32(shm, SCMI_SHM_PAYLOAD + 4 * i, args[i]);
}

static struct scmi_xfer_result last;

static int32_t ring(uint8_t *shm)
{
	scmi_channel_process(shm, SHM_SIZE, &last);
	return (int32_t)rd32(shm, SCMI_SHM_PAYLOAD);
}

/* A well-formed command: returns the status Linux would read. */
static int32_t call(uint8_t *shm, unsigned int proto, unsigned int msg,
		    const uint32_t *args, unsigned int n)
{
	post_raw(shm, SCMI_HDR(proto, msg, 0x155), 4 + 4 * n, args, n);
	return ring(shm);
}

static int32_t call0(uint8_t *shm, unsigned int proto, unsigned int msg)
{
	return call(shm, proto, msg, NULL, 0);
}

static int32_t call1(uint8_t *shm, unsigned int proto, unsigned int msg,
		     uint32_t a)
{
	return call(shm, proto, msg, &a, 1);
}

/* Return values after the status, as shmem_fetch_response() sizes them. */
static size_t rsp_len(const uint8_t *shm)
{
	uint32_t len = rd32(shm, SCMI_SHM_LENGTH);

	return len > 8 ? len - 8 : 0;
}

static uint32_t rsp32(const uint8_t *shm, unsigned int i)
{
	return rd32(shm, SCMI_SHM_PAYLOAD + 4 + 4 * i);
}

static const char *rsp_name(const uint8_t *shm, unsigned int off)
{
	return (const char *)shm + SCMI_SHM_PAYLOAD + 4 + off;
}

static uint32_t chan_status(const uint8_t *shm)
{
	return rd32(shm, SCMI_SHM_CHANNEL_STATUS);
}

static int32_t state_set(uint8_t *shm, uint32_t flags, uint32_t domain,
			 uint32_t state)
{
	uint32_t a[3] = { flags, domain, state };

	return call(shm, SCMI_PROTOCOL_POWER, SCMI_POWER_STATE_SET, a, 3);
}

/* -- Channel. -- */

TEST(channel_init_marks_free)
{
	uint8_t *shm = new_channel();

	EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));
	EXPECT_EQ(0, rd32(shm, SCMI_SHM_LENGTH));
	EXPECT_EQ(0, rd32(shm, SCMI_SHM_MSG_HEADER));
	free(shm);
}

TEST(free_channel_is_left_alone)
{
	uint8_t *shm = new_channel();
	uint8_t *copy = malloc(SHM_SIZE);

	memcpy(copy, shm, SHM_SIZE);
	scmi_channel_process(shm, SHM_SIZE, &last);
	EXPECT_FALSE(last.pending);
	EXPECT_EQ(0, memcmp(copy, shm, SHM_SIZE));
	EXPECT_TRUE(logged("free channel"));
	free(copy);
	free(shm);
}

TEST(response_layout_and_token)
{
	uint8_t *shm = new_channel();
	uint32_t hdr = SCMI_HDR(SCMI_PROTOCOL_BASE, SCMI_PROTOCOL_VERSION,
				0x3ff);

	post_raw(shm, hdr, 4, NULL, 0);
	wr32(shm, SCMI_SHM_FLAGS, SCMI_SHM_FLAG_INTR);
	EXPECT_EQ(SCMI_SUCCESS, ring(shm));
	EXPECT_TRUE(last.pending);
	EXPECT_EQ(SCMI_SUCCESS, last.status);
	EXPECT_EQ(&scmi_base_protocol, last.proto);
	/* The header (and its token) stays; length = header + status + 4. */
	EXPECT_EQ(hdr, rd32(shm, SCMI_SHM_MSG_HEADER));
	EXPECT_EQ(12, rd32(shm, SCMI_SHM_LENGTH));
	EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));
	EXPECT_EQ(SCMI_BASE_VERSION, rsp32(shm, 0));
	EXPECT_EQ(0, log_lines());
	free(shm);
}

TEST(smc_parameters)
{
	uint64_t pa = SOC_SCMI_SHMEM_BASE;

	/* arm,scmi-smc: x1 = x2 = 0. */
	EXPECT_TRUE(scmi_smc_params_ok(pa, 0, 0));
	/* arm,scmi-smc-param: 4K page and offset. */
	EXPECT_TRUE(scmi_smc_params_ok(pa, pa >> 12, 0));
	/* SMC32: the upper halves are not arguments. */
	EXPECT_TRUE(scmi_smc_params_ok(pa, 0xdead000000000000ULL | pa >> 12,
				       0xbeef000000000000ULL));
	EXPECT_FALSE(scmi_smc_params_ok(pa, pa >> 12, 0x80));
	EXPECT_FALSE(scmi_smc_params_ok(pa, (pa >> 12) + 1, 0));
	EXPECT_FALSE(scmi_smc_params_ok(pa, 0, 4));
}

/* -- BASE. -- */

TEST(base_attributes)
{
	uint8_t *shm = new_channel();

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_PROTOCOL_ATTRIBUTES));
	EXPECT_EQ(4, rsp_len(shm));
	EXPECT_EQ(1, rsp32(shm, 0) & 0xff);		/* POWER */
	EXPECT_EQ(1, (rsp32(shm, 0) >> 8) & 0xff);	/* OSPM */
	EXPECT_EQ(0, rsp32(shm, 0) >> 16);
	free(shm);
}

TEST(base_discover_vendor_and_version)
{
	uint8_t *shm = new_channel();

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_VENDOR));
	EXPECT_EQ(SCMI_SHORT_NAME_MAX, rsp_len(shm));
	EXPECT_STREQ("tzsim", rsp_name(shm, 0));
	EXPECT_EQ(0, rsp_name(shm, 0)[SCMI_SHORT_NAME_MAX - 1]);

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_SUB_VENDOR));
	EXPECT_EQ(SCMI_SHORT_NAME_MAX, rsp_len(shm));
	EXPECT_STREQ("qcom-tz", rsp_name(shm, 0));

	ASSERT_EQ(SCMI_SUCCESS,
		  call0(shm, SCMI_PROTOCOL_BASE,
			SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION));
	EXPECT_EQ(4, rsp_len(shm));
	EXPECT_EQ(0x00010000, rsp32(shm, 0));
	free(shm);
}

TEST(base_list_protocols)
{
	uint8_t *shm = new_channel();

	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 0));
	/* Linux: rx.len - 4 == (1 + (n - 1) / 4) * 4. */
	EXPECT_EQ(8, rsp_len(shm));
	EXPECT_EQ(1, rsp32(shm, 0));
	EXPECT_EQ(SCMI_PROTOCOL_POWER, rsp32(shm, 1));

	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 1));
	EXPECT_EQ(4, rsp_len(shm));
	EXPECT_EQ(0, rsp32(shm, 0));

	EXPECT_EQ(SCMI_INVALID_PARAMETERS,
		  call1(shm, SCMI_PROTOCOL_BASE,
			SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 2));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_TRUE(logged("DISCOVER_LIST_PROTOCOLS: skip 2 of 1"));
	free(shm);
}

TEST(base_discover_agent)
{
	uint8_t *shm = new_channel();

	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_AGENT, 0));
	EXPECT_EQ(4 + SCMI_SHORT_NAME_MAX, rsp_len(shm));
	EXPECT_EQ(0, rsp32(shm, 0));
	EXPECT_STREQ("platform", rsp_name(shm, 4));

	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_AGENT, 1));
	EXPECT_EQ(1, rsp32(shm, 0));
	EXPECT_STREQ("OSPM", rsp_name(shm, 4));

	/* 0xffffffff: the caller itself. */
	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_AGENT, 0xffffffff));
	EXPECT_EQ(1, rsp32(shm, 0));
	EXPECT_STREQ("OSPM", rsp_name(shm, 4));

	EXPECT_EQ(SCMI_NOT_FOUND, call1(shm, SCMI_PROTOCOL_BASE,
					SCMI_BASE_DISCOVER_AGENT, 2));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_TRUE(logged("DISCOVER_AGENT: no agent 2"));
	free(shm);
}

TEST(message_attributes)
{
	static const uint8_t base_ok[] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6,
					   0x7, 0x10 };
	static const uint8_t power_ok[] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0x5,
					    0x10 };
	uint8_t *shm = new_channel();
	unsigned int i;

	for (i = 0; i < sizeof(base_ok); i++) {
		EXPECT_EQ(SCMI_SUCCESS,
			  call1(shm, SCMI_PROTOCOL_BASE,
				SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, base_ok[i]));
		EXPECT_EQ(4, rsp_len(shm));
		EXPECT_EQ(0, rsp32(shm, 0));
	}
	for (i = 0; i < sizeof(power_ok); i++)
		EXPECT_EQ(SCMI_SUCCESS,
			  call1(shm, SCMI_PROTOCOL_POWER,
				SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, power_ok[i]));
	/* Not implemented: NOT_FOUND, as DEN0056 asks. */
	EXPECT_EQ(SCMI_NOT_FOUND,
		  call1(shm, SCMI_PROTOCOL_BASE,
			SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
			SCMI_BASE_NOTIFY_ERRORS));
	EXPECT_EQ(0, rsp_len(shm));
	/* Linux asks this one at every probe (power.c). */
	EXPECT_EQ(SCMI_NOT_FOUND,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
			SCMI_POWER_STATE_NOTIFY));
	EXPECT_EQ(SCMI_NOT_FOUND,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
			SCMI_POWER_DOMAIN_NAME_GET));
	EXPECT_EQ(SCMI_NOT_FOUND,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 0x100));
	free(shm);
}

TEST(negotiate_protocol_version)
{
	uint8_t *shm = new_channel();

	EXPECT_EQ(SCMI_SUCCESS,
		  call1(shm, SCMI_PROTOCOL_BASE,
			SCMI_NEGOTIATE_PROTOCOL_VERSION, SCMI_BASE_VERSION));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_EQ(SCMI_SUCCESS,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_NEGOTIATE_PROTOCOL_VERSION, SCMI_POWER_VERSION));
	EXPECT_EQ(SCMI_NOT_SUPPORTED,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_NEGOTIATE_PROTOCOL_VERSION, 0x20000));
	EXPECT_TRUE(logged("POWER.NEGOTIATE_PROTOCOL_VERSION: version 0x20000 refused"));
	free(shm);
}

/* -- POWER. -- */

TEST(power_version_and_attributes)
{
	uint8_t *shm = new_channel();

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_POWER,
				      SCMI_PROTOCOL_VERSION));
	EXPECT_EQ(SCMI_POWER_VERSION, rsp32(shm, 0));

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_POWER,
				      SCMI_PROTOCOL_ATTRIBUTES));
	EXPECT_EQ(16, rsp_len(shm));
	EXPECT_EQ(SOC_PD_COUNT, rsp32(shm, 0));
	EXPECT_EQ(0, rsp32(shm, 1));
	EXPECT_EQ(0, rsp32(shm, 2));
	EXPECT_EQ(0, rsp32(shm, 3));
	free(shm);
}

TEST(power_domain_attributes)
{
	static const char *const names[] = { "lcx", "lmx", "cx", "mx", "mss" };
	uint8_t *shm = new_channel();
	unsigned int i;

	ASSERT_EQ(SOC_PD_COUNT, ARRAY_SIZE(names));
	for (i = 0; i < SOC_PD_COUNT; i++) {
		ASSERT_EQ(SCMI_SUCCESS,
			  call1(shm, SCMI_PROTOCOL_POWER,
				SCMI_POWER_DOMAIN_ATTRIBUTES, i));
		EXPECT_EQ(4 + SCMI_SHORT_NAME_MAX, rsp_len(shm));
		/* Synchronous only: no notify, no async, no extended name. */
		EXPECT_EQ(SCMI_PD_ATTR_SYNC, rsp32(shm, 0));
		EXPECT_STREQ(names[i], rsp_name(shm, 4));
		EXPECT_STREQ(names[i], scmi_pd_name(i));
	}
	EXPECT_EQ(NULL, scmi_pd_name(SOC_PD_COUNT));

	EXPECT_EQ(SCMI_NOT_FOUND, call1(shm, SCMI_PROTOCOL_POWER,
					SCMI_POWER_DOMAIN_ATTRIBUTES,
					SOC_PD_COUNT));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_TRUE(logged("scmi: POWER.POWER_DOMAIN_ATTRIBUTES: unknown domain 5"));
	EXPECT_EQ(SCMI_NOT_FOUND, call1(shm, SCMI_PROTOCOL_POWER,
					SCMI_POWER_DOMAIN_ATTRIBUTES,
					0xffffffff));
	free(shm);
}

TEST(power_state_set_and_get)
{
	uint8_t *shm = new_channel();
	uint64_t on, off;
	unsigned int i;

	/* All off at boot. */
	for (i = 0; i < SOC_PD_COUNT; i++) {
		ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_POWER,
					      SCMI_POWER_STATE_GET, i));
		EXPECT_EQ(4, rsp_len(shm));
		EXPECT_EQ(SCMI_POWER_STATE_OFF, rsp32(shm, 0));
		EXPECT_FALSE(scmi_pd_is_on(i));
	}

	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LCX,
					  SCMI_POWER_STATE_ON));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_TRUE(logged("scmi: power domain lcx: on\n"));
	EXPECT_TRUE(scmi_pd_is_on(SOC_PD_LCX));
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_LMX));
	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_POWER,
				      SCMI_POWER_STATE_GET, SOC_PD_LCX));
	EXPECT_EQ(SCMI_POWER_STATE_ON, rsp32(shm, 0));

	/* Already on: no change, no log, no count. */
	log_clear();
	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LCX,
					  SCMI_POWER_STATE_ON));
	EXPECT_EQ(0, log_lines());
	scmi_pd_counters(SOC_PD_LCX, &on, &off);
	EXPECT_EQ(1, on);
	EXPECT_EQ(0, off);

	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LCX,
					  SCMI_POWER_STATE_OFF));
	EXPECT_TRUE(logged("scmi: power domain lcx: off\n"));
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_LCX));
	scmi_pd_counters(SOC_PD_LCX, &on, &off);
	EXPECT_EQ(1, on);
	EXPECT_EQ(1, off);

	/* Every domain, by its name. */
	for (i = 0; i < SOC_PD_COUNT; i++) {
		char line[64];

		ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, i,
						  SCMI_POWER_STATE_ON));
		snprintf(line, sizeof(line), "scmi: power domain %s: on\n",
			 scmi_pd_name(i));
		EXPECT_TRUE(logged(line));
		EXPECT_TRUE(scmi_pd_is_on(i));
	}
	scmi_pd_counters(SOC_PD_MSS, &on, &off);
	EXPECT_EQ(1, on);
	EXPECT_EQ(0, off);
	scmi_pd_counters(SOC_PD_COUNT, &on, &off);
	EXPECT_EQ(0, on);
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_COUNT));
	free(shm);
}

TEST(power_state_set_refused)
{
	static const uint32_t bad_states[] = {
		0x00000001, 0x40000001, 0x80000000, 0x10000000, 0x20000000,
		0xffffffff,
	};
	uint8_t *shm = new_channel();
	uint64_t on, off;
	unsigned int i;

	EXPECT_EQ(SCMI_NOT_FOUND, state_set(shm, 0, SOC_PD_COUNT,
					    SCMI_POWER_STATE_ON));
	EXPECT_TRUE(logged("POWER.POWER_STATE_SET: unknown domain 5"));
	EXPECT_EQ(SCMI_NOT_FOUND, state_set(shm, 0, 0x80000000,
					    SCMI_POWER_STATE_ON));

	for (i = 0; i < ARRAY_SIZE(bad_states); i++) {
		log_clear();
		EXPECT_EQ(SCMI_INVALID_PARAMETERS,
			  state_set(shm, 0, SOC_PD_CX, bad_states[i]));
		EXPECT_TRUE(logged("POWER_STATE_SET cx: invalid state"));
	}
	EXPECT_EQ(SCMI_NOT_SUPPORTED, state_set(shm, SCMI_POWER_SET_ASYNC,
						SOC_PD_CX,
						SCMI_POWER_STATE_ON));
	EXPECT_TRUE(logged("POWER_STATE_SET cx: asynchronous"));
	EXPECT_EQ(SCMI_INVALID_PARAMETERS, state_set(shm, 2, SOC_PD_CX,
						     SCMI_POWER_STATE_ON));
	EXPECT_TRUE(logged("POWER_STATE_SET cx: reserved flags 0x2"));
	EXPECT_EQ(0, rsp_len(shm));

	/* Nothing changed. */
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_CX));
	scmi_pd_counters(SOC_PD_CX, &on, &off);
	EXPECT_EQ(0, on);
	EXPECT_FALSE(logged(": on\n"));

	EXPECT_EQ(SCMI_NOT_FOUND, call1(shm, SCMI_PROTOCOL_POWER,
					SCMI_POWER_STATE_GET, SOC_PD_COUNT));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_TRUE(logged("POWER.POWER_STATE_GET: unknown domain 5"));
	free(shm);
}

/* -- Malformed messages. -- */

TEST(unknown_protocol)
{
	static const unsigned int ids[] = { 0x00, 0x12, 0x13, 0x80, 0xff };
	uint8_t *shm = new_channel();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		log_clear();
		EXPECT_EQ(SCMI_NOT_SUPPORTED, call0(shm, ids[i],
						    SCMI_PROTOCOL_VERSION));
		EXPECT_EQ(0, rsp_len(shm));
		EXPECT_EQ(8, rd32(shm, SCMI_SHM_LENGTH));
		EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));
		EXPECT_EQ(NULL, last.proto);
		EXPECT_TRUE(logged("unknown protocol"));
	}
	free(shm);
}

TEST(unknown_message)
{
	uint8_t *shm = new_channel();

	EXPECT_EQ(SCMI_NOT_SUPPORTED, call1(shm, SCMI_PROTOCOL_BASE,
					    SCMI_BASE_NOTIFY_ERRORS, 1));
	EXPECT_TRUE(logged("scmi: BASE: unknown message 0x08"));
	EXPECT_EQ(SCMI_NOT_SUPPORTED, call0(shm, SCMI_PROTOCOL_BASE, 0xff));
	EXPECT_EQ(SCMI_NOT_SUPPORTED, call1(shm, SCMI_PROTOCOL_POWER,
					    SCMI_POWER_STATE_NOTIFY, 0));
	EXPECT_TRUE(logged("scmi: POWER: unknown message 0x06"));
	EXPECT_EQ(SCMI_NOT_SUPPORTED, call1(shm, SCMI_PROTOCOL_POWER,
					    SCMI_POWER_DOMAIN_NAME_GET, 0));
	EXPECT_EQ(&scmi_power_protocol, last.proto);
	EXPECT_EQ(NULL, last.msg);
	EXPECT_EQ(0, rsp_len(shm));
	free(shm);
}

TEST(bad_header)
{
	uint8_t *shm = new_channel();
	uint32_t hdr = SCMI_HDR(SCMI_PROTOCOL_BASE, SCMI_PROTOCOL_VERSION, 1);

	/* Delayed response and notification types are not commands. */
	post_raw(shm, hdr | 2 << 8, 4, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_TRUE(logged("not a command (type 2"));
	post_raw(shm, hdr | 3 << 8, 4, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	post_raw(shm, hdr | 1U << 28, 4, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_TRUE(logged("reserved bits 0x10000000"));
	EXPECT_EQ(0, rsp_len(shm));
	EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));
	free(shm);
}

TEST(short_length)
{
	uint8_t *shm = new_channel();
	uint32_t hdr = SCMI_HDR(SCMI_PROTOCOL_BASE, SCMI_PROTOCOL_VERSION, 1);
	uint32_t a[3] = { 0, SOC_PD_LCX, SCMI_POWER_STATE_ON };
	uint32_t len;

	/* No room for even the header: the channel itself is broken. */
	for (len = 0; len < 4; len++) {
		log_clear();
		post_raw(shm, hdr, len, NULL, 0);
		EXPECT_EQ(SCMI_COMMS_ERROR, ring(shm));
		EXPECT_TRUE(logged("shorter than a header"));
		EXPECT_EQ(8, rd32(shm, SCMI_SHM_LENGTH));
		EXPECT_EQ(SCMI_SHM_STATUS_FREE | SCMI_SHM_STATUS_ERROR,
			  chan_status(shm));
	}

	/* A payload shorter than the message's. */
	post_raw(shm, SCMI_HDR(SCMI_PROTOCOL_POWER, SCMI_POWER_STATE_SET, 1),
		 4 + 8, a, 3);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_TRUE(logged("POWER.POWER_STATE_SET: payload of 8 bytes, expected 12"));
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_LCX));
	EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));

	post_raw(shm, SCMI_HDR(SCMI_PROTOCOL_POWER, SCMI_POWER_STATE_GET, 1),
		 4, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_EQ(0, rsp_len(shm));
	free(shm);
}

TEST(oversize_length)
{
	uint8_t *shm = new_channel();
	uint32_t hdr = SCMI_HDR(SCMI_PROTOCOL_BASE, SCMI_PROTOCOL_VERSION, 1);
	uint32_t fits = 4 + SHM_SIZE - SCMI_SHM_PAYLOAD;
	uint32_t a[4] = { 0, SOC_PD_LCX, SCMI_POWER_STATE_ON, 0 };

	/* Beyond the channel. */
	post_raw(shm, hdr, fits + 1, NULL, 0);
	EXPECT_EQ(SCMI_COMMS_ERROR, ring(shm));
	EXPECT_TRUE(logged("does not fit the 4096-byte channel"));
	EXPECT_EQ(SCMI_SHM_STATUS_FREE | SCMI_SHM_STATUS_ERROR,
		  chan_status(shm));
	post_raw(shm, hdr, 0xffffffff, NULL, 0);
	EXPECT_EQ(SCMI_COMMS_ERROR, ring(shm));
	post_raw(shm, hdr, 0x80000000, NULL, 0);
	EXPECT_EQ(SCMI_COMMS_ERROR, ring(shm));

	/* In the channel, but not the message's size. */
	log_clear();
	post_raw(shm, hdr, fits, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_TRUE(logged("BASE.PROTOCOL_VERSION: payload of 4068 bytes, expected 0"));
	EXPECT_EQ(SCMI_SHM_STATUS_FREE, chan_status(shm));
	post_raw(shm, hdr, 8, NULL, 0);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	post_raw(shm, SCMI_HDR(SCMI_PROTOCOL_POWER, SCMI_POWER_STATE_SET, 1),
		 4 + 16, a, 4);
	EXPECT_EQ(SCMI_PROTOCOL_ERROR, ring(shm));
	EXPECT_FALSE(scmi_pd_is_on(SOC_PD_LCX));
	free(shm);
}

TEST(channel_too_small)
{
	uint8_t *shm = malloc(SCMI_SHM_MIN_SIZE - 1);

	scmi_channel_init(shm, SCMI_SHM_MIN_SIZE - 1);
	post_raw(shm, SCMI_HDR(SCMI_PROTOCOL_BASE, 0, 0), 4, NULL, 0);
	scmi_channel_process(shm, SCMI_SHM_MIN_SIZE - 1, &last);
	EXPECT_FALSE(last.pending);
	EXPECT_TRUE(logged("too small"));
	free(shm);
}

TEST(status_names)
{
	EXPECT_STREQ("SUCCESS", scmi_status_name(SCMI_SUCCESS));
	EXPECT_STREQ("NOT_FOUND", scmi_status_name(SCMI_NOT_FOUND));
	EXPECT_STREQ("PROTOCOL_ERROR", scmi_status_name(SCMI_PROTOCOL_ERROR));
	EXPECT_STREQ("UNKNOWN", scmi_status_name(-11));
	EXPECT_STREQ("UNKNOWN", scmi_status_name(1));
	EXPECT_STREQ("UNKNOWN", scmi_status_name(INT32_MIN));
}

/*
 * Linux 6.12's probe, message by message (base.c, power.c,
 * scmi_pm_domain.c), then a remote processor's proxy votes: genpd's
 * STATE_SET followed by the STATE_GET it checks the result with.
 */
TEST(linux_probe_sequence)
{
	uint8_t *shm = new_channel();
	unsigned int i, num_protocols, num_agents, num_domains;
	uint32_t flags;

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_PROTOCOL_VERSION));
	ASSERT_EQ(0x20001, rsp32(shm, 0));	/* == supported: no negotiation */
	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_PROTOCOL_ATTRIBUTES));
	num_protocols = rsp32(shm, 0) & 0xff;
	num_agents = (rsp32(shm, 0) >> 8) & 0xff;
	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_VENDOR));
	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_SUB_VENDOR));
	ASSERT_EQ(SCMI_SUCCESS,
		  call0(shm, SCMI_PROTOCOL_BASE,
			SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION));
	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
				      SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 0));
	ASSERT_EQ(num_protocols, rsp32(shm, 0));
	ASSERT_EQ(4 + (1 + (num_protocols - 1) / 4) * 4, rsp_len(shm));
	ASSERT_EQ(SCMI_PROTOCOL_POWER, rsp32(shm, 1) & 0xff);
	for (i = 0; i < num_agents; i++)
		ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_BASE,
					      SCMI_BASE_DISCOVER_AGENT, i));

	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_POWER,
				      SCMI_PROTOCOL_VERSION));
	ASSERT_EQ(0x30001, rsp32(shm, 0));
	ASSERT_EQ(SCMI_SUCCESS, call0(shm, SCMI_PROTOCOL_POWER,
				      SCMI_PROTOCOL_ATTRIBUTES));
	num_domains = rsp32(shm, 0) & 0xffff;
	ASSERT_EQ(5, num_domains);
	EXPECT_EQ(SCMI_NOT_FOUND,
		  call1(shm, SCMI_PROTOCOL_POWER,
			SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
			SCMI_POWER_STATE_NOTIFY));
	for (i = 0; i < num_domains; i++) {
		ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_POWER,
					      SCMI_POWER_DOMAIN_ATTRIBUTES, i));
		flags = rsp32(shm, 0);
		EXPECT_EQ(0, flags & (1U << 27));	/* no NAME_GET */
	}
	for (i = 0; i < num_domains; i++) {
		ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_POWER,
					      SCMI_POWER_STATE_GET, i));
		EXPECT_EQ(SCMI_POWER_STATE_OFF, rsp32(shm, 0));
	}
	/* The only non-success so far is the NOTIFY probe: not logged. */
	EXPECT_EQ(0, log_lines());

	/* adsp's proxy votes: lcx and lmx on, then off at handover. */
	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LCX,
					  SCMI_POWER_STATE_ON));
	ASSERT_EQ(SCMI_SUCCESS, call1(shm, SCMI_PROTOCOL_POWER,
				      SCMI_POWER_STATE_GET, SOC_PD_LCX));
	EXPECT_EQ(SCMI_POWER_STATE_ON, rsp32(shm, 0));
	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LMX,
					  SCMI_POWER_STATE_ON));
	EXPECT_TRUE(scmi_pd_is_on(SOC_PD_LCX) && scmi_pd_is_on(SOC_PD_LMX));
	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LCX,
					  SCMI_POWER_STATE_OFF));
	ASSERT_EQ(SCMI_SUCCESS, state_set(shm, 0, SOC_PD_LMX,
					  SCMI_POWER_STATE_OFF));
	EXPECT_STREQ("scmi: power domain lcx: on\n"
		     "scmi: power domain lmx: on\n"
		     "scmi: power domain lcx: off\n"
		     "scmi: power domain lmx: off\n", log_buf);
	free(shm);
}

TEST_HARNESS_MAIN
