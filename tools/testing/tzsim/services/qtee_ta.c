// SPDX-License-Identifier: GPL-2.0
/*
 * TA images for the simulated QTEE's AppLoader: the ELF64 check that
 * defines a valid image (rules in include/tzsim/qtee_obj.h), the loader
 * that copies the PT_LOAD bytes into QTEE memory, and the example TA's one
 * operation. Pure code: also built into the host unit tests. The image
 * is normal-world memory: it is read byte by byte, and the headers that
 * decide anything are checked on a secure copy.
 */
#include <tzsim/le.h>
#include <tzsim/qtee_obj.h>

#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_AARCH64	0xb7
#define PT_LOAD		1

/* ELF64 header fields. */
#define E_TYPE(h)	le_get((h) + 16, 2)
#define E_MACHINE(h)	le_get((h) + 18, 2)
#define E_VERSION(h)	le_get((h) + 20, 4)
#define E_PHOFF(h)	le_get((h) + 32, 8)
#define E_EHSIZE(h)	le_get((h) + 52, 2)
#define E_PHENTSIZE(h)	le_get((h) + 54, 2)
#define E_PHNUM(h)	le_get((h) + 56, 2)
/* ELF64 program header fields. */
#define P_TYPE(p)	le_get((p), 4)
#define P_OFFSET(p)	le_get((p) + 8, 8)
#define P_VADDR(p)	le_get((p) + 16, 8)
#define P_FILESZ(p)	le_get((p) + 32, 8)
#define P_MEMSZ(p)	le_get((p) + 40, 8)

static int check_ident(const uint8_t *h, uint64_t size, const char **why)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (size < QTEE_TA_EHDR_SIZE)
		*why = "shorter than an ELF64 header";
	else if (memcmp(h, magic, 4))
		*why = "no ELF magic";
	else if (h[EI_CLASS] != ELFCLASS64)
		*why = "not ELFCLASS64";
	else if (h[EI_DATA] != ELFDATA2LSB)
		*why = "not little endian";
	else if (h[EI_VERSION] != 1)
		*why = "bad EI_VERSION";
	else if (E_TYPE(h) != ET_EXEC && E_TYPE(h) != ET_DYN)
		*why = "not ET_EXEC or ET_DYN";
	else if (E_MACHINE(h) != EM_AARCH64)
		*why = "e_machine is not AArch64";
	else if (E_VERSION(h) != 1)
		*why = "bad e_version";
	else if (E_EHSIZE(h) != QTEE_TA_EHDR_SIZE ||
		 E_PHENTSIZE(h) != QTEE_TA_PHDR_SIZE)
		*why = "bad e_ehsize or e_phentsize";
	else
		return 0;
	return -1;
}

/* One program header; folds PT_LOAD into @lay (end kept in lay->span). */
static int check_phdr(const uint8_t *p, uint64_t image_size,
		      struct qtee_ta_layout *lay, const char **why)
{
	uint64_t off = P_OFFSET(p), filesz = P_FILESZ(p);
	uint64_t vaddr = P_VADDR(p), memsz = P_MEMSZ(p);

	if (filesz && (off > image_size || filesz > image_size - off)) {
		*why = "segment file bytes past the end of the image";
		return -1;
	}
	if (P_TYPE(p) != PT_LOAD || !memsz)
		return 0;
	if (filesz > memsz) {
		*why = "PT_LOAD with p_filesz > p_memsz";
		return -1;
	}
	if (vaddr + memsz < vaddr) {
		*why = "PT_LOAD address overflow";
		return -1;
	}
	if (!lay->nload || vaddr < lay->base)
		lay->base = vaddr;
	if (!lay->nload || vaddr + memsz > lay->span)
		lay->span = vaddr + memsz;	/* the end, for now */
	lay->nload++;
	return 0;
}

int qtee_ta_check(const uint8_t *hdrs, uint64_t hdrs_len, uint64_t image_size,
		  struct qtee_ta_layout *lay, const char **why)
{
	uint64_t phoff, phnum, i;

	memset(lay, 0, sizeof(*lay));
	if (check_ident(hdrs, hdrs_len < image_size ? hdrs_len : image_size,
			why))
		return -1;
	phoff = E_PHOFF(hdrs);
	phnum = E_PHNUM(hdrs);
	if (!phnum || phnum > QTEE_TA_PHNUM_MAX) {
		*why = "no program headers, or too many";
		return -1;
	}
	if (phoff > hdrs_len || phnum * QTEE_TA_PHDR_SIZE > hdrs_len - phoff ||
	    phoff + phnum * QTEE_TA_PHDR_SIZE > image_size) {
		*why = "program headers past the image or its first 4 KiB";
		return -1;
	}
	for (i = 0; i < phnum; i++)
		if (check_phdr(hdrs + phoff + i * QTEE_TA_PHDR_SIZE, image_size,
			       lay, why))
			return -1;
	if (!lay->nload) {
		*why = "no loadable segment";
		return -1;
	}
	lay->span -= lay->base;
	if (lay->span > QTEE_TA_LOAD_MAX) {
		*why = "loadable span larger than 256 KiB";
		return -1;
	}
	return 0;
}

void qtee_ta_load(uint8_t *dst, const uint8_t *image, const uint8_t *hdrs,
		  const struct qtee_ta_layout *lay)
{
	uint64_t phoff = E_PHOFF(hdrs), phnum = E_PHNUM(hdrs), i;

	for (i = 0; i < phnum; i++) {
		const uint8_t *p = hdrs + phoff + i * QTEE_TA_PHDR_SIZE;

		if (P_TYPE(p) != PT_LOAD || !P_MEMSZ(p) || !P_FILESZ(p))
			continue;
		memcpy(dst + (P_VADDR(p) - lay->base), image + P_OFFSET(p),
		       P_FILESZ(p));
	}
}

uint32_t qtee_ta_add(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}
