#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# On firmware without the storage service, or when GET_INFO fails, SCM
# works and no storage device exists (nothing half-created).
. /lib/qcomtz/ktap.sh
ktap_plan 4
ktap_check "qcom_scm is bound" \
	test -e /sys/bus/platform/drivers/qcom_scm/firmware:scm
ktap_check "no qcom_scm_storage platform device" \
	eval '! ls /sys/bus/platform/devices | grep -q qcom_scm_storage'
ktap_check "the driver loads and finds nothing to bind" \
	eval 'insmod /lib/modules/qcom_scm_storage.ko &&
	      [ -z "$(ls /sys/bus/platform/drivers/qcom_scm_storage | grep qcom_scm_storage\\.)" ]'
ktap_check "no MTD device" eval '! grep -q qcom_scm_storage /proc/mtd'
rmmod qcom_scm_storage
ktap_done
