/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of core/. */
#ifndef TZSIM_CORE_H
#define TZSIM_CORE_H

#include <tzsim/faults.h>
#include <tzsim/lib.h>

#define TZSIM_FLASH_PATH_MAX	255
#define TZSIM_FLASH_BLOCK_MIN	512U
#define TZSIM_FLASH_BLOCK_MAX	262144U		/* the kernel driver's limit */
#define TZSIM_FLASH_SIZE_MAX	(4ULL << 30)
#define TZSIM_UEFIVARS_PATH_MAX	255

/*
 * Runtime configuration, from the fw_cfg file opt/tzsim/config:
 * whitespace-separated "key=value" words, '#' starts a comment.
 */
#define TZSIM_MAX_POKES	4
#define TZSIM_QTEE_CORRUPT_SLOTS	16	/* >= QTEE_CORRUPT_COUNT */

struct tzsim_config {
	unsigned int boot_el;	/* el=2 (default) or el=1 */
	bool enforce_bridges;	/* bridges=enforce (default) or bridges=off */
	bool log_calls;		/* log=calls (default) or log=errors */
	/*
	 * flash=<host path>: the file backing the SCM storage SPI-NOR,
	 * reached through semihosting (so relative to QEMU's working
	 * directory unless absolute; no spaces or '#'). Empty (the default):
	 * no flash, the STORAGE command is not available.
	 */
	char flash[TZSIM_FLASH_PATH_MAX + 1];
	/* flash_blocks=<n> (default 8192), at most 4 GiB of flash in all */
	uint64_t flash_blocks;
	/* flash_block_size=<n> (default 4096), a power of two, 512..262144 */
	uint32_t flash_block_size;
	/*
	 * erase_us=<n> (default 0): latency model, microseconds an ERASE
	 * spends per block, busy in EL3 as the real firmware is (a real
	 * 4 KiB sector erase takes 45-400 ms; 0 means instant).
	 */
	uint32_t erase_us;
	/*
	 * uefivars=<host path>: the file that keeps uefisecapp's
	 * non-volatile UEFI variables across boots (semihosting, same rules
	 * as flash=; format in include/tzsim/uefivars.h). Empty (the
	 * default): the variables live in memory only.
	 */
	char uefivars[TZSIM_UEFIVARS_PATH_MAX + 1];
	/*
	 * uefisecapp_poke=<command id>:<offset>:<value> (up to
	 * TZSIM_MAX_POKES): malformed-response injection. After a successful
	 * answer to that uefisecapp command, the u32 at byte <offset> of the
	 * response is overwritten with <value>, to test how the kernel copes
	 * with a firmware that lies about lengths and offsets.
	 */
	struct tzsim_poke {
		uint32_t cmd, offset, value;
	} pokes[TZSIM_MAX_POKES];
	unsigned int nr_pokes;
	/*
	 * smmu=<base> | smmu=off (default): the normal world's SMMUv3 page 0
	 * (QEMU virt,iommu=smmuv3: 0x09050000). Set, the remotes with a
	 * stream id check their carveout's identity map before starting
	 * (services/smmu.c). Only with an SMMU there: at an unmapped address
	 * EL3's first register read takes an external abort.
	 */
	uint64_t smmu_base;
	/*
	 * rsctable_pad=<bytes> (default 0, at most TZSIM_RSCTABLE_PAD_MAX):
	 * PAS GET_RSCTABLE appends to every table it returns a vendor entry
	 * (type 128) with that many zero bytes after its type word, so that
	 * a test can make the table larger than the kernel's first 16 KiB
	 * buffer (its "buffer not sufficient" retry), or than its 256 KiB
	 * SCM pool. 0: no padding entry. See include/tzsim/rsctable.h.
	 */
	uint32_t rsctable_pad;
	/*
	 * qtee_corrupt=<kind>:<nth> (repeatable, the last one per kind
	 * counts): arm a QTEE response corruption at boot, to hit the nth
	 * message that kind can apply to, e.g. qtee_corrupt=ob_size:3 (the
	 * third successful response with an OB lies about its size). Kinds by
	 * name in include/tzsim/qtee_corrupt.h. Indexed by kind; 0: unarmed.
	 */
	uint32_t qtee_corrupt[TZSIM_QTEE_CORRUPT_SLOTS];
};

#define TZSIM_RSCTABLE_PAD_MAX	(1U << 20)

extern struct tzsim_config tzsim_cfg;
extern struct fault_plan tzsim_faults;

/* Parse "key=value" words into @cfg; on error fill @err and return -1. */
int tzsim_config_parse(struct tzsim_config *cfg, const char *text,
		       size_t len, char *err, size_t errlen);

void tzsim_config_load(void);
void tzsim_log_counters(void);

/* PSCI (core/psci.c) and the SMCCC arch calls. */
void psci_handle(uint64_t x[8], unsigned int cpu);
void smccc_arch_handle(uint64_t x[8]);
void psci_boot_cpu_on(unsigned int cpu);

/* Entering the normal world (core/boot.c, core/entry.S). */
void __noreturn tzsim_enter_linux(unsigned int cpu, uint64_t entry,
				  uint64_t arg);
void __noreturn tzsim_enter_ns(uint64_t entry, uint64_t x0, uint64_t spsr);

extern volatile uint32_t tzsim_secondaries_go;

#endif /* TZSIM_CORE_H */
