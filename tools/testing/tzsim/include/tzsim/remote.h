/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated remote processors (adsp, cdsp, modem, wpss), as the PAS
 * service (services/pas.c) drives them: out of reset after a successful
 * AUTH_AND_RESET, halted on SHUTDOWN. Implemented by services/remote.c.
 */
#ifndef TZSIM_REMOTE_H
#define TZSIM_REMOTE_H

#include <tzsim/soc.h>

/* Take the remote out of reset after a good AUTH_AND_RESET. 0 or -1. */
int remote_boot(const struct soc_remote *r);
/* Halt it (PAS SHUTDOWN): clears its SMP2P state, stops its timers. */
void remote_halt(const struct soc_remote *r);

/*
 * -- The remote model (services/remote.c) --
 *
 * A running remote has written its SMP2P item ("slave-kernel": ready and
 * handover set) and watches the AP's "master-kernel" stop bit on the
 * secure tick; it answers a stop with stop-ack. It crashes on demand (the
 * fault plan's crash= rules, the SIM REMOTE_CRASH command): crash reason
 * into SMEM, then the wdog interrupt or the SMP2P fatal bit. Calls are
 * serialised by a lock of the model's own; the tick never waits for it.
 */
enum remote_state {
	REMOTE_OFF,		/* never started, or halted */
	REMOTE_RUNNING,
	REMOTE_STOPPED,		/* acknowledged the AP's stop request */
	REMOTE_CRASHED,		/* until SHUTDOWN */
};

enum remote_crash {
	REMOTE_CRASH_WDOG = 0,	/* watchdog bite: the "wdog" interrupt */
	REMOTE_CRASH_FATAL = 1,	/* error fatal: SMP2P bit 0 */
};

/* Secure tick period while a remote runs. */
#define REMOTE_TICK_US		2000
/* Size of the crash-reason SMEM item a remote allocates. */
#define REMOTE_CRASH_REASON_SIZE 256

enum remote_state remote_state(const struct soc_remote *r);
const char *remote_state_name(enum remote_state s);

/*
 * Crash a running remote now (@why goes into the crash reason). 0, or -1
 * if it is not running (nothing done).
 */
int remote_crash(const struct soc_remote *r, enum remote_crash kind,
		 const char *why);

/*
 * Set-up, pure: lay out SMEM (@size bytes at @smem, physical address
 * @phys) with a partition per remote of soc_remotes[], and use @hwlock as
 * the SMEM hardware mutex. 0, or -1 if SMEM cannot hold the layout.
 */
int remote_setup(uint8_t *smem, uint32_t size, uint32_t phys,
		 volatile uint32_t *hwlock);

/*
 * One tick: crash remotes whose fault-plan crash is due, acknowledge stop
 * requests. Returns whether the tick is still needed (a remote runs).
 */
bool remote_tick(void);

/* Log the per-remote counters (boots, stop-acks, crashes), at power-off. */
void remote_counters(void);

/*
 * -- The firmware's glue (services/remote_tick.c) --
 */
/* At boot on CPU 0: remote_setup() on the board's SMEM (panics if bad). */
void remote_init(void);
/* Make sure the secure tick runs (any CPU; called by services/remote.c). */
void remote_tick_request(void);

#endif /* TZSIM_REMOTE_H */
