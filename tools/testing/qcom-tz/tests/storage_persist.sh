#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs on the boot after storage_rw, same flash image: prints the marker's
# hash, which the host compares with the one storage_rw wrote.
. /lib/qcomtz/ktap.sh
. /lib/qcomtz/storage.sh
ktap_plan 2
ktap_check "driver loads" storage_load
sha=$(storage_sha 0x1000000 4096)
ktap_check "marker read" test -n "$sha"
ktap_diag "marker-sha256 $sha"
storage_unload
ktap_done
