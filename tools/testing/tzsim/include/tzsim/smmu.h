/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The normal world's SMMUv3 as the simulated remotes see it: QEMU does not
 * translate a platform device's DMA, so the simulator reads what Linux's
 * arm-smmu-v3 driver programmed (registers, stream table, context
 * descriptor, io-pgtable-arm stage 1 tables) and walks it itself to decide
 * whether a remote could reach its memory.
 *
 *   services/smmu_walk.c   pure: stream table, STE, CD and LPAE walk, on
 *			    register values and a "read a u64 at PA"
 *			    callback (host unit tests feed it fake memory)
 *   services/smmu.c        the board's SMMU (config smmu=<base>): MMIO,
 *			    normal-world DRAM, the remote model's hooks
 *   services/sim_smmu.c    SIM SMMU_CHECK, for guest tests
 *
 * Only stage 1 (what Linux 6.12 uses on an SMMU with S1, like QEMU's) is
 * walked. An STE in bypass (Config bypass, or S1DSS bypass) leaves the
 * device untranslated and unisolated: it is reported as SMMU_STE_BYPASS,
 * never as "identity-mapped", since the remote's memory was not mapped by
 * Linux's IOMMU domain as the use_tzmem path promises.
 */
#ifndef TZSIM_SMMU_H
#define TZSIM_SMMU_H

#include <tzsim/lib.h>
#include <tzsim/soc.h>

/*
 * Outcome of a check; also res[0] of SIM SMMU_CHECK (a stable ABI: new
 * codes go at the end).
 */
enum smmu_result {
	SMMU_OK = 0,		/* identity rw / nothing mapped, as asked */
	SMMU_NOT_MAPPED = 1,	/* translation fault: invalid descriptor */
	SMMU_NOT_IDENTITY = 2,	/* mapped, to another address */
	SMMU_READ_ONLY = 3,	/* identity, but not writable */
	SMMU_FAULT = 4,		/* bad descriptor, access flag, size */
	SMMU_MAPPED = 5,	/* "unmapped" check: something is mapped */
	SMMU_STE_INVALID = 6,	/* STE.V clear, no L2 table, bad sid */
	SMMU_STE_ABORT = 7,	/* Config abort, or S1DSS terminate */
	SMMU_STE_BYPASS = 8,	/* Config bypass, or S1DSS bypass */
	SMMU_CD_INVALID = 9,	/* CD.V clear, EPD0, bad T0SZ/TG0/IPS */
	SMMU_UNSUPPORTED = 10,	/* stage 2, nested, AArch32 or BE tables */
	SMMU_DISABLED = 11,	/* CR0.SMMUEN clear */
	SMMU_BAD_TABLE = 12,	/* a pointer outside normal-world DRAM */
	SMMU_TOO_MANY_READS = 13, /* the walk's read budget ran out */
	SMMU_BAD_ARGS = 14,	/* empty or wrapping range */
	SMMU_ABSENT = 15,	/* no SMMU configured, or IDR0 reads 0 */
	SMMU_NR_RESULTS
};

/* What a range check asks. */
enum smmu_check {
	SMMU_CHECK_IDENTITY_RW,	/* every byte: iova == pa, writable */
	SMMU_CHECK_UNMAPPED,	/* no byte translates */
};

/* The registers the walk needs, as read from the SMMU's page 0. */
struct smmu_regs {
	uint32_t idr0, idr1, idr5;	/* 0 if unknown: not checked */
	uint32_t cr0;
	uint64_t strtab_base;
	uint32_t strtab_base_cfg;
};

/* Reads a walk may make per range check unless told otherwise. */
#define SMMU_DEFAULT_MAX_READS	(1U << 19)

/*
 * The memory the walk reads: only [dram_base, dram_base + dram_size) is
 * ever read (anything else is SMMU_BAD_TABLE), at most max_reads u64s
 * (0: SMMU_DEFAULT_MAX_READS). read64 returns 0, or -1 (SMMU_BAD_TABLE).
 */
struct smmu_mem {
	int (*read64)(void *priv, uint64_t pa, uint64_t *val);
	void *priv;
	uint64_t dram_base, dram_size;
	uint64_t max_reads;
	uint64_t reads;			/* out: reads of the last walk */
};

/* A stream's stage 1 set-up, from its STE and CD 0. */
struct smmu_stream {
	uint32_t sid;
	uint64_t ste_pa, cd_pa;
	uint64_t ttb;			/* CD.TTB0 */
	unsigned int granule_shift;	/* 12, 14 or 16 (CD.TG0) */
	unsigned int ias;		/* 64 - CD.T0SZ */
	unsigned int oas;		/* CD.IPS, capped by IDR5.OAS */
	int start_level;		/* 0..3 */
	bool ha;			/* CD.HA: no access flag faults */
	bool hd;			/* CD.HD: DBM makes writable */
};

/* One translation (or the invalid entry where it stopped). */
struct smmu_xlate {
	int result;		/* OK, NOT_MAPPED, FAULT, BAD_TABLE, TOO_MANY */
	int level;		/* of the last descriptor; -1: above ias */
	uint64_t va_start;	/* the region the leaf or invalid entry */
	uint64_t size;		/* covers (size 0: up to 2^64) */
	uint64_t pa;		/* output address of the iova (OK) */
	bool writable;
	uint64_t bad_pa;	/* BAD_TABLE: the address refused */
	const char *why;	/* static text, for the log */
};

/* The outcome of a range check. */
struct smmu_report {
	int result;		/* enum smmu_result */
	uint64_t first_bad;	/* first address the check fails on */
	uint64_t pa;		/* what it maps to; BAD_TABLE: refused addr */
	int level;		/* level of the descriptor concerned */
	const char *why;	/* static text */
	uint64_t leaves;	/* leaves and invalid entries visited */
	uint64_t reads;		/* u64 reads of memory */
	struct smmu_stream stream;	/* valid from SMMU_OK..SMMU_MAPPED */
};

/* -- The walk (services/smmu_walk.c, pure) -- */

/* Find and decode @sid's STE and CD 0: SMMU_OK or why not (in *@why). */
int smmu_walk_stream(const struct smmu_regs *regs, struct smmu_mem *mem,
		     uint32_t sid, struct smmu_stream *s, const char **why);
/* Translate one @iova through @s's tables. Returns x->result. */
int smmu_walk_translate(struct smmu_mem *mem, const struct smmu_stream *s,
			uint64_t iova, struct smmu_xlate *x);
/*
 * Check [@base, @base + @size) of stream @sid as @mode asks, leaf by leaf
 * (a 2 MiB block is one step). Returns rep->result.
 */
int smmu_walk_range(const struct smmu_regs *regs, struct smmu_mem *mem,
		    uint32_t sid, uint64_t base, uint64_t size,
		    enum smmu_check mode, struct smmu_report *rep);
/* "ok", "not-mapped", ...: the names the log uses. */
const char *smmu_result_name(int result);
/* One line on @rep: what failed where, or the set-up on success. */
void smmu_report_str(const struct smmu_report *rep, char *buf, size_t len);

/* -- The board's SMMU (services/smmu.c) -- */

#ifndef TZSIM_NO_SMMU
/* Whether this boot has an SMMU (config smmu=<base>). */
bool smmu_present(void);
/* smmu_walk_range() on the board's SMMU and normal-world DRAM. */
int smmu_check(uint32_t sid, uint64_t base, uint64_t size,
	       enum smmu_check mode, struct smmu_report *rep);
/* The identity check alone: SMMU_OK, or the result and *@first_bad. */
int smmu_check_identity(uint32_t sid, uint64_t base, uint64_t size,
			uint64_t *first_bad);

/*
 * The remote model's hooks (services/remote.c, under its lock).
 *
 * boot: before the remote raises "ready": 0 if its carveout is identity
 *	mapped rw for its stream (or there is nothing to check), else -1
 *	with the reason in @why: the remote faults instead of starting.
 * halted: after SHUTDOWN; Linux unmaps the carveout just after it, so
 *	the check is left to the tick. Returns whether the tick is needed.
 * tick: poll the pending "unmapped after stop" checks. Returns whether
 *	some are still pending.
 */
int smmu_remote_boot(const struct soc_remote *r, char *why, size_t len);
bool smmu_remote_halted(const struct soc_remote *r);
bool smmu_remote_tick(void);
#else
/* Builds without the board's SMMU (host tests of the remote model). */
static inline int smmu_remote_boot(const struct soc_remote *r, char *why,
				   size_t len)
{
	return 0;
}

static inline bool smmu_remote_halted(const struct soc_remote *r)
{
	return false;
}

static inline bool smmu_remote_tick(void)
{
	return false;
}
#endif

#endif /* TZSIM_SMMU_H */
