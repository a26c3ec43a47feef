// SPDX-License-Identifier: GPL-2.0
/* The secure PL011: QEMU transmits on a DR write, no set-up needed. */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1U << 5)

void plat_console_putc(char c)
{
	while (mmio_read32(SEC_UART_BASE + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(SEC_UART_BASE + UART_DR, (uint8_t)c);
}
