// SPDX-License-Identifier: GPL-2.0
/*
 * PAS image checks (include/tzsim/pas.h): the metadata blob's ELF header,
 * program headers and hash segment, the signature, the segment hashes.
 * The ELF rules are those of Linux's mdt_loader (6.12), so that every
 * image Linux hands over is judged on what Linux itself accepted, plus
 * what only the firmware can check (class, byte order, the hash segment).
 *
 * Pure: no MMIO, no logging (reasons go to @why), also built into the
 * host unit tests. All offsets and sizes are checked in 64-bit arithmetic
 * before any access.
 */
#include <tzsim/le.h>
#include <tzsim/pas.h>
#include <tzsim/rsa.h>
#include <tzsim/sha256.h>

#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFDATA2LSB	1

static const uint8_t zero_hash[PAS_HASH_SIZE];

static int fail(int ret, char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int ret, char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tz_vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return ret;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)le_get(p, 2);
}

static void phdr_at(const uint8_t *p, struct pas_phdr *ph)
{
	ph->type = get32(p);
	ph->offset = get32(p + 4);
	ph->vaddr = get32(p + 8);
	ph->paddr = get32(p + 12);
	ph->filesz = get32(p + 16);
	ph->memsz = get32(p + 20);
	ph->flags = get32(p + 24);
	ph->align = get32(p + 28);
}

int pas_meta_ehdr(const uint8_t *e, size_t *phend, char *why, size_t whylen)
{
	uint32_t phoff = get32(e + 28);
	uint16_t phentsize = get16(e + 42), phnum = get16(e + 44);
	uint16_t shentsize = get16(e + 46), shnum = get16(e + 48);
	uint64_t end;

	if (e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' || e[3] != 'F')
		return fail(PAS_EBADIMG, why, whylen, "not an ELF image");
	if (e[EI_CLASS] != ELFCLASS32 || e[EI_DATA] != ELFDATA2LSB)
		return fail(PAS_EBADIMG, why, whylen,
			    "ELF class %u data %u, not ELF32 little endian",
			    e[EI_CLASS], e[EI_DATA]);
	if (phentsize != PAS_PHDR_SIZE)
		return fail(PAS_EBADIMG, why, whylen,
			    "e_phentsize %u, not %d", phentsize,
			    PAS_PHDR_SIZE);
	/* mdt_header_valid(): section headers, if any, of the ELF32 size */
	if ((shentsize || shnum) && shentsize != PAS_SHDR_SIZE)
		return fail(PAS_EBADIMG, why, whylen,
			    "e_shentsize %u, not %d", shentsize,
			    PAS_SHDR_SIZE);
	if (phnum < 2)
		return fail(PAS_EBADIMG, why, whylen,
			    "%u program headers, need at least 2", phnum);
	end = (uint64_t)phoff + (uint64_t)phnum * PAS_PHDR_SIZE;
	if (phoff < PAS_EHDR_SIZE || end > PAS_META_MAX)
		return fail(PAS_EBADIMG, why, whylen,
			    "program headers at 0x%x..0x%llx, not within 0x%x..0x%x",
			    phoff, (unsigned long long)end, PAS_EHDR_SIZE,
			    PAS_META_MAX);
	*phend = (size_t)end;
	return PAS_OK;
}

int pas_meta_size(const uint8_t *buf, size_t len, size_t *size, char *why,
		  size_t whylen)
{
	uint32_t phoff = get32(buf + 28);
	unsigned int phnum = get16(buf + 44), i, hash = 0;
	struct pas_phdr ph0, ph;
	size_t phend;
	uint64_t total;
	int ret;

	ret = pas_meta_ehdr(buf, &phend, why, whylen);
	if (ret)
		return ret;
	if (len < phend)
		return fail(PAS_EBADIMG, why, whylen,
			    "%zu bytes of headers, need %zu", len, phend);
	phdr_at(buf + phoff, &ph0);
	if (ph0.type == PAS_PT_LOAD)
		return fail(PAS_EBADIMG, why, whylen,
			    "program header 0 is PT_LOAD");
	/* The blob's first part is what phdr 0 covers: the headers. */
	if (ph0.filesz < phend)
		return fail(PAS_EBADIMG, why, whylen,
			    "program header 0 covers 0x%x bytes, the headers end at 0x%zx",
			    ph0.filesz, phend);
	for (i = 1; i < phnum; i++) {
		phdr_at(buf + phoff + (size_t)i * PAS_PHDR_SIZE, &ph);
		if ((ph.flags & PAS_MDT_TYPE_MASK) == PAS_MDT_TYPE_HASH) {
			hash = i;
			break;
		}
	}
	if (!hash)
		return fail(PAS_EBADIMG, why, whylen, "no hash segment");
	total = (uint64_t)ph0.filesz + ph.filesz;
	if (!ph.filesz || total > PAS_META_MAX)
		return fail(PAS_EBADIMG, why, whylen,
			    "metadata of 0x%x + 0x%x bytes, must be 1..0x%x",
			    ph0.filesz, ph.filesz, PAS_META_MAX);
	*size = (size_t)total;
	return PAS_OK;
}

static int parse_hash_segment(struct pas_meta *m, char *why, size_t whylen)
{
	const uint8_t *h = m->hash_seg;
	uint64_t want;

	if (m->hash_seg_size < PAS_HASH_HDR_SIZE)
		return fail(PAS_EBADIMG, why, whylen,
			    "hash segment of %zu bytes, shorter than its header",
			    m->hash_seg_size);
	if (get32(h) != PAS_HASH_MAGIC || get32(h + 4) != PAS_HASH_VERSION ||
	    get32(h + 8) != PAS_HASH_HDR_SIZE)
		return fail(PAS_EBADIMG, why, whylen,
			    "hash segment: magic 0x%08x version %u header size %u, expected 0x%08x 1 %d",
			    get32(h), get32(h + 4), get32(h + 8),
			    PAS_HASH_MAGIC, PAS_HASH_HDR_SIZE);
	if (get32(h + 16) != PAS_HASH_ALGO_SHA256 ||
	    get32(h + 24) != PAS_HASH_SIZE ||
	    get32(h + 28) != PAS_SIG_ALGO_RSA2048_SHA256 ||
	    get32(h + 32) != PAS_SIG_SIZE || get32(h + 36))
		return fail(PAS_EBADIMG, why, whylen,
			    "hash segment: unsupported algorithms (hash %u/%u, signature %u/%u, reserved %u)",
			    get32(h + 16), get32(h + 24), get32(h + 28),
			    get32(h + 32), get32(h + 36));
	if (get32(h + 20) != m->phnum)
		return fail(PAS_EBADIMG, why, whylen,
			    "hash table has %u entries for %u program headers",
			    get32(h + 20), m->phnum);
	want = PAS_HASH_HDR_SIZE + (uint64_t)m->phnum * PAS_HASH_SIZE +
	       PAS_SIG_SIZE;
	if (m->hash_seg_size != want)
		return fail(PAS_EBADIMG, why, whylen,
			    "hash segment of %zu bytes, expected %llu",
			    m->hash_seg_size, (unsigned long long)want);
	m->sw_id = get32(h + 12);
	m->hashes = h + PAS_HASH_HDR_SIZE;
	m->signed_size = PAS_HASH_HDR_SIZE + (size_t)m->phnum * PAS_HASH_SIZE;
	m->sig = h + m->signed_size;
	return PAS_OK;
}

int pas_meta_parse(struct pas_meta *m, const uint8_t *buf, size_t len,
		   char *why, size_t whylen)
{
	struct pas_phdr ph;
	size_t size;
	unsigned int i;
	uint64_t end;
	int ret;

	memset(m, 0, sizeof(*m));
	if (len < PAS_EHDR_SIZE)
		return fail(PAS_EBADIMG, why, whylen,
			    "%zu bytes of metadata, shorter than an ELF header",
			    len);
	ret = pas_meta_size(buf, len, &size, why, whylen);
	if (ret)
		return ret;
	if (size != len)
		return fail(PAS_EBADIMG, why, whylen,
			    "metadata of %zu bytes, the headers say %zu", len,
			    size);
	m->buf = buf;
	m->len = len;
	m->phoff = get32(buf + 28);
	m->phnum = get16(buf + 44);
	pas_phdr(m, 0, &ph);
	m->ehdr_size = ph.filesz;
	for (i = 1; i < m->phnum; i++) {
		pas_phdr(m, i, &ph);
		if ((ph.flags & PAS_MDT_TYPE_MASK) == PAS_MDT_TYPE_HASH)
			break;
	}
	m->hash_index = i;
	m->hash_seg = buf + m->ehdr_size;
	m->hash_seg_size = ph.filesz;
	ret = parse_hash_segment(m, why, whylen);
	if (ret)
		return ret;

	m->min_addr = UINT64_MAX;
	for (i = 0; i < m->phnum; i++) {
		pas_phdr(m, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		if (ph.filesz > ph.memsz)
			return fail(PAS_EBADIMG, why, whylen,
				    "segment %u: p_filesz 0x%x > p_memsz 0x%x",
				    i, ph.filesz, ph.memsz);
		m->nr_load++;
		if (ph.flags & PAS_MDT_RELOCATABLE)
			m->relocatable = true;
		if (ph.paddr < m->min_addr)
			m->min_addr = ph.paddr;
		/* exactly qcom_mdt_pas_init()'s max_addr */
		end = (uint64_t)ph.paddr + ph.memsz;
		if (end > m->max_addr)
			m->max_addr = ALIGN_UP(end, PAS_SEG_ALIGN);
	}
	if (!m->nr_load)
		return fail(PAS_EBADIMG, why, whylen, "no loadable segment");
	return PAS_OK;
}

int pas_meta_verify(const struct pas_meta *m, const struct pas_pubkey *key,
		    unsigned int pas_id, char *why, size_t whylen)
{
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256(m->hash_seg, m->signed_size, digest);
	if (rsa2048_verify_sha256(key->n, key->e, m->sig, digest))
		return fail(PAS_EAUTH, why, whylen,
			    "signature does not verify");
	if (m->sw_id != pas_id)
		return fail(PAS_EAUTH, why, whylen,
			    "image is signed for pas id %u, not %u", m->sw_id,
			    pas_id);
	sha256(m->buf, m->ehdr_size, digest);
	if (memcmp(digest, pas_meta_hash(m, 0), SHA256_DIGEST_SIZE))
		return fail(PAS_EAUTH, why, whylen,
			    "ELF header and program headers do not match their signed hash");
	if (memcmp(zero_hash, pas_meta_hash(m, m->hash_index), PAS_HASH_SIZE))
		return fail(PAS_EAUTH, why, whylen,
			    "hash table entry of the hash segment is not zero");
	return PAS_OK;
}

void pas_phdr(const struct pas_meta *m, unsigned int i, struct pas_phdr *ph)
{
	phdr_at(m->buf + m->phoff + (size_t)i * PAS_PHDR_SIZE, ph);
}

bool pas_phdr_loadable(const struct pas_phdr *ph)
{
	return ph->type == PAS_PT_LOAD &&
	       (ph->flags & PAS_MDT_TYPE_MASK) != PAS_MDT_TYPE_HASH &&
	       ph->memsz;
}

const uint8_t *pas_meta_hash(const struct pas_meta *m, unsigned int i)
{
	return m->hashes + (size_t)i * PAS_HASH_SIZE;
}

uint64_t pas_meta_span(const struct pas_meta *m)
{
	return m->max_addr - m->min_addr;
}

bool pas_range_inside(uint64_t addr, uint64_t len, uint64_t base,
		      uint64_t size)
{
	return addr >= base && len <= size && addr - base <= size - len;
}

int pas_mem_setup_check(const struct pas_meta *m, uint64_t addr,
			uint64_t size, uint64_t mem_base, uint64_t mem_size,
			char *why, size_t whylen)
{
	if (!m->relocatable)
		return fail(PAS_EBADIMG, why, whylen,
			    "the image is not relocatable");
	if (!size || !pas_range_inside(addr, size, mem_base, mem_size))
		return fail(PAS_ERANGE, why, whylen,
			    "0x%llx+0x%llx is not inside the carveout 0x%llx+0x%llx",
			    (unsigned long long)addr,
			    (unsigned long long)size,
			    (unsigned long long)mem_base,
			    (unsigned long long)mem_size);
	if (size < pas_meta_span(m))
		return fail(PAS_ERANGE, why, whylen,
			    "0x%llx bytes for an image that spans 0x%llx",
			    (unsigned long long)size,
			    (unsigned long long)pas_meta_span(m));
	return PAS_OK;
}

uint64_t pas_seg_addr(const struct pas_meta *m, const struct pas_phdr *ph,
		      uint64_t reloc_base)
{
	if (m->relocatable)
		return reloc_base + (ph->paddr - m->min_addr);
	return ph->paddr;
}

int pas_auth_segments(const struct pas_meta *m, uint64_t reloc_base,
		      uint64_t mem_base, uint64_t mem_size, const uint8_t *mem,
		      struct pas_auth_stats *st, char *why, size_t whylen)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct pas_phdr ph;
	unsigned int i;
	uint64_t addr;

	memset(st, 0, sizeof(*st));
	st->bad_segment = -1;
	/* Every segment in the carveout before any is read. */
	for (i = 0; i < m->phnum; i++) {
		pas_phdr(m, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		addr = pas_seg_addr(m, &ph, reloc_base);
		if (!pas_range_inside(addr, ph.memsz, mem_base, mem_size)) {
			st->bad_segment = (int)i;
			return fail(PAS_ERANGE, why, whylen,
				    "segment %u at 0x%llx+0x%x is outside the carveout 0x%llx+0x%llx",
				    i, (unsigned long long)addr, ph.memsz,
				    (unsigned long long)mem_base,
				    (unsigned long long)mem_size);
		}
	}
	for (i = 0; i < m->phnum; i++) {
		pas_phdr(m, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		addr = pas_seg_addr(m, &ph, reloc_base);
		sha256(mem + (addr - mem_base), ph.filesz, digest);
		st->bytes += ph.filesz;
		if (memcmp(digest, pas_meta_hash(m, i), SHA256_DIGEST_SIZE)) {
			st->bad_segment = (int)i;
			return fail(PAS_EAUTH, why, whylen,
				    "segment %u at 0x%llx+0x%x does not match its signed hash",
				    i, (unsigned long long)addr, ph.filesz);
		}
		st->segments++;
	}
	return PAS_OK;
}
