// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.0 (owner STD) and the SMCCC arch calls (owner ARCH): enough for
 * Linux to start and stop secondary CPUs and to power the board off.
 */
#include <tzsim/arch.h>
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>

#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)

enum cpu_state { CPU_OFF, CPU_ON_PENDING, CPU_ON };

static struct {
	volatile uint32_t state;
	uint64_t entry, context;
} cpus[PLAT_MAX_CPUS];
static spinlock_t psci_lock;

static const uint32_t psci_fids[] = {
	PSCI_VERSION, PSCI_CPU_OFF, PSCI_CPU_ON_32, PSCI_CPU_ON_64,
	PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64, PSCI_MIGRATE_INFO_TYPE,
	PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES,
	SMCCC_VERSION,
};

void psci_boot_cpu_on(unsigned int cpu)
{
	cpus[cpu].state = CPU_ON;
}

static long cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	int cpu = plat_cpu_from_mpidr(mpidr);
	long ret = PSCI_SUCCESS;

	if (cpu < 0)
		return PSCI_INVALID_PARAMS;
	spin_lock(&psci_lock);
	if (cpus[cpu].state == CPU_ON) {
		ret = PSCI_ALREADY_ON;
	} else if (cpus[cpu].state == CPU_ON_PENDING) {
		ret = PSCI_ON_PENDING;
	} else {
		cpus[cpu].entry = entry;
		cpus[cpu].context = context;
		dsb_sy();
		cpus[cpu].state = CPU_ON_PENDING;
		dsb_sy();
		sev();
	}
	spin_unlock(&psci_lock);
	return ret;
}

/* Secondary CPUs wait here, at boot and after CPU_OFF. */
void __noreturn tzsim_secondary(unsigned int cpu)
{
	plat_gic_init(false);
	while (cpus[cpu].state != CPU_ON_PENDING)
		wfe();
	cpus[cpu].state = CPU_ON;
	tz_log("psci: cpu%u on at 0x%llx", cpu,
	       (unsigned long long)cpus[cpu].entry);
	tzsim_enter_linux(cpu, cpus[cpu].entry, cpus[cpu].context);
}

void psci_handle(uint64_t x[8], unsigned int cpu)
{
	uint32_t fid = (uint32_t)x[0];
	long ret = PSCI_NOT_SUPPORTED;
	unsigned int i;
	int target;

	switch (fid) {
	case PSCI_VERSION:
		ret = 0x10000;			/* 1.0 */
		break;
	case PSCI_CPU_ON_32:
		ret = cpu_on((uint32_t)x[1], (uint32_t)x[2], (uint32_t)x[3]);
		break;
	case PSCI_CPU_ON_64:
		ret = cpu_on(x[1], x[2], x[3]);
		break;
	case PSCI_CPU_OFF:
		tz_log("psci: cpu%u off", cpu);
		cpus[cpu].state = CPU_OFF;
		dsb_sy();
		tzsim_secondary(cpu);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		target = plat_cpu_from_mpidr(x[1]);
		if (target < 0 || x[2])
			ret = PSCI_INVALID_PARAMS;
		else
			ret = cpus[target].state == CPU_ON ? 0 :
			      cpus[target].state == CPU_OFF ? 1 : 2;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;		/* no migration-capable trusted OS */
		break;
	case PSCI_SYSTEM_OFF:
		tz_log("psci: system off");
		tzsim_log_counters();
		plat_system_off(0);
	case PSCI_SYSTEM_RESET:
		tz_log("psci: system reset");
		tzsim_log_counters();
		plat_system_reset();
	case PSCI_FEATURES:
		for (i = 0; i < ARRAY_SIZE(psci_fids); i++)
			if (psci_fids[i] == (uint32_t)x[1])
				ret = PSCI_SUCCESS;
		break;
	default:
		break;
	}
	x[0] = (uint64_t)ret;
}

void smccc_arch_handle(uint64_t x[8])
{
	switch ((uint32_t)x[0]) {
	case SMCCC_VERSION:
		x[0] = 0x10001;		/* SMCCC 1.1 */
		break;
	case SMCCC_ARCH_FEATURES:
		x[0] = (uint32_t)x[1] == SMCCC_VERSION ? 0 :
		       (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		break;
	default:
		x[0] = (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		break;
	}
}
