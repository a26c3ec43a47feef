// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2: at reset every interrupt is group 0 (secure). Hand them all to the
 * normal world (group 1) and enable both groups, or the kernel gets none.
 * IGROUPR0 and the CPU interface are banked: every CPU does its own.
 */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_IGROUPR(n)	(0x080 + 4 * (n))
#define GICC_CTLR	0x000
#define GICC_PMR	0x004

void plat_gic_init(bool primary)
{
	unsigned int i, nr = 1;

	if (primary)
		nr = (mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1;
	for (i = 0; i < nr; i++)
		mmio_write32(GICD_BASE + GICD_IGROUPR(i), 0xffffffff);
	if (primary)
		mmio_write32(GICD_BASE + GICD_CTLR, 3);
	mmio_write32(GICC_BASE + GICC_CTLR, 3);
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
}
