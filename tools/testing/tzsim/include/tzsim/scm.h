/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Qualcomm SCM calling convention as the firmware sees it, and the
 * table through which services register their commands.
 *
 * A service is one file in services/ that ends in DECLARE_SCM_CMD() lines;
 * the linker collects them in section .scm_cmds, the dispatcher looks
 * commands up there, and IS_CALL_AVAIL answers from the same table.
 */
#ifndef TZSIM_SCM_H
#define TZSIM_SCM_H

#include <tzsim/lib.h>

/* Function ID fields (SMCCC). */
#define SMC_FID_FAST		(1U << 31)
#define SMC_FID_SMC64		(1U << 30)
#define SMC_FID_OWNER(fid)	(((fid) >> 24) & 0x3f)
#define SMC_FID_SVC(fid)	(((fid) >> 8) & 0xff)
#define SMC_FID_CMD(fid)	((fid) & 0xff)
#define SMC_FID_MBZ		0x00ff0000U

/* Owners used by the SCM ABI. */
#define SMC_OWNER_ARCH		0
#define SMC_OWNER_SIP		2
#define SMC_OWNER_STD		4
#define SMC_OWNER_TZ_APPS	48
#define SMC_OWNER_QSEE_OS	50

#define SMCCC_NOT_SUPPORTED	(-1)

/* SCM status codes returned in x0. */
#define SCM_OK			0
#define SCM_INTERRUPTED		1
#define SCM_WAITQ_SLEEP		2
#define SCM_ERROR		(-1)
#define SCM_EINVAL_ARG		(-2)
#define SCM_EINVAL_ADDR		(-3)
#define SCM_EOPNOTSUPP		(-4)
#define SCM_ENOMEM		(-5)
#define SCM_EBUSY		(-12)

/* arginfo (x1): count in bits 3..0, two type bits per argument from bit 4. */
#define SCM_MAX_ARGS		10
#define SCM_REG_ARGS		4	/* x2..x5 */
#define SCM_INDIRECT_SLOTS	7	/* args 3..9 when count > 4 */
#define SCM_VAL			0
#define SCM_RO			1
#define SCM_RW			2
#define SCM_BUFVAL		3

#define SCM_ARGINFO_COUNT(ai)		((unsigned int)((ai) & 0xf))
#define SCM_ARGINFO_TYPE(ai, i)		((unsigned int)(((ai) >> (4 + 2 * (i))) & 3))

#define __SCM_ARGS(n, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, ...)	\
	((n) | (t0) << 4 | (t1) << 6 | (t2) << 8 | (t3) << 10 |		\
	 (t4) << 12 | (t5) << 14 | (t6) << 16 | (t7) << 18 |		\
	 (t8) << 20 | (t9) << 22)
/* SCM_ARGS(n, types...): the arginfo word for n arguments. */
#define SCM_ARGS(...)	__SCM_ARGS(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
/* Wildcard for commands that accept several argument layouts. */
#define SCM_ARGINFO_ANY	0xffffffffU

/* A decoded call, as handed to a command handler. */
struct scm_call {
	uint32_t fid;
	unsigned int owner, svc, cmd;
	bool smc64, fast;
	uint64_t arginfo;
	unsigned int nargs;
	uint64_t args[SCM_MAX_ARGS];
	uint64_t res[3];
	unsigned int cpu;
};

struct scm_cmd;
typedef long (*scm_handler_t)(struct scm_call *call);

struct scm_cmd {
	uint8_t owner, svc, cmd;
	uint32_t arginfo;	/* expected arginfo, or SCM_ARGINFO_ANY */
	const char *svc_name;
	const char *name;
	scm_handler_t handler;
	/*
	 * Optional. Returns false when the command is not there on this
	 * boot (e.g. no backing store configured): IS_CALL_AVAIL then says
	 * 0 and the dispatcher answers SMCCC_NOT_SUPPORTED, exactly as for
	 * a command that is not in the table, so the two never disagree.
	 */
	bool (*available)(void);
	/*
	 * Optional. The sub-command of a call (an operation code carried in
	 * a buffer, for commands that multiplex), or -1 if it has none or it
	 * cannot be read. Fault rules with sub= match on it. Only called for
	 * calls whose arginfo is the declared one; must read normal-world
	 * memory with scm_ns_buffer(..., NULL) so that nothing is logged.
	 */
	int64_t (*sub_cmd)(const struct scm_call *call);
	/*
	 * Set for commands whose RO/RW arguments need not lie in an SHM
	 * bridge even when bridges are enforced (PAS: there the hypervisor,
	 * not Linux, shares the memory with TZ; see services/pas.c). The
	 * dispatcher then only checks that they are normal-world DRAM, and
	 * the handler applies its own policy.
	 */
	bool bridge_exempt;
};

/*
 * DECLARE_SCM_CMD(owner, svc, cmd, "SVC", "NAME", arginfo, handler
 *		   [, .available = fn] [, .sub_cmd = fn])
 */
#define DECLARE_SCM_CMD(_owner, _svc, _cmd, _svc_name, _name, _arginfo,	\
			_fn, ...)					\
	static const struct scm_cmd __scm_cmd_##_fn			\
	__attribute__((used, section(".scm_cmds"), aligned(8))) = {	\
		.owner = (_owner), .svc = (_svc), .cmd = (_cmd),	\
		.arginfo = (_arginfo), .svc_name = (_svc_name),		\
		.name = (_name), .handler = (_fn), __VA_ARGS__		\
	}

/*
 * Services with counters of their own (beyond calls/errors/bytes per
 * command) print them at power-off: DECLARE_SCM_COUNTERS(fn) with
 * void fn(void) that tz_log()s them. The linker collects the functions in
 * section .scm_counters; tzsim_log_counters() calls each after the
 * per-command counters.
 */
typedef void (*scm_counters_fn)(void);

#define DECLARE_SCM_COUNTERS(_fn)					\
	static const scm_counters_fn __scm_counters_##_fn		\
	__attribute__((used, section(".scm_counters"), aligned(8))) = (_fn)

/* -- Decoding (core/scm_abi.c, pure: unit-tested on the host). -- */

/*
 * Fill @call from the caller's registers x0..x7. @indirect, if the call has
 * more than four arguments, is the content of the extra-args buffer that x5
 * points to (SCM_INDIRECT_SLOTS slots of 8 bytes for SMC64, 4 for SMC32).
 * Returns SCM_OK or SCM_EINVAL_ARG for a malformed arginfo.
 */
int scm_decode(struct scm_call *call, const uint64_t x[8],
	       const void *indirect);
/* Bytes of the extra-args buffer for this fid (0 if not used). */
size_t scm_indirect_size(uint32_t fid, uint64_t arginfo);

/* -- Table (core/scm_table.c). -- */
const struct scm_cmd *scm_find(unsigned int owner, unsigned int svc,
			       unsigned int cmd);
unsigned int scm_cmd_index(const struct scm_cmd *cmd);
unsigned int scm_cmd_count(void);
const struct scm_cmd *scm_cmd_at(unsigned int idx);
/* Validate the table (no duplicates); panics on a bad one. */
void scm_table_init(void);
/* Whether @cmd answers on this boot (its available() hook, if any). */
bool scm_cmd_available(const struct scm_cmd *cmd);
/* Every DECLARE_SCM_COUNTERS() function, in link order. */
void scm_counters_print(void);

/* -- Per-command statistics (core/scm.c). -- */
struct scm_stats {
	uint64_t calls;
	uint64_t errors;
	uint64_t bytes;		/* payload bytes, kept by the service */
};
struct scm_stats *scm_stats_of(const struct scm_cmd *cmd);

/*
 * Non-secure memory access for handlers. Returns a pointer to @len bytes at
 * physical address @pa, or NULL if the range is not normal-world DRAM or,
 * once SHM bridges are enforced, does not lie inside one registered bridge.
 * The failure is logged with @what; a NULL @what does not log (for peeks
 * such as sub_cmd(), where the handler reports the problem if it matters).
 */
void *scm_ns_buffer(uint64_t pa, uint64_t len, const char *what);
/* The same without the SHM bridge check: only "inside normal-world DRAM". */
void *scm_ns_dram(uint64_t pa, uint64_t len, const char *what);

/* -- SHM bridge (services/shm_bridge.c). -- */
#define SHM_BRIDGE_MAX		64	/* live bridges at a time */

struct shm_bridge_info {
	uint64_t handle, base, size;
};

bool shm_bridge_enforced(void);
/* Whether [@pa, @pa + @len) lies inside one live bridge. */
bool shm_bridge_covers(uint64_t pa, uint64_t len);
/*
 * Queries for services with a policy of their own (PAS): copy the live
 * bridges (at most @max, in slot order) to @out and return how many;
 * count the live bridges that overlap [@base, @base + @size), the first
 * of them into *@first if not NULL.
 */
unsigned int shm_bridge_snapshot(struct shm_bridge_info *out,
				 unsigned int max);
unsigned int shm_bridge_count_overlapping(uint64_t base, uint64_t size,
					  struct shm_bridge_info *first);

/* Entry from the SMC vector for the SCM owners. */
void scm_handle(uint64_t x[8], unsigned int cpu);

#endif /* TZSIM_SCM_H */
