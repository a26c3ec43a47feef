// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of PAS: SHA-256 known answers, RSA-2048 PKCS#1 v1.5
 * verification, and the image checks of services/pas_image.c on every
 * image mkfw.py makes (the Makefile runs it into PAS_FW_DIR first). Each
 * image of the manifest goes through what Linux 6.12's mdt_loader does
 * with it and what the simulator does at INIT_IMAGE, MEM_SETUP and
 * AUTH_AND_RESET; the stage where it fails and the log line must be the
 * manifest's. Crafted buffers cover the bounds (huge e_phnum, offsets
 * past the end, hash segment sizes 0 and huge) and random corruption;
 * two images have metadata near the 256 KiB limit (one under, one over).
 * Built with ASan/UBSan, every buffer at its exact size. KTAP output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest_harness.h"

#include <tzsim/le.h>
#include <tzsim/pas.h>
#include <tzsim/rsa.h>
#include <tzsim/sha256.h>
#include <tzsim/soc.h>

#include "pas_pubkey.h"

#ifndef PAS_FW_DIR
#error "PAS_FW_DIR: where mkfw.py wrote the images"
#endif

static const struct pas_pubkey key = { .n = pas_pubkey_n,
				       .e = PAS_PUBKEY_E };

/* -- Helpers. -- */

static uint8_t *read_file(const char *name, size_t *len)
{
	char path[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", PAS_FW_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n ? n : 1);
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *q = malloc(len ? len : 1);

	memcpy(q, p, len);
	return q;
}

static void hex(const char *s, uint8_t *out)
{
	size_t i;

	for (i = 0; s[2 * i]; i++)
		sscanf(s + 2 * i, "%2hhx", &out[i]);
}

static const struct soc_remote *remote_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes; i++)
		if (!strcmp(soc_remotes[i].name, name))
			return &soc_remotes[i];
	return NULL;
}

static void phdr_of(const uint8_t *img, unsigned int i, struct pas_phdr *ph)
{
	const uint8_t *p = img + get32(img + 28) + 32 * i;

	ph->type = get32(p);
	ph->offset = get32(p + 4);
	ph->vaddr = get32(p + 8);
	ph->paddr = get32(p + 12);
	ph->filesz = get32(p + 16);
	ph->memsz = get32(p + 20);
	ph->flags = get32(p + 24);
	ph->align = get32(p + 28);
}

static unsigned int phnum_of(const uint8_t *img)
{
	return img[44] | img[45] << 8;
}

/* -- Linux 6.12's mdt_loader, as far as the tests need it. -- */

/* @seg's file: "<base>.bNN" for @fw_name "<base>.mdt". */
static uint8_t *split_segment(const char *fw_name, unsigned int seg,
			      size_t *len)
{
	char name[256];

	snprintf(name, sizeof(name), "%.*s.b%02u",
		 (int)(strlen(fw_name) - 4), fw_name, seg);
	return read_file(name, len);
}

/* mdt_header_valid() + qcom_mdt_read_metadata(); NULL if Linux refuses. */
static uint8_t *kernel_metadata(const uint8_t *fw, size_t size,
				const char *fw_name, size_t *len)
{
	unsigned int phnum, i, hash = 0;
	struct pas_phdr ph0, ph;
	uint8_t *data, *seg;
	size_t seglen;

	if (size < PAS_EHDR_SIZE || memcmp(fw, "\x7f" "ELF", 4) ||
	    (fw[42] | fw[43] << 8) != PAS_PHDR_SIZE)
		return NULL;
	phnum = phnum_of(fw);
	if ((uint64_t)get32(fw + 28) + 32ULL * phnum > size || phnum < 2)
		return NULL;
	phdr_of(fw, 0, &ph0);
	if (ph0.type == PAS_PT_LOAD)
		return NULL;
	for (i = 1; i < phnum; i++) {
		phdr_of(fw, i, &ph);
		if ((ph.flags & PAS_MDT_TYPE_MASK) == PAS_MDT_TYPE_HASH) {
			hash = i;
			break;
		}
	}
	if (!hash)
		return NULL;
	*len = (size_t)ph0.filesz + ph.filesz;
	data = malloc(*len);
	memcpy(data, fw, ph0.filesz);
	if (*len == size) {
		memcpy(data + ph0.filesz, fw + ph0.filesz, ph.filesz);
	} else if ((uint64_t)ph.offset + ph.filesz <= size) {
		memcpy(data + ph0.filesz, fw + ph.offset, ph.filesz);
	} else {
		seg = split_segment(fw_name, hash, &seglen);
		if (!seg || seglen != ph.filesz) {
			free(seg);
			free(data);
			return NULL;
		}
		memcpy(data + ph0.filesz, seg, seglen);
		free(seg);
	}
	return data;
}

/*
 * __qcom_mdt_load() into @mem, the carveout @r (only its first @extent
 * bytes exist). Returns 0, or -1 where Linux fails.
 */
static int kernel_load(const uint8_t *fw, size_t size, const char *fw_name,
		       const struct soc_remote *r, uint8_t *mem,
		       uint64_t extent)
{
	unsigned int phnum = phnum_of(fw), i;
	uint64_t min_addr = UINT64_MAX, reloc;
	bool relocate = false, split = false;
	struct pas_phdr ph;
	uint8_t *seg;
	size_t seglen;
	int64_t off;

	for (i = 0; i < phnum; i++) {
		phdr_of(fw, i, &ph);
		if (ph.filesz && ((uint64_t)ph.offset > size ||
				  (uint64_t)ph.offset + ph.filesz > size))
			split = true;
		if (!pas_phdr_loadable(&ph))
			continue;
		if (ph.flags & PAS_MDT_RELOCATABLE)
			relocate = true;
		if (ph.paddr < min_addr)
			min_addr = ph.paddr;
	}
	reloc = relocate ? min_addr : r->mem_base;
	for (i = 0; i < phnum; i++) {
		phdr_of(fw, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		off = (int64_t)ph.paddr - (int64_t)reloc;
		if (off < 0 || (uint64_t)off + ph.memsz > r->mem_size)
			return -1;	/* "segment outside memory range" */
		if (ph.filesz > ph.memsz)
			return -1;
		if ((uint64_t)off + ph.memsz > extent)
			return -1;	/* the test's buffer is too small */
		if (ph.filesz && !split) {
			if ((uint64_t)ph.offset + ph.filesz > size)
				return -1;
			memcpy(mem + off, fw + ph.offset, ph.filesz);
		} else if (ph.filesz) {
			seg = split_segment(fw_name, i, &seglen);
			if (!seg)
				return -1;	/* error -2 loading ... */
			if (seglen != ph.filesz) {
				free(seg);
				return -1;	/* truncated file */
			}
			memcpy(mem + off, seg, seglen);
			free(seg);
		}
		memset(mem + off + ph.filesz, 0, ph.memsz - ph.filesz);
	}
	return 0;
}

/* Bytes of the carveout the image touches when Linux loads it there. */
static uint64_t load_extent(const uint8_t *fw, const struct soc_remote *r)
{
	unsigned int phnum = phnum_of(fw), i;
	uint64_t min_addr = UINT64_MAX, top = 0, end;
	bool relocate = false;
	struct pas_phdr ph;

	for (i = 0; i < phnum; i++) {
		phdr_of(fw, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		relocate |= !!(ph.flags & PAS_MDT_RELOCATABLE);
		if (ph.paddr < min_addr)
			min_addr = ph.paddr;
	}
	for (i = 0; i < phnum; i++) {
		phdr_of(fw, i, &ph);
		if (!pas_phdr_loadable(&ph))
			continue;
		end = ph.paddr + (uint64_t)ph.memsz -
		      (relocate ? min_addr : r->mem_base);
		if (end > top && end <= r->mem_size)
			top = end;
	}
	return top;
}

/* -- One image through Linux and the simulator. -- */

struct outcome {
	char stage[16];
	char log[2048];		/* the simulator's log lines, '\n' each */
	unsigned int segments;
	uint64_t bytes;
	size_t metalen;		/* of the blob Linux sends, 0 if none */
};

static void sim_log(struct outcome *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sim_log(struct outcome *o, const char *fmt, ...)
{
	size_t n = strlen(o->log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->log + n, sizeof(o->log) - n, fmt, ap);
	va_end(ap);
	n = strlen(o->log);
	if (n + 1 < sizeof(o->log))
		strcat(o->log, "\n");
}

static void run_image(const char *file, const struct soc_remote *r,
		      struct outcome *o)
{
	uint8_t *fw, *meta, *copy, *mem = NULL;
	size_t fwlen, metalen, phend = 0, size = 0;
	struct pas_auth_stats st;
	struct pas_meta m;
	uint64_t extent;
	char why[256] = "";
	int ret;

	memset(o, 0, sizeof(*o));
	strcpy(o->stage, "-");
	fw = read_file(file, &fwlen);
	if (!fw) {
		strcpy(o->stage, "nofile");
		return;
	}
	meta = kernel_metadata(fw, fwlen, file, &metalen);
	if (!meta) {
		strcpy(o->stage, "kernel");
		goto out_fw;
	}
	o->metalen = metalen;

	/* INIT_IMAGE: size the blob as pas.c does, then parse a copy. */
	ret = pas_meta_ehdr(meta, &phend, why, sizeof(why));
	if (!ret)
		ret = phend > metalen ? PAS_EBADIMG :
		      pas_meta_size(meta, phend, &size, why, sizeof(why));
	if (!ret && size != metalen)
		ret = PAS_EBADIMG;
	copy = dup_exact(meta, metalen);
	if (!ret)
		ret = pas_meta_parse(&m, copy, metalen, why, sizeof(why));
	if (!ret)
		ret = pas_meta_verify(&m, &key, r->pas_id, why, sizeof(why));
	if (ret) {
		sim_log(o, "pas: %s: INIT_IMAGE: %s", r->name, why);
		/*
		 * Metadata larger than Linux's SCM tzmem pool: at EL2 Linux
		 * refuses it itself (ENOMEM, no SCM call), at EL1 the
		 * simulator does, here.
		 */
		strcpy(o->stage, metalen > PAS_META_MAX ? "meta" :
		       "init_image");
		goto out_meta;
	}
	sim_log(o, "pas: %s: INIT_IMAGE: accepted", r->name);

	if (m.relocatable) {
		ret = pas_mem_setup_check(&m, r->mem_base, pas_meta_span(&m),
					  r->mem_base, r->mem_size, why,
					  sizeof(why));
		if (ret) {
			sim_log(o, "pas: %s: MEM_SETUP: %s", r->name, why);
			strcpy(o->stage, "mem_setup");
			goto out_meta;
		}
		sim_log(o, "pas: %s: MEM_SETUP: image relocated to 0x%llx+0x%llx",
			r->name, (unsigned long long)r->mem_base,
			(unsigned long long)pas_meta_span(&m));
	}

	extent = load_extent(fw, r);
	mem = calloc(1, extent ? extent : 1);
	if (kernel_load(fw, fwlen, file, r, mem, extent)) {
		strcpy(o->stage, "load");
		goto out_meta;
	}

	ret = pas_auth_segments(&m, m.relocatable ? r->mem_base : 0,
				r->mem_base, r->mem_size, mem, &st, why,
				sizeof(why));
	o->segments = st.segments;
	o->bytes = st.bytes;
	if (ret) {
		sim_log(o, "pas: %s: AUTH_AND_RESET: %s", r->name, why);
		strcpy(o->stage, "auth");
		goto out_meta;
	}
	sim_log(o, "pas: %s: authenticated %u segments (%llu bytes)", r->name,
		st.segments, (unsigned long long)st.bytes);
out_meta:
	free(mem);
	free(copy);
	free(meta);
out_fw:
	free(fw);
}

/* -- SHA-256. -- */

TEST(pas_sha256_known_answers)
{
	static const struct {
		const char *msg, *digest;
	} kat[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	uint8_t want[32], got[32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kat); i++) {
		hex(kat[i].digest, want);
		sha256(kat[i].msg, strlen(kat[i].msg), got);
		EXPECT_EQ(0, memcmp(want, got, 32)) TH_LOG("vector %u", i);
	}
}

TEST(pas_sha256_million_a_in_pieces)
{
	struct sha256_ctx ctx;
	uint8_t want[32], got[32], *a = malloc(1000000);
	size_t done = 0, n = 1;

	memset(a, 'a', 1000000);
	hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    want);
	sha256(a, 1000000, got);
	EXPECT_EQ(0, memcmp(want, got, 32));

	/* the same in pieces of every size 1..130, across block edges */
	sha256_init(&ctx);
	while (done < 1000000) {
		if (n > 1000000 - done)
			n = 1000000 - done;
		sha256_update(&ctx, a + done, n);
		done += n;
		n = n % 130 + 1;
	}
	sha256_final(&ctx, got);
	EXPECT_EQ(0, memcmp(want, got, 32));
	free(a);
}

TEST(pas_sha256_padding_edges)
{
	/* 55, 56, 63, 64, 65 bytes: one or two padding blocks */
	static const struct {
		size_t len;
		const char *digest;
	} kat[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	uint8_t want[32], got[32], msg[65];
	unsigned int i;

	memset(msg, 'a', sizeof(msg));
	for (i = 0; i < ARRAY_SIZE(kat); i++) {
		hex(kat[i].digest, want);
		sha256(msg, kat[i].len, got);
		EXPECT_EQ(0, memcmp(want, got, 32)) TH_LOG("%zu bytes",
							   kat[i].len);
	}
}

/* -- RSA. -- */

/* The signed part and the signature of @file's hash segment. */
static void hash_segment_of(const char *file, uint8_t **img, size_t *len,
			    const uint8_t **hseg, size_t *signed_size)
{
	struct pas_phdr ph;
	unsigned int phnum;

	*img = read_file(file, len);
	if (!*img)
		return;
	phnum = phnum_of(*img);
	phdr_of(*img, 1, &ph);
	*hseg = *img + ph.offset;
	*signed_size = PAS_HASH_HDR_SIZE + 32 * phnum;
}

TEST(pas_rsa_verify)
{
	uint8_t digest[32], sig[RSA2048_BYTES], *img;
	const uint8_t *h;
	size_t len, sz;
	struct timespec t0, t1;

	hash_segment_of("adsp.mbn", &img, &len, &h, &sz);
	ASSERT_NE(NULL, img);
	sha256(h, sz, digest);
	memcpy(sig, h + sz, sizeof(sig));

	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(0, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	TH_LOG("one verification: %ld us",
	       (long)((t1.tv_sec - t0.tv_sec) * 1000000 +
		      (t1.tv_nsec - t0.tv_nsec) / 1000));

	/* another digest, a flipped signature bit, a wrong exponent */
	digest[31] ^= 1;
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	digest[31] ^= 1;
	sig[100] ^= 0x10;
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	sig[100] ^= 0x10;
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, 3, sig, digest));
	EXPECT_EQ(0, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	free(img);
}

TEST(pas_rsa_malformed_inputs)
{
	uint8_t n[RSA2048_BYTES], sig[RSA2048_BYTES], digest[32] = { 0 };

	/* signature == n and all-ones signature: >= n */
	memcpy(sig, key.n, sizeof(sig));
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	memset(sig, 0xff, sizeof(sig));
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	/* 0 and 1 are their own powers: never a valid encoding */
	memset(sig, 0, sizeof(sig));
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	sig[255] = 1;
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, key.e, sig, digest));
	/* even modulus, short modulus, even or tiny exponent */
	memcpy(n, key.n, sizeof(n));
	n[255] &= 0xfe;
	EXPECT_EQ(-1, rsa2048_verify_sha256(n, key.e, sig, digest));
	memcpy(n, key.n, sizeof(n));
	n[0] = 0x7f;
	EXPECT_EQ(-1, rsa2048_verify_sha256(n, key.e, sig, digest));
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, 65536, sig, digest));
	EXPECT_EQ(-1, rsa2048_verify_sha256(key.n, 1, sig, digest));
}

/* -- Every image of the manifest. -- */

TEST(pas_manifest_images)
{
	char *text, *line, *save, *f[8];
	struct outcome o;
	const struct soc_remote *r;
	size_t len;
	unsigned int rows = 0, good = 0, i;
	uint8_t *buf;

	buf = read_file("manifest.tsv", &len);
	ASSERT_NE(NULL, buf) TH_LOG("run mkfw.py --out %s", PAS_FW_DIR);
	text = calloc(1, len + 1);
	memcpy(text, buf, len);
	free(buf);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		f[0] = line;
		for (i = 1; i < 8; i++) {
			f[i] = strchr(f[i - 1], '\t');
			ASSERT_NE(NULL, f[i]) TH_LOG("manifest: %s", line);
			*f[i]++ = '\0';
		}
		rows++;
		r = remote_named(f[1]);
		ASSERT_NE(NULL, r) TH_LOG("%s: remote %s", f[0], f[1]);
		EXPECT_EQ(r->pas_id, (unsigned int)atoi(f[2]));
		run_image(f[0], r, &o);
		EXPECT_STREQ(f[5], o.stage) TH_LOG("%s: log:\n%s", f[0], o.log);
		EXPECT_STREQ(!strcmp(f[5], "-") ? "boots" : "fails", f[4]);
		if (strcmp(f[6], "-"))
			EXPECT_NE(NULL, strstr(o.log, f[6]))
				TH_LOG("%s: want \"%s\", log:\n%s", f[0], f[6],
				       o.log);
		if (!strcmp(f[4], "boots"))
			good++;
	}
	EXPECT_EQ(21, rows);
	/* four remotes, .mbn and .mdt each; wpss-meta192k.mbn */
	EXPECT_EQ(9, good);
	free(text);
}

/* Split and single-file forms give Linux the same metadata. */
TEST(pas_split_and_mbn_same_metadata)
{
	static const char *const names[] = { "adsp", "cdsp", "modem", "wpss" };
	uint8_t *mbn, *mdt, *m1, *m2;
	size_t l1, l2, ml1, ml2;
	char a[64], b[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(a, sizeof(a), "%s.mbn", names[i]);
		snprintf(b, sizeof(b), "%s.mdt", names[i]);
		mbn = read_file(a, &l1);
		mdt = read_file(b, &l2);
		ASSERT_NE(NULL, mbn);
		ASSERT_NE(NULL, mdt);
		m1 = kernel_metadata(mbn, l1, a, &ml1);
		m2 = kernel_metadata(mdt, l2, b, &ml2);
		ASSERT_NE(NULL, m1);
		ASSERT_NE(NULL, m2);
		EXPECT_EQ(ml1, ml2);
		EXPECT_EQ(0, memcmp(m1, m2, ml1));
		/* the .mdt is the metadata blob itself */
		EXPECT_EQ(l2, ml2);
		free(m1);
		free(m2);
		free(mbn);
		free(mdt);
	}
}

/* -- Metadata near the limit: wpss with thousands of PT_NULL phdrs. -- */

/*
 * The manifest's "# metadata" line of @file: metadata bytes, phdr0's and
 * the hash segment's p_filesz, e_phnum. 0 if found.
 */
static int manifest_metadata(const char *file, unsigned long v[4])
{
	char *text, *line, *save, name[64];
	size_t len;
	uint8_t *buf;
	int ret = -1;

	buf = read_file("manifest.tsv", &len);
	if (!buf)
		return -1;
	text = calloc(1, len + 1);
	memcpy(text, buf, len);
	free(buf);
	for (line = strtok_r(text, "\n", &save); line && ret;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "# metadata\t%63[^\t]\t%lu\t%lu\t%lu\t%lu",
			   name, &v[0], &v[1], &v[2], &v[3]) == 5 &&
		    !strcmp(name, file))
			ret = 0;
	free(text);
	return ret;
}

static long usec_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)((t1.tv_sec - t0->tv_sec) * 1000000 +
		      (t1.tv_nsec - t0->tv_nsec) / 1000);
}

/*
 * Just under 192 KiB of metadata: what the manifest says, accepted and
 * verified (timed: ~3000 hash entries, twice ~96 KiB of SHA-256), and the
 * image boots like wpss.mbn, whose segments it has.
 */
TEST(pas_meta_192k_accepted)
{
	const struct soc_remote *r = remote_named("wpss");
	const char *file = "wpss-meta192k.mbn";
	size_t fwlen, len, phend, size;
	uint8_t *fw, *meta, *copy;
	struct outcome o, good;
	struct timespec t0;
	struct pas_meta m;
	unsigned long v[4];
	char why[256];
	long us;

	ASSERT_NE(NULL, r);
	ASSERT_EQ(0, manifest_metadata(file, v)) TH_LOG("no # metadata line");
	fw = read_file(file, &fwlen);
	ASSERT_NE(NULL, fw);
	meta = kernel_metadata(fw, fwlen, file, &len);
	ASSERT_NE(NULL, meta);
	EXPECT_EQ(v[0], len);
	EXPECT_EQ(v[0], v[1] + v[2]);
	EXPECT_EQ(v[3], phnum_of(fw));
	/* near the limit, and 48 pages of the pool at most (room for 64 KiB) */
	EXPECT_LE(len, 192 * 1024);
	EXPECT_GT(len, 192 * 1024 - 64);
	EXPECT_LT(phnum_of(fw), 0xffff);

	ASSERT_EQ(PAS_OK, pas_meta_ehdr(meta, &phend, why, sizeof(why)));
	EXPECT_EQ(v[1], phend);
	ASSERT_EQ(PAS_OK, pas_meta_size(meta, phend, &size, why, sizeof(why)));
	EXPECT_EQ(len, size);
	copy = dup_exact(meta, len);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ASSERT_EQ(PAS_OK, pas_meta_parse(&m, copy, len, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(PAS_OK, pas_meta_verify(&m, &key, r->pas_id, why,
					  sizeof(why))) TH_LOG("%s", why);
	us = usec_since(&t0);
	TH_LOG("%zu bytes of metadata, %u program headers: parsed and verified in %ld us",
	       len, m.phnum, us);
	EXPECT_EQ(v[3], m.phnum);
	EXPECT_EQ(1, m.hash_index);
	EXPECT_EQ(2, m.nr_load);
	EXPECT_TRUE(m.relocatable);
	free(copy);

	run_image(file, r, &o);
	EXPECT_STREQ("-", o.stage) TH_LOG("log:\n%s", o.log);
	run_image("wpss.mbn", r, &good);
	EXPECT_EQ(good.segments, o.segments);
	EXPECT_EQ(good.bytes, o.bytes);
	free(meta);
	free(fw);
}

/*
 * Just over 300 KiB: Linux reads it, the simulator refuses it by its size
 * alone (the exact line), and it is otherwise as well signed as any good
 * image.
 */
TEST(pas_meta_300k_refused_by_size)
{
	const struct soc_remote *r = remote_named("wpss");
	const char *file = "wpss-meta300k.mbn";
	uint8_t digest[32], *fw, *meta, *copy;
	size_t fwlen, len, phend, size, sz;
	const uint8_t *hseg;
	struct pas_phdr ph0;
	struct pas_meta m;
	struct outcome o;
	unsigned long v[4];
	char why[256], want[256], line[300];

	ASSERT_NE(NULL, r);
	ASSERT_EQ(0, manifest_metadata(file, v)) TH_LOG("no # metadata line");
	fw = read_file(file, &fwlen);
	ASSERT_NE(NULL, fw);
	meta = kernel_metadata(fw, fwlen, file, &len);
	ASSERT_NE(NULL, meta);
	EXPECT_EQ(v[0], len);
	EXPECT_EQ(v[0], v[1] + v[2]);
	EXPECT_EQ(v[3], phnum_of(fw));
	EXPECT_GE(len, 300 * 1024);
	EXPECT_GT(len, PAS_META_MAX);
	EXPECT_LT(phnum_of(fw), 0xffff);
	phdr_of(fw, 0, &ph0);
	snprintf(want, sizeof(want),
		 "metadata of 0x%lx + 0x%lx bytes, must be 1..0x%x", v[1],
		 v[2], PAS_META_MAX);

	/* the headers fit; the blob they describe does not */
	ASSERT_EQ(PAS_OK, pas_meta_ehdr(meta, &phend, why, sizeof(why)));
	EXPECT_EQ(v[1], phend);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(meta, phend, &size, why,
					     sizeof(why)));
	EXPECT_STREQ(want, why);
	copy = dup_exact(meta, len);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_parse(&m, copy, len, why,
					      sizeof(why)));
	EXPECT_STREQ(want, why);
	free(copy);

	/* signed for wpss: header, table, signature, entries 0 and 1 */
	hseg = meta + ph0.filesz;
	sz = PAS_HASH_HDR_SIZE + (size_t)PAS_HASH_SIZE * phnum_of(fw);
	ASSERT_EQ(len, ph0.filesz + sz + PAS_SIG_SIZE);
	EXPECT_EQ(PAS_HASH_MAGIC, get32(hseg));
	EXPECT_EQ(r->pas_id, get32(hseg + 12));
	EXPECT_EQ(phnum_of(fw), get32(hseg + 20));
	sha256(hseg, sz, digest);
	EXPECT_EQ(0, rsa2048_verify_sha256(key.n, key.e, hseg + sz, digest));
	sha256(meta, ph0.filesz, digest);
	EXPECT_EQ(0, memcmp(digest, hseg + PAS_HASH_HDR_SIZE, 32));

	run_image(file, r, &o);
	EXPECT_STREQ("meta", o.stage);
	snprintf(line, sizeof(line), "pas: wpss: INIT_IMAGE: %s\n", want);
	EXPECT_STREQ(line, o.log);
	free(meta);
	free(fw);
}

/* -- Crafted metadata: a valid blob, then one field broken at a time. -- */

static uint8_t *good_meta(size_t *len)
{
	uint8_t *fw, *meta;
	size_t fwlen;

	fw = read_file("adsp.mbn", &fwlen);
	if (!fw)
		return NULL;
	meta = kernel_metadata(fw, fwlen, "adsp.mbn", len);
	free(fw);
	return meta;
}

/* Parse a copy of exactly @len bytes (ASan sees any overread). */
static int parse_exact(const uint8_t *meta, size_t len, char *why)
{
	uint8_t *copy = dup_exact(meta, len);
	struct pas_meta m;
	int ret;

	ret = pas_meta_parse(&m, copy, len, why, 256);
	if (!ret)
		ret = pas_meta_verify(&m, &key, 1, why, 256);
	free(copy);
	return ret;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

TEST(pas_meta_good_blob)
{
	size_t len, phend, size;
	uint8_t *meta = good_meta(&len);
	struct pas_meta m;
	char why[256];

	ASSERT_NE(NULL, meta);
	ASSERT_EQ(PAS_OK, pas_meta_ehdr(meta, &phend, why, sizeof(why)));
	EXPECT_EQ(PAS_EHDR_SIZE + 6 * PAS_PHDR_SIZE, phend);
	ASSERT_EQ(PAS_OK, pas_meta_size(meta, phend, &size, why, sizeof(why)));
	EXPECT_EQ(len, size);
	ASSERT_EQ(PAS_OK, pas_meta_parse(&m, meta, len, why, sizeof(why)));
	EXPECT_EQ(6, m.phnum);
	EXPECT_EQ(1, m.hash_index);
	EXPECT_EQ(4, m.nr_load);
	EXPECT_TRUE(m.relocatable);
	EXPECT_EQ(1, m.sw_id);
	EXPECT_EQ(0x86100000, m.min_addr);
	EXPECT_EQ(0x86197000, m.max_addr);
	EXPECT_EQ(PAS_OK, pas_meta_verify(&m, &key, 1, why, sizeof(why)));
	/* the right image for the wrong remote */
	EXPECT_EQ(PAS_EAUTH, pas_meta_verify(&m, &key, 18, why, sizeof(why)));
	EXPECT_STREQ("image is signed for pas id 1, not 18", why);
	free(meta);
}

TEST(pas_meta_bounds)
{
	size_t len, phend, size;
	uint8_t *meta = good_meta(&len), *bad;
	unsigned int hoff;
	char why[256];

	ASSERT_NE(NULL, meta);
	hoff = get32(meta + 52 + 16);	/* phdr0.p_filesz */
	bad = malloc(len);

#define RESET() memcpy(bad, meta, len)
	/* e_phnum huge: the headers would end past PAS_META_MAX */
	RESET();
	put16(bad + 44, 0xffff);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_ehdr(bad, &phend, why, sizeof(why)));
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* e_phnum 0 and 1 */
	put16(bad + 44, 1);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_ehdr(bad, &phend, why, sizeof(why)));
	EXPECT_STREQ("1 program headers, need at least 2", why);
	put16(bad + 44, 0);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* e_phoff past the end, and so large it would wrap in 32 bits */
	RESET();
	put32(bad + 28, len);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	put32(bad + 28, 0xfffffff0);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_ehdr(bad, &phend, why, sizeof(why)));
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	put32(bad + 28, 8);		/* inside the ELF header */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* e_phentsize, class, byte order, magic, e_shentsize */
	RESET();
	put16(bad + 42, 56);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	bad[4] = 2;
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	bad[5] = 2;
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	bad[1] = 'e';
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	put16(bad + 48, 3);		/* e_shnum with e_shentsize 0 */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* phdr 0 PT_LOAD; phdr 0 not covering the program headers */
	RESET();
	put32(bad + 52, PAS_PT_LOAD);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	put32(bad + 52 + 16, 100);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* hash segment p_filesz 0, one byte short, huge */
	RESET();
	put32(bad + 84 + 16, 0);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(bad, len, &size, why,
					     sizeof(why)));
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	put32(bad + 84 + 16, len - hoff - 1);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len - 1, why));
	put32(bad + 84 + 16, 0xffffffff);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(bad, len, &size, why,
					     sizeof(why)));
	put32(bad + 84 + 16, PAS_META_MAX);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(bad, len, &size, why,
					     sizeof(why)));
	/* no hash segment */
	RESET();
	put32(bad + 84 + 24, 0);
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(bad, len, &size, why,
					     sizeof(why)));
	EXPECT_STREQ("no hash segment", why);
	/* a blob shorter or longer than its headers say */
	RESET();
	ASSERT_EQ(PAS_OK, pas_meta_ehdr(bad, &phend, why, sizeof(why)));
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len - 1, why));
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, PAS_EHDR_SIZE - 1, why));
	EXPECT_EQ(PAS_EBADIMG, pas_meta_size(bad, phend - 1, &size, why,
					     sizeof(why)));
	/* hash segment header fields */
	RESET();
	bad[hoff] ^= 1;			/* magic */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	put32(bad + hoff + 20, 7);	/* num_hashes != e_phnum */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	put32(bad + hoff + 32, 512);	/* sig_size */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	RESET();
	put32(bad + hoff + 36, 1);	/* reserved */
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* a loadable segment with p_filesz > p_memsz */
	RESET();
	put32(bad + 52 + 2 * 32 + 20, 0x1000);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	/* no loadable segment at all */
	RESET();
	put32(bad + 52 + 2 * 32, 0);
	put32(bad + 52 + 3 * 32, 0);
	put32(bad + 52 + 4 * 32, 0);
	put32(bad + 52 + 5 * 32, 0);
	EXPECT_EQ(PAS_EBADIMG, parse_exact(bad, len, why));
	EXPECT_STREQ("no loadable segment", why);
	/* well formed, but a program header changed after signing */
	RESET();
	put32(bad + 52 + 2 * 32 + 12, 0x86101000);
	EXPECT_EQ(PAS_EAUTH, parse_exact(bad, len, why));
	/* a hash table entry changed: the signature no longer covers it */
	RESET();
	bad[hoff + PAS_HASH_HDR_SIZE + 3 * 32] ^= 0x80;
	EXPECT_EQ(PAS_EAUTH, parse_exact(bad, len, why));
	EXPECT_STREQ("signature does not verify", why);
#undef RESET
	free(bad);
	free(meta);
}

/* Random corruption of the headers: no crash, no overread, no accept. */
TEST(pas_meta_random_corruption)
{
	size_t len, phend, size;
	uint8_t *meta = good_meta(&len), *bad;
	unsigned int i, k, accepted = 0;
	uint32_t seed = 12345;
	char why[256];

	ASSERT_NE(NULL, meta);
	for (i = 0; i < 3000; i++) {
		bad = dup_exact(meta, len);
		for (k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			bad[(seed >> 8) % 320] ^= (uint8_t)(1 << (seed % 8));
		}
		/* the INIT_IMAGE sizing steps on the exact buffer too */
		if (!pas_meta_ehdr(bad, &phend, why, sizeof(why)) &&
		    phend <= len)
			pas_meta_size(bad, phend, &size, why, sizeof(why));
		if (memcmp(bad, meta, len) && !parse_exact(bad, len, why))
			accepted++;
		free(bad);
	}
	EXPECT_EQ(0, accepted);
	free(meta);
}

/* -- MEM_SETUP and AUTH_AND_RESET checks on crafted placements. -- */

TEST(pas_mem_setup_and_auth)
{
	const struct soc_remote *r = remote_named("adsp");
	uint8_t *fw, *meta, *mem;
	size_t fwlen, len;
	struct pas_auth_stats st;
	struct pas_meta m;
	uint64_t span, base;
	char why[256];

	ASSERT_NE(NULL, r);
	fw = read_file("adsp.mbn", &fwlen);
	ASSERT_NE(NULL, fw);
	meta = kernel_metadata(fw, fwlen, "adsp.mbn", &len);
	ASSERT_NE(NULL, meta);
	ASSERT_EQ(PAS_OK, pas_meta_parse(&m, meta, len, why, sizeof(why)));
	span = pas_meta_span(&m);
	base = r->mem_base;

	EXPECT_EQ(PAS_OK, pas_mem_setup_check(&m, base, span, base,
					      r->mem_size, why, sizeof(why)));
	/* the whole carveout; the very end of it */
	EXPECT_EQ(PAS_OK, pas_mem_setup_check(&m, base, r->mem_size, base,
					      r->mem_size, why, sizeof(why)));
	EXPECT_EQ(PAS_OK, pas_mem_setup_check(&m, base + r->mem_size - span,
					      span, base, r->mem_size, why,
					      sizeof(why)));
	/* below, past the end, too small, empty, wrapping */
	EXPECT_EQ(PAS_ERANGE, pas_mem_setup_check(&m, base - 0x1000, span,
						  base, r->mem_size, why,
						  sizeof(why)));
	EXPECT_EQ(PAS_ERANGE, pas_mem_setup_check(&m, base + 0x1000,
						  r->mem_size, base,
						  r->mem_size, why,
						  sizeof(why)));
	EXPECT_EQ(PAS_ERANGE, pas_mem_setup_check(&m, base, span - 0x1000,
						  base, r->mem_size, why,
						  sizeof(why)));
	EXPECT_EQ(PAS_ERANGE, pas_mem_setup_check(&m, base, 0, base,
						  r->mem_size, why,
						  sizeof(why)));
	EXPECT_EQ(PAS_ERANGE, pas_mem_setup_check(&m, UINT64_MAX - 0xfff,
						  0x2000, base, r->mem_size,
						  why, sizeof(why)));
	EXPECT_FALSE(pas_range_inside(UINT64_MAX, 2, 0, UINT64_MAX));
	EXPECT_TRUE(pas_range_inside(0x1000, 0x1000, 0x1000, 0x1000));
	EXPECT_FALSE(pas_range_inside(0x1000, 0x1001, 0x1000, 0x1000));

	/* Linux's load, then AUTH: good; one bit off; outside the carveout */
	mem = calloc(1, span);
	ASSERT_EQ(0, kernel_load(fw, fwlen, "adsp.mbn", r, mem, span));
	EXPECT_EQ(PAS_OK, pas_auth_segments(&m, base, base, r->mem_size, mem,
					    &st, why, sizeof(why)));
	EXPECT_EQ(4, st.segments);
	EXPECT_EQ(0x4f000 + 0x17a40 + 0xc000, st.bytes);
	EXPECT_EQ(-1, st.bad_segment);

	mem[0x4f000 + 0x17a3f] ^= 1;	/* last byte of segment 3 */
	EXPECT_EQ(PAS_EAUTH, pas_auth_segments(&m, base, base, r->mem_size,
					       mem, &st, why, sizeof(why)));
	EXPECT_EQ(3, st.bad_segment);
	EXPECT_EQ(1, st.segments);
	mem[0x4f000 + 0x17a3f] ^= 1;
	/* past p_filesz is not hashed (Linux zeroes it, the table does not
	 * cover it) */
	mem[0x4f000 + 0x17a40] ^= 1;
	EXPECT_EQ(PAS_OK, pas_auth_segments(&m, base, base, r->mem_size, mem,
					    &st, why, sizeof(why)));

	/*
	 * Relocated so that the last segment (5, bss) ends past the
	 * carveout: refused before anything is read (the buffer here is
	 * smaller than the carveout: ASan would see a read).
	 */
	EXPECT_EQ(PAS_ERANGE,
		  pas_auth_segments(&m, base + r->mem_size - span + 0x1000,
				    base, r->mem_size, mem, &st, why,
				    sizeof(why)));
	EXPECT_EQ(5, st.bad_segment);
	EXPECT_EQ(0, st.bytes);
	EXPECT_EQ(PAS_ERANGE, pas_auth_segments(&m, base + 0x1000, base, span,
						mem, &st, why, sizeof(why)));
	EXPECT_EQ(5, st.bad_segment);
	/* a fixed-address view of a relocatable image: below the carveout */
	EXPECT_EQ(PAS_ERANGE, pas_auth_segments(&m, 0, base, span, mem, &st,
						why, sizeof(why)));
	free(mem);
	free(meta);
	free(fw);
}

TEST_HARNESS_MAIN
