/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated SoC (sc7280 / QCS6490) as the board DTS describes it:
 * remote processors, their carveouts, SMEM, SMP2P edges and interrupts,
 * the doorbell mailbox, the hardware mutex and the SCMI channel.
 *
 * Must match tools/testing/qcom-tz/board/qcs6490-tzsim.dts. Addresses are
 * normal-world physical addresses (the carveouts and SMEM are those of
 * sc7280.dtsi; the register blocks that QEMU virt does not have live in a
 * no-map RAM window, SOC_REG_BASE).
 */
#ifndef TZSIM_SOC_H
#define TZSIM_SOC_H

#include <tzsim/lib.h>

/* No-map RAM standing in for SoC registers virt does not have. */
#define SOC_REG_BASE		0x80600000ULL
#define SOC_REG_SIZE		0x00100000ULL
#define SOC_TCSR_MUTEX_BASE	0x80600000ULL	/* qcom,tcsr-mutex, 32 x 4K */
#define SOC_TCSR_MUTEX_SIZE	0x00020000ULL
#define SOC_APCS_BASE		0x80620000ULL	/* qcom,sdm845-apss-shared */
#define SOC_APCS_SIZE		0x00001000ULL
#define SOC_APCS_IPC_OFFSET	12		/* kick: write BIT(channel) */
#define SOC_SCMI_SHMEM_BASE	0x80621000ULL	/* arm,scmi-shmem */
#define SOC_SCMI_SHMEM_SIZE	0x00001000ULL
/* arm,smc-id of the SCMI channel: an SMC32 fast call, OEM owner. */
#define SOC_SCMI_SMC_ID		0x83000001U

/* SMEM (sc7280.dtsi), hwlocks = <&tcsr_mutex 3>. */
#define SOC_SMEM_BASE		0x80900000ULL
#define SOC_SMEM_SIZE		0x00200000ULL
#define SOC_SMEM_HWLOCK		3

/* GIC: SPI numbers as in the DTS (INTID = 32 + SPI). All edge rising. */
#define SOC_SPI_TO_INTID(spi)	(32U + (spi))

/* SCMI power domains (#power-domain-cells = <1>), index = domain id. */
enum soc_power_domain {
	SOC_PD_LCX,
	SOC_PD_LMX,
	SOC_PD_CX,
	SOC_PD_MX,
	SOC_PD_MSS,
	SOC_PD_COUNT,
};

/* SMP2P bits of the remote's "slave-kernel" entry (sc7280.dtsi). */
#define SOC_SMP2P_IN_FATAL	0
#define SOC_SMP2P_IN_READY	1
#define SOC_SMP2P_IN_HANDOVER	2
#define SOC_SMP2P_IN_STOP_ACK	3
#define SOC_SMP2P_IN_SHUTDOWN_ACK 7
/* ... and of the AP's "master-kernel" entry. */
#define SOC_SMP2P_OUT_STOP	0

struct soc_remote {
	const char *name;		/* rproc name: adsp, cdsp, modem, wpss */
	unsigned int pas_id;
	uint64_t mem_base, mem_size;	/* memory-region (carveout) */
	unsigned int smp2p_remote_pid;	/* qcom,remote-pid */
	unsigned int smem_in_item;	/* qcom,smem = <in out>: remote -> AP */
	unsigned int smem_out_item;	/* AP -> remote */
	unsigned int smp2p_spi;		/* remote -> AP doorbell interrupt */
	unsigned int wdog_spi;		/* the "wdog" interrupt */
	unsigned int apcs_channel;	/* AP -> remote doorbell (mboxes) */
	unsigned int crash_reason_item;	/* SMEM item, host ANY */
	/*
	 * SMMU stream id (iommus = <&smmu SID> in the EL2 overlay), or
	 * SOC_NO_STREAM: then no IOMMU sits in front of the remote.
	 */
	uint32_t stream_id;
};

#define SOC_NO_STREAM		0xffffffffU

extern const struct soc_remote soc_remotes[];
extern const unsigned int soc_nr_remotes;

/* The remote with PAS id @pas_id, or NULL. */
const struct soc_remote *soc_remote_by_pas_id(unsigned int pas_id);

#endif /* TZSIM_SOC_H */
