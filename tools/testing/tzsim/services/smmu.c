// SPDX-License-Identifier: GPL-2.0
/*
 * The board's SMMUv3 (config smmu=<base>; QEMU virt,iommu=smmuv3 puts it
 * at 0x09050000) in front of the remotes that have a stream id.
 *
 * QEMU's SMMU only translates PCIe traffic, so a remote's "DMA" is never
 * translated: the simulator checks instead, with services/smmu_walk.c on
 * the registers (page 0, read afresh on each check: Linux may reprogram
 * them) and on the tables in normal-world DRAM, what the remote would hit:
 *
 *   start (AUTH_AND_RESET succeeded): Linux's remoteproc has identity
 *	mapped the whole carveout rw in the remote's IOMMU domain
 *	(qcom_pas_map_carveout()) just before; the remote checks every page
 *	of it. Any hole, other address, read-only page, bypass or abort STE,
 *	or disabled SMMU: the remote faults (watchdog) instead of "ready".
 *   stop: Linux unmaps the carveout right *after* SHUTDOWN returns
 *	(qcom_pas_stop()), so the check that it did is polled on the secure
 *	tick for SMMU_UNMAP_WAIT_US; a new boot of the remote ends it.
 *
 * The presence of the SMMU is a configuration key, not a probe: on a
 * QEMU without iommu=smmuv3 the address is unassigned and EL3's read
 * would take an external abort. With the key, IDR0 reading 0 means no
 * SMMU after all (SMMU_ABSENT), logged once.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/smmu.h>

#define SMMU_IDR0		0x00
#define SMMU_IDR1		0x04
#define SMMU_IDR5		0x14
#define SMMU_CR0		0x20
#define SMMU_STRTAB_BASE	0x80
#define SMMU_STRTAB_BASE_CFG	0x88

#define IDR0_ST_LVL_2LVL(v)	((((v) >> 27) & 3) == 1)
#define IDR0_S1P		(1U << 1)
#define IDR0_S2P		(1U << 0)

#define SMMU_MAX_REMOTES	8
/* How long after SHUTDOWN Linux may take to unmap the carveout. */
#define SMMU_UNMAP_WAIT_US	2000000ULL

static uint32_t logged_idr;

static uint32_t reg32(unsigned int off)
{
	return *(volatile uint32_t *)(uintptr_t)(tzsim_cfg.smmu_base + off);
}

static uint64_t reg64(unsigned int off)
{
	return *(volatile uint64_t *)(uintptr_t)(tzsim_cfg.smmu_base + off);
}

/* EL3 runs with the MMU off: physical addresses, Device accesses. */
static int dram_read64(void *priv, uint64_t pa, uint64_t *val)
{
	*val = *(volatile uint64_t *)(uintptr_t)pa;
	return 0;
}

bool smmu_present(void)
{
	return tzsim_cfg.smmu_base != 0;
}

static void log_idr_once(const struct smmu_regs *regs)
{
	if (__atomic_exchange_n(&logged_idr, 1, __ATOMIC_RELAXED))
		return;
	if (!regs->idr0) {
		tz_log("smmu: no SMMUv3 at 0x%llx (IDR0 reads 0): nothing can be checked",
		       (unsigned long long)tzsim_cfg.smmu_base);
		return;
	}
	tz_log("smmu: SMMUv3 at 0x%llx: IDR0 0x%x IDR1 0x%x IDR5 0x%x (stage 1 %s, stage 2 %s, %s stream table possible, SIDSIZE %u)",
	       (unsigned long long)tzsim_cfg.smmu_base, regs->idr0,
	       regs->idr1, regs->idr5,
	       regs->idr0 & IDR0_S1P ? "yes" : "no",
	       regs->idr0 & IDR0_S2P ? "yes" : "no",
	       IDR0_ST_LVL_2LVL(regs->idr0) ? "2-level" : "linear",
	       regs->idr1 & 0x3f);
}

int smmu_check(uint32_t sid, uint64_t base, uint64_t size,
	       enum smmu_check mode, struct smmu_report *rep)
{
	struct smmu_regs regs = { 0 };
	struct smmu_mem mem = {
		.read64 = dram_read64,
		.dram_base = plat_ns_dram_base(),
		.dram_size = plat_ns_dram_size(),
		.max_reads = SMMU_DEFAULT_MAX_READS,
	};

	if (smmu_present())
		regs.idr0 = reg32(SMMU_IDR0);
	if (!regs.idr0) {
		if (smmu_present())
			log_idr_once(&regs);
		memset(rep, 0, sizeof(*rep));
		rep->result = SMMU_ABSENT;
		rep->first_bad = base;
		rep->level = -1;
		rep->why = smmu_present() ? "no SMMUv3 responds (IDR0 0)" :
			   "no SMMU on this boot (config smmu=off)";
		return rep->result;
	}
	regs.idr1 = reg32(SMMU_IDR1);
	regs.idr5 = reg32(SMMU_IDR5);
	regs.cr0 = reg32(SMMU_CR0);
	regs.strtab_base = reg64(SMMU_STRTAB_BASE);
	regs.strtab_base_cfg = reg32(SMMU_STRTAB_BASE_CFG);
	log_idr_once(&regs);
	return smmu_walk_range(&regs, &mem, sid, base, size, mode, rep);
}

int smmu_check_identity(uint32_t sid, uint64_t base, uint64_t size,
			uint64_t *first_bad)
{
	struct smmu_report rep;

	smmu_check(sid, base, size, SMMU_CHECK_IDENTITY_RW, &rep);
	*first_bad = rep.first_bad;
	return rep.result;
}

/* -- The remote model's hooks (called under its lock) -- */

struct unmap_wait {
	bool pending;
	uint64_t since_us;	/* SHUTDOWN */
	uint64_t polls;
};

static struct unmap_wait waits[SMMU_MAX_REMOTES];

static struct unmap_wait *wait_of(const struct soc_remote *r)
{
	if (r < soc_remotes || r >= soc_remotes + soc_nr_remotes ||
	    r - soc_remotes >= SMMU_MAX_REMOTES)
		return NULL;
	return &waits[r - soc_remotes];
}

int smmu_remote_boot(const struct soc_remote *r, char *why, size_t len)
{
	struct unmap_wait *w = wait_of(r);
	struct smmu_report rep;
	char detail[160];
	uint64_t t0;

	if (!smmu_present() || !w)
		return 0;
	if (w->pending) {
		tz_log("smmu: %s (sid 0x%x): carveout unmap after stop not seen before the next boot (%llu polls)",
		       r->name, r->stream_id, (unsigned long long)w->polls);
		w->pending = false;
	}
	if (r->stream_id == SOC_NO_STREAM) {
		tz_log("smmu: %s: no stream id, carveout not checked", r->name);
		return 0;
	}
	t0 = plat_now_us();
	smmu_check(r->stream_id, r->mem_base, r->mem_size,
		   SMMU_CHECK_IDENTITY_RW, &rep);
	smmu_report_str(&rep, detail, sizeof(detail));
	if (rep.result == SMMU_OK) {
		tz_log("smmu: %s (sid 0x%x): carveout 0x%llx+0x%llx identity-mapped rw (%s, %llu us)",
		       r->name, r->stream_id, (unsigned long long)r->mem_base,
		       (unsigned long long)r->mem_size, detail,
		       (unsigned long long)(plat_now_us() - t0));
		return 0;
	}
	tz_log("smmu: %s (sid 0x%x): carveout 0x%llx+0x%llx FAULT (%s): %s",
	       r->name, r->stream_id, (unsigned long long)r->mem_base,
	       (unsigned long long)r->mem_size, smmu_result_name(rep.result),
	       detail);
	tz_snprintf(why, len, "SMMU fault, %s: %s",
		    smmu_result_name(rep.result), detail);
	return -1;
}

bool smmu_remote_halted(const struct soc_remote *r)
{
	struct unmap_wait *w = wait_of(r);

	if (!smmu_present() || !w || r->stream_id == SOC_NO_STREAM)
		return false;
	w->pending = true;
	w->since_us = plat_now_us();
	w->polls = 0;
	return true;
}

/* One look at @r's carveout after its stop. Returns whether to go on. */
static bool poll_unmapped(const struct soc_remote *r, struct unmap_wait *w)
{
	uint64_t ms = (plat_now_us() - w->since_us) / 1000;
	struct smmu_report rep;
	char detail[160];

	w->polls++;
	smmu_check(r->stream_id, r->mem_base, r->mem_size,
		   SMMU_CHECK_UNMAPPED, &rep);
	smmu_report_str(&rep, detail, sizeof(detail));
	switch (rep.result) {
	case SMMU_OK:
		tz_log("smmu: %s (sid 0x%x): carveout unmapped after stop (%llu ms after SHUTDOWN, %llu polls)",
		       r->name, r->stream_id, (unsigned long long)ms,
		       (unsigned long long)w->polls);
		return false;
	case SMMU_STE_ABORT:
	case SMMU_STE_INVALID:
		tz_log("smmu: %s (sid 0x%x): carveout unmapped after stop (stream blocked: %s, %llu ms after SHUTDOWN)",
		       r->name, r->stream_id, detail, (unsigned long long)ms);
		return false;
	case SMMU_MAPPED:
	case SMMU_STE_BYPASS:
	case SMMU_DISABLED:
		if (ms * 1000 < SMMU_UNMAP_WAIT_US)
			return true;
		tz_log("smmu: %s (sid 0x%x): CARVEOUT STILL %s %llu ms after stop: %s: %s",
		       r->name, r->stream_id,
		       rep.result == SMMU_MAPPED ? "MAPPED" :
		       "REACHABLE (untranslated)", (unsigned long long)ms,
		       smmu_result_name(rep.result), detail);
		return false;
	default:
		tz_log("smmu: %s (sid 0x%x): cannot check the carveout after stop: %s: %s",
		       r->name, r->stream_id, smmu_result_name(rep.result),
		       detail);
		return false;
	}
}

bool smmu_remote_tick(void)
{
	bool needed = false;
	unsigned int i;

	for (i = 0; i < soc_nr_remotes && i < SMMU_MAX_REMOTES; i++) {
		struct unmap_wait *w = &waits[i];

		if (!w->pending)
			continue;
		w->pending = poll_unmapped(&soc_remotes[i], w);
		needed |= w->pending;
	}
	return needed;
}
