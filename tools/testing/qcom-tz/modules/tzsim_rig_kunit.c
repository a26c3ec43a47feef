// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the simulated board itself: runs in the guest kernel and
 * talks to the tzsim firmware with real SMCs. It checks the simulator's
 * rules that every driver relies on - IS_CALL_AVAIL, one SHM bridge per
 * tzmem pool area, refusal of buffers outside bridges, the extra-args
 * buffer - through the simulator's own SIM service (svc 0xF0), which no
 * Qualcomm firmware has; nothing here is part of the driver series.
 */
#include <kunit/test.h>
#include <linux/arm-smccc.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#define SIP_FAST64(svc, cmd)	(0xc2000000 | (svc) << 8 | (cmd))
#define SIP_YIELD64(svc, cmd)	(0x42000000 | (svc) << 8 | (cmd))
#define SIM_ECHO		SIP_YIELD64(0xf0, 0x01)
#define SIM_STATS		SIP_YIELD64(0xf0, 0x02)
#define SIM_ARGS10		SIP_YIELD64(0xf0, 0x03)
#define ARGINFO_ECHO		0x214	/* RO, VAL, RW, VAL */
#define SCM_EINVAL_ADDR		(-3L)
#define SMCCC_UNKNOWN		(-1L)

static long sim_call(unsigned long fid, unsigned long arginfo,
		     unsigned long a0, unsigned long a1, unsigned long a2,
		     unsigned long a3, struct arm_smccc_res *res)
{
	arm_smccc_smc(fid, arginfo, a0, a1, a2, a3, 0, 0, res);
	return (long)res->a0;
}

/* Number of calls the simulator has seen of SIP svc/cmd. */
static unsigned long sim_calls(struct kunit *test, u8 svc, u8 cmd)
{
	struct arm_smccc_res res;

	KUNIT_ASSERT_EQ(test, sim_call(SIM_STATS, 1, 2 << 16 | svc << 8 | cmd,
				       0, 0, 0, &res), 0);
	return res.a1;
}

static struct qcom_tzmem_pool *static_pool(struct kunit *test, size_t size)
{
	struct qcom_tzmem_pool_config cfg = {
		.policy = QCOM_TZMEM_POLICY_STATIC,
		.initial_size = size,
	};
	struct qcom_tzmem_pool *pool = qcom_tzmem_pool_new(&cfg);

	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	return pool;
}

static void rig_is_call_avail(struct kunit *test)
{
	struct arm_smccc_res res;

	KUNIT_EXPECT_TRUE(test, qcom_scm_is_available());
	/* The kernel's own SMC64 convention probe. */
	KUNIT_EXPECT_EQ(test, sim_call(SIP_FAST64(0x06, 0x01), 1,
				       0x02000601, 0, 0, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res.a1, 1);
	/* Something the simulator does not implement. */
	KUNIT_EXPECT_EQ(test, sim_call(SIP_FAST64(0x06, 0x01), 1,
				       0x0200eeee, 0, 0, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res.a1, 0);
	KUNIT_EXPECT_EQ(test, sim_call(SIP_YIELD64(0xee, 0xee), 0, 0, 0, 0, 0,
				       &res), SMCCC_UNKNOWN);
}

static void rig_bridge_per_pool(struct kunit *test)
{
	unsigned long created = sim_calls(test, 0x0c, 0x1e);
	unsigned long deleted = sim_calls(test, 0x0c, 0x1d);
	struct qcom_tzmem_pool *pool = static_pool(test, SZ_16K);

	KUNIT_EXPECT_EQ(test, sim_calls(test, 0x0c, 0x1e), created + 1);
	qcom_tzmem_pool_free(pool);
	KUNIT_EXPECT_EQ(test, sim_calls(test, 0x0c, 0x1d), deleted + 1);
}

static void rig_echo_inside_bridge(struct kunit *test)
{
	struct qcom_tzmem_pool *pool = static_pool(test, SZ_16K);
	u8 *src = qcom_tzmem_alloc(pool, SZ_4K, GFP_KERNEL);
	u8 *dst = qcom_tzmem_alloc(pool, SZ_4K, GFP_KERNEL);
	struct arm_smccc_res res;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	for (i = 0; i < 256; i++)
		src[i] = i;
	memset(dst, 0, 256);
	KUNIT_EXPECT_EQ(test, sim_call(SIM_ECHO, ARGINFO_ECHO,
				       qcom_tzmem_to_phys(src), 256,
				       qcom_tzmem_to_phys(dst), 256, &res), 0);
	KUNIT_EXPECT_EQ(test, res.a1, 256);
	KUNIT_EXPECT_EQ(test, memcmp(src, dst, 256), 0);
	qcom_tzmem_free(src);
	qcom_tzmem_free(dst);
	qcom_tzmem_pool_free(pool);
}

static void rig_echo_outside_bridge(struct kunit *test)
{
	struct qcom_tzmem_pool *pool = static_pool(test, SZ_16K);
	u8 *tz = qcom_tzmem_alloc(pool, SZ_16K, GFP_KERNEL);
	u8 *plain = kunit_kzalloc(test, 256, GFP_KERNEL);
	phys_addr_t tz_phys;
	struct arm_smccc_res res;

	KUNIT_ASSERT_NOT_NULL(test, tz);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	tz_phys = qcom_tzmem_to_phys(tz);
	memset(tz, 0xa5, SZ_16K);

	/* Source in plain kernel memory. */
	KUNIT_EXPECT_EQ(test, sim_call(SIM_ECHO, ARGINFO_ECHO,
				       virt_to_phys(plain), 256, tz_phys, 256,
				       &res), SCM_EINVAL_ADDR);
	KUNIT_EXPECT_EQ(test, tz[0], 0xa5);
	/* Destination in plain kernel memory: must stay untouched. */
	KUNIT_EXPECT_EQ(test, sim_call(SIM_ECHO, ARGINFO_ECHO, tz_phys, 256,
				       virt_to_phys(plain), 256, &res),
			SCM_EINVAL_ADDR);
	KUNIT_EXPECT_EQ(test, plain[0], 0);
	/* Starts inside the bridge, runs past its end. */
	KUNIT_EXPECT_EQ(test, sim_call(SIM_ECHO, ARGINFO_ECHO,
				       tz_phys + SZ_16K - 16, 256, tz_phys, 256,
				       &res), SCM_EINVAL_ADDR);

	qcom_tzmem_free(tz);
	qcom_tzmem_pool_free(pool);
}

static void rig_extra_args(struct kunit *test)
{
	struct qcom_tzmem_pool *pool = static_pool(test, SZ_4K);
	__le64 *extra = qcom_tzmem_alloc(pool, SZ_4K, GFP_KERNEL);
	__le64 *plain = kunit_kzalloc(test, 7 * sizeof(*plain), GFP_KERNEL);
	struct arm_smccc_res res;
	unsigned long want = 0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, extra);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	for (i = 0; i < 10; i++)
		want += (i + 1) * (100 + i);
	/* args 0..2 in x2..x4, args 3..9 in the buffer x5 points to. */
	for (i = 0; i < 7; i++) {
		extra[i] = cpu_to_le64(103 + i);
		plain[i] = extra[i];
	}

	KUNIT_EXPECT_EQ(test, sim_call(SIM_ARGS10, 10, 100, 101, 102,
				       qcom_tzmem_to_phys(extra), &res), 0);
	KUNIT_EXPECT_EQ(test, res.a1, want);
	KUNIT_EXPECT_EQ(test, res.a2, 10);
	/* The same buffer outside any bridge is refused. */
	KUNIT_EXPECT_EQ(test, sim_call(SIM_ARGS10, 10, 100, 101, 102,
				       virt_to_phys(plain), &res),
			SCM_EINVAL_ADDR);

	qcom_tzmem_free(extra);
	qcom_tzmem_pool_free(pool);
}

/*
 * PAS calls in the wrong order are refused, as the firmware refuses them
 * (pas.c): wpss (PAS id 6) is offline until user space starts it.
 */
#define PAS_INIT_IMAGE		SIP_YIELD64(0x02, 0x01)
#define PAS_MEM_SETUP		SIP_YIELD64(0x02, 0x02)
#define PAS_AUTH_AND_RESET	SIP_YIELD64(0x02, 0x05)
#define PAS_SHUTDOWN		SIP_YIELD64(0x02, 0x06)
#define PAS_IS_SUPPORTED	SIP_YIELD64(0x02, 0x07)
#define PAS_WPSS		6
#define PAS_ADSP		1

static void rig_pas_wrong_order(struct kunit *test)
{
	struct arm_smccc_res res;

	KUNIT_EXPECT_EQ(test, sim_call(PAS_IS_SUPPORTED, 1, PAS_WPSS, 0, 0, 0,
				       &res), 0);
	KUNIT_EXPECT_EQ(test, res.a1, 1);
	KUNIT_EXPECT_EQ(test, sim_call(PAS_IS_SUPPORTED, 1, 99, 0, 0, 0, &res),
			0);
	KUNIT_EXPECT_EQ(test, res.a1, 0);

	KUNIT_EXPECT_NE(test, sim_call(PAS_AUTH_AND_RESET, 1, PAS_WPSS, 0, 0, 0,
				       &res), 0);
	KUNIT_EXPECT_NE(test, sim_call(PAS_MEM_SETUP, 3, PAS_WPSS, 0x9ae00000,
				       0x1000, 0, &res), 0);
	KUNIT_EXPECT_NE(test, sim_call(PAS_SHUTDOWN, 1, PAS_WPSS, 0, 0, 0,
				       &res), 0);
	/* adsp runs (auto boot): no second INIT_IMAGE under it. */
	KUNIT_EXPECT_NE(test, sim_call(PAS_INIT_IMAGE, 0x82, PAS_ADSP, 0, 0, 0,
				       &res), 0);
	/* An unknown PAS id. */
	KUNIT_EXPECT_NE(test, sim_call(PAS_SHUTDOWN, 1, 99, 0, 0, 0, &res), 0);
}

static struct kunit_case tzsim_rig_cases[] = {
	KUNIT_CASE(rig_is_call_avail),
	KUNIT_CASE(rig_bridge_per_pool),
	KUNIT_CASE(rig_echo_inside_bridge),
	KUNIT_CASE(rig_echo_outside_bridge),
	KUNIT_CASE(rig_extra_args),
	KUNIT_CASE(rig_pas_wrong_order),
	{}
};

static struct kunit_suite tzsim_rig_suite = {
	.name = "tzsim_rig",
	.test_cases = tzsim_rig_cases,
};

kunit_test_suite(tzsim_rig_suite);

MODULE_DESCRIPTION("KUnit checks of the tzsim simulated board");
MODULE_LICENSE("GPL");
