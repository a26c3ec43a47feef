// SPDX-License-Identifier: GPL-2.0
/*
 * BOOT (svc 0x01): SDI_CONFIG 0x09, which the kernel sends at every SCM
 * probe to turn off the watchdog debug image ("secure debug image") unless
 * download mode is wanted. The simulator has no watchdog: it records and
 * logs the request.
 */
#include <tzsim/log.h>
#include <tzsim/scm.h>

#define SVC_BOOT		0x01
#define BOOT_SDI_CONFIG		0x09

static long sdi_config(struct scm_call *c)
{
	/* args: (1 = disable watchdog debug, 0 = disable SDI) as Linux sends */
	if (c->args[0] > 1 || c->args[1] > 1)
		return SCM_EINVAL_ARG;
	tz_log("boot: watchdog debug %s, SDI %s",
	       c->args[0] ? "disabled" : "enabled",
	       c->args[1] ? "enabled" : "disabled");
	c->res[0] = 0;
	return SCM_OK;
}

DECLARE_SCM_CMD(SMC_OWNER_SIP, SVC_BOOT, BOOT_SDI_CONFIG, "BOOT",
		"SDI_CONFIG", SCM_ARGS(2), sdi_config);
