// SPDX-License-Identifier: GPL-2.0
/*
 * Power-off through semihosting SYS_EXIT (ends QEMU with an exit code when
 * started with -semihosting), else the secure GPIO power-off pin; reset
 * through the secure GPIO restart pin (QEMU with -no-reboot then exits).
 */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

#define SEMIHOST_SYS_EXIT		0x18
#define ADP_STOPPED_APPLICATION_EXIT	0x20026
#define GPIO_DIR			0x400
#define GPIO_DATA(pin)			(1U << ((pin) + 2))

static void gpio_pulse(unsigned int pin)
{
	mmio_write32(SEC_GPIO_BASE + GPIO_DIR, 1U << pin);
	mmio_write32(SEC_GPIO_BASE + GPIO_DATA(pin), 1U << pin);
}

void __noreturn plat_system_off(int exit_code)
{
	static uint64_t block[2];

	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint64_t)exit_code;
	__asm__ volatile("mov x0, %0\n\tmov x1, %1\n\thlt #0xf000"
			 : : "r"((uint64_t)SEMIHOST_SYS_EXIT), "r"(block)
			 : "x0", "x1", "memory");
	gpio_pulse(0);
	for (;;)
		wfe();
}

void __noreturn plat_system_reset(void)
{
	gpio_pulse(1);
	for (;;)
		wfe();
}
