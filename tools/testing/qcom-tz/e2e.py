# SPDX-License-Identifier: GPL-2.0
"""The end-to-end boots of "make check".

Each Boot is one power-on of the simulated board: which EL Linux runs at,
the simulator's fault plan, the guest tests (tests/<name>.sh, run in
order by /init, KTAP), and checks on the two logs that only the host can
make - above all on secure.log, the simulator's record of every SCM call.

A boot passes a check per guest test, per host check, plus "no splat" and
"clean power-off". To add a test: write tests/<name>.sh (KTAP helpers in
initramfs/ktap.sh), then list it in a Boot below.
"""
import hashlib
import os
import random
import subprocess
import sys
import re

import tzboot


class Boot:
    """flash: name of the flash image (build/flash/NAME.img), shared by the
    boots that name it, in list order; flash_init(path), if given, writes
    the image before the boot (otherwise the simulator creates an erased
    one on first use, or the previous boot's image is kept); flash=None
    gives a board whose firmware has no storage service. sim_config: more
    lines for the simulator's opt/tzsim/config (e.g. "erase_us=100").
    uefivars: name of uefisecapp's variable store (build/uefivars/NAME.bin),
    kept across boots like the flash; uefivars_fresh empties it first."""

    def __init__(self, name, tests, el=2, faults="", checks=(), end="poweroff",
                 flash="board", flash_init=None, sim_config="",
                 uefivars="board", uefivars_fresh=False, after=None,
                 kunit=False, refusals=()):
        self.name = name
        # A boot whose checks compare it with another (same_diags): that
        # one runs first, also when only this boot is asked for.
        self.after = after
        # Run the built-in KUnit suites at boot (the KUnit stage).
        self.kunit = kunit
        # Lines of secure.log that say the simulator refused or failed
        # something (SIM_ERRORS); each must match one of these patterns,
        # the refusals this boot's tests provoke on purpose.
        self.refusals = refusals
        self.uefivars = uefivars
        self.uefivars_fresh = uefivars_fresh
        self.sim_config = sim_config
        self.end = end
        self.flash = flash
        self.flash_init = flash_init
        self.tests = tests
        self.el = el
        self.faults = faults
        self.checks = checks


def secure_has(pattern, count=None):
    """The simulator's log matches pattern (exactly count times)."""
    def check(boot):
        n = len(re.findall(pattern, boot.secure, re.M))
        return n == count if count is not None else n > 0
    return check


def broken_images(boot):
    """The fields of every broken image ("fails") of mkfw.py's manifest:
    file, remote, pas, form, result, stage, sim_log, kernel_log."""
    build = os.path.dirname(os.path.dirname(boot.folder))
    path = os.path.join(build, "firmware", "qcom", "qcs6490", "manifest.tsv")
    with open(path) as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(f) >= 8 and f[4] == "fails":
                yield f


def manifest_sim_logs(boot):
    """Every broken image of mkfw.py's manifest left its line in the
    simulator's log (refused at the PAS call the manifest names)."""
    ok = True
    for f in broken_images(boot):
        if f[6] != "-" and f[6] not in boot.secure:
            print(f"     missing in secure.log for {f[0]}: {f[6]}")
            ok = False
    return ok


def dmesg_dump(boot):
    """The kernel log the guest dumps after its tests (whole, unless a
    test cleared it)."""
    m = re.search(r"^---- dmesg ----$(.*?)^---- end of dmesg ----$",
                  boot.console, re.M | re.S)
    return m.group(1) if m else ""


def manifest_kernel_logs(boot):
    """The kernel log dumped after the tests holds the line of every
    broken image of the manifest (file names as the guest gave them,
    qcom/qcs6490/FILE): no test emptied the log the checks read."""
    dump = dmesg_dump(boot)
    ok = True
    for f in broken_images(boot):
        if f[7] == "-":
            continue
        want = re.sub(r"([^ ]+\.(mbn|mdt|b[0-9]{2}))", r"qcom/qcs6490/\1",
                      f[7])
        if want not in dump:
            print(f"     missing in the dumped kernel log for {f[0]}: {want}")
            ok = False
    return ok


CARVEOUTS = (0x86700000, 0x88f00000, 0x8b800000, 0x9ae00000)


def carveout_bridges_deleted(boot):
    """Every SHM bridge created over a remote's carveout was deleted."""
    live = {}
    for base, handle in re.findall(
            r"MP\.SHM_BRIDGE_CREATE .*args=\((0x[0-9a-f]+),.* -> 0 "
            r"res=\(0x0,(0x[0-9a-f]+),", boot.secure):
        if int(base, 16) & ~0xfff in CARVEOUTS:
            live[handle] = base
    for handle in re.findall(r"MP\.SHM_BRIDGE_DELETE .*args=\((0x[0-9a-f]+)\)"
                             r" -> 0", boot.secure):
        live.pop(handle, None)
    for handle, base in live.items():
        print(f"     bridge {handle} over {base} never deleted")
    return not live


def linux_bridges(boot):
    """(base, size) of every SHM bridge Linux created (args: pfn and
    perms, ipfn and perms, size and flags, vmids)."""
    return [(int(a0, 16) & ~0xfff, int(a2, 16) & ~0xfff)
            for a0, a2 in re.findall(
                r"MP\.SHM_BRIDGE_CREATE .*args=\((0x[0-9a-f]+),0x[0-9a-f]+,"
                r"(0x[0-9a-f]+),0x[0-9a-f]+\) -> 0 ", boot.secure)]


def pas_memory_unbridged(boot):
    """Linux at EL1 (a hypervisor shares PAS memory with TZ) bridges no
    PAS memory itself: no bridge over a carveout, no INIT_IMAGE metadata
    inside a bridge (real firmware refuses that there), no GET_RSCTABLE;
    and there were INIT_IMAGE calls to check."""
    bridges = linux_bridges(boot)
    metas = [int(pa, 16) for pa in re.findall(
        r"PIL\.INIT_IMAGE .*args=\(0x[0-9a-f]+,(0x[0-9a-f]+)\)",
        boot.secure)]
    bad = [f"bridge over carveout {b:#x}" for b, _ in bridges
           if b in CARVEOUTS]
    bad += [f"metadata {m:#x} in bridge {b:#x}+{n:#x}" for m in metas
            for b, n in bridges if b <= m < b + n]
    if "PIL.GET_RSCTABLE" in boot.secure:
        bad.append("GET_RSCTABLE called")
    for why in bad[:5]:
        print(f"     at EL1: {why}")
    return bool(metas) and not bad


def console_has(pattern):
    def check(boot):
        return re.search(pattern, boot.console, re.M) is not None
    return check


def secure_order(*patterns):
    """The patterns occur in the simulator's log in this order."""
    def check(boot):
        pos = 0
        for p in patterns:
            m = re.compile(p, re.M).search(boot.secure, pos)
            if not m:
                return False
            pos = m.end()
        return True
    return check


def random_image(seed, size=32 << 20):
    """flash_init: a reproducible random image, so that a read of the whole
    device proves more than an erased (0xff) flash would."""
    def init(path):
        with open(path, "wb") as f:
            f.write(random.Random(seed).randbytes(size))
    return init


MKNOR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "firmware", "mknor.py")


def nor_image(corrupt="none"):
    """flash_init: mknor.py's board NOR (GPT, DPP), its manifest next to
    it (NAME.tsv)."""
    def init(path):
        subprocess.run([sys.executable, MKNOR, "--out", path, "--manifest",
                        path[:-4] + ".tsv", "--corrupt", corrupt],
                       check=True, stdout=subprocess.DEVNULL)
    return init


def nor_manifest(boot):
    """{name: (offset, size, sha256)} and (wifi MAC, BT address) of the
    image's manifest."""
    parts, addrs = {}, None
    with open(boot.flash_image[:-4] + ".tsv") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            parts[cols[0]] = (int(cols[1]), int(cols[2]), cols[6])
            if cols[0] == "DPP":
                addrs = (cols[7], cols[8])
    return parts, addrs


def nor_parts_match(boot):
    """Every partition the guest read has the name, size and bytes of the
    image's GPT entry."""
    parts, _ = nor_manifest(boot)
    got = {}
    for d in tzboot.diags(boot, "part"):
        name, size, sha = d.split()
        got[name] = (int(size), sha)
    return got == {n: (p[1], p[2]) for n, p in parts.items()}


def nor_cells_match(boot):
    """The NVMEM cells and the DT consumer read the image's addresses."""
    _, (wifi, bt) = nor_manifest(boot)
    return (tzboot.diags(boot, "cell wlan-mac-address") == [wifi] and
            tzboot.diags(boot, "cell bt-bd-address") == [bt] and
            tzboot.diags(boot, "consumer-mac") == [wifi])


def nor_rewrite_only(part):
    """After the guest rewrote partition part: its bytes are the ones the
    guest wrote, and every other byte of the image is mknor.py's."""
    def check(boot):
        parts, _ = nor_manifest(boot)
        off, size, _ = parts[part]
        with open(boot.flash_image, "rb") as f:
            img = f.read()
        ref = boot.flash_image + ".ref"
        nor_image()(ref)
        with open(ref, "rb") as f:
            want = f.read()
        os.remove(ref)
        os.remove(ref[:-4] + ".tsv")
        got = tzboot.diags(boot, "written-sha")
        return (len(got) == 1 and
                hashlib.sha256(img[off:off + size]).hexdigest() == got[0] and
                img[:off] == want[:off] and
                img[off + size:] == want[off + size:])
    return check


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def guest_read_image(boot):
    """The guest's hash of the whole device is the host image's."""
    got = tzboot.diags(boot, "flash-sha256")
    return len(got) == 1 and got[0] == sha256_file(boot.flash_image)


def image_is(seed, size=32 << 20):
    def check(boot):
        want = hashlib.sha256(random.Random(seed).randbytes(size)).hexdigest()
        return sha256_file(boot.flash_image) == want
    return check


def same_diags(key, earlier_boot, count=None):
    """This boot prints the same KEY diagnostics as an earlier boot of
    this run (which must have run: the boot names it in after=)."""
    def check(boot):
        if earlier_boot not in boot.earlier:
            print(f"     {earlier_boot} did not run before {boot.name}")
            return False
        before = tzboot.diags(boot.earlier[earlier_boot], key)
        now = tzboot.diags(boot, key)
        return bool(now) and now == before and (count is None or
                                                len(now) == count)
    return check


# Lines of secure.log in which the simulator refuses a request or reports
# an error of its own, and SCM calls it answered with an error status. A
# fault-plan answer is asked for by the boot's plan and not one of them; a
# refusal the boot's tests provoke on purpose is listed in its refusals=.
SIM_ERRORS = re.compile(
    r"^tzsim: (?!counter ).*(refused|failed|fail |unknown|invalid|cannot|"
    r"not in an SHM bridge|outside any SHM bridge|too small|error|"
    r"does not|must be|crashed)|^tzsim: scm #\d+ .* -> -\d+ ", re.I)

# In every boot: qcom_scm_qtee_init() asks whether QTEE is there with an
# object invocation of no buffer (as mainline does; an answer other than
# EIO says it is), and qcom_scm's probe asks twice for the wait-queue
# count (QCOM_SCM_WAITQ_GET_INFO), a call tzsim does not implement.
EVERY_BOOT_REFUSALS = (
    r"scm: refused buffer argument 0x0\+0x1: not normal-world DRAM",
    r"QTEE\.INVOKE .* args=\(0x0,0x0,0x0,0x0\) -> -3 ",
    r"fid=0xc2002404 svc_0x24\.cmd_0x04 smc64 fast arginfo=0x0 args=\(\) "
    r"-> -1 ",
)

# What the rig's KUnit suite (tests/tzsim_rig.sh) provokes on purpose:
# buffers outside bridges, PAS calls in the wrong order, an unknown PAS
# id, unknown calls, a bad SIM argument.
RIG_REFUSALS = (
    r"scm: refused buffer argument 0x[0-9a-f]+\+0x1: outside any SHM bridge",
    r"scm: refused ECHO source 0x[0-9a-f]+\+0x100: outside any SHM bridge",
    r"scm: refused extra-args buffer 0x[0-9a-f]+\+0x38: outside any SHM "
    r"bridge",
    r"pas: wpss: (AUTH_AND_RESET|MEM_SETUP): refused, no image "
    r"\(INIT_IMAGE first\)",
    r"pas: wpss: SHUTDOWN: refused, the remote is not running",
    r"pas: SHUTDOWN: unknown pas id 99",
    r" (PIL\.(AUTH_AND_RESET|INIT_IMAGE|MEM_SETUP|SHUTDOWN)|SIM\.ECHO|"
    r"svc_0xee\.cmd_0xee|svc_0xf0\.cmd_0x03) .* -> -[123] ",
)
# Crashes of remotes the test asks for (fault plan or SIM REMOTE_CRASH).
CRASHES = (r"remote \w+: crashed: ",)
# qteetest's AppLoader case: an image without the ELF magic.
NOT_AN_ELF = (r"qtee: app loader: image of \d+ bytes refused: no ELF magic",)


def unasked_sim_errors(spec, boot):
    """secure.log lines that say the simulator refused or failed something
    that neither the fault plan nor the boot's refusals= asked for."""
    allowed = [re.compile(p) for p in EVERY_BOOT_REFUSALS + tuple(
        spec.refusals)]
    return [line.strip() for line in boot.secure.splitlines()
            if SIM_ERRORS.search(line) and "[fault plan]" not in line and
            not any(p.search(line) for p in allowed)]


TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def series_texts(name_ok):
    """What the series adds: the text of every new file below drivers/
    whose name name_ok() accepts, and the added lines of every patch."""
    texts = []
    for root, _, files in os.walk(os.path.join(TOP, "drivers")):
        for f in filter(name_ok, files):
            with open(os.path.join(root, f)) as fh:
                texts.append(fh.read())
    for f in sorted(os.listdir(os.path.join(TOP, "patches"))):
        if f.endswith(".patch"):
            with open(os.path.join(TOP, "patches", f)) as fh:
                texts.append("\n".join(l[1:] for l in fh.read().splitlines()
                                       if l.startswith("+")))
    return texts


def series_kunit_options():
    """The *_KUNIT_TEST options the series adds (patches and new Kconfig
    files)."""
    return {o for t in series_texts(lambda f: f.startswith("Kconfig"))
            for o in re.findall(r"^config (\w+_KUNIT_TEST)$", t, re.M)}


def tree_suites():
    """The KUnit suites the series defines: the name of every struct
    kunit_suite in our new files and in the lines our patches add."""
    names = set()
    for t in series_texts(lambda f: f.endswith(".c")):
        for body in re.findall(r"struct kunit_suite \w+ = \{(.*?)\n\};", t,
                               re.S):
            m = re.search(r'\.name\s*=\s*"([^"]+)"', body)
            if m:
                names.add(m.group(1))
    return names


def kunit_suites_reported(boot):
    """{suite: passed} of the per-suite subtests of the guest's kunit.sh
    (4 spaces in, inside its "# test kunit" block)."""
    out = {}
    block = re.search(r"^# test kunit$(.*?)^(?:not )?ok \d+ kunit\b",
                      boot.console, re.M | re.S)
    for not_ok, name in re.findall(r"^    (not )?ok \d+ (\S+)$",
                                   block.group(1) if block else "", re.M):
        out[name] = not not_ok
    return out


def every_suite_passed(boot):
    want = tree_suites()
    got = kunit_suites_reported(boot)
    for name in sorted(want - set(got)):
        print(f"     KUnit suite {name} did not report")
    for name in sorted(n for n, ok in got.items() if not ok):
        print(f"     KUnit suite {name} failed")
    return bool(want) and want <= set(got) and all(got.values())


def kunit_options_enabled(boot):
    """Every KUnit option of the series is in config/kunit.config."""
    with open(os.path.join(TOP, "tools/testing/qcom-tz/config/kunit.config")) \
            as f:
        have = set(re.findall(r"^CONFIG_(\w+)=[ym]$", f.read(), re.M))
    missing = series_kunit_options() - have
    for o in sorted(missing):
        print(f"     CONFIG_{o} is not in config/kunit.config")
    return not missing


# The KUnit stage: the series' suites, built into the board kernel, run
# at boot (and from the modules kunit.sh loads), kmemleak after them.
KUNIT = Boot("kunit", ["kunit"], kunit=True, checks=[
    ("every KUnit suite of the series reported and passed",
     every_suite_passed),
    ("every KUnit option of the series is enabled", kunit_options_enabled),
])

CALL_AVAIL_PROBE = (r"fid=0xc2000601 INFO\.IS_CALL_AVAIL smc64 fast "
                    r"arginfo=0x1 args=\(0x2000601\) -> 0 res=\(0x1,")
ENABLE = r"fid=0x42000c1c MP\.SHM_BRIDGE_ENABLE smc64 yield .*"
CREATE = r"fid=0x42000c1e MP\.SHM_BRIDGE_CREATE smc64 yield .*"
STORAGE = r"fid=0x42001a01 STORAGE\.CMD smc64 yield arginfo=0x214 .*"

BOOTS = [
    Boot("scm-el2", ["scm_probe", "psci", "tzsim_rig"],
         refusals=RIG_REFUSALS, checks=[
        ("Linux runs at EL2", console_has(r"CPU: All CPU\(s\) started at EL2")),
        ("second CPU started by PSCI", secure_has(r"psci: cpu1 on at ")),
        ("kernel probed the SMC64 convention", secure_has(CALL_AVAIL_PROBE)),
        ("kernel enabled SHM bridges", secure_has(ENABLE + r"-> 0 res=\(0x0,")),
        ("tzmem created and deleted bridges",
         secure_order(CREATE + r"-> 0 res=\(0x0,0x5b",
                      r"MP\.SHM_BRIDGE_DELETE .* -> 0 ")),
        ("simulator refused buffers outside bridges",
         secure_has(r"refused .* outside any SHM bridge")),
    ]),
    # Linux at EL1 (the hypervisor-present case); ends with a reset. Its
    # firmware has no storage service: no storage device may appear.
    Boot("scm-el1", ["scm_probe", "psci", "storage_absent"], el=1,
         end="reboot", flash=None, checks=[
        ("IS_CALL_AVAIL says there is no storage service",
         secure_has(r"INFO\.IS_CALL_AVAIL .* args=\(0x2001a01\) -> 0 "
                    r"res=\(0x0,")),
        ("no storage call beyond the probe", secure_has(STORAGE, count=0)),
        ("Linux runs at EL1", console_has(r"CPU: All CPU\(s\) started at EL1")),
        ("kernel probed the SMC64 convention", secure_has(CALL_AVAIL_PROBE)),
        ("CPU_OFF and CPU_ON reached the simulator",
         secure_order(r"psci: cpu1 off", r"psci: cpu1 on at ",
                      r"psci: cpu1 off", r"psci: cpu1 on at ")),
        ("reset through PSCI SYSTEM_RESET", secure_has(r"psci: system reset")),
    ]),
    # SHM_BRIDGE_ENABLE fails: the SCM probe must fail cleanly.
    Boot("fault-bridge-enable", ["scm_probe_fails"],
         faults="svc=0x0c cmd=0x1c status=-1", checks=[
             ("ENABLE failed by the fault plan",
              secure_has(ENABLE + r"-> -1 .*\[fault plan\]")),
             ("no bridge created after the failure",
              secure_has(CREATE, count=0)),
         ]),
    # BUSY twice on ENABLE, then success; INTERRUPTED on the first CREATE.
    Boot("fault-busy-interrupted", ["scm_probe", "tzsim_rig"],
         refusals=RIG_REFUSALS,
         faults="svc=0x0c cmd=0x1c count=2 status=-12\n"
                "svc=0x0c cmd=0x1e status=1\n", checks=[
             ("BUSY twice, then ENABLE succeeds",
              secure_order(ENABLE + r"-> -12 .*\[fault plan\]",
                           ENABLE + r"-> -12 .*\[fault plan\]",
                           ENABLE + r"-> 0 res=\(0x0,")),
             ("ENABLE sent exactly three times", secure_has(ENABLE, count=3)),
             ("CREATE interrupted, then resumed",
              secure_order(CREATE + r"-> 1 .*\[fault plan\]",
                           CREATE + r"-> 0 res=\(0x0,0x5b.*\[resumed\]")),
         ]),

    # -- SCM storage: the TZ-managed SPI-NOR as /dev/mtdN ------------------
    Boot("storage-ro", ["storage_ro"], flash="storage-ro",
         flash_init=random_image(1), checks=[
             ("kernel found the storage service",
              secure_has(r"INFO\.IS_CALL_AVAIL .* args=\(0x2001a01\) -> 0 "
                         r"res=\(0x1,")),
             ("device created from GET_INFO", secure_has(r"storage: GET_INFO ")),
             ("the guest read exactly the host's flash image", guest_read_image),
             ("firmware saw no WRITE and no ERASE",
              secure_has(r"storage: (WRITE|ERASE) ", count=0)),
             ("the image is unchanged", image_is(1)),
             ("256 KiB per READ call: 128 calls for 32 MiB",
              secure_has(r"storage: READ lba=\d+ len=262144 -> ", count=128)),
         ]),
    Boot("storage-rw", ["storage_rw"], flash="storage-rw",
         flash_init=random_image(2), checks=[
             ("no zero-length request reached the firmware",
              secure_has(r"storage: \w+ lba=\d+ len=0 ", count=0)),
             ("erases went in 64 KiB chunks at most",
              secure_has(r"storage: ERASE lba=\d+ len=(?!(4096|8192|12288|"
                         r"16384|20480|24576|28672|32768|36864|40960|45056|"
                         r"49152|53248|57344|61440|65536) )", count=0)),
         ]),
    Boot("storage-persist", ["storage_persist"], flash="storage-rw",
         after="storage-rw", checks=[
        ("the marker survived the reboot",
         same_diags("marker-sha256", "storage-rw", count=1)),
    ]),
    Boot("storage-mtdtests", ["storage_mtdtests"], flash="storage-mtd"),
    Boot("storage-ubi", ["storage_ubi"], flash="storage-ubi",
         flash_init=random_image(4)),
    Boot("storage-ubi-verify", ["storage_ubi_verify"], flash="storage-ubi",
         after="storage-ubi", checks=[
             ("UBIFS files intact after the reboot",
              same_diags("ubi-sum", "storage-ubi", count=3)),
         ]),
    # GET_INFO fails at SCM probe: SCM works, no storage device appears.
    Boot("storage-getinfo-fails", ["scm_probe", "storage_absent"],
         flash="storage-faults", faults="svc=0x1a cmd=1 sub=4 status=0 r0=2",
         checks=[
             ("GET_INFO failed by the fault plan",
              secure_has(STORAGE + r"-> 0 res=\(0x2,.*\[fault plan\]",
                         count=1)),
             ("the kernel says why there is no device",
              console_has(r"storage: no SPI-NOR \(GET_INFO: -22\)")),
         ]),
    # A slow erase (latency model) of the whole device, killed midway.
    Boot("storage-erase-interrupt", ["storage_erase_interrupt"],
         flash="storage-faults", sim_config="erase_us=200", checks=[
             ("the erase stopped between chunks, well before the end",
              lambda b: 0 < len(re.findall(r"storage: ERASE lba=\d+ "
                                           r"len=65536 -> 0", b.secure))
              < 256),
         ]),
    # Faults armed at run time by the test (tzsim_ctl).
    Boot("storage-faults", ["storage_faults"], flash="storage-faults",
         flash_init=random_image(3), checks=[
             ("storage errors injected (a READ, an ERASE)", secure_has(
                 STORAGE + r"-> 0 res=\(0x3,.*\[fault plan\]", count=2)),
             ("READ: BUSY twice, then retried to success", secure_order(
                 STORAGE + r"-> -12 .*\[fault plan\]",
                 STORAGE + r"-> -12 .*\[fault plan\]",
                 r"storage: READ lba=4 len=4096 -> 0")),
             ("WRITE: firmware error injected",
              secure_has(STORAGE + r"-> -1 .*\[fault plan\]", count=1)),
         ]),

    # -- QSEECOM: uefisecapp and efivarfs ---------------------------------
    Boot("qseecom", ["qseecom", "efivars", "efivar_tool"], uefivars="qseecom",
         uefivars_fresh=True, checks=[
             ("version, then lookups of the known app only", secure_order(
                 r"QSEECOM\.VERSION .* -> 0 res=\(0x1402000,",
                 r"qseecom: lookup 'qcom\.tz\.uefisecapp' -> id 3")),
             ("the kernel never looked up the app it does not know",
              secure_has(r"qseecom: lookup 'qcom\.tz\.keymaster'", count=0)),
             ("variables set and deleted through uefisecapp", secure_order(
                 r"uefisecapp: SetVariable 'Hello' .* -> 0x00000000",
                 r"uefisecapp: SetVariable 'Hello' .*attrs=0x0 .* -> 0x00000000")),
             ("app sends go through the extra-args buffer",
              secure_has(r"QSEECOM\.APP_SEND smc64 yield arginfo=0x885 "
                         r"args=\(0x3,")),
         ]),
    Boot("qseecom-persist", ["efivars_persist"], uefivars="qseecom",
         after="qseecom"),
    # QSEECOM steps failing at probe leave nothing behind.
    Boot("qseecom-version-fails", ["qseecom_absent"], uefivars="faults",
         faults="owner=2 svc=6 cmd=3 status=-1", checks=[
             ("no lookup after the failed version query",
              secure_has(r"QSEECOM\.APP_LOOKUP", count=0)),
         ]),
    Boot("qseecom-lookup-fails", ["qseecom_absent"], uefivars="faults",
         faults="owner=50 svc=1 cmd=3 status=-1", checks=[
             ("the lookup failed by the fault plan", secure_has(
                 r"QSEECOM\.APP_LOOKUP .* -> -1 .*\[fault plan\]", count=1)),
             ("no app send after it", secure_has(r"QSEECOM\.APP_SEND",
                                                 count=0)),
         ]),
    Boot("qseecom-lookup-not-found", ["qseecom_absent"], uefivars="faults",
         faults="owner=50 svc=1 cmd=3 status=0 r0=0xffffffff"),
    Boot("qseecom-send-faults", ["qseecom_send_faults"],
         uefivars="qseecom-send-faults",
         uefivars_fresh=True, faults="""
owner=48 svc=0 cmd=1 sub=0x8001 nth=1 status=0 r0=1   # INCOMPLETE
owner=48 svc=0 cmd=1 sub=0x8001 nth=2 status=0 r0=2   # BLOCKED_ON_LISTENER
owner=48 svc=0 cmd=1 sub=0x8001 nth=3 status=-1       # firmware error
""", checks=[
             ("three SetVariable calls answered by the fault plan",
              secure_has(r"QSEECOM\.APP_SEND .*\[fault plan\]", count=3)),
             ("the 4th SetVariable reached uefisecapp", secure_has(
                 r"uefisecapp: SetVariable 'F4' .* -> 0x00000000")),
         ]),
    # Firmware failures of GetVariable, GetNextVariableName and
    # QueryVariableInfo at each position, armed at run time (tzsim_ctl).
    Boot("uefisecapp-faults", ["uefisecapp_faults"],
         uefivars="uefisecapp-faults",
         uefivars_fresh=True, checks=[
             ("ten faults armed at run time", secure_has(
                 r"sim: FAULT_ARM: call #\d+ from now of owner 48 svc 0x00 "
                 r"cmd 0x01", count=10)),
             ("each hit exactly one app send", secure_has(
                 r"QSEECOM\.APP_SEND .*\[fault plan\]", count=10)),
         ]),
    # The firmware lies about where the data is: the kernel must not trust
    # it (patch 0008).
    Boot("qseecom-malformed", ["qseecom_malformed"],
         uefivars="qseecom-malformed",
         uefivars_fresh=True,
         sim_config="uefisecapp_poke=0x8000:16:0xfffffffc", checks=[
             ("the simulator sent the malformed response",
              secure_has(r"uefisecapp: poked response of command 0x8000: "
                         r"u32 at 16 = 0xfffffffc")),
         ]),
    # ... and about the command, the length, and the name's place.
    Boot("qseecom-malformed-more", ["qseecom_malformed_more"],
         uefivars="qseecom-malformed-more", uefivars_fresh=True,
         sim_config="uefisecapp_poke=0x8001:0:0x8000 "
                    "uefisecapp_poke=0x8003:4:0x1000 "
                    "uefisecapp_poke=0x8002:20:0xfffffffc", checks=[
             ("the simulator stored the variable it then misreported",
              secure_has(r"uefisecapp: SetVariable 'M1' .* -> 0x00000000")),
             ("and sent the three malformed responses", secure_order(
                 r"poked response of command 0x8001: u32 at 0 = 0x8000",
                 r"poked response of command 0x8003: u32 at 4 = 0x1000",
                 r"poked response of command 0x8002: u32 at 20 = "
                 r"0xfffffffc")),
         ]),
    # Remote processors, Linux at EL1 under a hypervisor (tzsim plays its
    # part for PAS memory): boot, sysfs life cycle, broken images,
    # crashes, concurrency.
    Boot("pas-el1", ["rproc_boot", "rproc_sysfs"], el=1, checks=[
        ("adsp and cdsp authenticated and running at boot", secure_order(
            r"pas: adsp: authenticated .* starting",
            r"remote adsp: running")),
        ("cdsp too", secure_has(r"remote cdsp: running")),
        ("wpss: 51 boots, each shut down after a stop-ack", lambda b:
         len(re.findall(r"remote wpss: running", b.secure)) == 51 and
         len(re.findall(r"remote wpss: stop requested, stop-ack sent",
                        b.secure)) == 51 and
         len(re.findall(r"pas: wpss: shut down", b.secure)) == 51),
        ("proxy power domains: on for the boot, off after handover",
         secure_order(r"scmi: power domain lcx: on",
                      r"remote adsp: running",
                      r"scmi: power domain lcx: off")),
        ("at EL1 Linux bridges no PAS memory (the hypervisor does)",
         pas_memory_unbridged),
    ]),
    Boot("pas-broken", ["rproc_broken"], el=1, refusals=(
        # Each broken image, checked against the manifest below.
        r"pas: \w+: (INIT_IMAGE|MEM_SETUP|AUTH_AND_RESET): ",
        r" PIL\.(INIT_IMAGE|MEM_SETUP|AUTH_AND_RESET) .* -> -[0-9]+ ",
    ), checks=[
        ("each broken image refused where the manifest says",
         manifest_sim_logs),
        ("the dumped kernel log has each broken image's kernel line",
         manifest_kernel_logs),
        ("no broken image ever ran: adsp ran twice (boot, good image)",
         secure_has(r"remote adsp: running", count=2)),
    ]),
    Boot("pas-crash", ["rproc_crash"], el=1, refusals=CRASHES,
         faults="svc=2 cmd=5 sub=18 crash=wdog delay_ms=300", checks=[
             ("cdsp crashed by the fault plan", secure_has(
                 r"remote cdsp: crashed: watchdog bite")),
             ("adsp crashed three times on request", secure_has(
                 r"remote adsp: crashed: ", count=3)),
         ]),
    Boot("pas-race", ["rproc_race"], el=1),
    # Linux at EL2, no hypervisor (the EL2 overlay: SMMUv3, iommus on adsp
    # and cdsp): use_tzmem, SHM bridges, identity maps, the resource table
    # from TrustZone.
    Boot("pas-el2", ["rproc_boot", "rproc_sysfs", "rproc_meta"], el=2, checks=[
        ("resource tables from TrustZone for the remotes behind the SMMU",
         lambda b: all(f"pas: {r}: GET_RSCTABLE: returned" in b.secure
                       for r in ("adsp", "cdsp")) and
         not any(f"pas: {r}: GET_RSCTABLE" in b.secure
                 for r in ("wpss", "modem"))),
        ("adsp and cdsp carveouts identity-mapped rw in the SMMU", lambda b:
         all(re.search(rf"smmu: {r} \(sid 0x[0-9a-f]+\): carveout \S+ "
                       r"identity-mapped rw", b.secure)
             for r in ("adsp", "cdsp"))),
        ("metadata and carveouts always in SHM bridges (modem included)",
         secure_has(r"not in an SHM bridge", count=0)),
        ("the modem started (use_tzmem without an IOMMU)",
         secure_has(r"remote modem: running")),
        ("no bridge over a carveout outlived its call",
         carveout_bridges_deleted),
        ("no SHM bridge leaked", secure_has(
            r"counter pas refused=0 bridge_leaks=0")),
    ]),
    Boot("pas-el2-crash", ["rproc_crash"], el=2, refusals=CRASHES,
         faults="svc=2 cmd=5 sub=18 crash=wdog delay_ms=300", checks=[
             ("recovery does not fetch the resource table again",
              secure_has(r"pas: adsp: GET_RSCTABLE: returned", count=1)),
             ("adsp crashed three times and came back", secure_has(
                 r"remote adsp: crashed: ", count=3)),
             ("no bridge over a carveout outlived its call",
              carveout_bridges_deleted),
         ]),
    Boot("pas-el2-faults", ["rproc_el2_faults"], el=2,
         sim_config="rsctable_pad=20000", refusals=(
             # Tables made too big for the first buffer on purpose.
             r"PIL\.GET_RSCTABLE .* -> -1 res=\(0x0,0x14,0x4ea8\)",
         ), checks=[
             ("the table took the overflow retry", secure_has(
                 r"pas: adsp: GET_RSCTABLE: buffer not sufficient: the "
                 r"table needs 20136 bytes")),
             ("seven faults hit", secure_has(r"\[fault plan\]", count=7)),
             ("the hung boot never signalled ready", secure_has(
                 r"remote adsp: hung at boot")),
             ("no bridge over a carveout outlived its call",
              carveout_bridges_deleted),
             ("no SHM bridge leaked", secure_has(r"bridge_leaks=0")),
             ("the SMMU never kept a carveout after stop", secure_has(
                 r"CARVEOUT STILL", count=0)),
         ]),
    # The NOR's content: GPT partitions, DPP's MAC addresses as NVMEM
    # cells (tools/testing/qcom-tz/firmware/mknor.py's image).
    Boot("nor-gpt", ["nor_gpt"], flash="nor", flash_init=nor_image(), checks=[
        ("partitions: names, sizes and bytes of the GPT entries",
         nor_parts_match),
        ("cells and the DT consumer read the image's addresses",
         nor_cells_match),
        ("the primary GPT was used", lambda b: re.search(
            r"25 gptpart partitions found on MTD device qcom_scm_storage",
            b.console) is not None and "backup GPT" not in b.console),
    ]),
    Boot("nor-backup", ["nor_gpt"], flash="nor-backup",
         flash_init=nor_image("primary-header"), checks=[
        ("partitions from the backup GPT, as in the image", nor_parts_match),
        ("cells and the DT consumer read the image's addresses",
         nor_cells_match),
        ("the parser said why it used the backup", lambda b: re.search(
            r"gptpart.*backup", b.console) is not None),
    ]),
    Boot("nor-rw", ["nor_rw"], flash="nor-rw", flash_init=nor_image(),
         checks=[
        ("only splash changed, to what the guest wrote",
         nor_rewrite_only("splash")),
    ]),
    # QTEE: the qcomtee driver against the simulated QTEE, through raw
    # ioctls (tools/testing/qcom-tz/qtee/qteetest.c).
    Boot("qtee", ["qtee"], refusals=NOT_AN_ELF, checks=[
        ("no QTEE object left on either side at power-off", secure_has(
            r"qtee: live objects at power-off: qtee=0 linux=0")),
        ("no invocation left open", secure_has(
            r"qtee: at power-off: objects=0 open_invocations=0 heap_used=0")),
        ("a primordial callback ran (Diagnostics' SLEEP, the loader's "
         "YIELD)", secure_has(r"qtee: callback #\d+ of invoke #\d+: "
                              r"obj=0x80000000")),
    ]),
    # Objects hosted by user space and memory objects: qteeuser, then
    # quic-teec's own qcomteetest (libqcomtee) on the simulated board.
    Boot("qtee-user", ["qtee_user", "quic_teec"], refusals=(
        # qteeuser's output at the limit: 4096 bytes give MAXDATA.
        r"qtee: invoke #\d+: callback does not fit in the outbound buffer",
    ), checks=[
        ("QTEE read the credentials of every registration through "
         "callbacks (qteeuser 3, qcomteetest 3)", secure_has(
             r"qtee: client registered: uid=0 time_ms=\d+", count=6)),
        ("the relay called user objects", secure_has(
            r"qtee: relay: called linux object 0x8[0-9a-f]{7} op=0x7 "
            r"counts=0x2222 result=0")),
        ("a call to a closed file's object was answered DEFUNCT",
         secure_has(r"qtee: relay: called linux object 0x8[0-9a-f]{7} "
                    r"op=0x1 counts=0x0000 result=-90")),
        ("TAs loaded from memory objects (qteeuser, qcomteetest 1 0)",
         secure_has(r"qtee: async release of linux object 0x[0-9a-f]+ "
                    r"\(memory\)", count=2)),
        ("no QTEE object left on either side at power-off", secure_has(
            r"qtee: live objects at power-off: qtee=0 linux=0")),
        ("no invocation left open", secure_has(
            r"qtee: at power-off: objects=0 open_invocations=0 heap_used=0")),
    ]),
    Boot("qtee-transport", ["qtee_transport"], refusals=NOT_AN_ELF,
         faults="owner=50 svc=6 cmd=2 sub=0xffff nth=1 status=-1",
         checks=[
        ("the first RELEASE failed in transport", secure_has(
            r"QTEE\.INVOKE .*\[fault plan\]", count=1)),
        ("the failed release was retried: nothing left at power-off",
         secure_has(r"qtee: live objects at power-off: qtee=0 linux=0")),
    ]),
    # Malformed answers of QTEE, one of each kind, armed at run time: each
    # invocation fails with EPROTO, the next works, nothing leaks.
    Boot("qtee-corrupt", ["qtee_corrupt"], refusals=(
        r"qtee: corrupt \w+ (armed|applied|disarmed)",), checks=[
        ("eight corrupted answers sent", secure_has(
            r"qtee: corrupt \w+ applied", count=8)),
        ("no QTEE object left on either side at power-off", secure_has(
            r"qtee: live objects at power-off: qtee=0 linux=0")),
        ("the driver named each protocol error", lambda b: len(re.findall(
            r"qcomtee qcomtee: protocol error", b.console)) >= 8),
    ]),
]
