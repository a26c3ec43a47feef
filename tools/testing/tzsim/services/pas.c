// SPDX-License-Identifier: GPL-2.0
/*
 * PAS, the Peripheral Authentication Service (SCM svc 0x02, PIL): loads
 * the remote processors of include/tzsim/soc.h (adsp, cdsp, modem, wpss)
 * the way Linux 6.12's qcom_q6v5_pas and mdt_loader drive it
 * (shared/abi/pas.md, sections 1, 2 and 5). All STD SMC64, owner SIP:
 *
 *   0x01 INIT_IMAGE(pas_id, metadata)  arginfo 0x82: validate the ELF
 *        header, program headers and hash segment (include/tzsim/pas.h),
 *        check the signature with the board's test key, keep a copy in
 *        secure memory (Linux may free its own once the call returns).
 *        Metadata above PAS_META_MAX (256 KiB, the size of Linux's SCM
 *        tzmem pool) is refused once its headers say so, before it is
 *        copied: "pas: <remote>: INIT_IMAGE: metadata of 0x<phdr0> +
 *        0x<hash> bytes, must be 1..0x40000".
 *   0x02 MEM_SETUP(pas_id, addr, size): relocation base of a relocatable
 *        image; the region must lie inside the remote's carveout.
 *   0x05 AUTH_AND_RESET(pas_id): hash every loaded segment where Linux
 *        put it, compare with the signed table, start the remote.
 *   0x06 SHUTDOWN(pas_id): halt a running (or crashed) remote.
 *   0x07 IS_SUPPORTED(pas_id): res[0] = 1 for the board's remotes.
 *   0x21 GET_RSCTABLE: services/pas_rsctable.c.
 *
 * Each remote is OFF (no image), LOADED (INIT_IMAGE accepted, maybe
 * MEM_SETUP) or RUNNING (from a good AUTH_AND_RESET to SHUTDOWN; a crash
 * of the remote is services/remote.c's business: for PAS it is still
 * running until SHUTDOWN). INIT_IMAGE on a LOADED remote replaces the
 * metadata (Linux's error paths leave remotes there); on a RUNNING one it
 * is refused. A failed INIT_IMAGE or AUTH_AND_RESET leaves the remote OFF.
 *
 * Error answers: x0 is a negative SCM status and res[0] stays 0, so the
 * kernel wrappers (ret ?: res.result[0]) return the remapped errno:
 *   SCM_EINVAL_ARG  (-2, Linux -EINVAL) unknown pas id, malformed image
 *                   or metadata, a region or segment outside the carveout;
 *   SCM_EINVAL_ADDR (-3, Linux -EINVAL) metadata or carveout not in
 *                   normal-world DRAM, or (Linux at EL2, bridges
 *                   enforced) not inside one SHM bridge, see
 *                   pas_memory_ok();
 *   SCM_ERROR       (-1, Linux -EIO) the image does not authenticate
 *                   (signature, wrong remote, hash mismatch), the remote
 *                   failed to start, or a command in the wrong state
 *                   (AUTH or MEM_SETUP before INIT, INIT of a running
 *                   remote, SHUTDOWN of one that is not running).
 * Never -12 (BUSY): the kernel would retry it. Every refusal logs one
 * line "pas: <remote>: <COMMAND>: <reason>".
 *
 * The fault plan's sub-command of these commands is the pas_id (args[0]):
 * "svc=2 cmd=5 sub=1" is adsp's AUTH_AND_RESET.
 *
 * SHM bridges left over a carveout: Linux bridges the carveout only
 * around AUTH_AND_RESET. Every other command of a remote (INIT_IMAGE,
 * MEM_SETUP, SHUTDOWN: after a SHUTDOWN, and after a failed AUTH_AND_RESET
 * at the remote's next command, since Linux deletes the bridge only once
 * the failed call has returned) and power-off look for live bridges
 * overlapping its carveout; each is logged once as
 *   "pas: <remote>: <COMMAND or power-off>: SHM bridge 0x<handle> still
 *    covers the carveout (...): leaked"
 * and counted in bridge_leaks.
 *
 * Counters at power-off: "counter pas.<remote> inits= auths= failures=
 * shutdowns= bytes= refused= bridge_leaks=" for each remote that was used
 * (refused: INIT_IMAGE or AUTH_AND_RESET memory refused by the EL2 bridge
 * policy), then always "counter pas refused=<n> bridge_leaks=<n>".
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/pas.h>
#include <tzsim/plat.h>
#include <tzsim/remote.h>
#include <tzsim/scm.h>
#include <tzsim/soc.h>

#include "pas_pubkey.h"		/* generated from the test key, in $(O) */

#define SVC_PIL			0x02
#define PAS_INIT_IMAGE		0x01
#define PAS_MEM_SETUP		0x02
#define PAS_AUTH_AND_RESET	0x05
#define PAS_SHUTDOWN		0x06
#define PAS_IS_SUPPORTED	0x07

#define PAS_MAX_REMOTES		4
#define PAS_LEAKS_SEEN		8	/* leaked bridges remembered per remote */

enum pas_state {
	PAS_OFF,
	PAS_LOADED,
	PAS_RUNNING,
};

struct pas_remote {
	enum pas_state state;
	struct pas_meta meta;		/* points into meta_buf[] */
	bool mem_setup;
	uint64_t reloc_base;
	uint64_t inits, auths, failures, shutdowns, bytes;
	uint64_t refused, bridge_leaks;
	uint64_t leak_seen[PAS_LEAKS_SEEN];	/* handles already reported */
};

static struct pas_remote pas[PAS_MAX_REMOTES];
/* The secure copies of the metadata ("XPU protected"). */
static uint8_t meta_buf[PAS_MAX_REMOTES][PAS_META_MAX]
	__attribute__((aligned(16)));

/* The live SHM bridges, for the policy (calls are serialised). */
static struct shm_bridge_info bridge_snap[SHM_BRIDGE_MAX];
static uint64_t total_refused, total_leaks;

static const struct pas_pubkey pas_key = {
	.n = pas_pubkey_n,
	.e = PAS_PUBKEY_E,
};

static int64_t pas_sub_cmd(const struct scm_call *c)
{
	return c->args[0] <= INT64_MAX ? (int64_t)c->args[0] : -1;
}

/* The remote of args[0], or NULL (logged). */
static const struct soc_remote *pas_lookup(const struct scm_call *c,
					   const char *cmd)
{
	const struct soc_remote *r = NULL;

	if (c->args[0] <= UINT32_MAX)
		r = soc_remote_by_pas_id((unsigned int)c->args[0]);
	if (!r || r - soc_remotes >= PAS_MAX_REMOTES) {
		tz_log("pas: %s: unknown pas id %llu", cmd,
		       (unsigned long long)c->args[0]);
		return NULL;
	}
	return r;
}

static struct pas_remote *pas_of(const struct soc_remote *r)
{
	return &pas[r - soc_remotes];
}

static void pas_bridge_view(struct pas_bridge_view *v)
{
	v->boot_el = tzsim_cfg.boot_el;
	v->enforced = shm_bridge_enforced();
	v->bridges = bridge_snap;
	v->nr = shm_bridge_snapshot(bridge_snap, SHM_BRIDGE_MAX);
}

/*
 * The one place that decides whether PAS may use normal-world memory that
 * the dispatcher did not check (the commands are bridge_exempt there): the
 * metadata blob (INIT_IMAGE) and the carveout (AUTH_AND_RESET). Returns
 * the memory, or NULL (logged, answer SCM_EINVAL_ADDR) if it is not
 * normal-world DRAM, or if pas_mem_policy() refuses it: Linux at EL2 with
 * bridges enforced, and the whole extent not inside one SHM bridge (see
 * include/tzsim/pas.h). At EL1 the hypervisor shares PAS memory with TZ,
 * so unbridged memory is accepted as before (and on real firmware a
 * metadata buffer that Linux already bridged makes INIT_IMAGE fail there,
 * see qcom_scm_pas_init_image()).
 */
static const uint8_t *pas_memory_ok(const struct soc_remote *r,
				    const char *cmd, const char *what,
				    uint64_t pa, uint64_t len)
{
	const uint8_t *p = scm_ns_dram(pa, len, NULL);
	struct pas_bridge_view v;

	if (!p) {
		tz_log("pas: %s: %s: %s 0x%llx+0x%llx is not normal-world DRAM",
		       r->name, cmd, what, (unsigned long long)pa,
		       (unsigned long long)len);
		return NULL;
	}
	pas_bridge_view(&v);
	if (pas_mem_policy(&v, pa, len) == PAS_MEM_REFUSED) {
		tz_log("pas: %s: %s: %s 0x%llx+0x%llx not in an SHM bridge (EL2, no hypervisor): refused",
		       r->name, cmd, what, (unsigned long long)pa,
		       (unsigned long long)len);
		pas_of(r)->refused++;
		total_refused++;
		return NULL;
	}
	return p;
}

static bool pas_leak_seen(struct pas_remote *p, uint64_t handle)
{
	unsigned int i;

	for (i = 0; i < PAS_LEAKS_SEEN; i++)
		if (p->leak_seen[i] == handle)
			return true;
	p->leak_seen[p->bridge_leaks % PAS_LEAKS_SEEN] = handle;
	return false;
}

/*
 * Report (once per bridge) and count the SHM bridges that overlap @r's
 * carveout: Linux deletes the one it creates for AUTH_AND_RESET right
 * after that call, so outside it any such bridge was left behind.
 */
static void pas_check_bridges(const struct soc_remote *r, const char *when)
{
	struct pas_remote *p = pas_of(r);
	const struct shm_bridge_info *b;
	struct pas_bridge_view v;
	int i = -1;

	pas_bridge_view(&v);
	while ((i = pas_bridge_overlap(&v, r->mem_base, r->mem_size,
				       i + 1)) >= 0) {
		b = &v.bridges[i];
		if (pas_leak_seen(p, b->handle))
			continue;
		p->bridge_leaks++;
		total_leaks++;
		tz_log("pas: %s: %s: SHM bridge 0x%llx still covers the carveout (bridge 0x%llx+0x%llx, carveout 0x%llx+0x%llx): leaked",
		       r->name, when, (unsigned long long)b->handle,
		       (unsigned long long)b->base,
		       (unsigned long long)b->size,
		       (unsigned long long)r->mem_base,
		       (unsigned long long)r->mem_size);
	}
}

/*
 * Size the metadata blob at @pa (the size is not passed: ELF header, then
 * program headers, then phdr0 and the hash segment) and copy it to @dst.
 * Only sizes come from these reads: the copy is parsed again from scratch.
 */
static long pas_read_metadata(const struct soc_remote *r, uint64_t pa,
			      uint8_t *dst, size_t *len)
{
	const uint8_t *p;
	size_t phend, size;
	char why[160];

	p = scm_ns_dram(pa, PAS_EHDR_SIZE, NULL);
	if (!p)
		goto not_dram;
	if (pas_meta_ehdr(p, &phend, why, sizeof(why)))
		goto bad;
	p = scm_ns_dram(pa, phend, NULL);
	if (!p)
		goto not_dram;
	if (pas_meta_size(p, phend, &size, why, sizeof(why)))
		goto bad;
	p = pas_memory_ok(r, "INIT_IMAGE", "metadata", pa, size);
	if (!p)
		return SCM_EINVAL_ADDR;
	memcpy(dst, p, size);
	*len = size;
	return SCM_OK;
bad:
	tz_log("pas: %s: INIT_IMAGE: %s", r->name, why);
	return SCM_EINVAL_ARG;
not_dram:
	tz_log("pas: %s: INIT_IMAGE: metadata at 0x%llx is not normal-world DRAM",
	       r->name, (unsigned long long)pa);
	return SCM_EINVAL_ADDR;
}

static long pas_init_image(struct scm_call *c)
{
	const struct soc_remote *r = pas_lookup(c, "INIT_IMAGE");
	struct pas_remote *p;
	uint8_t *buf;
	size_t len;
	uint64_t t0;
	char why[160];
	long ret;

	if (!r)
		return SCM_EINVAL_ARG;
	p = pas_of(r);
	buf = meta_buf[r - soc_remotes];
	pas_check_bridges(r, "INIT_IMAGE");
	if (p->state == PAS_RUNNING) {
		tz_log("pas: %s: INIT_IMAGE: refused, the remote is running",
		       r->name);
		return SCM_ERROR;
	}
	if (p->state == PAS_LOADED)
		tz_log("pas: %s: INIT_IMAGE: replaces an image that was never authenticated",
		       r->name);
	/* From here on the old metadata is gone, whatever happens. */
	p->state = PAS_OFF;
	p->mem_setup = false;

	ret = pas_read_metadata(r, c->args[1], buf, &len);
	if (ret)
		return ret;
	scm_stats_of(scm_find(SMC_OWNER_SIP, SVC_PIL,
			      PAS_INIT_IMAGE))->bytes += len;
	if (pas_meta_parse(&p->meta, buf, len, why, sizeof(why))) {
		tz_log("pas: %s: INIT_IMAGE: %s", r->name, why);
		return SCM_EINVAL_ARG;
	}
	t0 = plat_now_us();
	if (pas_meta_verify(&p->meta, &pas_key, r->pas_id, why, sizeof(why))) {
		tz_log("pas: %s: INIT_IMAGE: %s", r->name, why);
		p->failures++;
		return SCM_ERROR;
	}
	p->state = PAS_LOADED;
	p->inits++;
	tz_log("pas: %s: INIT_IMAGE: accepted, %zu bytes of metadata, %u program headers, %u to load, %s, signature ok (%llu us)",
	       r->name, len, p->meta.phnum, p->meta.nr_load,
	       p->meta.relocatable ? "relocatable" : "fixed",
	       (unsigned long long)(plat_now_us() - t0));
	return SCM_OK;
}

/* Refuse a command that needs an image when there is none (or running). */
static bool pas_needs_loaded(const struct soc_remote *r, const char *cmd)
{
	enum pas_state st = pas_of(r)->state;

	if (st == PAS_LOADED)
		return true;
	tz_log("pas: %s: %s: refused, %s", r->name, cmd,
	       st == PAS_RUNNING ? "the remote is running" :
	       "no image (INIT_IMAGE first)");
	return false;
}

static long pas_mem_setup(struct scm_call *c)
{
	const struct soc_remote *r = pas_lookup(c, "MEM_SETUP");
	uint64_t addr = c->args[1], size = c->args[2];
	struct pas_remote *p;
	char why[160];

	if (!r)
		return SCM_EINVAL_ARG;
	pas_check_bridges(r, "MEM_SETUP");
	if (!pas_needs_loaded(r, "MEM_SETUP"))
		return SCM_ERROR;
	p = pas_of(r);
	if (pas_mem_setup_check(&p->meta, addr, size, r->mem_base,
				r->mem_size, why, sizeof(why))) {
		tz_log("pas: %s: MEM_SETUP: %s", r->name, why);
		return SCM_EINVAL_ARG;
	}
	p->reloc_base = addr;
	p->mem_setup = true;
	tz_log("pas: %s: MEM_SETUP: image relocated to 0x%llx+0x%llx",
	       r->name, (unsigned long long)addr, (unsigned long long)size);
	return SCM_OK;
}

static long pas_auth_and_reset(struct scm_call *c)
{
	const struct soc_remote *r = pas_lookup(c, "AUTH_AND_RESET");
	struct pas_auth_stats st;
	struct pas_remote *p;
	const uint8_t *mem;
	uint64_t t0;
	char why[160];
	int ret;

	if (!r)
		return SCM_EINVAL_ARG;
	if (!pas_needs_loaded(r, "AUTH_AND_RESET"))
		return SCM_ERROR;
	p = pas_of(r);
	if (p->meta.relocatable && !p->mem_setup) {
		tz_log("pas: %s: AUTH_AND_RESET: refused, relocatable image without MEM_SETUP",
		       r->name);
		return SCM_ERROR;
	}
	mem = pas_memory_ok(r, "AUTH_AND_RESET", "carveout", r->mem_base,
			    r->mem_size);
	if (!mem) {
		/* like any failed AUTH_AND_RESET: the image is gone */
		p->failures++;
		p->state = PAS_OFF;
		return SCM_EINVAL_ADDR;
	}

	t0 = plat_now_us();
	ret = pas_auth_segments(&p->meta, p->reloc_base, r->mem_base,
				r->mem_size, mem, &st, why, sizeof(why));
	p->bytes += st.bytes;
	scm_stats_of(scm_find(SMC_OWNER_SIP, SVC_PIL,
			      PAS_AUTH_AND_RESET))->bytes += st.bytes;
	if (ret) {
		tz_log("pas: %s: AUTH_AND_RESET: %s (%llu bytes hashed), not started",
		       r->name, why, (unsigned long long)st.bytes);
		p->failures++;
		p->state = PAS_OFF;
		return ret == PAS_EAUTH ? SCM_ERROR : SCM_EINVAL_ARG;
	}
	tz_log("pas: %s: authenticated %u segments (%llu bytes) in %llu us, starting",
	       r->name, st.segments, (unsigned long long)st.bytes,
	       (unsigned long long)(plat_now_us() - t0));
	if (remote_boot(r)) {
		tz_log("pas: %s: AUTH_AND_RESET: the remote failed to start",
		       r->name);
		p->failures++;
		p->state = PAS_OFF;
		return SCM_ERROR;
	}
	p->state = PAS_RUNNING;
	p->auths++;
	return SCM_OK;
}

static long pas_shutdown(struct scm_call *c)
{
	const struct soc_remote *r = pas_lookup(c, "SHUTDOWN");
	struct pas_remote *p;

	if (!r)
		return SCM_EINVAL_ARG;
	p = pas_of(r);
	if (p->state != PAS_RUNNING) {
		tz_log("pas: %s: SHUTDOWN: refused, the remote is not running",
		       r->name);
		return SCM_ERROR;
	}
	remote_halt(r);
	p->state = PAS_OFF;
	p->shutdowns++;
	tz_log("pas: %s: shut down", r->name);
	pas_check_bridges(r, "SHUTDOWN");
	return SCM_OK;
}

static long pas_is_supported(struct scm_call *c)
{
	c->res[0] = c->args[0] <= UINT32_MAX &&
		    soc_remote_by_pas_id((unsigned int)c->args[0]);
	return SCM_OK;
}

static void pas_counters(void)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes && i < PAS_MAX_REMOTES; i++) {
		const struct pas_remote *p = &pas[i];

		pas_check_bridges(&soc_remotes[i], "power-off");
		if (!p->inits && !p->failures && !p->refused &&
		    !p->bridge_leaks)
			continue;
		tz_log("counter pas.%s inits=%llu auths=%llu failures=%llu shutdowns=%llu bytes=%llu refused=%llu bridge_leaks=%llu",
		       soc_remotes[i].name, (unsigned long long)p->inits,
		       (unsigned long long)p->auths,
		       (unsigned long long)p->failures,
		       (unsigned long long)p->shutdowns,
		       (unsigned long long)p->bytes,
		       (unsigned long long)p->refused,
		       (unsigned long long)p->bridge_leaks);
	}
	tz_log("counter pas refused=%llu bridge_leaks=%llu",
	       (unsigned long long)total_refused,
	       (unsigned long long)total_leaks);
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_INIT_IMAGE, "PIL", "INIT_IMAGE",
		SCM_ARGS(2, SCM_VAL, SCM_RW), pas_init_image,
		.sub_cmd = pas_sub_cmd, .bridge_exempt = true);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_MEM_SETUP, "PIL", "MEM_SETUP",
		SCM_ARGS(3), pas_mem_setup, .sub_cmd = pas_sub_cmd);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_AUTH_AND_RESET, "PIL",
		"AUTH_AND_RESET", SCM_ARGS(1), pas_auth_and_reset,
		.sub_cmd = pas_sub_cmd);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_SHUTDOWN, "PIL", "SHUTDOWN",
		SCM_ARGS(1), pas_shutdown, .sub_cmd = pas_sub_cmd);
DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_PIL, PAS_IS_SUPPORTED, "PIL",
		"IS_SUPPORTED", SCM_ARGS(1), pas_is_supported,
		.sub_cmd = pas_sub_cmd);
DECLARE_SCM_COUNTERS(pas_counters);
