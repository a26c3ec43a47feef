// SPDX-License-Identifier: GPL-2.0
/* virt puts up to 8 CPUs in one cluster: MPIDR Aff0 is the CPU index. */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

/* One stack per CPU, used by entry.S. */
uint8_t tzsim_stacks[PLAT_MAX_CPUS][STACK_SIZE] __attribute__((aligned(16)));

unsigned int plat_cpu_id(void)
{
	return read_sysreg(mpidr_el1) & 0xff;
}

int plat_cpu_from_mpidr(uint64_t mpidr)
{
	uint64_t aff = mpidr & 0xff00ffffffULL;

	return aff < PLAT_MAX_CPUS ? (int)aff : -1;
}
