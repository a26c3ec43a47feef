// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2: at reset every interrupt is group 0 (secure). Hand them all to the
 * normal world (group 1) and enable both groups, or the kernel gets none.
 * IGROUPR0 and the CPU interface are banked: every CPU does its own.
 *
 * The exception is the secure tick on PLAT_TICK_CPU: its timer PPI
 * (INTID 29, the EL3 secure physical timer) and the SGI other CPUs kick it
 * with stay group 0, top priority, and with GICC_CTLR.FIQEn group 0 is
 * signalled as FIQ, which SCR_EL3.FIQ routes to EL3 (core/entry.S). The
 * normal world cannot see or change group 0 interrupts (its accesses to
 * their enable, priority and pending bits are ignored), so Linux's GIC
 * driver leaves them alone.
 */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IGROUPR(n)		(0x080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_ISPENDR(n)		(0x200 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + 4 * ((n) / 4))
#define GICD_SGIR		0xf00
#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010

#define GICC_CTLR_GRP0		(1U << 0)
#define GICC_CTLR_GRP1		(1U << 1)
#define GICC_CTLR_FIQEN		(1U << 3)
#define GICD_SGIR_TARGET(cpu)	(1U << (16 + (cpu)))	/* NSATT 0: group 0 */
#define INTID_MASK		0x3ff
#define INTID_SPURIOUS		1020	/* 1020..1023: nothing to acknowledge */

#define TICK_INTID		29	/* PPI 13: CNTPS, the secure timer */
#define KICK_SGI		15	/* Linux uses SGIs 0..7 */
#define TICK_PRIORITY		0x00
#define TICK_GROUP0		((1U << TICK_INTID) | (1U << KICK_SGI))

static void set_priority(unsigned int intid, uint8_t prio)
{
	uintptr_t reg = GICD_BASE + GICD_IPRIORITYR(intid);
	unsigned int shift = 8 * (intid % 4);

	mmio_write32(reg, (mmio_read32(reg) & ~(0xffU << shift)) |
		     (uint32_t)prio << shift);
}

void plat_gic_init(bool primary)
{
	bool tick = plat_cpu_id() == PLAT_TICK_CPU;
	unsigned int i, nr = 1;

	if (primary)
		nr = (mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1;
	for (i = 0; i < nr; i++)
		mmio_write32(GICD_BASE + GICD_IGROUPR(i),
			     i || !tick ? 0xffffffff : ~TICK_GROUP0);
	if (tick) {
		set_priority(TICK_INTID, TICK_PRIORITY);
		set_priority(KICK_SGI, TICK_PRIORITY);
		mmio_write32(GICD_BASE + GICD_ISENABLER(0), TICK_GROUP0);
	}
	if (primary)
		mmio_write32(GICD_BASE + GICD_CTLR, 3);
	mmio_write32(GICC_BASE + GICC_CTLR,
		     GICC_CTLR_GRP0 | GICC_CTLR_GRP1 | GICC_CTLR_FIQEN);
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
}

void plat_gic_pend_spi(unsigned int spi)
{
	unsigned int intid = 32 + spi;

	dsb_sy();	/* the shared memory the interrupt announces first */
	mmio_write32(GICD_BASE + GICD_ISPENDR(intid / 32), 1U << (intid % 32));
}

void plat_tick_kick(void)
{
	dsb_sy();
	mmio_write32(GICD_BASE + GICD_SGIR,
		     GICD_SGIR_TARGET(PLAT_TICK_CPU) | KICK_SGI);
}

bool plat_fiq_ack(uint32_t *iar)
{
	*iar = mmio_read32(GICC_BASE + GICC_IAR);
	return (*iar & INTID_MASK) < INTID_SPURIOUS;
}

bool plat_fiq_is_tick(uint32_t iar)
{
	unsigned int intid = iar & INTID_MASK;

	return intid == TICK_INTID || intid == KICK_SGI;
}

void plat_fiq_eoi(uint32_t iar)
{
	mmio_write32(GICC_BASE + GICC_EOIR, iar);
}

void plat_fiq_mask(uint32_t iar)
{
	unsigned int intid = iar & INTID_MASK;

	mmio_write32(GICD_BASE + GICD_ICENABLER(intid / 32),
		     1U << (intid % 32));
}
