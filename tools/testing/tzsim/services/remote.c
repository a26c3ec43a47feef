// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated remote processors (soc_remotes[]: adsp, cdsp, modem,
 * wpss): what their firmware does towards the AP, as qcom_q6v5.c and
 * smp2p.c expect it.
 *
 *   boot (PAS AUTH_AND_RESET succeeded): allocate, once, the inbound SMP2P
 *	item (remote -> AP, in the AP<->remote SMEM partition) and the
 *	crash-reason item (global partition), under the SMEM hardware mutex;
 *	set "slave-kernel" ready (1) and handover (2); ring the AP (pend the
 *	remote's smp2p SPI). On a restart the item is reused as it is (Linux
 *	keeps pointers into it) and the RESTART_DONE flag toggles.
 *   running: on every secure tick, look at the AP's "master-kernel" entry;
 *	stop bit (0) set -> stop-ack (3), ring: the remote is then STOPPED.
 *   crash (fault plan, SIM REMOTE_CRASH): crash reason string into SMEM,
 *	then the wdog SPI (watchdog) or the fatal bit (0) and a ring. A
 *	crashed remote answers nothing until SHUTDOWN (Linux's recovery does
 *	not ask: its stop skips the SMP2P dance when not RUNNING).
 *   halt (PAS SHUTDOWN): clear every bit (fatal included, so the next boot
 *	starts clean), ring.
 *   SMMU (config smmu=<base>, remotes with a stream id; services/smmu.c):
 *	at boot, before "ready", the remote checks that Linux identity
 *	mapped its whole carveout rw; if not, it faults: crash reason, then
 *	the watchdog, and no "ready" ever. After a halt, the tick checks
 *	that Linux unmapped it.
 *
 * The AP's interrupt is raised on every change of the inbound bits, set or
 * clear: Linux fires per bit on value ^ last_value, and only reads the
 * value when rung, so a clear it never saw would hide the next set.
 *
 * SMP2P features: SSR_ACK. Linux (smp2p.c) then compares our RESTART_DONE
 * flag with its ack bit on every ring and answers a toggle by toggling
 * RESTART_ACK in its own item; we toggle it on each restart (never on the
 * first boot, where Linux's ack state starts at 0), so Linux's SSR-ack path
 * runs on every recovery, and log the AP's ack when it comes. Nothing
 * waits for it: the handshake is informative, as for Linux.
 *
 * Pure code (SMEM behind a pointer, the GIC and the clock behind plat_*,
 * the tick behind remote_tick_request()): also built into the host unit
 * tests. One lock serialises the model; the tick only tries it (an SMC
 * holding it on another CPU may be waiting for the SMEM mutex that Linux
 * holds on the ticking CPU), and skips a beat if it is taken.
 */
#include <tzsim/core.h>
#include <tzsim/faults.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/remote.h>
#include <tzsim/smem.h>
#include <tzsim/smmu.h>
#include <tzsim/smp2p.h>

#define REMOTE_MAX		8
/* Reads of a held SMEM mutex before taking it anyway (tens of ms). */
#define HWLOCK_TRIES		1000000UL
#define BIT(n)			(1U << (n))

struct remote {
	enum remote_state state;
	uint8_t *in;		/* our SMP2P item */
	int in_entry;		/* its "slave-kernel" entry */
	uint8_t *crash;		/* crash-reason item, or NULL */
	bool crash_pending;	/* fault plan: crash at crash_at_us */
	enum remote_crash crash_kind;
	uint64_t crash_at_us;
	bool restart_ack_seen;
	uint64_t boots, stop_acks, crashes;
};

static struct remote remotes[REMOTE_MAX];
static struct smem_region smem;
static volatile uint32_t *smem_hwlock;
static uint32_t model_lock;

static void lock(void)
{
	while (__atomic_exchange_n(&model_lock, 1, __ATOMIC_ACQUIRE))
		;
}

static bool trylock(void)
{
	return !__atomic_exchange_n(&model_lock, 1, __ATOMIC_ACQUIRE);
}

static void unlock(void)
{
	__atomic_store_n(&model_lock, 0, __ATOMIC_RELEASE);
}

static struct remote *remote_of(const struct soc_remote *r)
{
	if (!smem.base || r < soc_remotes || r >= soc_remotes + soc_nr_remotes)
		return NULL;
	return &remotes[r - soc_remotes];
}

const char *remote_state_name(enum remote_state s)
{
	switch (s) {
	case REMOTE_OFF:
		return "off";
	case REMOTE_RUNNING:
		return "running";
	case REMOTE_STOPPED:
		return "stopped";
	case REMOTE_CRASHED:
		return "crashed";
	}
	return "?";
}

enum remote_state remote_state(const struct soc_remote *r)
{
	struct remote *rm = remote_of(r);

	return rm ? __atomic_load_n(&rm->state, __ATOMIC_RELAXED) : REMOTE_OFF;
}

int remote_setup(uint8_t *base, uint32_t size, uint32_t phys,
		 volatile uint32_t *hwlock)
{
	unsigned int hosts[SMEM_MAX_HOSTS], i;

	smem.base = NULL;
	if (soc_nr_remotes > REMOTE_MAX || soc_nr_remotes > SMEM_MAX_HOSTS)
		return -1;
	for (i = 0; i < soc_nr_remotes; i++) {
		const struct soc_remote *r = &soc_remotes[i];

		if (r->smem_in_item >= SMEM_NUM_ITEMS ||
		    r->smem_out_item >= SMEM_NUM_ITEMS ||
		    r->crash_reason_item >= SMEM_NUM_ITEMS)
			return -1;
		hosts[i] = r->smp2p_remote_pid;
	}
	smem.base = base;
	smem.size = size;
	if (smem_layout(&smem, phys, hosts, soc_nr_remotes)) {
		smem.base = NULL;
		return -1;
	}
	smem_hwlock = hwlock;
	memset(remotes, 0, sizeof(remotes));
	return 0;
}

/*
 * Item @item of @host's partition, allocated (@size bytes) if absent: the
 * remote's side of qcom_smem_alloc() + qcom_smem_get(). *@fresh tells
 * whether it was allocated now. NULL (logged) on failure.
 */
static uint8_t *get_item(const struct soc_remote *r, unsigned int host,
			 unsigned int item, uint32_t size, bool *fresh)
{
	uint32_t owner = r->smp2p_remote_pid + 1, have = 0;
	uint8_t *p = smem_find(&smem, host, item, &have);
	int ret = SMEM_EEXIST;

	if (!p) {
		/* tcsr mutex owner ids are SMEM host id + 1 (APPS: 1) */
		if (smem_hwlock_take(smem_hwlock, owner, HWLOCK_TRIES)) {
			tz_log("remote %s: SMEM mutex held by %u for too long, taking it",
			       r->name, (unsigned int)*smem_hwlock);
			*smem_hwlock = owner;
		}
		ret = smem_alloc(&smem, host, item, size);
		smem_hwlock_release(smem_hwlock, owner);
		if (ret && ret != SMEM_EEXIST) {
			tz_log("remote %s: cannot allocate SMEM item %u: error %d",
			       r->name, item, ret);
			return NULL;
		}
		p = smem_find(&smem, host, item, &have);
	}
	if (!p || have < size) {
		tz_log("remote %s: SMEM item %u is %s", r->name, item,
		       p ? "too small" : "unreadable (corrupt partition?)");
		return NULL;
	}
	*fresh = ret == SMEM_OK;
	return p;
}

/* The AP's SMP2P item towards @r, if Linux has made it. */
static const uint8_t *ap_item(const struct soc_remote *r)
{
	uint32_t size;
	const uint8_t *ap = smem_find(&smem, r->smp2p_remote_pid,
				      r->smem_out_item, &size);

	return ap && size >= SMP2P_ITEM_SIZE && smp2p_item_valid(ap) ? ap :
	       NULL;
}

/* Set the inbound bits to @value and ring the AP if they changed. */
static void set_bits(const struct soc_remote *r, struct remote *rm,
		     uint32_t value)
{
	if (smp2p_entry_get(rm->in, rm->in_entry) == value)
		return;
	smp2p_entry_set(rm->in, rm->in_entry, value);
	plat_gic_pend_spi(r->smp2p_spi);
}

/* Our SMP2P item: created on the first boot, toggled on a restart. */
static int setup_inbound(const struct soc_remote *r, struct remote *rm,
			 bool *restart)
{
	unsigned int pid = r->smp2p_remote_pid;
	bool fresh;
	uint8_t *in = get_item(r, pid, r->smem_in_item, SMP2P_ITEM_SIZE,
			       &fresh);
	int idx = -1;

	if (!in)
		return -1;
	if (!fresh && smp2p_item_valid(in) && smp2p_local_pid(in) == pid)
		idx = smp2p_entry_find(in, SMP2P_ENTRY_REMOTE);
	*restart = idx >= 0;
	if (*restart) {
		smp2p_set_flags(in, smp2p_flags(in) ^ SMP2P_FLAG_RESTART_DONE);
	} else {
		smp2p_item_init(in, pid, SMEM_HOST_APPS,
				SMP2P_FEATURE_SSR_ACK);
		idx = smp2p_entry_add(in, SMP2P_ENTRY_REMOTE);
	}
	rm->in = in;
	rm->in_entry = idx;
	return 0;
}

static void clear_crash_reason(struct remote *rm)
{
	unsigned int i;

	for (i = 0; rm->crash && i < REMOTE_CRASH_REASON_SIZE; i += 4)
		*(volatile uint32_t *)(rm->crash + i) = 0;
}

/* @msg into the crash-reason item, NUL-terminated and zero-padded. */
static void write_crash_reason(struct remote *rm, const char *msg)
{
	size_t len = strnlen(msg, REMOTE_CRASH_REASON_SIZE - 1);
	unsigned int i, k;

	for (i = 0; rm->crash && i < REMOTE_CRASH_REASON_SIZE; i += 4) {
		uint32_t w = 0;

		for (k = 0; k < 4; k++)
			if (i + k < len)
				w |= (uint32_t)(uint8_t)msg[i + k] << (8 * k);
		*(volatile uint32_t *)(rm->crash + i) = w;
	}
}

static void do_crash(const struct soc_remote *r, struct remote *rm,
		     enum remote_crash kind, const char *why);

int remote_boot(const struct soc_remote *r)
{
	struct remote *rm = remote_of(r);
	const struct fault_rule *rule;
	char why[REMOTE_CRASH_REASON_SIZE];
	bool restart, fresh;

	if (!rm)
		return -1;
	lock();
	if (setup_inbound(r, rm, &restart)) {
		unlock();
		return -1;
	}
	rm->crash = get_item(r, SMEM_HOST_ANY, r->crash_reason_item,
			     REMOTE_CRASH_REASON_SIZE, &fresh);
	clear_crash_reason(rm);
	rm->state = REMOTE_RUNNING;
	rm->crash_pending = false;
	rm->restart_ack_seen = false;
	rm->boots++;
	rule = fault_plan_take_crash(&tzsim_faults, FAULT_CRASH_OWNER,
				     FAULT_CRASH_SVC, FAULT_CRASH_CMD,
				     r->pas_id);
	/* Its first fetch goes through the SMMU: no identity map, a fault. */
	if (smmu_remote_boot(r, why, sizeof(why))) {
		do_crash(r, rm, REMOTE_CRASH_WDOG, why);
	} else if (rule && rule->crash == FAULT_CRASH_HANG) {
		/* Crashed for the model: it answers nothing, not even stop. */
		rm->state = REMOTE_CRASHED;
		rule = NULL;
		tz_log("remote %s: hung at boot (fault plan): no ready", r->name);
	} else {
		set_bits(r, rm, BIT(SOC_SMP2P_IN_READY) |
			 BIT(SOC_SMP2P_IN_HANDOVER));
		tz_log("remote %s: running", r->name);
	}
	if (restart)
		tz_log("remote %s: restart #%llu, SMP2P RESTART_DONE now %u",
		       r->name, (unsigned long long)rm->boots - 1,
		       smp2p_flags(rm->in) & SMP2P_FLAG_RESTART_DONE);

	if (rule && rm->state != REMOTE_RUNNING) {
		tz_log("remote %s: fault plan: crash dropped, already crashed",
		       r->name);
	} else if (rule) {
		rm->crash_pending = true;
		rm->crash_kind = rule->crash == FAULT_CRASH_WDOG ?
				 REMOTE_CRASH_WDOG : REMOTE_CRASH_FATAL;
		rm->crash_at_us = plat_now_us() + rule->delay_ms * 1000;
		tz_log("remote %s: fault plan: %s in %llu ms", r->name,
		       rm->crash_kind == REMOTE_CRASH_WDOG ? "watchdog bite" :
		       "fatal error", (unsigned long long)rule->delay_ms);
	}
	unlock();
	remote_tick_request();
	return 0;
}

void remote_halt(const struct soc_remote *r)
{
	struct remote *rm = remote_of(r);
	bool tick;

	if (!rm)
		return;
	lock();
	if (rm->in)
		set_bits(r, rm, 0);
	rm->state = REMOTE_OFF;
	rm->crash_pending = false;
	tz_log("remote %s: halted", r->name);
	/* Linux unmaps the carveout after SHUTDOWN: the tick looks. */
	tick = smmu_remote_halted(r);
	unlock();
	if (tick)
		remote_tick_request();
}

/* Crash @rm (running, model lock held). */
static void do_crash(const struct soc_remote *r, struct remote *rm,
		     enum remote_crash kind, const char *why)
{
	const char *what = kind == REMOTE_CRASH_WDOG ? "watchdog bite" :
			   "fatal error";
	char msg[REMOTE_CRASH_REASON_SIZE];

	tz_snprintf(msg, sizeof(msg), "%s: simulated %s (%s, boot %llu)",
		    r->name, what, why, (unsigned long long)rm->boots);
	write_crash_reason(rm, msg);
	rm->state = REMOTE_CRASHED;
	rm->crash_pending = false;
	rm->crashes++;
	if (kind == REMOTE_CRASH_WDOG) {
		plat_gic_pend_spi(r->wdog_spi);
	} else {
		set_bits(r, rm, smp2p_entry_get(rm->in, rm->in_entry) |
			 BIT(SOC_SMP2P_IN_FATAL));
	}
	tz_log("remote %s: crashed: %s (%s)", r->name, what, why);
}

int remote_crash(const struct soc_remote *r, enum remote_crash kind,
		 const char *why)
{
	struct remote *rm = remote_of(r);
	int ret = -1;

	if (!rm)
		return -1;
	lock();
	if (rm->state == REMOTE_RUNNING) {
		do_crash(r, rm, kind, why);
		ret = 0;
	}
	unlock();
	return ret;
}

/* A running remote's look at the AP's item: restart ack, stop request. */
static void poll_ap(const struct soc_remote *r, struct remote *rm)
{
	const uint8_t *ap = ap_item(r);
	uint32_t done;
	int idx;

	if (!ap)
		return;
	done = smp2p_flags(rm->in) & SMP2P_FLAG_RESTART_DONE;
	if (rm->boots > 1 && !rm->restart_ack_seen &&
	    (smp2p_features(ap) & SMP2P_FEATURE_SSR_ACK) &&
	    !(smp2p_flags(ap) & SMP2P_FLAG_RESTART_ACK) == !done) {
		rm->restart_ack_seen = true;
		tz_log("remote %s: AP acknowledged the restart (SMP2P RESTART_ACK %u)",
		       r->name, done);
	}
	idx = smp2p_entry_find(ap, SMP2P_ENTRY_AP);
	if (idx < 0 || !(smp2p_entry_get(ap, idx) & BIT(SOC_SMP2P_OUT_STOP)))
		return;
	rm->state = REMOTE_STOPPED;
	rm->crash_pending = false;
	rm->stop_acks++;
	set_bits(r, rm, smp2p_entry_get(rm->in, rm->in_entry) |
		 BIT(SOC_SMP2P_IN_STOP_ACK));
	tz_log("remote %s: stop requested, stop-ack sent", r->name);
}

bool remote_tick(void)
{
	bool needed = false;
	uint64_t now;
	unsigned int i;

	if (!smem.base)
		return false;
	if (!trylock())
		return true;
	now = plat_now_us();
	for (i = 0; i < soc_nr_remotes; i++) {
		const struct soc_remote *r = &soc_remotes[i];
		struct remote *rm = &remotes[i];

		if (rm->state != REMOTE_RUNNING)
			continue;
		if (rm->crash_pending && now >= rm->crash_at_us)
			do_crash(r, rm, rm->crash_kind, "fault plan");
		else
			poll_ap(r, rm);
		needed |= rm->state == REMOTE_RUNNING;
	}
	needed |= smmu_remote_tick();
	unlock();
	return needed;
}

void remote_counters(void)
{
	unsigned int i;

	for (i = 0; smem.base && i < soc_nr_remotes; i++) {
		const struct remote *rm = &remotes[i];

		if (!rm->boots)
			continue;
		tz_log("counter remote.%s boots=%llu stop_acks=%llu crashes=%llu state=%s",
		       soc_remotes[i].name, (unsigned long long)rm->boots,
		       (unsigned long long)rm->stop_acks,
		       (unsigned long long)rm->crashes,
		       remote_state_name(rm->state));
	}
}
