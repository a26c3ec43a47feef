/* SPDX-License-Identifier: GPL-2.0 */
/* AArch64 helpers: system registers, barriers, a spinlock. */
#ifndef TZSIM_ARCH_H
#define TZSIM_ARCH_H

#include <tzsim/lib.h>

#define read_sysreg(r) ({						\
	uint64_t __v;							\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})
#define write_sysreg(v, r)						\
	__asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))

#define dsb_sy()	__asm__ volatile("dsb sy" : : : "memory")
#define isb()		__asm__ volatile("isb" : : : "memory")
#define sev()		__asm__ volatile("sev" : : : "memory")
#define wfe()		__asm__ volatile("wfe" : : : "memory")

static inline uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint8_t mmio_read8(uintptr_t a)
{
	return *(volatile uint8_t *)a;
}

static inline void mmio_write16(uintptr_t a, uint16_t v)
{
	*(volatile uint16_t *)a = v;
}

typedef struct {
	uint32_t locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		;
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif /* TZSIM_ARCH_H */
