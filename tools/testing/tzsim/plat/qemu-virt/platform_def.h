/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory map of QEMU's "virt" machine with secure=on (QEMU 7.2), as far as
 * the simulator uses it.
 */
#ifndef PLATFORM_DEF_H
#define PLATFORM_DEF_H

#define SEC_FLASH_BASE		0x00000000	/* -bios lands here */
#define SEC_RAM_BASE		0x0e000000	/* 16 MiB, secure only */
#define SEC_RAM_SIZE		0x01000000

#define GICD_BASE		0x08000000
#define GICC_BASE		0x08010000
#define SEC_UART_BASE		0x09040000	/* second -serial */
#define FW_CFG_BASE		0x09020000
#define SEC_GPIO_BASE		0x090b0000	/* pin 0 power-off, pin 1 reset */

#define NS_DRAM_BASE		0x40000000ULL
#define NS_DTB_ADDR		0x40000000ULL	/* QEMU copies -dtb here */
#define NS_DTB_MAX_SIZE		0x100000
#define NS_KERNEL_ADDR		0x40200000ULL	/* -device loader,addr=... */

#define STACK_SIZE		0x4000

#endif /* PLATFORM_DEF_H */
