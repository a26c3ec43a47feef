/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reset entry, EL3 exception vectors and the way out to the normal world.
 *
 * QEMU starts every CPU at address 0 (secure flash) in EL3. CPU 0 copies the
 * image to its link address in secure RAM, clears .bss and runs tzsim_main().
 * The other CPUs wait in flash until CPU 0 sets tzsim_secondaries_go, then
 * park in tzsim_secondary() until PSCI CPU_ON releases them.
 *
 * Exceptions come from the normal world only: SMCs (synchronous) and, with
 * SCR_EL3.FIQ, the secure tick's FIQs. EL3 itself runs with PSTATE.DAIF
 * all set (at reset and on every exception entry, and nothing clears it),
 * so neither can arrive while EL3 handles the other on the same CPU: a FIQ
 * that comes due during an SMC is taken after its ERET.
 */
#include "platform_def.h"

#define PLAT_MAX_CPUS	4	/* as in tzsim/plat.h */

	.macro	cpu_stack_top, reg, tmp
	mrs	\reg, mpidr_el1
	and	\reg, \reg, #0xff
	add	\reg, \reg, #1
	mov	\tmp, #STACK_SIZE
	mul	\reg, \reg, \tmp
	ldr	\tmp, =tzsim_stacks
	add	\reg, \reg, \tmp
	.endm

	.section .text.entry, "ax"
	.global	_start
_start:
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cbnz	x0, secondary_wait

	adr	x1, _start		/* where QEMU loaded us */
	ldr	x2, =__image_start	/* where we are linked */
	ldr	x3, =__image_end
1:	ldr	x4, [x1], #8
	str	x4, [x2], #8
	cmp	x2, x3
	b.lo	1b
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
2:	cmp	x1, x2
	b.hs	3f
	str	xzr, [x1], #8
	b	2b
3:	dsb	sy
	ic	iallu
	isb
	ldr	x0, =primary_in_ram
	br	x0

secondary_wait:
	cmp	x0, #PLAT_MAX_CPUS	/* no stack for more: stay parked */
	b.hs	.
	ldr	x1, =tzsim_secondaries_go
1:	wfe
	ldr	w2, [x1]
	cbz	w2, 1b
	ldr	x0, =secondary_in_ram
	br	x0
	.ltorg

	.text
primary_in_ram:
	cpu_stack_top x0, x1
	mov	sp, x0
	bl	tzsim_main
	b	.

secondary_in_ram:
	cpu_stack_top x0, x1
	mov	sp, x0
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	bl	tzsim_secondary
	b	.

/*
 * void tzsim_enter_ns(uint64_t entry, uint64_t x0, uint64_t spsr)
 * Leave EL3 for the normal world with a clean stack and clean registers.
 */
	.global	tzsim_enter_ns
tzsim_enter_ns:
	msr	elr_el3, x0
	msr	spsr_el3, x2
	mov	x19, x1
	cpu_stack_top x0, x1
	mov	sp, x0
	mov	x0, x19
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x19, xzr
	mov	x29, xzr
	mov	x30, xzr
	isb
	eret

/* -- Vectors ------------------------------------------------------------ */
	.macro	unexpected, kind
	.balign	0x80
	mov	x0, #\kind
	b	unexpected_exception
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	tzsim_vectors
tzsim_vectors:
	unexpected 0	/* current EL, SP0: sync, irq, fiq, serror */
	unexpected 1
	unexpected 2
	unexpected 3
	unexpected 4	/* current EL, SPx */
	unexpected 5
	unexpected 6
	unexpected 7
	.balign	0x80	/* lower EL, AArch64, synchronous: SMC */
	b	lower_sync
	unexpected 9
	.balign	0x80	/* lower EL, AArch64, FIQ: the secure tick */
	b	lower_fiq
	unexpected 11
	unexpected 12	/* lower EL, AArch32 */
	unexpected 13
	unexpected 14
	unexpected 15

lower_sync:
	sub	sp, sp, #(32 * 8)
	stp	x0, x1, [sp, #(0 * 8)]
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x19, [sp, #(18 * 8)]
	stp	x20, x21, [sp, #(20 * 8)]
	stp	x22, x23, [sp, #(22 * 8)]
	stp	x24, x25, [sp, #(24 * 8)]
	stp	x26, x27, [sp, #(26 * 8)]
	stp	x28, x29, [sp, #(28 * 8)]
	str	x30, [sp, #(30 * 8)]
	mrs	x0, esr_el3
	lsr	x1, x0, #26
	cmp	x1, #0x17		/* EC: SMC from AArch64 */
	b.ne	not_smc
	mov	x0, sp
	bl	tzsim_smc
	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x19, [sp, #(18 * 8)]
	ldp	x20, x21, [sp, #(20 * 8)]
	ldp	x22, x23, [sp, #(22 * 8)]
	ldp	x24, x25, [sp, #(24 * 8)]
	ldp	x26, x27, [sp, #(26 * 8)]
	ldp	x28, x29, [sp, #(28 * 8)]
	ldr	x30, [sp, #(30 * 8)]
	add	sp, sp, #(32 * 8)
	eret

/*
 * A FIQ from the normal world: save everything it can see (x0..x30 and,
 * in case the handler ever takes an exception, ELR/SPSR), run tzsim_fiq(),
 * restore, return to where it was.
 */
lower_fiq:
	sub	sp, sp, #(34 * 8)
	stp	x0, x1, [sp, #(0 * 8)]
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x19, [sp, #(18 * 8)]
	stp	x20, x21, [sp, #(20 * 8)]
	stp	x22, x23, [sp, #(22 * 8)]
	stp	x24, x25, [sp, #(24 * 8)]
	stp	x26, x27, [sp, #(26 * 8)]
	stp	x28, x29, [sp, #(28 * 8)]
	mrs	x0, elr_el3
	mrs	x1, spsr_el3
	stp	x30, x0, [sp, #(30 * 8)]
	str	x1, [sp, #(32 * 8)]
	bl	tzsim_fiq
	ldp	x30, x0, [sp, #(30 * 8)]
	ldr	x1, [sp, #(32 * 8)]
	msr	elr_el3, x0
	msr	spsr_el3, x1
	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x19, [sp, #(18 * 8)]
	ldp	x20, x21, [sp, #(20 * 8)]
	ldp	x22, x23, [sp, #(22 * 8)]
	ldp	x24, x25, [sp, #(24 * 8)]
	ldp	x26, x27, [sp, #(26 * 8)]
	ldp	x28, x29, [sp, #(28 * 8)]
	add	sp, sp, #(34 * 8)
	eret

not_smc:
	mov	x0, #8
unexpected_exception:
	mrs	x1, esr_el3
	mrs	x2, elr_el3
	mrs	x3, far_el3
	bl	tzsim_unexpected
	b	.
