# SPDX-License-Identifier: GPL-2.0
#
# qcom-tz: Linux drivers for Qualcomm TrustZone-owned resources, and the
# simulated board they are tested on. The README is the map.
#
#   make run      build everything, boot the simulated board (shell on a
#                 terminal, a short demo otherwise)
#   make check    KUnit + host unit tests + QEMU end-to-end tests + lint
#                 (checkpatch, sparse, W=1, kernel-doc, coccinelle,
#                 dt-schema) + the upstream series checked and built
#                 patch by patch; ends with "N passed, N failed"
#   make series   the upstream series, one per topic, in build/series/out
#
# Building blocks: deps tree kernel sim modules firmware initramfs kunit
# host-test e2e lint series series-check. Build trees live in $(BUILD)
# (ignored), objects are cached by ccache in $(CCACHE_DIR).

BUILD ?= $(CURDIR)/build
CCACHE_DIR ?= $(HOME)/.cache/qcom-tz/ccache
JOBS ?= $(shell nproc)
EL ?= 2
FAULTS ?=
export CCACHE_DIR

KSRC := $(BUILD)/linux
KOBJ := $(BUILD)/kernel
CROSS := aarch64-linux-gnu-
KMAKE := $(MAKE) -s -C $(KSRC) O=$(KOBJ) ARCH=arm64 CROSS_COMPILE=$(CROSS) \
	 CC="ccache $(CROSS)gcc" -j$(JOBS)
GUEST := tools/testing/qcom-tz
KCONFIGS := $(GUEST)/config/base.config $(GUEST)/config/kunit.config \
	    $(GUEST)/config/debug.config

all: kernel sim initramfs

deps:
	@scripts/deps.sh
	@mkdir -p $(BUILD) $(CCACHE_DIR)

tree: deps
	@scripts/kernel-tree.sh $(KSRC)

kernel: tree
	@scripts/kernel-config.sh $(KSRC) $(KOBJ) $(KCONFIGS)
	@echo "  KERNEL  $(KOBJ)"
	@$(KMAKE) Image modules

modules: kernel
	@mkdir -p $(BUILD)/modules
	@rsync -rc $(GUEST)/modules/ $(BUILD)/modules/
	@$(KMAKE) M=$(BUILD)/modules modules

sim: deps
	@$(MAKE) -s -C tools/testing/tzsim O=$(BUILD)/tzsim

# Signed remote processor images (good and broken ones) for the guest's
# /lib/firmware/qcom/qcs6490, with manifest.tsv saying what each must do.
FWDIR := $(BUILD)/firmware/qcom/qcs6490
firmware: deps
	@mkdir -p $(FWDIR)
	@python3 $(GUEST)/firmware/mkfw.py --out $(FWDIR)

initramfs: modules firmware
	@scripts/initramfs.sh $(BUILD)/initramfs.cpio.gz $(KOBJ) $(BUILD)/modules \
		$(BUILD)/firmware

run: all
	@python3 scripts/tzboot.py --build $(BUILD) --el $(EL) \
		$(if $(FAULTS),--faults $(FAULTS))

# check.py builds (stage "build" = make all) and times every stage.
check: deps
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS)

# Single stages of "make check" (each still ends with its own count).
host-test: tree
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS) --stage host

kunit: all
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS) --stage kunit

e2e: all
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS) --stage e2e

lint: modules
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS) --stage lint \
		--stage cocci --stage dtbindings

# The upstream form: one git format-patch series per topic, with cover
# letters, in $(BUILD)/series/out (see README "Sending the series").
series: tree
	@python3 scripts/series.py --build $(BUILD)

# The series applied with git am, checked, and built patch by patch.
series-check: modules
	@python3 scripts/check.py --build $(BUILD) --jobs $(JOBS) --stage series

# Measurements, not tests (numbers in the README and the issue notes).
bench: all
	@python3 scripts/bench.py $(BUILD)

clean:
	rm -rf $(BUILD)

.PHONY: all deps tree kernel modules sim firmware initramfs run check host-test \
	kunit e2e lint series series-check bench clean
