// SPDX-License-Identifier: GPL-2.0
/*
 * Normal-world DRAM, as the DTB that QEMU copied to the base of RAM tells
 * it (the same DTB the kernel boots with).
 */
#include <tzsim/fdt.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include "platform_def.h"

static uint64_t dram_base, dram_size;

static void probe_dram(void)
{
	if (dram_size)
		return;
	if (fdt_first_memory((const void *)(uintptr_t)NS_DTB_ADDR,
			     NS_DTB_MAX_SIZE, &dram_base, &dram_size))
		tz_panic("no /memory node in the DTB at 0x%llx",
			 (unsigned long long)NS_DTB_ADDR);
}

uint64_t plat_ns_dram_base(void)
{
	probe_dram();
	return dram_base;
}

uint64_t plat_ns_dram_size(void)
{
	probe_dram();
	return dram_size;
}

uint64_t plat_kernel_entry(void)
{
	return NS_KERNEL_ADDR;
}

uint64_t plat_dtb_addr(void)
{
	return NS_DTB_ADDR;
}
