// SPDX-License-Identifier: GPL-2.0
/*
 * Time on the architected counter: delays for the latency model, the
 * microsecond clock, and the secure tick (this CPU's EL3 secure physical
 * timer, CNTPS_*_EL1; its interrupt is set up in gic.c).
 */
#include <tzsim/arch.h>
#include <tzsim/plat.h>

#define CNTPS_CTL_ENABLE	(1U << 0)

static uint64_t ticks_per_us(void)
{
	uint64_t t = read_sysreg(cntfrq_el0) / 1000000;

	return t ? t : 1;
}

void plat_delay_us(uint64_t us)
{
	uint64_t start = read_sysreg(cntpct_el0);
	uint64_t ticks = us * (read_sysreg(cntfrq_el0) / 1000000);

	while (read_sysreg(cntpct_el0) - start < ticks)
		;
}

uint64_t plat_now_us(void)
{
	return read_sysreg(cntpct_el0) / ticks_per_us();
}

void plat_tick_set(uint64_t us)
{
	write_sysreg(read_sysreg(cntpct_el0) + us * ticks_per_us(),
		     cntps_cval_el1);
	write_sysreg(CNTPS_CTL_ENABLE, cntps_ctl_el1);	/* IMASK clear */
	isb();
}

void plat_tick_off(void)
{
	write_sysreg(0, cntps_ctl_el1);
	isb();
}
