/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated QTEE's objects and the Linux objects it holds (pure code:
 * services/qtee_obj.c), and the TA image check, loader and example TA
 * (services/qtee_ta.c).
 *
 * QTEE objects: allocated on QTEE's heap, with two reference counts:
 *   linux_refs     ids handed to Linux (one per OO of a final response
 *                  and per IO of a callback request that carried the id)
 *                  and not yet dropped by a RELEASE invoke
 *   internal_refs  held inside QTEE: by its creator until handed out, by
 *                  another object (a controller holds its app), by each
 *                  open invocation targeting it
 * An object dies when both reach 0. Linux may invoke an object only while
 * linux_refs > 0; root (id 1) is not in the table and never counted.
 *
 * Linux objects (ids with bit 31): each id QTEE receives (an IO of an
 * invoke, an OO of a callback response) carries one reference, which QTEE
 * gives back exactly once: the id goes HELD -> QUEUED (qtee_ns_release)
 * -> gone when an async RELEASE message carries it (qtee_ns_pop).
 */
#ifndef TZSIM_QTEE_OBJ_H
#define TZSIM_QTEE_OBJ_H

#include <tzsim/qtee.h>
#include <tzsim/qtee_heap.h>

#define QTEE_MAX_OBJECTS	64
#define QTEE_MAX_NS		64

enum qtee_kind {
	QTEE_KIND_ROOT,
	QTEE_KIND_CLIENT_ENV,
	QTEE_KIND_FEATURE_VERSIONS,
	QTEE_KIND_DIAGNOSTICS,
	QTEE_KIND_APP_LOADER,
	QTEE_KIND_APP_CONTROLLER,
	QTEE_KIND_EXAMPLE_TA,
	QTEE_KIND_RELAY,		/* the simulator's test service */
	QTEE_KIND_COUNT,
};

/* "root", "client_env", ... (log and counter names); "unknown" past them. */
const char *qtee_kind_name(unsigned int kind);

struct qtee_object {
	uint32_t id;
	uint32_t kind;			/* enum qtee_kind */
	uint32_t linux_refs, internal_refs;
	union {
		struct {
			uint32_t creds;		/* Linux id, or 0 */
		} env;
		struct {
			struct qtee_object *app;	/* internal ref */
		} ctl;
		struct {
			uint8_t *image;		/* on the heap */
			uint32_t size;
		} ta;
	} u;
};

/* Why QTEE holds a Linux object (for the log). */
enum qtee_ns_what {
	QTEE_NS_INPUT,		/* an IO of an invoke */
	QTEE_NS_OUTPUT,		/* an OO of a callback response */
	QTEE_NS_CREDENTIALS,	/* kept by a client env */
	QTEE_NS_MEMORY,		/* the region of loadFromRegion */
	QTEE_NS_MAPPING,	/* MAP_REGION's mapping object */
	QTEE_NS_STORED,		/* kept by the relay's STORE */
};

const char *qtee_ns_what_name(unsigned int what);

enum qtee_ns_state {
	QTEE_NS_FREE,
	QTEE_NS_HELD,
	QTEE_NS_QUEUED,		/* released, not yet told to Linux */
};

struct qtee_ns {
	uint32_t id;
	uint8_t state, what;
};

struct qtee_objtab {
	struct qtee_heap *heap;
	struct qtee_object *obj[QTEE_MAX_OBJECTS];
	uint32_t next_id;
	struct qtee_ns ns[QTEE_MAX_NS];
	uint32_t queue[QTEE_MAX_NS];	/* QUEUED ids, oldest first */
	unsigned int qhead, qlen;
	uint64_t created, destroyed, ns_taken, ns_released, errors;
};

void qtee_objtab_init(struct qtee_objtab *t, struct qtee_heap *heap);

/* A new object with internal_refs 1 (the caller's) and a fresh id. */
struct qtee_object *qtee_obj_new(struct qtee_objtab *t, enum qtee_kind kind);
struct qtee_object *qtee_obj_find(const struct qtee_objtab *t, uint32_t id);
void qtee_obj_get(struct qtee_object *o);
/* Drop an internal reference; destroys @o if it was the last of all. */
void qtee_obj_put(struct qtee_objtab *t, struct qtee_object *o);
/* One more id of @o handed to Linux. */
void qtee_obj_give(struct qtee_object *o);
/* Linux dropped one id of @o (RELEASE): 0, or -1 if it held none. */
int qtee_obj_release(struct qtee_objtab *t, struct qtee_object *o);
/* Objects in the table; of them, the ones Linux holds ids of. */
unsigned int qtee_obj_count(const struct qtee_objtab *t);
unsigned int qtee_obj_linux_count(const struct qtee_objtab *t);

/*
 * Take a reference on Linux object @id (bit 31 set, not the primordial
 * object, not already held). Returns 0 or -1 (bad id, held, table full).
 */
int qtee_ns_take(struct qtee_objtab *t, uint32_t id, enum qtee_ns_what what);
/* Whether @id is in the table (HELD, or QUEUED and not yet told). */
bool qtee_ns_known(const struct qtee_objtab *t, uint32_t id);
bool qtee_ns_held(const struct qtee_objtab *t, uint32_t id);
void qtee_ns_set_what(struct qtee_objtab *t, uint32_t id,
		      enum qtee_ns_what what);
/* Give @id back (queue it for an async RELEASE): 0, or -1 if not HELD. */
int qtee_ns_release(struct qtee_objtab *t, uint32_t id);
/*
 * Dequeue up to @max released ids, oldest first, into @ids (their
 * entries are freed: Linux is being told now). Returns how many.
 */
unsigned int qtee_ns_pop(struct qtee_objtab *t, uint32_t *ids,
			 unsigned int max);
/* Entries in use (HELD + QUEUED), free entries, queued ids. */
unsigned int qtee_ns_count(const struct qtee_objtab *t);
unsigned int qtee_ns_free(const struct qtee_objtab *t);
static inline unsigned int qtee_ns_queued(const struct qtee_objtab *t)
{
	return t->qlen;
}

/* -- TA images (services/qtee_ta.c). -- */

/*
 * A valid TA image:
 *   - at least 64 bytes: an ELF64 header, "\x7fELF", ELFCLASS64 (2),
 *     ELFDATA2LSB (1), EI_VERSION 1;
 *   - e_type ET_EXEC (2) or ET_DYN (3), e_machine EM_AARCH64 (0xb7),
 *     e_version 1, e_ehsize 64, e_phentsize 56;
 *   - 1..QTEE_TA_PHNUM_MAX program headers, all within the image and
 *     within its first QTEE_TA_HDRS_MAX bytes;
 *   - every program header's file bytes (p_offset, p_filesz) within the
 *     image; for PT_LOAD p_filesz <= p_memsz and no address overflow;
 *   - at least one PT_LOAD with p_memsz > 0, and the loadable span (lowest
 *     p_vaddr to highest p_vaddr + p_memsz) at most QTEE_TA_LOAD_MAX.
 * Signatures (Qualcomm hash segment) are not checked. Any valid image
 * instantiates the built-in example TA.
 */
#define QTEE_TA_HDRS_MAX	4096U
#define QTEE_TA_PHNUM_MAX	64U
#define QTEE_TA_LOAD_MAX	(256U << 10)
#define QTEE_TA_EHDR_SIZE	64U
#define QTEE_TA_PHDR_SIZE	56U

struct qtee_ta_layout {
	uint64_t base, span;		/* loadable span */
	unsigned int nload;		/* PT_LOAD headers with p_memsz > 0 */
};

/*
 * qtee_ta_check - check the image of @image_size bytes whose first
 * @hdrs_len bytes (min(image_size, QTEE_TA_HDRS_MAX), a secure copy) are
 * at @hdrs. Returns 0 with the layout, or -1 with a static reason.
 */
int qtee_ta_check(const uint8_t *hdrs, uint64_t hdrs_len, uint64_t image_size,
		  struct qtee_ta_layout *lay, const char **why);
/*
 * qtee_ta_load - copy the PT_LOAD file bytes of @image (checked: @hdrs
 * and @lay from qtee_ta_check) to @dst (lay->span bytes, zeroed) at
 * p_vaddr - lay->base.
 */
void qtee_ta_load(uint8_t *dst, const uint8_t *image, const uint8_t *hdrs,
		  const struct qtee_ta_layout *lay);
/* The example TA's add: a + b, saturating at UINT32_MAX. */
uint32_t qtee_ta_add(uint32_t a, uint32_t b);

#endif /* TZSIM_QTEE_OBJ_H */
