// SPDX-License-Identifier: GPL-2.0
/*
 * Host files through Arm semihosting (QEMU -semihosting-config
 * enable=on,target=native): "hlt #0xf000" with the operation in w0 and a
 * block of 64-bit parameters at x1, result in x0. The MMU is off at EL3, so
 * the addresses we pass (our own buffers, or normal-world DRAM) are
 * physical, which is what QEMU expects.
 */
#include <tzsim/plat.h>

#define SYS_OPEN	0x01
#define SYS_CLOSE	0x02
#define SYS_WRITE	0x05
#define SYS_READ	0x06
#define SYS_SEEK	0x0a
#define SYS_FLEN	0x0c
#define SYS_RENAME	0x0f

#define OPEN_RB_PLUS	3	/* "r+b": existing file, read and write */
#define OPEN_WB_PLUS	7	/* "w+b": create or truncate */

static int64_t semihost(uint32_t op, const uint64_t *block)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = (uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return (int64_t)x0;
}

long plat_hostfile_open(const char *path, bool create)
{
	uint64_t block[3] = {
		(uintptr_t)path, create ? OPEN_WB_PLUS : OPEN_RB_PLUS,
		strlen(path),
	};
	int64_t h = semihost(SYS_OPEN, block);

	return h < 0 ? -1 : (long)h;
}

void plat_hostfile_close(long h)
{
	uint64_t block[1] = { (uint64_t)h };

	semihost(SYS_CLOSE, block);
}

int plat_hostfile_seek(long h, uint64_t pos)
{
	uint64_t block[2] = { (uint64_t)h, pos };

	return semihost(SYS_SEEK, block) ? -1 : 0;
}

/* SYS_READ and SYS_WRITE return the number of bytes NOT transferred. */
int plat_hostfile_read(long h, void *buf, size_t len)
{
	uint64_t block[3] = { (uint64_t)h, (uintptr_t)buf, len };

	return semihost(SYS_READ, block) ? -1 : 0;
}

int plat_hostfile_write(long h, const void *buf, size_t len)
{
	uint64_t block[3] = { (uint64_t)h, (uintptr_t)buf, len };

	return semihost(SYS_WRITE, block) ? -1 : 0;
}

int64_t plat_hostfile_size(long h)
{
	uint64_t block[1] = { (uint64_t)h };

	return semihost(SYS_FLEN, block);
}

int plat_hostfile_rename(const char *from, const char *to)
{
	uint64_t block[4] = {
		(uintptr_t)from, strlen(from), (uintptr_t)to, strlen(to),
	};

	return semihost(SYS_RENAME, block) ? -1 : 0;
}
