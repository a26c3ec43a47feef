#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot the simulated board once: QEMU virt (secure=on) + tzsim + our kernel.

As a library (used by scripts/check.py) boot() runs a test boot and returns
its KTAP results, the splats found and both logs. As a command it is the
engine of "make run":

  tzboot.py --build DIR [--el 1|2] [--faults FILE] [--mode shell|demo|check]
            [--tests a,b] [--name NAME]

Each boot gets its own folder DIR/boots/NAME with console.log (normal
world), secure.log (the simulator's UART: every SCM call) and the DTB.
"""
import argparse
import os
import re
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOARD = os.path.join(TOP, "tools/testing/qcom-tz/board/qcs6490-tzsim.dts")
BOARD_EL2 = os.path.join(TOP,
                         "tools/testing/qcom-tz/board/qcs6490-tzsim-el2.dtso")
KERNEL_ADDR = 0x40200000
INITRD_ADDR = 0x48000000

# Anything here in the console log fails the boot's tests.
SPLAT = re.compile(
    r"BUG:|WARNING:|Oops|Kernel panic|KASAN:|UBSAN:|"
    r"possible (recursive|circular) locking|INFO: (possible|task .* blocked)|"
    r"inconsistent lock state|Unable to handle kernel|Internal error:|"
    r"kmemleak: .*suspected|unreferenced object|Call trace:|"
    r"tzsim: PANIC")
KTAP_RESULT = re.compile(r"^(not )?ok (\d+) (\S+)(?:\s+#\s*(SKIP)?.*)?$")
KTAP_PLAN = re.compile(r"^1\.\.(\d+)$")


class Boot:
    """The outcome of one boot."""

    def __init__(self, name, folder):
        self.name = name
        self.folder = folder
        self.console = ""
        self.secure = ""
        self.exit_code = None
        self.timed_out = False
        self.results = []       # (name, "pass"|"fail"|"skip")
        self.splats = []
        self.last_test = None

    def log(self, which):
        return os.path.join(self.folder, which + ".log")


def qemu_cmd(build, folder, el, interactive):
    kernel = os.path.join(build, "kernel/arch/arm64/boot/Image")
    machine = "virt,secure=on" + (",virtualization=on,iommu=smmuv3"
                                  if el == 2 else "")
    cmd = ["qemu-system-aarch64", "-M", machine, "-cpu", "cortex-a57",
           "-smp", "2", "-m", "2G", "-display", "none", "-nodefaults",
           "-bios", os.path.join(build, "tzsim/tzsim.bin"),
           "-dtb", os.path.join(folder, "board.dtb"),
           "-device", f"loader,file={kernel},addr={KERNEL_ADDR:#x},force-raw=on",
           "-device", "loader,file=" + os.path.join(build, "initramfs.cpio.gz")
           + f",addr={INITRD_ADDR:#x},force-raw=on",
           "-fw_cfg", "name=opt/tzsim/config,file="
           + os.path.join(folder, "tzsim.config"),
           "-fw_cfg", "name=opt/tzsim/faults,file="
           + os.path.join(folder, "faults"),
           "-semihosting-config", "enable=on,target=native", "-no-reboot"]
    if interactive:
        cmd += ["-serial", "mon:stdio"]
    else:
        cmd += ["-serial", "file:" + os.path.join(folder, "console.log")]
    cmd += ["-serial", "file:" + os.path.join(folder, "secure.log")]
    return cmd


def flash_path(build, image):
    """The host file behind the board's SPI-NOR, kept across boots. The
    board's own ("board") starts as a Qualcomm boot flash: GPT partitions
    and DPP provisioning data (mknor.py); others are created by tzsim on
    first use, 32 MiB of 0xff, unless the caller writes them first."""
    folder = os.path.join(build, "flash")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, image + ".img")
    if image == "board" and not os.path.exists(path):
        mknor = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                             "tools", "testing", "qcom-tz", "firmware",
                             "mknor.py")
        subprocess.run([sys.executable, mknor, "--out", path, "--manifest",
                        path[:-4] + ".tsv"], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def uefivars_path(build, store):
    """The host file behind uefisecapp's UEFI variable store."""
    folder = os.path.join(build, "uefivars")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, store + ".bin")


# The board kernel has the series' KUnit suites built in (config/
# kunit.config). They run at boot only in the KUnit boot; every other
# boot filters them all out with a glob no suite matches (kunit_module in
# ktap.sh sets the filter to the suite of the module it loads).
NO_BOOT_SUITES = "kunit.filter_glob=qcomtz-no-suite-at-boot"


def prepare(build, name, el, mode, tests, faults, extra_bootargs="",
            flash="board", sim_config="", uefivars="board", kunit=False):
    folder = os.path.join(build, "boots", name)
    os.makedirs(folder, exist_ok=True)
    for f in ("console.log", "secure.log"):
        if os.path.exists(os.path.join(folder, f)):
            os.unlink(os.path.join(folder, f))
    initrd = os.path.join(build, "initramfs.cpio.gz")
    end = INITRD_ADDR + os.path.getsize(initrd)
    bootargs = f"console=ttyAMA0 loglevel=5 qcomtz.mode={mode}"
    if not kunit:
        bootargs += " " + NO_BOOT_SUITES
    if tests:
        bootargs += " qcomtz.tests=" + ",".join(tests)
    if extra_bootargs:
        bootargs += " " + extra_bootargs
    with open(os.path.join(folder, "chosen.dtsi"), "w") as f:
        f.write("/ {\n\tchosen {\n"
                f'\t\tbootargs = "{bootargs}";\n'
                f"\t\tlinux,initrd-start = /bits/ 64 <{INITRD_ADDR:#x}>;\n"
                f"\t\tlinux,initrd-end = /bits/ 64 <{end:#x}>;\n"
                "\t};\n};\n")
    dtb = os.path.join(folder, "board.dtb")
    if el == 2:
        # Linux at EL2: the EL2 overlay (SMMUv3, iommus on the remotes).
        base = os.path.join(folder, "base.dtb")
        dtbo = os.path.join(folder, "el2.dtbo")
        subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-i",
                        folder, "-o", base, BOARD], check=True)
        subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o",
                        dtbo, BOARD_EL2], check=True)
        subprocess.run(["fdtoverlay", "-i", base, "-o", dtb, dtbo],
                       check=True)
    else:
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", folder,
                        "-o", dtb, BOARD], check=True)
    with open(os.path.join(folder, "tzsim.config"), "w") as f:
        f.write(f"el={el}\n")
        if el == 2:
            # The EL2 overlay's SMMUv3: tzsim walks its tables for the
            # remotes' streams.
            f.write("smmu=0x9050000\n")
        if flash:
            f.write(f"flash={flash_path(build, flash)}\n")
        if uefivars:
            f.write(f"uefivars={uefivars_path(build, uefivars)}\n")
        if sim_config:
            f.write(sim_config.strip() + "\n")
    with open(os.path.join(folder, "faults"), "w") as f:
        f.write(faults.strip() + "\n" if faults else "# no faults\n")
    return folder


def diags(boot, key):
    """Values of the KTAP diagnostic lines '# KEY VALUE' of the tests."""
    return re.findall(r"^\s+# " + re.escape(key) + r" (.*?)\s*$",
                      boot.console, re.M)


def parse_ktap(boot):
    """Top-level KTAP results (column 0) of the console; the nested
    subtests stay in the log. A missing result (crash, timeout) fails."""
    plan = None
    in_dmesg = False
    for line in boot.console.splitlines():
        line = line.rstrip("\r")
        if line.startswith("---- dmesg ----"):
            in_dmesg = True
        elif line.startswith("---- end of dmesg ----"):
            in_dmesg = False
        if in_dmesg:
            continue
        m = KTAP_PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        if line.startswith("# test "):
            boot.last_test = line[7:].strip()
            continue
        m = KTAP_RESULT.match(line)
        if m:
            status = "fail" if m.group(1) else (
                "skip" if m.group(4) else "pass")
            boot.results.append((m.group(3), status))
    if plan is None:
        boot.results.append(("ktap-plan", "fail"))
    elif len(boot.results) < plan:
        boot.results.append((f"{boot.last_test or 'boot'}-did-not-finish",
                             "fail"))


def boot(build, name, el=2, tests=(), faults="", timeout=600,
         extra_bootargs="", flash="board", sim_config="", uefivars="board",
         kunit=False):
    """Boot in check mode; returns a Boot. The board ends with a power-off,
    or with a reset if extra_bootargs has qcomtz.end=reboot (QEMU runs
    with -no-reboot, so both end QEMU). kunit: run the built-in KUnit
    suites at boot."""
    folder = prepare(build, name, el, "check", list(tests), faults,
                     extra_bootargs, flash, sim_config, uefivars, kunit)
    b = Boot(name, folder)
    t0 = time.time()
    try:
        r = subprocess.run(qemu_cmd(build, folder, el, False),
                           stdin=subprocess.DEVNULL, timeout=timeout)
        b.exit_code = r.returncode
    except subprocess.TimeoutExpired:
        b.timed_out = True
    b.seconds = time.time() - t0
    for which in ("console", "secure"):
        try:
            with open(b.log(which), errors="replace") as f:
                setattr(b, which, f.read())
        except FileNotFoundError:
            pass
    parse_ktap(b)
    for line in b.console.splitlines() + b.secure.splitlines():
        if SPLAT.search(line):
            b.splats.append(line.strip())
    return b


def summary(secure):
    """What the demo of "make run" shows of the firmware side."""
    calls = re.findall(r"^tzsim: scm #\d+ cpu\d+ fid=(0x[0-9a-f]+) (\S+) "
                       r"(smc\d+) (\w+) .* -> (-?\d+) ", secure, re.M)
    out = ["==== firmware view (from the simulator's log) ===="]
    probe = [c for c in calls if c[0] == "0xc2000601"]
    if probe:
        out.append(f"SCM convention: the kernel probed IS_CALL_AVAIL as "
                   f"{probe[0][2]} {probe[0][3]} (fid {probe[0][0]}): "
                   f"{'answered' if probe[0][4] == '0' else 'failed'}")
    enable = [c for c in calls if c[1] == "MP.SHM_BRIDGE_ENABLE"]
    created = sum(1 for c in calls if c[1] == "MP.SHM_BRIDGE_CREATE"
                  and c[4] == "0")
    deleted = sum(1 for c in calls if c[1] == "MP.SHM_BRIDGE_DELETE"
                  and c[4] == "0")
    state = ("enabled" if any(c[4] == "0" for c in enable)
             else "not enabled")
    out.append(f"SHM bridge: {state}; {created} bridge(s) created, "
               f"{deleted} deleted, {created - deleted} live at power-off")
    out.append(f"SCM calls made by the kernel: {len(calls)}")
    for line in re.findall(r"^tzsim: counter (.*)$", secure, re.M):
        out.append("  " + line)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--el", type=int, default=2, choices=(1, 2))
    ap.add_argument("--faults", help="fault plan file for the simulator")
    ap.add_argument("--mode", default=None, choices=("shell", "demo", "check"))
    ap.add_argument("--tests", default="")
    ap.add_argument("--name", default="run")
    ap.add_argument("--flash", default="board",
                    help="flash image name (build/flash/NAME.img)")
    a = ap.parse_args()
    mode = a.mode or ("shell" if sys.stdin.isatty() else "demo")
    faults = open(a.faults).read() if a.faults else ""
    tests = [t for t in a.tests.split(",") if t]
    folder = prepare(a.build, a.name, a.el, mode, tests, faults,
                     flash=a.flash)
    interactive = mode == "shell"
    if interactive:
        print("qcom-tz: QEMU console; Ctrl-A x quits QEMU. The simulator's "
              "log goes to " + os.path.join(folder, "secure.log"))
    r = subprocess.run(qemu_cmd(a.build, folder, a.el, interactive))
    if not interactive:
        with open(os.path.join(folder, "console.log"), errors="replace") as f:
            sys.stdout.write(f.read())
    print("\n==== the simulator's log (secure UART) ====")
    with open(os.path.join(folder, "secure.log"), errors="replace") as f:
        secure = f.read()
    sys.stdout.write(secure)
    print("\n" + summary(secure))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
