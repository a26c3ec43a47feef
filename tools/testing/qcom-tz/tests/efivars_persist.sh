#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The boot after "efivars": the variable written there is still there.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/efivars.sh
ktap_plan 3
ktap_check "efivarfs mounted" efivars_mount
ktap_check "Persist survived the reboot" \
	test "$(efivar_data Persist)" = "survives a reboot"
ktap_check "and can be deleted" efivar_rm Persist
ktap_done
