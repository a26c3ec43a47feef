/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the core needs from the platform (plat/<name>/).
 */
#ifndef TZSIM_PLAT_H
#define TZSIM_PLAT_H

#include <tzsim/lib.h>

#define PLAT_MAX_CPUS	4

/* This CPU's index, 0..PLAT_MAX_CPUS-1. */
unsigned int plat_cpu_id(void);
/* The index of the CPU with this MPIDR, or -1. */
int plat_cpu_from_mpidr(uint64_t mpidr);

void plat_console_putc(char c);

/* Normal-world DRAM: the only memory a caller may pass as a buffer. */
uint64_t plat_ns_dram_base(void);
uint64_t plat_ns_dram_size(void);

/* Where the host loaded the kernel Image and the DTB. */
uint64_t plat_kernel_entry(void);
uint64_t plat_dtb_addr(void);

/*
 * GIC set-up of this CPU (and of the distributor if @primary): every
 * interrupt group 1 (the normal world's), except on PLAT_TICK_CPU the
 * secure tick's two, group 0 and signalled as FIQ to EL3.
 */
void plat_gic_init(bool primary);

/* Raise SPI @spi (INTID 32 + @spi) for the normal world: GICD_ISPENDR. */
void plat_gic_pend_spi(unsigned int spi);

/*
 * The secure tick: the EL3 secure physical timer (CNTPS, PPI 13) of
 * PLAT_TICK_CPU, a group 0 interrupt taken as FIQ at EL3 (SCR_EL3.FIQ).
 * Only that CPU can arm it: the others kick it with a group 0 SGI, which
 * also arrives as a tick. While PLAT_TICK_CPU is powered off (PSCI
 * CPU_OFF) or in EL3 (interrupts masked), the tick waits.
 */
#define PLAT_TICK_CPU	0
/* Arm this CPU's tick to fire in @us (PLAT_TICK_CPU only). */
void plat_tick_set(uint64_t us);
void plat_tick_off(void);
/* From any CPU: make PLAT_TICK_CPU take a tick FIQ soon. */
void plat_tick_kick(void);
/* Microseconds of the architected counter. */
uint64_t plat_now_us(void);

/*
 * FIQ handling: acknowledge the highest-priority pending group 0
 * interrupt (false: none, nothing to end); whether it is the tick's (the
 * timer or the kick); end it; mask one that has no business here.
 */
bool plat_fiq_ack(uint32_t *iar);
bool plat_fiq_is_tick(uint32_t iar);
void plat_fiq_eoi(uint32_t iar);
void plat_fiq_mask(uint32_t iar);

/*
 * Copy the host-provided file @name (fw_cfg) into @buf. Returns its size
 * (which may exceed @max: then only @max bytes were copied), or -1 if the
 * host gave no such file.
 */
long plat_host_file(const char *name, void *buf, size_t max);

/*
 * Files on the host (semihosting), for state that outlives a boot. @path is
 * a host path; @create makes or truncates the file ("w+b"), else it must
 * exist ("r+b"). open returns a handle >= 0 or -1; size returns the length
 * or -1. read and write move exactly @len bytes at the current position
 * (set with seek) and return 0, or -1 if fewer were moved. @buf may be a
 * normal-world DRAM address.
 */
long plat_hostfile_open(const char *path, bool create);
void plat_hostfile_close(long h);
int plat_hostfile_seek(long h, uint64_t pos);
int plat_hostfile_read(long h, void *buf, size_t len);
int plat_hostfile_write(long h, const void *buf, size_t len);
int64_t plat_hostfile_size(long h);
/*
 * Rename host file @from to @to, replacing @to if it exists (atomically on
 * a POSIX host: a file rewritten as "<path>.tmp" then renamed is never
 * seen half-written). Returns 0 or -1.
 */
int plat_hostfile_rename(const char *from, const char *to);

/* Busy-wait @us microseconds (the generic timer counts at CNTFRQ). */
void plat_delay_us(uint64_t us);

void __noreturn plat_system_off(int exit_code);
void __noreturn plat_system_reset(void);

#endif /* TZSIM_PLAT_H */
