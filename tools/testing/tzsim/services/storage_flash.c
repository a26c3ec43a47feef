// SPDX-License-Identifier: GPL-2.0
/*
 * The SPI-NOR behind the SCM storage service: a host file (config key
 * flash=), reached through semihosting so that its contents survive the
 * boot, as a real flash does.
 *
 * The file is opened on first use. If it does not exist it is created at
 * the configured size (flash_blocks * flash_block_size), full of 0xFF like
 * an erased chip. If it exists with another size, that is logged; a bigger
 * file is used for its first configured bytes, a smaller one makes every
 * storage call fail with STORAGE_ERROR. The handle stays open until
 * power-off: QEMU writes through to the file at each SYS_WRITE.
 *
 * Reads go straight from the file into the caller's buffer (EL3 with the
 * MMU off sees normal-world DRAM at its physical address). Programming
 * must AND the new data into the old, so it goes through a secure scratch
 * buffer: read, nor_program(), write back.
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/storage.h>

#define SCRATCH_SIZE	0x10000

static uint8_t scratch[SCRATCH_SIZE] __attribute__((aligned(16)));

static struct {
	bool tried;	/* first use done: ok says how it went */
	bool ok;
	long handle;
} flash;

static uint64_t flash_size(void)
{
	return tzsim_cfg.flash_blocks * tzsim_cfg.flash_block_size;
}

static int create_erased(const char *path, uint64_t size)
{
	uint64_t pos;

	flash.handle = plat_hostfile_open(path, true);
	if (flash.handle < 0) {
		tz_log("storage: cannot create flash file %s", path);
		return -1;
	}
	nor_erase(scratch, SCRATCH_SIZE);
	for (pos = 0; pos < size; pos += SCRATCH_SIZE) {
		uint64_t n = size - pos < SCRATCH_SIZE ? size - pos :
							 SCRATCH_SIZE;

		if (plat_hostfile_write(flash.handle, scratch, n)) {
			tz_log("storage: writing flash file %s failed at %llu",
			       path, (unsigned long long)pos);
			return -1;
		}
	}
	tz_log("storage: created flash file %s: %llu bytes, erased (0xff)",
	       path, (unsigned long long)size);
	return 0;
}

static int open_flash(void)
{
	const char *path = tzsim_cfg.flash;
	uint64_t size = flash_size();
	int64_t len;

	flash.handle = plat_hostfile_open(path, false);
	if (flash.handle < 0)
		return create_erased(path, size);
	len = plat_hostfile_size(flash.handle);
	if (len < 0) {
		tz_log("storage: cannot get the size of flash file %s", path);
		return -1;
	}
	if ((uint64_t)len < size) {
		tz_log("storage: flash file %s has %lld bytes, configured %llu: too small, storage calls fail with STORAGE_ERROR",
		       path, (long long)len, (unsigned long long)size);
		return -1;
	}
	if ((uint64_t)len > size)
		tz_log("storage: flash file %s has %lld bytes, configured %llu: using the first %llu",
		       path, (long long)len, (unsigned long long)size,
		       (unsigned long long)size);
	tz_log("storage: flash file %s opened, %llu bytes", path,
	       (unsigned long long)size);
	return 0;
}

int storage_flash_ready(void)
{
	if (!flash.tried) {
		flash.tried = true;
		flash.handle = -1;
		flash.ok = !open_flash();
		if (!flash.ok && flash.handle >= 0)
			plat_hostfile_close(flash.handle);
	}
	return flash.ok ? 0 : -1;
}

int storage_flash_read(uint64_t off, void *dst, uint64_t len)
{
	if (plat_hostfile_seek(flash.handle, off) ||
	    plat_hostfile_read(flash.handle, dst, len))
		return -1;
	return 0;
}

int storage_flash_program(uint64_t off, const void *src, uint64_t len)
{
	const uint8_t *data = src;
	uint64_t done;

	for (done = 0; done < len; done += SCRATCH_SIZE) {
		uint64_t n = len - done < SCRATCH_SIZE ? len - done :
							 SCRATCH_SIZE;

		if (storage_flash_read(off + done, scratch, n))
			return -1;
		nor_program(scratch, data + done, n);
		if (plat_hostfile_seek(flash.handle, off + done) ||
		    plat_hostfile_write(flash.handle, scratch, n))
			return -1;
	}
	return 0;
}

int storage_flash_erase(uint64_t off, uint64_t len)
{
	uint64_t done;

	nor_erase(scratch, SCRATCH_SIZE);
	if (plat_hostfile_seek(flash.handle, off))
		return -1;
	for (done = 0; done < len; done += SCRATCH_SIZE) {
		uint64_t n = len - done < SCRATCH_SIZE ? len - done :
							 SCRATCH_SIZE;

		if (plat_hostfile_write(flash.handle, scratch, n))
			return -1;
	}
	return 0;
}
