// SPDX-License-Identifier: GPL-2.0
/*
 * Cold boot on CPU 0 and the EL3 set-up that makes Linux run in the normal
 * world, at EL2 (no hypervisor, the default) or at EL1 (config el=1, or a
 * CPU without EL2: the "hypervisor present" case).
 */
#include <tzsim/arch.h>
#include <tzsim/core.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>
#include <tzsim/qseecom.h>
#include <tzsim/remote.h>
#include <tzsim/scm.h>
#include <tzsim/scmi.h>

#define SCR_NS		(1U << 0)
#define SCR_FIQ		(1U << 2)	/* FIQs (the secure tick) to EL3 */
#define SCR_RES1	(3U << 4)
#define SCR_HCE		(1U << 8)
#define SCR_RW		(1U << 10)
#define HCR_RW		(1ULL << 31)
#define SPSR_MASK_DAIF	(0xfU << 6)
#define SPSR_EL2H	0x9
#define SPSR_EL1H	0x5
#define SCTLR_EL2_RES1	0x30c50830ULL
#define SCTLR_EL1_RES1	0x30d00800ULL
#define CPTR_EL2_RES1	0x33ffULL
#define CNTFRQ		62500000ULL

extern const char tzsim_vectors[];
volatile uint32_t tzsim_secondaries_go;

static bool has_el2(void)
{
	return (read_sysreg(id_aa64pfr0_el1) >> 8) & 0xf;
}

void __noreturn tzsim_enter_linux(unsigned int cpu __unused, uint64_t entry,
				  uint64_t arg)
{
	bool el2 = has_el2();
	bool to_el2 = el2 && tzsim_cfg.boot_el == 2;
	uint64_t scr = SCR_NS | SCR_FIQ | SCR_RES1 | SCR_RW |
		       (el2 ? SCR_HCE : 0);

	write_sysreg(tzsim_vectors, vbar_el3);
	write_sysreg(0, cptr_el3);
	write_sysreg(CNTFRQ, cntfrq_el0);
	write_sysreg(scr, scr_el3);
	if (el2) {
		write_sysreg(0, cntvoff_el2);
		write_sysreg(SCTLR_EL2_RES1, sctlr_el2);
		/* For a kernel at EL1: AArch64, timers, no traps, real IDs. */
		write_sysreg(HCR_RW, hcr_el2);
		write_sysreg(3, cnthctl_el2);
		write_sysreg(CPTR_EL2_RES1, cptr_el2);
		write_sysreg(read_sysreg(midr_el1), vpidr_el2);
		write_sysreg(read_sysreg(mpidr_el1), vmpidr_el2);
	}
	write_sysreg(SCTLR_EL1_RES1, sctlr_el1);
	isb();
	tzsim_enter_ns(entry, arg, SPSR_MASK_DAIF |
		       (to_el2 ? SPSR_EL2H : SPSR_EL1H));
}

void __noreturn tzsim_main(void)
{
	unsigned int i;

	write_sysreg(tzsim_vectors, vbar_el3);
	isb();
	tz_log("Qualcomm TrustZone simulator for QEMU virt, built " __DATE__ " " __TIME__);
	tzsim_config_load();
	scm_table_init();
	qseecom_init();
	scmi_init();
	for (i = 0; i < tzsim_faults.nr; i++) {
		const struct fault_rule *r = &tzsim_faults.rules[i];

		if (!scm_find(r->owner, r->svc, r->cmd))
			tz_panic("fault plan: no command owner %u svc 0x%02x cmd 0x%02x",
				 r->owner, r->svc, r->cmd);
	}
	plat_gic_init(true);
	remote_init();
	tz_log("normal-world DRAM 0x%llx+0x%llx",
	       (unsigned long long)plat_ns_dram_base(),
	       (unsigned long long)plat_ns_dram_size());
	psci_boot_cpu_on(0);
	tzsim_secondaries_go = 1;
	dsb_sy();
	sev();
	tz_log("booting Linux at EL%u: Image 0x%llx, DTB 0x%llx",
	       has_el2() && tzsim_cfg.boot_el == 2 ? 2 : 1,
	       (unsigned long long)plat_kernel_entry(),
	       (unsigned long long)plat_dtb_addr());
	tzsim_enter_linux(0, plat_kernel_entry(), plat_dtb_addr());
}
