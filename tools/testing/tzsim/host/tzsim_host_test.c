// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the simulator's pure logic: function id and arginfo
 * decoding, the extra-args buffer, the fault plan (QSEECOM and crash=
 * rules included) and configuration parsers, the storage service's request
 * checks, GET_INFO layout and NOR rules, and the printf the log relies
 * on. Built for the host with ASan/UBSan; output is KTAP (kselftest
 * harness). QSEECOM and uefisecapp have their own binary,
 * host/qseecom_host_test.c.
 */
#include <string.h>

#include "kselftest_harness.h"

#include <tzsim/core.h>
#include <tzsim/faults.h>
#include <tzsim/scm.h>
#include <tzsim/storage.h>

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
	EXPECT_EQ(0, p.rules[0].seen);
	EXPECT_EQ(&p.rules[0], fault_plan_call(&p, 2, 0x0c, 0x1c, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x0c, 0x1c, -1));
	EXPECT_EQ(2, p.rules[0].seen);
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0xf0, 1, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0xf0, 1, -1));
	EXPECT_EQ(&p.rules[1], fault_plan_call(&p, 2, 0xf0, 1, -1));
	/* A sub-command does not matter to a rule without sub=. */
	EXPECT_EQ(&p.rules[1], fault_plan_call(&p, 2, 0xf0, 1, 7));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0xf0, 1, -1));
	/* The owner is part of the match. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 1, 3, -1));
	EXPECT_EQ(0, p.rules[2].seen);
	EXPECT_EQ(&p.rules[2], fault_plan_call(&p, 50, 1, 3, -1));
}

TEST(fault_plan_sub)
{
	static const char *text =
		"svc=0x1a cmd=1 sub=2 nth=3 status=0 r0=3\n";
	struct fault_plan p;
	char err[128];

	ASSERT_EQ(0, fault_plan_parse(&p, text, strlen(text), err,
				      sizeof(err)));
	ASSERT_EQ(1, p.nr);
	EXPECT_TRUE(p.rules[0].has_sub);
	EXPECT_EQ(2, p.rules[0].sub);
	EXPECT_EQ(3, p.rules[0].r0);
	/* READ, WRITE, READ, WRITE, no sub, ERASE, WRITE: the 3rd WRITE. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 2));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 2));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 3));
	EXPECT_EQ(2, p.rules[0].seen);
	EXPECT_EQ(&p.rules[0], fault_plan_call(&p, 2, 0x1a, 1, 2));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 2));
	/* Same sub on another command does not count. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 2, 2));
	EXPECT_EQ(4, p.rules[0].seen);
	/* Without sub= the rule has none. */
	ASSERT_EQ(0, fault_plan_parse(&p, "svc=1 cmd=1 status=-1", 21, err,
				      sizeof(err)));
	EXPECT_FALSE(p.rules[0].has_sub);
}

TEST(fault_plan_rules_count_apart)
{
	static const char *text =
		"svc=0x1a cmd=1 nth=2 status=-12\n"
		"svc=0x1a cmd=1 sub=3 status=0 r0=3\n"
		"svc=0x1a cmd=1 nth=1 count=3 status=-1\n";
	struct fault_plan p;
	char err[128];

	ASSERT_EQ(0, fault_plan_parse(&p, text, strlen(text), err,
				      sizeof(err)));
	/* ERASE: rule 0 counts 1 (no hit), rule 1 hits; rule 2 counts too. */
	EXPECT_EQ(&p.rules[1], fault_plan_call(&p, 2, 0x1a, 1, 3));
	EXPECT_EQ(1, p.rules[0].seen);
	EXPECT_EQ(1, p.rules[2].seen);
	/* READ: rule 0's second call. */
	EXPECT_EQ(&p.rules[0], fault_plan_call(&p, 2, 0x1a, 1, 1));
	/* ERASE: rule 1's second (no hit); rule 2's third hits. */
	EXPECT_EQ(&p.rules[2], fault_plan_call(&p, 2, 0x1a, 1, 3));
	EXPECT_EQ(2, p.rules[1].seen);
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0x1a, 1, 3));
	EXPECT_EQ(4, p.rules[0].seen);
	EXPECT_EQ(3, p.rules[1].seen);
	EXPECT_EQ(4, p.rules[2].seen);
}

TEST(fault_plan_qseecom)
{
	/* QSEECOM send's sub-command is the first u32 of the request. */
	static const char *text =
		"owner=48 svc=0 cmd=1 sub=0x8001 nth=2 status=0 r0=1\n"
		"owner=2 svc=6 cmd=3 status=-1\n"
		"owner=50 svc=1 cmd=3 status=0 r0=0xffffffff\n"
		"owner=48 svc=0 cmd=1 nth=7 status=-3\n";
	struct fault_plan p;
	char err[128];

	ASSERT_EQ(0, fault_plan_parse(&p, text, strlen(text), err,
				      sizeof(err)));
	ASSERT_EQ(4, p.nr);
	EXPECT_EQ(SMC_OWNER_TZ_APPS, p.rules[0].owner);
	EXPECT_EQ(0, p.rules[0].svc);
	EXPECT_EQ(1, p.rules[0].cmd);
	EXPECT_TRUE(p.rules[0].has_sub);
	EXPECT_EQ(0x8001, p.rules[0].sub);
	EXPECT_EQ(2, p.rules[0].nth);
	EXPECT_EQ(0, p.rules[0].status);
	EXPECT_TRUE(p.rules[0].has_r0);
	EXPECT_EQ(1, p.rules[0].r0);
	EXPECT_EQ(SMC_OWNER_SIP, p.rules[1].owner);
	EXPECT_EQ(6, p.rules[1].svc);
	EXPECT_EQ(3, p.rules[1].cmd);
	EXPECT_EQ(SMC_OWNER_QSEE_OS, p.rules[2].owner);
	EXPECT_EQ(0xffffffffULL, p.rules[2].r0);

	/* Get, Set, GetNext, unreadable, Set (the 2nd: INCOMPLETE), Set. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 48, 0, 1, 0x8000));
	EXPECT_EQ(NULL, fault_plan_call(&p, 48, 0, 1, 0x8001));
	EXPECT_EQ(NULL, fault_plan_call(&p, 48, 0, 1, 0x8002));
	EXPECT_EQ(NULL, fault_plan_call(&p, 48, 0, 1, -1));
	EXPECT_EQ(&p.rules[0], fault_plan_call(&p, 48, 0, 1, 0x8001));
	EXPECT_EQ(NULL, fault_plan_call(&p, 48, 0, 1, 0x8001));
	EXPECT_EQ(3, p.rules[0].seen);
	/* The rule without sub counted all six sends: the 7th hits. */
	EXPECT_EQ(6, p.rules[3].seen);
	EXPECT_EQ(&p.rules[3], fault_plan_call(&p, 48, 0, 1, 0x8003));
	/* Version and lookup: their first call, not the second. */
	EXPECT_EQ(&p.rules[1], fault_plan_call(&p, 2, 6, 3, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 6, 3, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 6, 1, -1));
	EXPECT_EQ(&p.rules[2], fault_plan_call(&p, 50, 1, 3, -1));
	EXPECT_EQ(NULL, fault_plan_call(&p, 50, 1, 3, -1));
	/* Same svc/cmd under another owner is another command. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 0, 1, 0x8001));
	EXPECT_EQ(3, p.rules[0].seen);
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
		"svc=0x1a cmd=1 sub=-1 status=0\n",	/* sub is >= 0 */
		"svc=0x1a cmd=1 sub=write status=0\n",
		"svc=0x1a cmd=1 sub= status=0\n",
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

TEST(fault_plan_crash)
{
	static const char *text =
		"svc=2 cmd=5 sub=1 crash=wdog\n"
		"owner=2 svc=0x02 cmd=0x05 sub=6 nth=2 count=3 crash=fatal delay_ms=0x32 # wpss\n"
		"svc=2 cmd=5 sub=1 status=-1 nth=2\n"
		"svc=2 cmd=5 sub=18 delay_ms=0 crash=fatal\n";
	const struct fault_rule *r;
	struct fault_plan p;
	char err[128] = "";

	ASSERT_EQ(0, fault_plan_parse(&p, text, strlen(text), err,
				      sizeof(err))) {
		TH_LOG("%s", err);
	}
	ASSERT_EQ(4, p.nr);
	EXPECT_EQ(FAULT_CRASH_WDOG, p.rules[0].crash);
	EXPECT_EQ(FAULT_CRASH_DELAY_MS, p.rules[0].delay_ms);
	EXPECT_EQ(1, p.rules[0].sub);
	EXPECT_EQ(FAULT_CRASH_FATAL, p.rules[1].crash);
	EXPECT_EQ(50, p.rules[1].delay_ms);
	EXPECT_EQ(2, p.rules[1].nth);
	EXPECT_EQ(3, p.rules[1].count);
	EXPECT_EQ(FAULT_CRASH_NONE, p.rules[2].crash);
	EXPECT_EQ(0, p.rules[3].delay_ms);

	/* A crash rule never answers a call: it arms a crash for it. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 1));
	EXPECT_TRUE(p.rules[0].crash_armed);
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 6));
	r = fault_plan_take_crash(&p, 2, 2, 5, 1);
	EXPECT_EQ(&p.rules[0], r);
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 1));	/* once */
	/* The 2nd adsp call: the status rule answers, the crash rule is spent. */
	EXPECT_EQ(&p.rules[2], fault_plan_call(&p, 2, 2, 5, 1));
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 1));
	/* wpss: calls 2..4 arm, each for its own call only. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 6));	/* 1 */
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 6));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 6));	/* 2 */
	EXPECT_EQ(&p.rules[1], fault_plan_take_crash(&p, 2, 2, 5, 6));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 6));	/* 3 */
	EXPECT_TRUE(p.rules[1].crash_armed);
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 6, 6));	/* disarms */
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 6));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 6));	/* 4 */
	EXPECT_EQ(&p.rules[1], fault_plan_take_crash(&p, 2, 2, 5, 6));
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 6));	/* 5: spent */
	EXPECT_EQ(NULL, fault_plan_take_crash(&p, 2, 2, 5, 6));
	EXPECT_EQ(5, p.rules[1].seen);
	/* delay_ms=0: armed like any other. */
	EXPECT_EQ(NULL, fault_plan_call(&p, 2, 2, 5, 18));
	EXPECT_EQ(&p.rules[3], fault_plan_take_crash(&p, 2, 2, 5, 18));
}

TEST(fault_plan_crash_errors)
{
	static const char *const bad[] = {
		"svc=2 cmd=5 sub=1 crash=panic\n",		/* unknown kind */
		"svc=2 cmd=5 sub=1 crash=\n",
		"svc=2 cmd=5 sub=1 crash=wdog status=0\n",	/* no status */
		"svc=2 cmd=5 sub=1 crash=wdog r0=1\n",
		"svc=2 cmd=5 crash=wdog\n",			/* no PAS id */
		"svc=2 cmd=6 sub=1 crash=wdog\n",		/* not AUTH */
		"svc=0xf0 cmd=5 sub=1 crash=fatal\n",
		"owner=50 svc=2 cmd=5 sub=1 crash=fatal\n",
		"svc=2 sub=1 crash=fatal\n",
		"svc=2 cmd=5 sub=1 crash=fatal delay_ms=-1\n",
		"svc=2 cmd=5 sub=1 crash=fatal delay_ms=soon\n",
		"svc=2 cmd=5 sub=1 crash=fatal delay_ms=86400001\n",
		"svc=2 cmd=5 sub=1 status=-1 delay_ms=5\n",	/* no crash */
	};
	struct fault_plan p;
	char err[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err[0] = '\0';
		EXPECT_EQ(-1, fault_plan_parse(&p, bad[i], strlen(bad[i]), err,
					       sizeof(err)));
		EXPECT_EQ(0, strncmp(err, "line 1: ", 8)) {
			TH_LOG("'%s' gave '%s'", bad[i], err);
		}
	}
}

TEST(config_parsing)
{
	struct tzsim_config cfg;
	char err[128];

	ASSERT_EQ(0, tzsim_config_parse(&cfg, "", 0, err, sizeof(err)));
	EXPECT_EQ(2, cfg.boot_el);
	EXPECT_TRUE(cfg.enforce_bridges);
	EXPECT_TRUE(cfg.log_calls);
	EXPECT_STREQ("", cfg.flash);
	EXPECT_EQ(8192, cfg.flash_blocks);
	EXPECT_EQ(4096, cfg.flash_block_size);
	ASSERT_EQ(0, tzsim_config_parse(&cfg, "el=1\nbridges=off log=errors",
					27, err, sizeof(err)));
	EXPECT_EQ(1, cfg.boot_el);
	EXPECT_FALSE(cfg.enforce_bridges);
	EXPECT_FALSE(cfg.log_calls);
	EXPECT_EQ(-1, tzsim_config_parse(&cfg, "el=3", 4, err, sizeof(err)));
	EXPECT_STREQ("bad option 'el=3'", err);
}

static int parse_cfg(struct tzsim_config *cfg, const char *text, char *err,
		     size_t errlen)
{
	err[0] = '\0';
	return tzsim_config_parse(cfg, text, strlen(text), err, errlen);
}

TEST(config_pokes)
{
	struct tzsim_config cfg;
	char err[160];

	ASSERT_EQ(0, parse_cfg(&cfg, "uefisecapp_poke=0x8000:16:0xfffffff0 "
			       "uefisecapp_poke=32768:20:32", err, sizeof(err)));
	ASSERT_EQ(2, cfg.nr_pokes);
	EXPECT_EQ(0x8000, cfg.pokes[0].cmd);
	EXPECT_EQ(16, cfg.pokes[0].offset);
	EXPECT_EQ(0xfffffff0U, cfg.pokes[0].value);
	EXPECT_EQ(20, cfg.pokes[1].offset);
	EXPECT_EQ(32, cfg.pokes[1].value);
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=0x8000:16", err,
				sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "needs <command>"));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=0x8000:18:1", err,
				sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=0x8000:16:1:2", err,
				sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=a:16:1", err,
				sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=1:16:0x100000000", err,
				sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefisecapp_poke=1:0:1 uefisecapp_poke=1:0:1 "
				"uefisecapp_poke=1:0:1 uefisecapp_poke=1:0:1 "
				"uefisecapp_poke=1:0:1", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "more than 4"));
}

TEST(config_erase_latency)
{
	struct tzsim_config cfg;
	char err[160];

	ASSERT_EQ(0, parse_cfg(&cfg, "", err, sizeof(err)));
	EXPECT_EQ(0, cfg.erase_us);
	ASSERT_EQ(0, parse_cfg(&cfg, "erase_us=400", err, sizeof(err)));
	EXPECT_EQ(400, cfg.erase_us);
	ASSERT_EQ(0, parse_cfg(&cfg, "erase_us=1000000", err, sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "erase_us=-1", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "microseconds"));
	EXPECT_EQ(-1, parse_cfg(&cfg, "erase_us=1000001", err, sizeof(err)));
	EXPECT_EQ(-1, parse_cfg(&cfg, "erase_us=fast", err, sizeof(err)));
}

TEST(config_flash)
{
	struct tzsim_config cfg;
	char err[160], text[400];

	ASSERT_EQ(0, parse_cfg(&cfg, "flash=/srv/q6a-nor.bin flash_blocks=16 flash_block_size=0x10000 # 1 MiB",
			       err, sizeof(err)));
	EXPECT_STREQ("/srv/q6a-nor.bin", cfg.flash);
	EXPECT_EQ(16, cfg.flash_blocks);
	EXPECT_EQ(65536, cfg.flash_block_size);
	/* Any path semihosting can open, relative ones included. */
	ASSERT_EQ(0, parse_cfg(&cfg, "flash=nor.bin", err, sizeof(err)));
	EXPECT_STREQ("nor.bin", cfg.flash);
	/* The limits of the block size. */
	ASSERT_EQ(0, parse_cfg(&cfg, "flash_block_size=512", err,
			       sizeof(err)));
	EXPECT_EQ(512, cfg.flash_block_size);
	ASSERT_EQ(0, parse_cfg(&cfg, "flash_block_size=262144", err,
			       sizeof(err)));
	EXPECT_EQ(262144, cfg.flash_block_size);
	/* 4 GiB exactly, keys in either order. */
	ASSERT_EQ(0, parse_cfg(&cfg, "flash_blocks=1048576", err,
			       sizeof(err)));
	ASSERT_EQ(0, parse_cfg(&cfg, "flash_block_size=262144 flash_blocks=16384",
			       err, sizeof(err)));
	/* A path of 255 characters fits. */
	strcpy(text, "flash=/");
	memset(text + 7, 'a', 254);
	text[261] = '\0';
	ASSERT_EQ(0, parse_cfg(&cfg, text, err, sizeof(err)));
	EXPECT_EQ(255, strlen(cfg.flash));
}

TEST(config_flash_errors)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "flash=", "bad option 'flash=': needs a host path" },
		{ "flash_blocks=0",
		  "bad option 'flash_blocks=0': needs a number of blocks >= 1" },
		{ "flash_blocks=-1", "needs a number of blocks" },
		{ "flash_blocks=many", "needs a number of blocks" },
		{ "flash_block_size=1000",
		  "bad option 'flash_block_size=1000': needs a power of two from 512 to 262144" },
		{ "flash_block_size=256", "power of two" },
		{ "flash_block_size=524288", "power of two" },
		{ "flash_block_size=0", "power of two" },
		{ "flash_block_size=-4096", "power of two" },
		{ "flash_block_size=4k", "power of two" },
		{ "flash_blocks=1048577",
		  "flash of 1048577 blocks of 4096 bytes is larger than 4 GiB" },
		{ "flash_blocks=16385 flash_block_size=262144", "4 GiB" },
		{ "flash_blocks=0x7fffffffffffffff", "4 GiB" },
		{ "flashy=/tmp/x", "bad option 'flashy=/tmp/x'" },
	};
	struct tzsim_config cfg;
	char err[160], text[400];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-1, parse_cfg(&cfg, bad[i].text, err, sizeof(err)));
		EXPECT_NE(NULL, strstr(err, bad[i].err)) {
			TH_LOG("'%s' gave '%s'", bad[i].text, err);
		}
	}
	/* 256 characters: one too many. */
	strcpy(text, "flash=/");
	memset(text + 7, 'a', 255);
	text[262] = '\0';
	EXPECT_EQ(-1, parse_cfg(&cfg, text, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "path longer than 255 characters"));
}

TEST(config_uefivars)
{
	struct tzsim_config cfg;
	char err[160], text[400];

	ASSERT_EQ(0, parse_cfg(&cfg, "", err, sizeof(err)));
	EXPECT_STREQ("", cfg.uefivars);
	ASSERT_EQ(0, parse_cfg(&cfg, "flash=nor.img uefivars=/srv/vars.bin # keep",
			       err, sizeof(err)));
	EXPECT_STREQ("/srv/vars.bin", cfg.uefivars);
	EXPECT_STREQ("nor.img", cfg.flash);
	ASSERT_EQ(0, parse_cfg(&cfg, "uefivars=vars.bin", err, sizeof(err)));
	EXPECT_STREQ("vars.bin", cfg.uefivars);
	/* The same limits as flash=: 255 characters fit, 256 do not. */
	strcpy(text, "uefivars=/");
	memset(text + 10, 'v', 254);
	text[264] = '\0';
	ASSERT_EQ(0, parse_cfg(&cfg, text, err, sizeof(err)));
	EXPECT_EQ(255, strlen(cfg.uefivars));
	strcpy(text, "uefivars=/");
	memset(text + 10, 'v', 255);
	text[265] = '\0';
	EXPECT_EQ(-1, parse_cfg(&cfg, text, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "path longer than 255 characters"));
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefivars=", err, sizeof(err)));
	EXPECT_STREQ("bad option 'uefivars=': needs a host path", err);
	EXPECT_EQ(-1, parse_cfg(&cfg, "uefivar=/tmp/x", err, sizeof(err)));
	EXPECT_STREQ("bad option 'uefivar=/tmp/x'", err);
}

/* -- Storage service: request checks, GET_INFO, NOR rules. -- */

static void put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int width)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < width; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static const struct storage_geometry q6a_geo = {
	.total_blocks = 8192, .block_size = 4096,
};

static int check_req(uint64_t type, uint64_t op, uint64_t lba,
		     uint64_t length, char *why, size_t whylen)
{
	struct storage_req req = {
		.storage_type = type, .storage_cmd = op, .lba = lba,
		.length = length, .data_ptr = 0x80001048,
	};

	return storage_req_check(&req, &q6a_geo, why, whylen);
}

TEST(storage_decode)
{
	uint8_t cmd[STORAGE_CMD_SIZE], det[STORAGE_DETAILS_SIZE];
	struct storage_req req;
	int i;

	for (i = 0; i < 5; i++)
		put_le64(cmd + 8 * i, 0x1111111111111111ULL * (i + 1));
	for (i = 0; i < 4; i++)
		put_le64(det + 8 * i, 0x0101010101010101ULL * (i + 6));
	storage_req_decode(&req, cmd, det);
	EXPECT_EQ(0x1111111111111111ULL, req.storage_type);
	EXPECT_EQ(0x2222222222222222ULL, req.slot_num);
	EXPECT_EQ(0x3333333333333333ULL, req.lun);
	EXPECT_EQ(0x4444444444444444ULL, req.guid_ptr);
	EXPECT_EQ(0x5555555555555555ULL, req.storage_cmd);
	EXPECT_EQ(0x0606060606060606ULL, req.lba);
	EXPECT_EQ(0x0707070707070707ULL, req.length);
	EXPECT_EQ(0x0808080808080808ULL, req.data_ptr);
	EXPECT_EQ(0x0909090909090909ULL, req.data_size);
	EXPECT_EQ(0x5555555555555555ULL, storage_cmd_of(cmd));
	/* Little endian, whatever the host. */
	memset(cmd, 0, sizeof(cmd));
	cmd[32] = 2;
	EXPECT_EQ(2, storage_cmd_of(cmd));
	EXPECT_STREQ("WRITE", storage_op_name(STORAGE_WRITE));
	EXPECT_STREQ("GET_INFO", storage_op_name(4));
	EXPECT_STREQ("UNKNOWN", storage_op_name(6));
}

TEST(storage_checks_accept)
{
	char why[128];

	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_INIT, 77, 3, why,
					     sizeof(why)));
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_DEINIT, 0, 0, why,
					     sizeof(why)));
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_READ, 0, 4096, why,
					     sizeof(why)));
	/* The last block, and the whole flash in one ERASE. */
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_WRITE, 8191, 4096, why,
					     sizeof(why)));
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_ERASE, 0, 32 << 20,
					     why, sizeof(why)));
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_GET_INFO, 0, 105, why,
					     sizeof(why)));
	EXPECT_EQ(STORAGE_SUCCESS, check_req(1, STORAGE_GET_INFO, 0, 4096,
					     why, sizeof(why)));
	EXPECT_STREQ("", why);
}

TEST(storage_checks_reject)
{
	static const struct {
		uint64_t type, op, lba, length;
		int result;
		const char *why;
	} bad[] = {
		{ 0, STORAGE_READ, 0, 4096, STORAGE_INVALID_PARAMETER,
		  "storage_type 0 is not SPINOR (1)" },
		{ 2, STORAGE_INIT, 0, 0, STORAGE_INVALID_PARAMETER,
		  "storage_type 2" },
		{ 1, STORAGE_READ, 0, 0, STORAGE_INVALID_PARAMETER,
		  "length 0" },
		{ 1, STORAGE_ERASE, 0, 0, STORAGE_INVALID_PARAMETER,
		  "length 0" },
		{ 1, STORAGE_WRITE, 0, 4095, STORAGE_INVALID_PARAMETER,
		  "length 4095 is not a multiple of the block size 4096" },
		{ 1, STORAGE_ERASE, 3, 6144, STORAGE_INVALID_PARAMETER,
		  "not a multiple" },
		{ 1, STORAGE_READ, 8191, 8192, STORAGE_INVALID_PARAMETER,
		  "lba 8191 + 2 blocks is beyond the 8192 blocks of the flash" },
		{ 1, STORAGE_WRITE, 8192, 4096, STORAGE_INVALID_PARAMETER,
		  "beyond" },
		{ 1, STORAGE_ERASE, 0, (32 << 20) + 4096,
		  STORAGE_INVALID_PARAMETER, "beyond" },
		/* lba + blocks would wrap around. */
		{ 1, STORAGE_READ, UINT64_MAX, 4096, STORAGE_INVALID_PARAMETER,
		  "beyond" },
		{ 1, STORAGE_READ, 1, 0xfffffffffffff000ULL,
		  STORAGE_INVALID_PARAMETER, "beyond" },
		{ 1, STORAGE_GET_INFO, 1, 105, STORAGE_INVALID_PARAMETER,
		  "GET_INFO at lba 1, not 0" },
		{ 1, STORAGE_GET_INFO, 0, 104, STORAGE_INVALID_PARAMETER,
		  "GET_INFO length 104, needs 105" },
		{ 1, 6, 0, 4096, STORAGE_NOT_SUPPORTED,
		  "unknown storage_cmd 6" },
	};
	char why[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(bad[i].result, check_req(bad[i].type, bad[i].op,
						   bad[i].lba, bad[i].length,
						   why, sizeof(why)));
		EXPECT_NE(NULL, strstr(why, bad[i].why)) {
			TH_LOG("case %u gave '%s'", i, why);
		}
	}
}

TEST(storage_get_info_layout)
{
	const struct storage_info info = {
		.total_blocks = 8192, .block_size = 4096, .page_size = 256,
		.num_physical = 0, .manufacturer_id = 0x1122334455667788ULL,
		.serial_num = 1663215, .fw_version = "",
		.memory_type = "NOR", .product_name = "W25Q256JW (tzsim)",
	};
	const struct storage_info longer = {
		.fw_version = "0123456789abcdef0123456789abcdefXYZ",
		.memory_type = "NORFLASH",
		.product_name = "0123456789abcdef0123456789abcdef!",
	};
	uint8_t out[STORAGE_INFO_SIZE + 1];

	memset(out, 0xa5, sizeof(out));
	storage_info_pack(out, &info);
	EXPECT_EQ(8192, get_le(out + 0, 8));
	EXPECT_EQ(4096, get_le(out + 8, 4));
	EXPECT_EQ(256, get_le(out + 12, 4));
	EXPECT_EQ(0, get_le(out + 16, 4));
	EXPECT_EQ(0x1122334455667788ULL, get_le(out + 20, 8));
	EXPECT_EQ(1663215, get_le(out + 28, 8));
	EXPECT_EQ(0, get_le(out + 36, 8));	/* fw_version: empty */
	EXPECT_EQ(0, memcmp(out + 68, "NOR\0\0", 5));
	EXPECT_EQ(0, memcmp(out + 73, "W25Q256JW (tzsim)", 18));
	EXPECT_EQ(0, out[104]);
	EXPECT_EQ(0xa5, out[105]);	/* packed: nothing past 105 bytes */

	/* Too long strings are cut to their field, without a NUL. */
	storage_info_pack(out, &longer);
	EXPECT_EQ(0, memcmp(out + 36, longer.fw_version, 32));
	EXPECT_EQ(0, memcmp(out + 68, "NORFL", 5));
	EXPECT_EQ(0, memcmp(out + 73, longer.product_name, 32));
	EXPECT_EQ(0xa5, out[105]);
}

TEST(nor_program_and_erase)
{
	uint8_t cells[4] = { 0x00, 0x12, 0xf0, 0xff };
	const uint8_t a[4] = { 0x5a, 0xff, 0x3c, 0x00 };
	const uint8_t b[4] = { 0xa5, 0x0f, 0xff, 0xff };

	nor_erase(cells, 3);
	EXPECT_EQ(0xff, cells[0]);
	EXPECT_EQ(0xff, cells[2]);
	/* Programming erased cells stores the data. */
	nor_program(cells, a, 3);
	EXPECT_EQ(0x5a, cells[0]);
	EXPECT_EQ(0xff, cells[1]);
	EXPECT_EQ(0x3c, cells[2]);
	/* Without an erase, bits only go from 1 to 0: old & new. */
	nor_program(cells, b, 4);
	EXPECT_EQ(0x00, cells[0]);
	EXPECT_EQ(0x0f, cells[1]);
	EXPECT_EQ(0x3c, cells[2]);
	EXPECT_EQ(0xff, cells[3]);
	nor_erase(cells, 4);
	nor_program(cells, b, 4);
	EXPECT_EQ(0, memcmp(cells, b, 4));
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
