// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime configuration and the fault plan, both read from fw_cfg files
 * the host harness passes (-fw_cfg name=opt/tzsim/config,file=...).
 */
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/qtee_corrupt.h>

struct tzsim_config tzsim_cfg;
struct fault_plan tzsim_faults;

void tzsim_config_load(void)
{
	static char text[4096];
	char err[160];
	long len;
	unsigned int i;

	len = plat_host_file("opt/tzsim/config", text, sizeof(text));
	if (len > (long)sizeof(text))
		tz_panic("opt/tzsim/config: larger than %zu bytes", sizeof(text));
	if (tzsim_config_parse(&tzsim_cfg, text, len < 0 ? 0 : len, err,
			       sizeof(err)))
		tz_panic("opt/tzsim/config: %s", err);

	len = plat_host_file("opt/tzsim/faults", text, sizeof(text));
	if (len > (long)sizeof(text))
		tz_panic("opt/tzsim/faults: larger than %zu bytes", sizeof(text));
	if (fault_plan_parse(&tzsim_faults, text, len < 0 ? 0 : len, err,
			     sizeof(err)))
		tz_panic("opt/tzsim/faults: %s", err);

	tz_log("config: boot EL%u, SHM bridges %s, log %s",
	       tzsim_cfg.boot_el, tzsim_cfg.enforce_bridges ? "enforced" : "off",
	       tzsim_cfg.log_calls ? "calls" : "errors");
	if (tzsim_cfg.flash[0])
		tz_log("config: flash %s, %llu blocks of %u bytes, erase %u us per block",
		       tzsim_cfg.flash,
		       (unsigned long long)tzsim_cfg.flash_blocks,
		       tzsim_cfg.flash_block_size, tzsim_cfg.erase_us);
	else
		tz_log("config: no flash (SCM storage not available)");
	if (tzsim_cfg.uefivars[0])
		tz_log("config: uefivars %s", tzsim_cfg.uefivars);
	else
		tz_log("config: no uefivars file (UEFI variables in memory only)");
	if (tzsim_cfg.smmu_base)
		tz_log("config: SMMUv3 at 0x%llx: remote carveouts checked against it",
		       (unsigned long long)tzsim_cfg.smmu_base);
	if (tzsim_cfg.rsctable_pad)
		tz_log("config: rsctable_pad %u bytes (PAS GET_RSCTABLE padding entry)",
		       tzsim_cfg.rsctable_pad);
	for (i = 0; i < QTEE_CORRUPT_COUNT; i++)
		if (tzsim_cfg.qtee_corrupt[i])
			tz_log("config: qtee_corrupt %s at qualifying message %u",
			       qtee_corrupt_name(i), tzsim_cfg.qtee_corrupt[i]);
	for (i = 0; i < tzsim_faults.nr; i++) {
		const struct fault_rule *r = &tzsim_faults.rules[i];
		char sub[32] = "";

		if (r->has_sub)
			tz_snprintf(sub, sizeof(sub), " sub %lld",
				    (long long)r->sub);
		tz_log("fault plan: owner %u svc 0x%02x cmd 0x%02x%s calls %llu..%llu -> status %lld%s",
		       r->owner, r->svc, r->cmd, sub,
		       (unsigned long long)r->nth,
		       (unsigned long long)(r->nth + r->count - 1),
		       (long long)r->status, r->has_r0 ? " (with r0)" : "");
	}
}
