// SPDX-License-Identifier: GPL-2.0
/*
 * The remote model's firmware side: SMEM laid out at boot on the board's
 * addresses (soc.h), and the secure tick that drives services/remote.c.
 *
 * The tick is a FIQ on PLAT_TICK_CPU (CPU 0) every REMOTE_TICK_US while a
 * remote runs (a running remote watches for stop requests and may have a
 * crash due); the timer is off otherwise. An SMC on CPU 0 arms it directly,
 * one on another CPU kicks CPU 0 with an SGI that arrives as a tick. EL3
 * runs with interrupts masked (exception entry sets PSTATE.DAIF; nothing
 * here unmasks them), so a tick never interrupts an SMC on its CPU: it is
 * taken when CPU 0 is back in the normal world. If Linux powers CPU 0 off
 * (PSCI CPU_OFF), the tick pauses until it comes back.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/remote.h>
#include <tzsim/scm.h>
#include <tzsim/smem.h>
#include <tzsim/soc.h>

#define TCSR_MUTEX_STRIDE	0x1000
#define TCSR_MUTEX_COUNT	32
#define FIQ_MAX_PER_ENTRY	4

static uint64_t fiq_count, tick_count;

static volatile uint32_t *tcsr_mutex(unsigned int i)
{
	return (volatile uint32_t *)(uintptr_t)(SOC_TCSR_MUTEX_BASE +
						 i * TCSR_MUTEX_STRIDE);
}

static void log_crash_rules(void)
{
	unsigned int i;

	for (i = 0; i < tzsim_faults.nr; i++) {
		const struct fault_rule *r = &tzsim_faults.rules[i];
		const struct soc_remote *rem;

		if (r->crash == FAULT_CRASH_NONE)
			continue;
		rem = soc_remote_by_pas_id((unsigned int)r->sub);
		if (!rem || r->sub > UINT32_MAX)
			tz_panic("fault plan: crash= rule for PAS id %lld: no such remote",
				 (long long)r->sub);
		tz_log("fault plan: %s boots %llu..%llu crash (%s) %llu ms after start",
		       rem->name, (unsigned long long)r->nth,
		       (unsigned long long)(r->nth + r->count - 1),
		       r->crash == FAULT_CRASH_WDOG ? "wdog" : "fatal",
		       (unsigned long long)r->delay_ms);
	}
}

void remote_init(void)
{
	unsigned int i;

	/* The hardware mutexes come out of reset free. */
	for (i = 0; i < TCSR_MUTEX_COUNT; i++)
		*tcsr_mutex(i) = 0;
	if (remote_setup((uint8_t *)(uintptr_t)SOC_SMEM_BASE, SOC_SMEM_SIZE,
			 SOC_SMEM_BASE, tcsr_mutex(SOC_SMEM_HWLOCK)))
		tz_panic("smem: cannot lay out SMEM at 0x%llx+0x%llx",
			 (unsigned long long)SOC_SMEM_BASE,
			 (unsigned long long)SOC_SMEM_SIZE);
	tz_log("smem: version %u layout at 0x%llx+0x%llx, %u items: global partition and %u remote partitions of %u KiB",
	       SMEM_PART_VERSION, (unsigned long long)SOC_SMEM_BASE,
	       (unsigned long long)SOC_SMEM_SIZE, SMEM_NUM_ITEMS,
	       soc_nr_remotes, SMEM_REMOTE_PART_SIZE / 1024);
	log_crash_rules();
}

void remote_tick_request(void)
{
	if (plat_cpu_id() == PLAT_TICK_CPU)
		plat_tick_set(REMOTE_TICK_US);
	else
		plat_tick_kick();
}

/* From core/entry.S: a FIQ taken from the normal world. */
void tzsim_fiq(void)
{
	unsigned int n;
	uint32_t iar;

	fiq_count++;
	for (n = 0; n < FIQ_MAX_PER_ENTRY && plat_fiq_ack(&iar); n++) {
		if (plat_fiq_is_tick(iar)) {
			tick_count++;
			/* Re-arm or stop the timer before the EOI. */
			if (remote_tick())
				plat_tick_set(REMOTE_TICK_US);
			else
				plat_tick_off();
		} else {
			tz_log("fiq: unexpected group 0 interrupt %u on cpu%u, masked",
			       iar & 0x3ff, plat_cpu_id());
			plat_fiq_mask(iar);
		}
		plat_fiq_eoi(iar);
	}
}

static void remote_tick_counters(void)
{
	tz_log("counter remote.tick fiqs=%llu ticks=%llu",
	       (unsigned long long)fiq_count, (unsigned long long)tick_count);
	remote_counters();
}

DECLARE_SCM_COUNTERS(remote_tick_counters);
