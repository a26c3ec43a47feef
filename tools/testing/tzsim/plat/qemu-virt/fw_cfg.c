// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU fw_cfg, MMIO flavour: how the host hands the simulator its
 * configuration (-fw_cfg name=opt/tzsim/...,file=...).
 */
#include <tzsim/arch.h>
#include <tzsim/plat.h>
#include "platform_def.h"

#define FW_CFG_DATA		(FW_CFG_BASE + 0x0)
#define FW_CFG_SEL		(FW_CFG_BASE + 0x8)	/* 16 bit, big endian */
#define FW_CFG_SIGNATURE	0x0000
#define FW_CFG_FILE_DIR		0x0019

static void select_key(uint16_t key)
{
	mmio_write16(FW_CFG_SEL, (uint16_t)((key >> 8) | (key << 8)));
}

static void read_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n--)
		*p++ = mmio_read8(FW_CFG_DATA);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static bool fw_cfg_present(void)
{
	char sig[4];

	select_key(FW_CFG_SIGNATURE);
	read_bytes(sig, 4);
	return !memcmp(sig, "QEMU", 4);
}

long plat_host_file(const char *name, void *buf, size_t max)
{
	uint8_t hdr[4], ent[64];
	uint32_t count, i;

	if (!fw_cfg_present())
		return -1;
	select_key(FW_CFG_FILE_DIR);
	read_bytes(hdr, 4);
	count = be32(hdr);
	for (i = 0; i < count; i++) {
		uint32_t size;
		uint16_t key;

		/* struct { be32 size; be16 select; u16 reserved; char name[56]; } */
		read_bytes(ent, sizeof(ent));
		if (strncmp((const char *)ent + 8, name, 56))
			continue;
		size = be32(ent);
		key = (uint16_t)(ent[4] << 8 | ent[5]);
		select_key(key);
		read_bytes(buf, size < max ? size : max);
		return size;
	}
	return -1;
}
