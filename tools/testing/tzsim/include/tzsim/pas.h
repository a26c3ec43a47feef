/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PAS (Peripheral Authentication Service, SCM svc 0x02): the image format
 * and the pure checks of services/pas_image.c (also built on the host).
 *
 * The metadata blob of INIT_IMAGE is what Linux's mdt_loader builds
 * (qcom_mdt_read_metadata()): the first phdr0.p_filesz bytes of the image
 * (ELF32 header and program headers), then the hash segment, no padding.
 *
 * Images (tools/testing/qcom-tz/firmware/mkfw.py makes them):
 *   phdr 0   not PT_LOAD (PT_NULL, flags type 7 "PHDR"), offset 0, covers
 *            the ELF header and the program headers;
 *   phdr 1.. the first whose (p_flags & PAS_MDT_TYPE_MASK) is
 *            PAS_MDT_TYPE_HASH is the hash segment (never loaded);
 *   loadable segments: PT_LOAD, not hash type, p_memsz != 0, as
 *            mdt_phdr_valid(); relocatable if any has PAS_MDT_RELOCATABLE.
 *
 * The hash segment (this simulator's format, modelled on Qualcomm's MBN
 * hash table segment; all fields little endian):
 *
 *   off size
 *     0    4  magic       PAS_HASH_MAGIC, the bytes "TZSH"
 *     4    4  version     PAS_HASH_VERSION (1)
 *     8    4  hdr_size    PAS_HASH_HDR_SIZE (40)
 *    12    4  sw_id       the PAS id the image is for (adsp 1, modem 4, ...)
 *    16    4  hash_algo   PAS_HASH_ALGO_SHA256 (1)
 *    20    4  num_hashes  == e_phnum: one entry per program header
 *    24    4  hash_size   32
 *    28    4  sig_algo    PAS_SIG_ALGO_RSA2048_SHA256 (1)
 *    32    4  sig_size    256
 *    36    4  reserved    0
 *    40       hash table, num_hashes x 32 bytes, entry i for phdr i:
 *             entry 0     SHA-256 of the first phdr0.p_filesz bytes of
 *                         the image (ELF header + program headers);
 *             hash seg    all zeros;
 *             any other   SHA-256 of the segment's p_filesz file bytes
 *                         (for a PT_LOAD segment: what Linux copies to
 *                         the carveout);
 *    40 + 32 * num_hashes: the signature, sig_size bytes: RSASSA-PKCS1-v1_5
 *             with SHA-256 over bytes [0, 40 + 32 * num_hashes) of the
 *             segment, big endian, made with the board's test key.
 *   The segment's p_filesz is exactly 40 + 32 * num_hashes + 256.
 *
 * The signature covers the header and the table, entry 0 covers the
 * program headers, so nothing in the metadata can change unnoticed; the
 * loaded segments are checked against the table at AUTH_AND_RESET.
 */
#ifndef TZSIM_PAS_H
#define TZSIM_PAS_H

#include <tzsim/lib.h>
#include <tzsim/scm.h>

/* -- ELF32 as mdt_loader reads it. -- */
#define PAS_EHDR_SIZE		52
#define PAS_PHDR_SIZE		32
#define PAS_SHDR_SIZE		40
#define PAS_PT_LOAD		1
#define PAS_MDT_TYPE_MASK	(7U << 24)
#define PAS_MDT_TYPE_HASH	(2U << 24)
#define PAS_MDT_TYPE_PHDR	(7U << 24)
#define PAS_MDT_RELOCATABLE	(1U << 27)
#define PAS_SEG_ALIGN		0x1000ULL	/* the kernel's SZ_4K */

/* -- The hash segment. -- */
#define PAS_HASH_MAGIC		0x48535a54U	/* "TZSH" */
#define PAS_HASH_VERSION	1
#define PAS_HASH_HDR_SIZE	40
#define PAS_HASH_ALGO_SHA256	1
#define PAS_HASH_SIZE		32
#define PAS_SIG_ALGO_RSA2048_SHA256 1
#define PAS_SIG_SIZE		256

/*
 * Largest metadata blob accepted (ELF headers + hash segment, i.e.
 * phdr0.p_filesz + the hash segment's p_filesz): 256 KiB, the size of the
 * kernel's SCM tzmem pool (qcom_scm_probe(): max_size SZ_256K), where the
 * mainline use_tzmem path (Linux at EL2, no hypervisor) copies it. Linux
 * cannot send more that way (qcom_tzmem_alloc() fails: "no room for <n>
 * bytes of PAS metadata in the SCM memory pool", ENOMEM, no SCM call);
 * at EL1 its dma_alloc_coherent() path could, and the same limit here
 * makes such an image fail at either EL (at INIT_IMAGE at EL1, see
 * pas_meta_size(): "metadata of 0x<phdr0> + 0x<hash> bytes, must be
 * 1..0x40000"). It also bounds everything read from the normal world and
 * the secure copy of each remote's metadata (services/pas.c).
 */
#define PAS_META_MAX		(256U * 1024)

/* Results of the checks below. */
enum pas_result {
	PAS_OK = 0,
	PAS_EBADIMG = -1,	/* malformed image or metadata */
	PAS_EAUTH = -2,		/* well formed, but does not authenticate */
	PAS_ERANGE = -3,	/* memory outside the remote's carveout */
};

struct pas_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* A parsed metadata blob; points into the buffer it was parsed from. */
struct pas_meta {
	const uint8_t *buf;
	size_t len;
	unsigned int phnum;
	uint32_t phoff;
	size_t ehdr_size;		/* phdr0.p_filesz */
	unsigned int hash_index;	/* the hash segment's phdr */
	const uint8_t *hash_seg;	/* buf + ehdr_size */
	size_t hash_seg_size;
	uint32_t sw_id;
	const uint8_t *hashes;		/* phnum entries of PAS_HASH_SIZE */
	const uint8_t *sig;
	size_t signed_size;		/* header + table */
	bool relocatable;
	unsigned int nr_load;		/* loadable segments */
	uint64_t min_addr, max_addr;	/* as qcom_mdt_pas_init() computes */
};

struct pas_pubkey {
	const uint8_t *n;		/* 256 bytes, big endian */
	uint32_t e;
};

/*
 * Step 1 of sizing the blob in normal-world memory: check the ELF header
 * (PAS_EHDR_SIZE bytes at @ehdr) and give the bytes up to the end of the
 * program headers in *@phend (<= PAS_META_MAX).
 */
int pas_meta_ehdr(const uint8_t *ehdr, size_t *phend, char *why,
		  size_t whylen);

/*
 * Step 2: with @len >= phend bytes (ELF header and program headers), find
 * phdr0 and the hash segment and give the blob's size, phdr0.p_filesz +
 * hash p_filesz, in *@size. A blob larger than PAS_META_MAX (or with an
 * empty hash segment) is PAS_EBADIMG, "metadata of 0x<phdr0.p_filesz> +
 * 0x<hash p_filesz> bytes, must be 1..0x40000".
 */
int pas_meta_size(const uint8_t *buf, size_t len, size_t *size, char *why,
		  size_t whylen);

/*
 * Parse and check the whole blob (@len bytes, normally the secure copy):
 * every rule of steps 1 and 2 again, the hash segment's header, the
 * loadable segments (p_filesz <= p_memsz, addresses without overflow, at
 * least one). PAS_OK or PAS_EBADIMG with the reason in @why.
 */
int pas_meta_parse(struct pas_meta *m, const uint8_t *buf, size_t len,
		   char *why, size_t whylen);

/*
 * Authenticate parsed metadata for the remote @pas_id: the signature
 * with @key, sw_id == @pas_id, entry 0 against the ELF header and
 * program headers, a zero entry for the hash segment. PAS_OK or PAS_EAUTH.
 */
int pas_meta_verify(const struct pas_meta *m, const struct pas_pubkey *key,
		    unsigned int pas_id, char *why, size_t whylen);

/* Program header @i (< m->phnum). */
void pas_phdr(const struct pas_meta *m, unsigned int i, struct pas_phdr *ph);
/* Whether Linux loads it (mdt_phdr_valid()). */
bool pas_phdr_loadable(const struct pas_phdr *ph);
/* The signed hash of phdr @i. */
const uint8_t *pas_meta_hash(const struct pas_meta *m, unsigned int i);

/* Bytes the loaded image spans: max_addr - min_addr. */
uint64_t pas_meta_span(const struct pas_meta *m);

/* Whether [@addr, @addr + @len) lies inside [@base, @base + @size). */
bool pas_range_inside(uint64_t addr, uint64_t len, uint64_t base,
		      uint64_t size);

/*
 * MEM_SETUP(@addr, @size) for an image in the carveout @mem_base/@mem_size:
 * the image must be relocatable, the region inside the carveout and at
 * least as large as the image. PAS_OK, PAS_EBADIMG or PAS_ERANGE.
 */
int pas_mem_setup_check(const struct pas_meta *m, uint64_t addr,
			uint64_t size, uint64_t mem_base, uint64_t mem_size,
			char *why, size_t whylen);

/*
 * Where Linux put loadable segment @ph: @reloc_base + (p_paddr -
 * min_addr) for a relocatable image, else p_paddr.
 */
uint64_t pas_seg_addr(const struct pas_meta *m, const struct pas_phdr *ph,
		      uint64_t reloc_base);

struct pas_auth_stats {
	unsigned int segments;		/* loadable segments hashed */
	uint64_t bytes;			/* bytes hashed */
	int bad_segment;		/* the phdr that failed, or -1 */
};

/*
 * AUTH_AND_RESET's check: hash every loadable segment where Linux put it
 * and compare with the signed table. @mem is the carveout's content as
 * the caller can read it (mem_size bytes, physical @mem_base). PAS_OK,
 * PAS_ERANGE (a segment outside the carveout) or PAS_EAUTH (a hash
 * mismatch); @st says how far it got.
 */
int pas_auth_segments(const struct pas_meta *m, uint64_t reloc_base,
		      uint64_t mem_base, uint64_t mem_size, const uint8_t *mem,
		      struct pas_auth_stats *st, char *why, size_t whylen);

/*
 * -- Where PAS memory may be: the SHM bridge policy (services/pas_policy.c,
 * pure). --
 *
 * PAS reads two kinds of normal-world memory outside the dispatcher's
 * buffer checks: the metadata blob of INIT_IMAGE (whole extent, sized by
 * parsing it) and the remote's carveout at AUTH_AND_RESET (the whole
 * memory-region, soc.h mem_base/mem_size). Both must be normal-world DRAM;
 * whether they must also be in an SHM bridge depends on who shares them
 * with TZ:
 *   EL1 (Linux under a hypervisor, the classic configuration): the
 *	hypervisor does, not Linux; there is none here, so the memory is
 *	accepted without a bridge (PAS_MEM_HYP);
 *   EL2 (no hypervisor, mainline's use_tzmem path): Linux puts the
 *	metadata in its SCM tzmem pool (bridged per pool area) and bridges
 *	the carveout around AUTH_AND_RESET itself, so once bridges are
 *	enforced each must lie inside one bridge, else PAS_MEM_REFUSED;
 *   bridges not enforced (bridges=off, or Linux never sent ENABLE: tzmem
 *	GENERIC mode): accepted at either EL (PAS_MEM_OPEN).
 * Memory inside one bridge is always fine (PAS_MEM_BRIDGED).
 *
 * Linux holds the carveout's bridge only around AUTH_AND_RESET (create,
 * auth, delete whatever the result); a bridge overlapping a carveout at
 * any other time was left behind (pas_bridge_overlap() finds it).
 */
struct pas_bridge_view {
	unsigned int boot_el;		/* tzsim_cfg.boot_el */
	bool enforced;			/* shm_bridge_enforced() */
	const struct shm_bridge_info *bridges;	/* the live ones */
	unsigned int nr;
};

enum pas_mem_verdict {
	PAS_MEM_BRIDGED,	/* inside one bridge */
	PAS_MEM_HYP,		/* EL1: the hypervisor's part, accepted */
	PAS_MEM_OPEN,		/* bridges not enforced, accepted */
	PAS_MEM_REFUSED,	/* EL2, enforced, not inside one bridge */
};

/* The verdict on [@pa, @pa + @len) (@len >= 1, no wrap: checked before). */
enum pas_mem_verdict pas_mem_policy(const struct pas_bridge_view *v,
				    uint64_t pa, uint64_t len);

/*
 * Index of the first bridge at or after @from that overlaps [@base,
 * @base + @size), or -1.
 */
int pas_bridge_overlap(const struct pas_bridge_view *v, uint64_t base,
		       uint64_t size, unsigned int from);

#endif /* TZSIM_PAS_H */
