// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated QTEE's object table and the Linux objects it holds
 * (include/tzsim/qtee_obj.h). Objects live on QTEE's heap; ids are handed
 * out from QTEE_OBJ_FIRST upwards and not reused until the counter wraps
 * (then live ids are skipped). Pure code: also built into the host tests.
 */
#include <tzsim/log.h>
#include <tzsim/qtee_obj.h>

const char *qtee_kind_name(unsigned int kind)
{
	static const char *const names[QTEE_KIND_COUNT] = {
		[QTEE_KIND_ROOT] = "root",
		[QTEE_KIND_CLIENT_ENV] = "client_env",
		[QTEE_KIND_FEATURE_VERSIONS] = "feature_versions",
		[QTEE_KIND_DIAGNOSTICS] = "diagnostics",
		[QTEE_KIND_APP_LOADER] = "app_loader",
		[QTEE_KIND_APP_CONTROLLER] = "app_controller",
		[QTEE_KIND_EXAMPLE_TA] = "example_ta",
		[QTEE_KIND_RELAY] = "relay",
	};

	return kind < QTEE_KIND_COUNT ? names[kind] : "unknown";
}

const char *qtee_ns_what_name(unsigned int what)
{
	switch (what) {
	case QTEE_NS_INPUT:
		return "input";
	case QTEE_NS_OUTPUT:
		return "output";
	case QTEE_NS_CREDENTIALS:
		return "credentials";
	case QTEE_NS_MEMORY:
		return "memory";
	case QTEE_NS_MAPPING:
		return "mapping";
	case QTEE_NS_STORED:
		return "stored";
	}
	return "?";
}

void qtee_objtab_init(struct qtee_objtab *t, struct qtee_heap *heap)
{
	memset(t, 0, sizeof(*t));
	t->heap = heap;
	t->next_id = QTEE_OBJ_FIRST;
}

struct qtee_object *qtee_obj_find(const struct qtee_objtab *t, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < QTEE_MAX_OBJECTS; i++)
		if (t->obj[i] && t->obj[i]->id == id)
			return t->obj[i];
	return NULL;
}

static uint32_t fresh_id(struct qtee_objtab *t)
{
	uint32_t id;

	do {
		id = t->next_id;
		t->next_id = id == QTEE_OBJ_LAST ? QTEE_OBJ_FIRST : id + 1;
	} while (qtee_obj_find(t, id));
	return id;
}

struct qtee_object *qtee_obj_new(struct qtee_objtab *t, enum qtee_kind kind)
{
	struct qtee_object *o;
	unsigned int i;

	for (i = 0; i < QTEE_MAX_OBJECTS && t->obj[i]; i++)
		;
	if (i == QTEE_MAX_OBJECTS) {
		tz_log("qtee: object table full (%d objects)",
		       QTEE_MAX_OBJECTS);
		return NULL;
	}
	o = qtee_heap_alloc(t->heap, sizeof(*o));
	if (!o) {
		tz_log("qtee: heap exhausted: no room for a %s object",
		       qtee_kind_name(kind));
		return NULL;
	}
	o->id = fresh_id(t);
	o->kind = kind;
	o->internal_refs = 1;
	t->obj[i] = o;
	t->created++;
	return o;
}

void qtee_obj_get(struct qtee_object *o)
{
	o->internal_refs++;
}

void qtee_obj_give(struct qtee_object *o)
{
	o->linux_refs++;
}

static void destroy(struct qtee_objtab *t, struct qtee_object *o)
{
	unsigned int i;

	tz_log("qtee: object 0x%08x %s destroyed", o->id,
	       qtee_kind_name(o->kind));
	for (i = 0; i < QTEE_MAX_OBJECTS; i++)
		if (t->obj[i] == o)
			t->obj[i] = NULL;
	switch (o->kind) {
	case QTEE_KIND_CLIENT_ENV:
		if (o->u.env.creds)
			qtee_ns_release(t, o->u.env.creds);
		break;
	case QTEE_KIND_APP_CONTROLLER:
		if (o->u.ctl.app)
			qtee_obj_put(t, o->u.ctl.app);
		break;
	case QTEE_KIND_EXAMPLE_TA:
		qtee_heap_free(t->heap, o->u.ta.image);
		break;
	default:
		break;
	}
	t->destroyed++;
	qtee_heap_free(t->heap, o);
}

void qtee_obj_put(struct qtee_objtab *t, struct qtee_object *o)
{
	if (!o->internal_refs) {
		tz_log("qtee: BUG: put of object 0x%08x with no internal reference",
		       o->id);
		t->errors++;
		return;
	}
	if (!--o->internal_refs && !o->linux_refs)
		destroy(t, o);
}

int qtee_obj_release(struct qtee_objtab *t, struct qtee_object *o)
{
	if (!o->linux_refs)
		return -1;
	if (!--o->linux_refs && !o->internal_refs)
		destroy(t, o);
	return 0;
}

unsigned int qtee_obj_count(const struct qtee_objtab *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < QTEE_MAX_OBJECTS; i++)
		n += t->obj[i] != NULL;
	return n;
}

unsigned int qtee_obj_linux_count(const struct qtee_objtab *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < QTEE_MAX_OBJECTS; i++)
		n += t->obj[i] && t->obj[i]->linux_refs;
	return n;
}

static struct qtee_ns *ns_find(const struct qtee_objtab *t, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < QTEE_MAX_NS; i++)
		if (t->ns[i].state != QTEE_NS_FREE && t->ns[i].id == id)
			return (struct qtee_ns *)&t->ns[i];
	return NULL;
}

int qtee_ns_take(struct qtee_objtab *t, uint32_t id, enum qtee_ns_what what)
{
	unsigned int i;

	if (!qtee_id_is_ns(id) || id == QTEE_OBJ_PRIMORDIAL || ns_find(t, id))
		return -1;
	for (i = 0; i < QTEE_MAX_NS; i++) {
		if (t->ns[i].state == QTEE_NS_FREE) {
			t->ns[i] = (struct qtee_ns){
				.id = id, .state = QTEE_NS_HELD, .what = what,
			};
			t->ns_taken++;
			return 0;
		}
	}
	return -1;
}

bool qtee_ns_known(const struct qtee_objtab *t, uint32_t id)
{
	return ns_find(t, id) != NULL;
}

bool qtee_ns_held(const struct qtee_objtab *t, uint32_t id)
{
	const struct qtee_ns *n = ns_find(t, id);

	return n && n->state == QTEE_NS_HELD;
}

void qtee_ns_set_what(struct qtee_objtab *t, uint32_t id,
		      enum qtee_ns_what what)
{
	struct qtee_ns *n = ns_find(t, id);

	if (n)
		n->what = what;
}

int qtee_ns_release(struct qtee_objtab *t, uint32_t id)
{
	struct qtee_ns *n = ns_find(t, id);

	if (!n || n->state != QTEE_NS_HELD) {
		tz_log("qtee: BUG: release of Linux object 0x%08x that QTEE does not hold",
		       id);
		t->errors++;
		return -1;
	}
	n->state = QTEE_NS_QUEUED;
	t->queue[(t->qhead + t->qlen) % QTEE_MAX_NS] = id;
	t->qlen++;
	t->ns_released++;
	return 0;
}

unsigned int qtee_ns_pop(struct qtee_objtab *t, uint32_t *ids,
			 unsigned int max)
{
	unsigned int n = 0;

	while (n < max && t->qlen) {
		uint32_t id = t->queue[t->qhead];
		struct qtee_ns *e = ns_find(t, id);

		t->qhead = (t->qhead + 1) % QTEE_MAX_NS;
		t->qlen--;
		tz_log("qtee: async release of linux object 0x%08x (%s)", id,
		       e ? qtee_ns_what_name(e->what) : "?");
		if (e)
			e->state = QTEE_NS_FREE;
		ids[n++] = id;
	}
	return n;
}

unsigned int qtee_ns_count(const struct qtee_objtab *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < QTEE_MAX_NS; i++)
		n += t->ns[i].state != QTEE_NS_FREE;
	return n;
}

unsigned int qtee_ns_free(const struct qtee_objtab *t)
{
	return QTEE_MAX_NS - qtee_ns_count(t);
}
