// SPDX-License-Identifier: GPL-2.0
/* Delays for the latency model, on the architected counter. */
#include <tzsim/arch.h>
#include <tzsim/plat.h>

void plat_delay_us(uint64_t us)
{
	uint64_t start = read_sysreg(cntpct_el0);
	uint64_t ticks = us * (read_sysreg(cntfrq_el0) / 1000000);

	while (read_sysreg(cntpct_el0) - start < ticks)
		;
}
