/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remoteproc resource tables for PAS GET_RSCTABLE (SCM svc 0x02 cmd 0x21,
 * services/pas_rsctable.c): the format (Linux's include/linux/rsc_table.h,
 * all fields little endian, packed), the strict check of the firmware's
 * own table and the building of the complete table TZ hands back.
 * services/rsctable.c, pure: also built into the host unit tests.
 *
 * The input is the table of the firmware image (its .resource_table
 * section), or, for an image without one, the 16-byte header Linux zeroes
 * (ver 0, num 0, reserved 0). It is accepted when:
 *   - it is that all-zero 16-byte table (in_size exactly 16), or its
 *     version is 1 and reserved[0..1] are 0;
 *   - num <= RSCTABLE_MAX_ENTRIES and the offset array fits in in_size;
 *   - every offset is a multiple of 4 (every field is a u32 Linux reads
 *     in place), lies past the offset array, and the entry's whole struct
 *     (for RSC_VDEV with its vrings and config space) ends within in_size;
 *   - no two entries overlap;
 *   - every type is one of RSC_CARVEOUT, RSC_DEVMEM, RSC_TRACE, RSC_VDEV
 *     (TZ cannot vouch for a vendor entry it does not understand), with
 *     the checks Linux makes (reserved fields 0, at most 2 vrings) and a
 *     non-zero len;
 *   - a RSC_DEVMEM (the remote asks Linux to iommu_map() pa at da into
 *     its domain) is page aligned, maps only memory the remote owns (its
 *     carveout), uses only IOMMU_* flags Linux knows (0x3f), and its da
 *     range collides neither with the identity map of the carveout that
 *     qcom_pas_map_carveout() adds later nor with another DEVMEM
 *     (iommu_map() of a mapped IOVA fails with -EEXIST).
 *
 * The output is version 1: the header, the input's entries (byte for
 * byte, in their order, each at a 4-byte aligned offset), then the
 * dynamic entries TZ adds for the remote:
 *   RSC_DEVMEM "<remote>-regs" (only when Linux owns the remote's IOMMU,
 *	i.e. runs at EL2; at EL1 the hypervisor programs the stream and
 *	rproc_handle_devmem() would fail for lack of a domain): the
 *	remote's register block, seen by the remote at its sc7280 address
 *	(da = the "reg" of its PAS node in the board DTS, e.g. 0x03700000
 *	for adsp). This board has no such registers; as for the other SoC
 *	blocks QEMU virt lacks, RAM stands in for them: the carveout's last
 *	page (pa = mem_base + mem_size - 4 KiB, len 4 KiB, flags
 *	IOMMU_READ | IOMMU_WRITE = 3). Why there: the page belongs to the
 *	remote already (no-map reserved memory, so the mapping exposes
 *	nothing of Linux, of the secure side or of another remote, unlike
 *	the sc7280 addresses themselves, which on virt are flash, GIC
 *	redistributors or holes); and da differs from pa because
 *	Linux later identity-maps the whole carveout (da == pa inside it
 *	would make that iommu_map() fail with -EEXIST).
 *   RSC_TRACE "<remote>-trace": a 4 KiB trace buffer, the page before
 *	the register page, da = its physical address (the carveout is
 *	identity-mapped in the remote's domain). Linux makes it
 *	debugfs remoteproc/<n>/trace0 (read through qcom_pas's
 *	da_to_va(), which counts da from the image's relocation base: for
 *	a relocatable image linked elsewhere it reads another page or
 *	says "not available"; nothing writes the buffer yet).
 *   RSC_VENDOR_START padding (tzsim_cfg.rsctable_pad bytes of zeros
 *	after the type word, if non-zero): makes the table as large as a
 *	test needs, e.g. over the kernel's first 16 KiB buffer. Linux warns
 *	"unsupported vendor resource 128" and goes on.
 * Both pages are the top two of the carveout: the images this board
 * loads sit at its base and span far less.
 */
#ifndef TZSIM_RSCTABLE_H
#define TZSIM_RSCTABLE_H

#include <tzsim/lib.h>
#include <tzsim/soc.h>

/* enum fw_resource_type */
#define RSC_CARVEOUT		0
#define RSC_DEVMEM		1
#define RSC_TRACE		2
#define RSC_VDEV		3
#define RSC_VENDOR_START	128
#define RSC_VENDOR_END		512

/* Sizes of the packed structs, without the 4-byte struct fw_rsc_hdr. */
#define RSC_HDR_SIZE		16	/* ver, num, reserved[2] */
#define RSC_ENTRY_HDR_SIZE	4	/* type */
#define RSC_CARVEOUT_SIZE	52	/* da pa len flags reserved name[32] */
#define RSC_DEVMEM_SIZE		52
#define RSC_TRACE_SIZE		44	/* da len reserved name[32] */
/* id notifyid dfeatures gfeatures config_len status num_of_vrings rsvd[2] */
#define RSC_VDEV_SIZE		24
#define RSC_VRING_SIZE		20	/* da align num notifyid pa */
#define RSC_VDEV_MAX_VRINGS	2	/* Linux's RVDEV_NUM_VRINGS */
#define RSC_NAME_SIZE		32

#define IOMMU_READ		0x1
#define IOMMU_WRITE		0x2
#define RSC_IOMMU_FLAGS		0x3f	/* READ WRITE CACHE NOEXEC MMIO PRIV */

/* Result register of GET_RSCTABLE: the buffer is too small (result[1]). */
#define RSCTABLE_BUFFER_NOT_SUFFICIENT	20

/* Limits on the input. */
#define RSCTABLE_MAX_ENTRIES	64
#define RSCTABLE_IN_MAX		(64U * 1024)

/* The dynamic entries' pages at the top of the carveout. */
#define RSCTABLE_PAGE		0x1000U
#define RSCTABLE_REGS_SIZE	RSCTABLE_PAGE
#define RSCTABLE_TRACE_SIZE	RSCTABLE_PAGE

enum rsctable_result {
	RSCTABLE_OK = 0,
	RSCTABLE_EINVAL = -1,
};

/* What the table is built for: one remote, one configuration. */
struct rsctable_ctx {
	const char *name;		/* remote name, for the entry names */
	uint64_t mem_base, mem_size;	/* its carveout */
	uint32_t regs_da;		/* its register block (0: none) */
	bool devmem;			/* add the RSC_DEVMEM (Linux at EL2) */
	uint32_t pad;			/* padding entry payload bytes (0: none) */
};

/* One entry of a checked table. */
struct rsctable_entry {
	uint32_t type;
	uint32_t offset;		/* of its struct fw_rsc_hdr */
	uint32_t size;			/* including that header */
};

struct rsctable_parsed {
	uint32_t num;
	struct rsctable_entry e[RSCTABLE_MAX_ENTRIES];
};

/* A window the remote's domain maps: da -> pa, len bytes. */
struct rsctable_window {
	uint32_t da, pa, len;
};

/*
 * Fill @ctx for remote @r: its carveout, its register block, @devmem and
 * @pad as given.
 */
void rsctable_ctx_init(struct rsctable_ctx *ctx, const struct soc_remote *r,
		       bool devmem, uint32_t pad);

/*
 * The RSC_DEVMEM window TZ hands out for @r (whether or not this boot
 * adds it): da = the remote's register address, pa = the carveout's last
 * page. false if @r has none (unknown remote, carveout above 4 GiB).
 * For other services that check the remote's domain (SMMU walks).
 */
bool rsctable_regs_window(const struct soc_remote *r,
			  struct rsctable_window *w);
/* The RSC_TRACE buffer of @r (da == pa); false if it has none. */
bool rsctable_trace_window(const struct soc_remote *r,
			   struct rsctable_window *w);

/*
 * Check the firmware's table (@len bytes at @buf, the secure copy) for
 * the remote of @ctx, as described above. RSCTABLE_OK with @t filled, or
 * RSCTABLE_EINVAL with the reason in @why.
 */
int rsctable_parse(struct rsctable_parsed *t, const uint8_t *buf, size_t len,
		   const struct rsctable_ctx *ctx, char *why, size_t whylen);

/* Number of dynamic entries @ctx adds. */
unsigned int rsctable_nr_dynamic(const struct rsctable_ctx *ctx);

/* Bytes of the complete table for the checked @t plus @ctx's entries. */
uint64_t rsctable_out_size(const struct rsctable_parsed *t,
			   const struct rsctable_ctx *ctx);

/*
 * Write the complete table to @out (exactly rsctable_out_size() bytes:
 * every byte is written, gaps and padding as zeros). @in is the buffer
 * @t was parsed from. Returns the bytes written.
 */
uint64_t rsctable_build(uint8_t *out, const struct rsctable_parsed *t,
			const uint8_t *in, const struct rsctable_ctx *ctx);

#endif /* TZSIM_RSCTABLE_H */
