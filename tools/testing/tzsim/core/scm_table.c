// SPDX-License-Identifier: GPL-2.0
/*
 * The command table: every DECLARE_SCM_CMD() of every service, collected by
 * the linker between __scm_cmds_start and __scm_cmds_end; and the services'
 * own counter printers (DECLARE_SCM_COUNTERS(), section .scm_counters).
 */
#include <tzsim/log.h>
#include <tzsim/scm.h>

extern const struct scm_cmd __scm_cmds_start[], __scm_cmds_end[];
extern const scm_counters_fn __scm_counters_start[], __scm_counters_end[];

unsigned int scm_cmd_count(void)
{
	return __scm_cmds_end - __scm_cmds_start;
}

const struct scm_cmd *scm_cmd_at(unsigned int idx)
{
	return idx < scm_cmd_count() ? &__scm_cmds_start[idx] : NULL;
}

unsigned int scm_cmd_index(const struct scm_cmd *cmd)
{
	return cmd - __scm_cmds_start;
}

const struct scm_cmd *scm_find(unsigned int owner, unsigned int svc,
			       unsigned int cmd)
{
	const struct scm_cmd *c;

	for (c = __scm_cmds_start; c < __scm_cmds_end; c++)
		if (c->owner == owner && c->svc == svc && c->cmd == cmd)
			return c;
	return NULL;
}

void scm_table_init(void)
{
	const struct scm_cmd *a, *b;

	for (a = __scm_cmds_start; a < __scm_cmds_end; a++) {
		if (!a->handler || !a->name || !a->svc_name)
			tz_panic("scm table: incomplete entry %u/0x%02x/0x%02x",
				 a->owner, a->svc, a->cmd);
		for (b = a + 1; b < __scm_cmds_end; b++)
			if (a->owner == b->owner && a->svc == b->svc &&
			    a->cmd == b->cmd)
				tz_panic("scm table: %s.%s and %s.%s share id %u/0x%02x/0x%02x",
					 a->svc_name, a->name, b->svc_name,
					 b->name, a->owner, a->svc, a->cmd);
	}
	tz_log("scm: %u commands registered", scm_cmd_count());
}

bool scm_cmd_available(const struct scm_cmd *cmd)
{
	return !cmd->available || cmd->available();
}

void scm_counters_print(void)
{
	const scm_counters_fn *fn;

	for (fn = __scm_counters_start; fn < __scm_counters_end; fn++)
		(*fn)();
}
