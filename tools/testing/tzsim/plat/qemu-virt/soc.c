// SPDX-License-Identifier: GPL-2.0
/*
 * The sc7280 remote processors of the simulated board: PAS ids and SMEM
 * items as in the kernel's qcom_q6v5_pas.c and sc7280.dtsi, interrupts
 * and doorbell channels as in the board DTS.
 */
#include <tzsim/soc.h>

const struct soc_remote soc_remotes[] = {
	{
		.name = "adsp", .pas_id = 1,
		.mem_base = 0x86700000, .mem_size = 0x2800000,
		.smp2p_remote_pid = 2, .smem_in_item = 443, .smem_out_item = 429,
		.smp2p_spi = 180, .wdog_spi = 184, .apcs_channel = 0,
		.crash_reason_item = 423, .stream_id = 0x1800,
	},
	{
		.name = "cdsp", .pas_id = 18,
		.mem_base = 0x88f00000, .mem_size = 0x1e00000,
		.smp2p_remote_pid = 5, .smem_in_item = 94, .smem_out_item = 432,
		.smp2p_spi = 181, .wdog_spi = 185, .apcs_channel = 1,
		.crash_reason_item = 601, .stream_id = 0x11a0,
	},
	{
		.name = "modem", .pas_id = 4,
		.mem_base = 0x8b800000, .mem_size = 0xf600000,
		.smp2p_remote_pid = 1, .smem_in_item = 435, .smem_out_item = 428,
		.smp2p_spi = 182, .wdog_spi = 186, .apcs_channel = 2,
		.crash_reason_item = 421, .stream_id = SOC_NO_STREAM,
	},
	{
		.name = "wpss", .pas_id = 6,
		.mem_base = 0x9ae00000, .mem_size = 0x1900000,
		.smp2p_remote_pid = 13, .smem_in_item = 617, .smem_out_item = 616,
		.smp2p_spi = 183, .wdog_spi = 187, .apcs_channel = 3,
		.crash_reason_item = 626, .stream_id = SOC_NO_STREAM,
	},
};

const unsigned int soc_nr_remotes = sizeof(soc_remotes) / sizeof(soc_remotes[0]);

const struct soc_remote *soc_remote_by_pas_id(unsigned int pas_id)
{
	unsigned int i;

	for (i = 0; i < soc_nr_remotes; i++)
		if (soc_remotes[i].pas_id == pas_id)
			return &soc_remotes[i];
	return NULL;
}
