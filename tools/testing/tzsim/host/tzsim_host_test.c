// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the simulator's pure logic: function id and arginfo
 * decoding, the extra-args buffer, the fault plan and configuration
 * parsers, and the printf the log relies on. Built for the host with
 * ASan/UBSan; output is KTAP (kselftest harness).
 */
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/faults.h>
#include <tzsim/scm.h>

static int decode(struct scm_call *c, uint64_t x0, uint64_t x1, uint64_t a,
		  uint64_t b, uint64_t cc, uint64_t d, const void *ind)
{
	uint64_t x[8] = { x0, x1, a, b, cc, d, 0, 0 };

	return scm_decode(c, x, ind);
}

TEST(fid_fields)
{
	struct scm_call c;

	ASSERT_EQ(SCM_OK, decode(&c, 0xc2000601, 1, 0x02000601, 0, 0, 0, NULL));
	EXPECT_EQ(2, c.owner);
	EXPECT_EQ(0x06, c.svc);
	EXPECT_EQ(0x01, c.cmd);
	EXPECT_TRUE(c.smc64);
	EXPECT_TRUE(c.fast);

	ASSERT_EQ(SCM_OK, decode(&c, 0x42000c1e, 4, 1, 2, 3, 4, NULL));
	EXPECT_EQ(0x0c, c.svc);
	EXPECT_EQ(0x1e, c.cmd);
	EXPECT_FALSE(c.fast);

	ASSERT_EQ(SCM_OK, decode(&c, 0x72000103, 0x22, 0, 0, 0, 0, NULL));
	EXPECT_EQ(SMC_OWNER_QSEE_OS, c.owner);
	ASSERT_EQ(SCM_OK, decode(&c, 0x70000001, 0, 0, 0, 0, 0, NULL));
	EXPECT_EQ(SMC_OWNER_TZ_APPS, c.owner);

	ASSERT_EQ(SCM_OK, decode(&c, 0x82000601, 1, 0, 0, 0, 0, NULL));
	EXPECT_FALSE(c.smc64);
	EXPECT_TRUE(c.fast);
}

TEST(arginfo_worked_values)
{
	/* The worked values of the ABI sheet. */
	EXPECT_EQ(0x1, SCM_ARGS(1));
	EXPECT_EQ(0x214, SCM_ARGS(4, SCM_RO, SCM_VAL, SCM_RW, SCM_VAL));
	EXPECT_EQ(0x22, SCM_ARGS(2, SCM_RW, SCM_VAL));
	EXPECT_EQ(0x885, SCM_ARGS(5, SCM_VAL, SCM_RW, SCM_VAL, SCM_RW, SCM_VAL));
	EXPECT_EQ(0x4, SCM_ARGS(4));
	EXPECT_EQ(0x224, SCM_ARGS(4, SCM_RW, SCM_VAL, SCM_RW, SCM_VAL));
	EXPECT_EQ(0x82, SCM_ARGS(2, SCM_VAL, SCM_RW));
	EXPECT_EQ(0x845, SCM_ARGS(5, SCM_VAL, SCM_RO, SCM_VAL, SCM_RW, SCM_VAL));
	EXPECT_EQ(5, SCM_ARGINFO_COUNT(0x885));
	EXPECT_EQ(SCM_VAL, SCM_ARGINFO_TYPE(0x885, 0));
	EXPECT_EQ(SCM_RW, SCM_ARGINFO_TYPE(0x885, 1));
	EXPECT_EQ(SCM_RW, SCM_ARGINFO_TYPE(0x885, 3));
	EXPECT_EQ(SCM_BUFVAL, SCM_ARGINFO_TYPE(3U << 22 | 10, 9));
}

TEST(four_args_in_registers)
{
	struct scm_call c;

	ASSERT_EQ(SCM_OK, decode(&c, 0x42001a01, 0x214, 0x1000, 40, 0x2000,
				 32, NULL));
	EXPECT_EQ(4, c.nargs);
	EXPECT_EQ(0x1000, c.args[0]);
	EXPECT_EQ(40, c.args[1]);
	EXPECT_EQ(0x2000, c.args[2]);
	EXPECT_EQ(32, c.args[3]);
	EXPECT_EQ(0, scm_indirect_size(0x42001a01, 0x214));
}

TEST(extra_args_smc64)
{
	/* QSEECOM app_send: x2..x4 = args 0..2, x5 -> [args 3..9]. */
	uint8_t buf[56] = { 0 };
	uint64_t rsp = 0x123456789aULL;
	struct scm_call c;
	int i;

	for (i = 0; i < 8; i++)
		buf[i] = (uint8_t)(rsp >> (8 * i));
	buf[8] = 0x40;		/* rsp_size = 64 */
	EXPECT_EQ(56, scm_indirect_size(0x70000001, 0x885));
	ASSERT_EQ(SCM_OK, decode(&c, 0x70000001, 0x885, 7, 0x5000, 128,
				 0xdead000, buf));
	EXPECT_EQ(5, c.nargs);
	EXPECT_EQ(7, c.args[0]);
	EXPECT_EQ(0x5000, c.args[1]);
	EXPECT_EQ(128, c.args[2]);
	EXPECT_EQ(rsp, c.args[3]);
	EXPECT_EQ(64, c.args[4]);
	EXPECT_EQ(0, c.args[5]);
}

TEST(extra_args_smc32_and_truncation)
{
	uint8_t buf[28];
	struct scm_call c;
	int i;

	for (i = 0; i < 7; i++) {
		buf[4 * i] = (uint8_t)(i + 3);
		buf[4 * i + 1] = 0;
		buf[4 * i + 2] = 0;
		buf[4 * i + 3] = 0x80;
	}
	EXPECT_EQ(28, scm_indirect_size(0x0200f003, 10));
	/* Upper halves of the registers are not part of an SMC32 call. */
	ASSERT_EQ(SCM_OK, decode(&c, 0x0200f003, 0xffffffff0000000aULL,
				 0xaaaaaaaa00000000ULL, 1, 2, 0x1000, buf));
	EXPECT_EQ(10, c.nargs);
	EXPECT_EQ(0, c.args[0]);
	EXPECT_EQ(1, c.args[1]);
	EXPECT_EQ(2, c.args[2]);
	for (i = 3; i < 10; i++)
		EXPECT_EQ(0x80000000ULL | i, c.args[i]);
}

TEST(malformed_arginfo)
{
	struct scm_call c;

	/* More than 10 arguments. */
	EXPECT_EQ(SCM_EINVAL_ARG, decode(&c, 0x42000601, 11, 0, 0, 0, 0, NULL));
	/* Type bits beyond argument 9. */
	EXPECT_EQ(SCM_EINVAL_ARG, decode(&c, 0x42000601, 1ULL << 24 | 1, 0, 0,
					 0, 0, NULL));
	/* More than 4 arguments but no readable extra-args buffer. */
	EXPECT_EQ(SCM_EINVAL_ADDR, decode(&c, 0x42000601, 5, 0, 0, 0, 0, NULL));
}

static const char *plan_text =
	"# a comment line\n"
	"\n"
	"svc=0x0c cmd=0x1c status=-1\n"
	"  svc=0xf0 cmd=1 nth=3 count=2 status=-12   # BUSY twice\n"
	"owner=50 svc=1 cmd=3 status=0 r0=0xffffffff\n";

TEST(fault_plan_parsing)
{
	struct fault_plan p;
	char err[128] = "";

	ASSERT_EQ(0, fault_plan_parse(&p, plan_text, strlen(plan_text), err,
				      sizeof(err)));
	ASSERT_EQ(3, p.nr);
	EXPECT_EQ(2, p.rules[0].owner);
	EXPECT_EQ(0x0c, p.rules[0].svc);
	EXPECT_EQ(0x1c, p.rules[0].cmd);
	EXPECT_EQ(1, p.rules[0].nth);
	EXPECT_EQ(1, p.rules[0].count);
	EXPECT_EQ(-1, p.rules[0].status);
	EXPECT_FALSE(p.rules[0].has_r0);
	EXPECT_EQ(3, p.rules[1].nth);
	EXPECT_EQ(2, p.rules[1].count);
	EXPECT_EQ(-12, p.rules[1].status);
	EXPECT_EQ(50, p.rules[2].owner);
	EXPECT_TRUE(p.rules[2].has_r0);
	EXPECT_EQ(0xffffffffULL, p.rules[2].r0);
}

TEST(fault_plan_matching)
{
	struct fault_plan p;
	char err[128];

	ASSERT_EQ(0, fault_plan_parse(&p, plan_text, strlen(plan_text), err,
				      sizeof(err)));
	EXPECT_EQ(&p.rules[0], fault_plan_match(&p, 2, 0x0c, 0x1c, 1));
	EXPECT_EQ(NULL, fault_plan_match(&p, 2, 0x0c, 0x1c, 2));
	EXPECT_EQ(NULL, fault_plan_match(&p, 2, 0xf0, 1, 2));
	EXPECT_EQ(&p.rules[1], fault_plan_match(&p, 2, 0xf0, 1, 3));
	EXPECT_EQ(&p.rules[1], fault_plan_match(&p, 2, 0xf0, 1, 4));
	EXPECT_EQ(NULL, fault_plan_match(&p, 2, 0xf0, 1, 5));
	/* The owner is part of the match. */
	EXPECT_EQ(NULL, fault_plan_match(&p, 2, 1, 3, 1));
	EXPECT_EQ(&p.rules[2], fault_plan_match(&p, 50, 1, 3, 1));
}

TEST(fault_plan_errors)
{
	static const char *const bad[] = {
		"svc=0x0c cmd=0x1c\n",			/* no status */
		"svc=0x0c status=-1\n",			/* no cmd */
		"svc=0x0c cmd=0x1c status=-1 when=3\n",	/* unknown key */
		"svc=0x0c cmd=0x1c status=busy\n",	/* not a number */
		"svc=0x100 cmd=0x1c status=-1\n",	/* svc out of range */
		"svc=1 cmd=1 nth=0 status=-1\n",	/* calls count from 1 */
		"svc=1 cmd=1 count=0 status=-1\n",
		"svc=1 cmd=1 status=\n",
	};
	struct fault_plan p;
	char err[128], many[2048] = "";
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err[0] = '\0';
		EXPECT_EQ(-1, fault_plan_parse(&p, bad[i], strlen(bad[i]), err,
					       sizeof(err)));
		EXPECT_EQ(0, strncmp(err, "line 1: ", 8)) {
			TH_LOG("'%s' gave '%s'", bad[i], err);
		}
	}
	for (i = 0; i <= FAULT_MAX_RULES; i++)
		strcat(many, "svc=1 cmd=1 status=-1\n");
	EXPECT_EQ(-1, fault_plan_parse(&p, many, strlen(many), err,
				       sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "more than"));
	/* An empty plan is valid. */
	EXPECT_EQ(0, fault_plan_parse(&p, "", 0, err, sizeof(err)));
	EXPECT_EQ(0, p.nr);
}

TEST(config_parsing)
{
	struct tzsim_config cfg;
	char err[128];

	ASSERT_EQ(0, tzsim_config_parse(&cfg, "", 0, err, sizeof(err)));
	EXPECT_EQ(2, cfg.boot_el);
	EXPECT_TRUE(cfg.enforce_bridges);
	EXPECT_TRUE(cfg.log_calls);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "el=1\nbridges=off log=errors",
					27, err, sizeof(err)));
	EXPECT_EQ(1, cfg.boot_el);
	EXPECT_FALSE(cfg.enforce_bridges);
	EXPECT_FALSE(cfg.log_calls);
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "el=3", 4, err, sizeof(err)));
	EXPECT_STREQ("bad option 'el=3'", err);
}

TEST(log_printf)
{
	char buf[64];

	tz_snprintf(buf, sizeof(buf), "%d %u 0x%x %llx", -12, 7U, 0x1cU,
		    (unsigned long long)0x42000c1eULL);
	EXPECT_STREQ("-12 7 0x1c 42000c1e", buf);
	tz_snprintf(buf, sizeof(buf), "%08x|%-4s|%4s|%.*s", 0xabcU, "ab", "cd",
		    3, "efghij");
	EXPECT_STREQ("00000abc|ab  |  cd|efg", buf);
	/* Truncation keeps the terminator and reports the full length. */
	EXPECT_EQ(11, tz_snprintf(buf, 6, "hello world"));
	EXPECT_STREQ("hello", buf);
}

TEST_HARNESS_MAIN
