// SPDX-License-Identifier: GPL-2.0
/*
 * SHM bridges (svc MP 0x0C): ENABLE 0x1C, DELETE 0x1D, CREATE 0x1E.
 *
 * Once ENABLE has been called, every buffer the normal world passes (RO/RW
 * arguments, the extra-args buffer, and whatever a service reads through
 * scm_ns_buffer()) must lie inside one registered bridge, as on firmware
 * that enforces them; otherwise the call fails with EINVAL_ADDR (-3).
 *
 * Services with a policy of their own ask through shm_bridge_covers(),
 * shm_bridge_snapshot() and shm_bridge_count_overlapping() (PAS at EL2).
 * At power-off: "shm bridge: live at power-off: ..." for each bridge left,
 * then "counter shm_bridge enabled=.. live=<n> live_bytes=<sum of sizes>
 * created=.. deleted=.. refused=<failed CREATEs> peak=<most live at once>".
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/scm.h>

#define SVC_MP			0x0c
#define MP_SHM_BRIDGE_ENABLE	0x1c
#define MP_SHM_BRIDGE_DELETE	0x1d
#define MP_SHM_BRIDGE_CREATE	0x1e

#define PAGE_MASK		0xfffULL
#define PERM_MASK		0x7ULL		/* R=4, W=2, X=1 */
#define VM_COUNT(size_flags)	(((size_flags) >> 9) & 0x7)
#define VMID_HLOS		3
#define MAX_BRIDGES		SHM_BRIDGE_MAX
#define HANDLE_BASE		0x5b00000000ULL

struct bridge {
	bool used;
	uint64_t base, size, handle;
};

static struct bridge bridges[MAX_BRIDGES];
static bool enabled;
static uint64_t next_handle = HANDLE_BASE;
static uint64_t nr_created, nr_deleted, nr_refused;
static unsigned int nr_live, peak_live;

bool shm_bridge_enforced(void)
{
	return enabled && tzsim_cfg.enforce_bridges;
}

bool shm_bridge_covers(uint64_t pa, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &bridges[i];

		if (b->used && pa >= b->base && len <= b->size &&
		    pa - b->base <= b->size - len)
			return true;
	}
	return false;
}

static bool bridge_overlaps(const struct bridge *b, uint64_t base,
			    uint64_t size)
{
	return b->used && base < b->base + b->size && b->base < base + size;
}

unsigned int shm_bridge_snapshot(struct shm_bridge_info *out,
				 unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_BRIDGES && n < max; i++) {
		const struct bridge *b = &bridges[i];

		if (b->used)
			out[n++] = (struct shm_bridge_info){
				.handle = b->handle, .base = b->base,
				.size = b->size,
			};
	}
	return n;
}

unsigned int shm_bridge_count_overlapping(uint64_t base, uint64_t size,
					  struct shm_bridge_info *first)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &bridges[i];

		if (!bridge_overlaps(b, base, size))
			continue;
		if (!n++ && first)
			*first = (struct shm_bridge_info){
				.handle = b->handle, .base = b->base,
				.size = b->size,
			};
	}
	return n;
}

static long bridge_enable(struct scm_call *c)
{
	enabled = true;
	c->res[0] = 0;
	return SCM_OK;
}

static long bridge_create_checked(struct scm_call *c)
{
	uint64_t pfn_perm = c->args[0], ipfn_perm = c->args[1];
	uint64_t size_flags = c->args[2], vmids = c->args[3];
	uint64_t base = pfn_perm & ~PAGE_MASK, size = size_flags & ~PAGE_MASK;
	uint64_t dram = plat_ns_dram_base(), dram_size = plat_ns_dram_size();
	unsigned int i, slot = MAX_BRIDGES;

	if (!enabled) {
		tz_log("shm bridge: CREATE before ENABLE");
		return SCM_EOPNOTSUPP;
	}
	if ((ipfn_perm & ~PERM_MASK) != base || !(pfn_perm & PERM_MASK) ||
	    !size || VM_COUNT(size_flags) != 1 || vmids != VMID_HLOS) {
		tz_log("shm bridge: malformed CREATE 0x%llx 0x%llx 0x%llx 0x%llx",
		       (unsigned long long)pfn_perm,
		       (unsigned long long)ipfn_perm,
		       (unsigned long long)size_flags,
		       (unsigned long long)vmids);
		return SCM_EINVAL_ARG;
	}
	if (base < dram || size > dram_size || base - dram > dram_size - size) {
		tz_log("shm bridge: 0x%llx+0x%llx is not normal-world DRAM",
		       (unsigned long long)base, (unsigned long long)size);
		return SCM_EINVAL_ADDR;
	}
	for (i = 0; i < MAX_BRIDGES; i++) {
		struct bridge *b = &bridges[i];

		if (!b->used) {
			if (slot == MAX_BRIDGES)
				slot = i;
			continue;
		}
		if (bridge_overlaps(b, base, size)) {
			tz_log("shm bridge: 0x%llx+0x%llx overlaps bridge 0x%llx",
			       (unsigned long long)base,
			       (unsigned long long)size,
			       (unsigned long long)b->handle);
			return SCM_EINVAL_ARG;
		}
	}
	if (slot == MAX_BRIDGES) {
		tz_log("shm bridge: all %d bridges in use", MAX_BRIDGES);
		return SCM_ENOMEM;
	}
	bridges[slot] = (struct bridge){
		.used = true, .base = base, .size = size,
		.handle = next_handle++,
	};
	c->res[0] = 0;
	c->res[1] = bridges[slot].handle;
	return SCM_OK;
}

static long bridge_create(struct scm_call *c)
{
	long ret = bridge_create_checked(c);

	if (ret != SCM_OK) {
		nr_refused++;
		return ret;
	}
	nr_created++;
	if (++nr_live > peak_live)
		peak_live = nr_live;
	return SCM_OK;
}

static long bridge_delete(struct scm_call *c)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		if (bridges[i].used && bridges[i].handle == c->args[0]) {
			bridges[i].used = false;
			nr_deleted++;
			nr_live--;
			return SCM_OK;
		}
	}
	tz_log("shm bridge: DELETE of unknown handle 0x%llx",
	       (unsigned long long)c->args[0]);
	return SCM_EINVAL_ARG;
}

static void bridge_counters(void)
{
	uint64_t bytes = 0;
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &bridges[i];

		if (!b->used)
			continue;
		bytes += b->size;
		tz_log("shm bridge: live at power-off: 0x%llx 0x%llx+0x%llx",
		       (unsigned long long)b->handle,
		       (unsigned long long)b->base,
		       (unsigned long long)b->size);
	}
	tz_log("counter shm_bridge enabled=%d live=%u live_bytes=%llu created=%llu deleted=%llu refused=%llu peak=%u",
	       enabled, nr_live, (unsigned long long)bytes,
	       (unsigned long long)nr_created,
	       (unsigned long long)nr_deleted,
	       (unsigned long long)nr_refused, peak_live);
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_MP, MP_SHM_BRIDGE_ENABLE, "MP",
		"SHM_BRIDGE_ENABLE", SCM_ARGS(0), bridge_enable);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_MP, MP_SHM_BRIDGE_DELETE, "MP",
		"SHM_BRIDGE_DELETE", SCM_ARGS(1), bridge_delete);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_MP, MP_SHM_BRIDGE_CREATE, "MP",
		"SHM_BRIDGE_CREATE", SCM_ARGS(4), bridge_create);
DECLARE_SCM_COUNTERS(bridge_counters);
