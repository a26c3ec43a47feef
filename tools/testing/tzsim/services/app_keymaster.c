// SPDX-License-Identifier: GPL-2.0
/*
 * "qcom.tz.keymaster": a stand-in for a trusted application that Linux has
 * no client for. It answers lookups and echoes each request into the
 * response, which is all the tests need: they prove that the kernel binds
 * only the apps it knows (uefisecapp) although the firmware has more, and
 * give APP_SEND a second app to route to.
 */
#include <tzsim/log.h>
#include <tzsim/qseecom.h>

#define KEYMASTER_APP_ID	4

static uint32_t keymaster_echo(const uint8_t *req, size_t req_size,
			       uint8_t *rsp, size_t rsp_size)
{
	size_t n = req_size < rsp_size ? req_size : rsp_size;

	memcpy(rsp, req, n);
	tz_log("keymaster: echoed %zu bytes", n);
	return QSEECOM_RESULT_SUCCESS;
}

DECLARE_QSEECOM_APP("qcom.tz.keymaster", KEYMASTER_APP_ID, keymaster_echo);
