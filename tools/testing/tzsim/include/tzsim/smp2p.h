/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SMP2P items (struct smp2p_smem_item of drivers/soc/qcom/smp2p.c): one
 * SMEM item per direction of an AP <-> remote edge, written by its sender
 * only, read by the other side when the doorbell rings.
 *
 *   0   u32 magic "$SMP"        4  u8 version (1), features:24 (bit 0
 *   8   u16 local_pid (sender)      SSR_ACK), written last
 *   10  u16 remote_pid          12 u16 total_entries (16)
 *   14  u16 valid_entries       16 u32 flags (bit 0 RESTART_DONE, set by
 *   20  entries[16]: char name[16], u32 value       the remote; bit 1
 *                                                   RESTART_ACK, by the AP)
 *
 * Pure code (host unit tests too); aligned 32-bit accesses only.
 */
#ifndef TZSIM_SMP2P_H
#define TZSIM_SMP2P_H

#include <tzsim/lib.h>

#define SMP2P_MAGIC			0x504d5324
#define SMP2P_VERSION			1
#define SMP2P_MAX_ENTRIES		16
#define SMP2P_NAME_LEN			16
#define SMP2P_ITEM_SIZE			(20 + SMP2P_MAX_ENTRIES * 20)
#define SMP2P_FEATURE_SSR_ACK		0x1
#define SMP2P_FLAG_RESTART_DONE		(1U << 0)
#define SMP2P_FLAG_RESTART_ACK		(1U << 1)

/* Entry names of the q6v5 handshake (sc7280.dtsi). */
#define SMP2P_ENTRY_AP			"master-kernel"	/* AP -> remote */
#define SMP2P_ENTRY_REMOTE		"slave-kernel"	/* remote -> AP */

/*
 * (Re)initialise @item (SMP2P_ITEM_SIZE bytes, 4-aligned) as sender
 * @local_pid's item towards @remote_pid: no entries, flags 0, @features;
 * the version is written last, as Linux does, so a reader never sees a
 * half-made item.
 */
void smp2p_item_init(uint8_t *item, unsigned int local_pid,
		     unsigned int remote_pid, uint32_t features);
/* Magic, version 1 and a sane entry count: the item may be read. */
bool smp2p_item_valid(const uint8_t *item);

uint32_t smp2p_features(const uint8_t *item);
uint16_t smp2p_local_pid(const uint8_t *item);
uint16_t smp2p_remote_pid(const uint8_t *item);
uint16_t smp2p_valid_entries(const uint8_t *item);
uint32_t smp2p_flags(const uint8_t *item);
void smp2p_set_flags(uint8_t *item, uint32_t flags);

/* The index of the entry named @name (at most 16 chars), or -1. */
int smp2p_entry_find(const uint8_t *item, const char *name);
/* Append an entry named @name with value 0: its index, or -1 if full. */
int smp2p_entry_add(uint8_t *item, const char *name);
/* Value of entry @idx (0 <= idx < SMP2P_MAX_ENTRIES). */
uint32_t smp2p_entry_get(const uint8_t *item, int idx);
void smp2p_entry_set(uint8_t *item, int idx, uint32_t value);

#endif /* TZSIM_SMP2P_H */
