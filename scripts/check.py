#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make check: every stage, one count.

Stages (--stage to run one):
  build  make all (the board kernel, simulator, modules, initramfs)
  host   the simulator's host unit tests (kselftest harness, KTAP)
  kunit  the series' KUnit suites, built into the board kernel, in one
         boot of the board (config/kunit.config, tests/kunit.sh)
  e2e    boots of the simulated board (tools/testing/qcom-tz/e2e.py);
         with kunit, both share --boot-jobs QEMUs
  lint   checkpatch --strict, sparse (C=2) and W=1 on our kernel code
  cocci  make coccicheck MODE=report on our directories (Debian's
         coccinelle)
  dtbindings  dt_binding_check and dt-validate of the bindings we touch
  series the upstream series: git am, checkpatch, maintainers, and a
         build of every step (scripts/series.py --check --bisect)

Prints one line per test, each stage's wall time, then "N passed, N
failed[, N skipped]"; exits non-zero if anything failed. Logs of every
stage are in BUILD/logs/.
"""
import argparse
import os
import re
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
sys.path.insert(0, os.path.join(TOP, "tools/testing/qcom-tz"))
import tzboot  # noqa: E402

CROSS = "aarch64-linux-gnu-"
OVERLAY_DIRS = ("arch", "drivers", "include", "Documentation")
KNOWN_WARNINGS = os.path.join(TOP, "tools/testing/qcom-tz/lint/known-warnings.txt")


def known_warnings():
    with open(KNOWN_WARNINGS) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def compiler_warnings(out, path):
    """(path: message) of every warning/error in out about path."""
    found = []
    for l in out.splitlines():
        m = re.search(r"(\S*?)" + re.escape(path) +
                      r":\d+:(?:\d+:)? ((?:warning|error): .*)$", l)
        if m:
            found.append(f"{path}: {m.group(2).strip()}")
    return found


class Results:
    def __init__(self):
        self.items = []

    def add(self, stage, name, ok, detail=""):
        self.items.append((stage, name, ok))
        word = {True: "ok", False: "FAIL", None: "skip"}[ok]
        print(f"{word:4} {stage}: {name}" + (f"  ({detail})" if detail else ""),
              flush=True)


def run(cmd, log, cwd=None, env=None):
    """Run cmd, output to log; return (returncode, output)."""
    with open(log, "w") as f:
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=f,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    with open(log, errors="replace") as f:
        return r.returncode, f.read()


# -- host ---------------------------------------------------------------
def ktap_results(out):
    """(name, ok, detail) of the top-level KTAP results in out (parsed as
    tzboot parses a boot's); ok is None for "ok N name # SKIP reason",
    with the reason as detail."""
    found = []
    for line in out.splitlines():
        m = tzboot.KTAP_RESULT.match(line)
        if m:
            skip = m.group(4) is not None
            found.append((m.group(3), None if skip else m.group(1) is None,
                          line.split("#", 1)[1].strip() if skip else ""))
    return found


def stage_host(a, res):
    # quic-teec's own TA image, for the test that checks the simulator
    # accepts it (ta_real_quic_teec_image fails without it).
    qt = os.path.join(a.build, "quic-teec")
    log = os.path.join(a.logs, "quic-teec-ta.log")
    rc, _ = run([os.path.join(TOP, "scripts/quic-teec.sh"), "--ta-only", qt],
                log)
    if rc:
        res.add("host", "quic-teec TA image unpacked", False, f"see {log}")
    env = dict(os.environ, QTEE_REAL_TA=os.path.join(
        qt, "ta", "smcinvoke_skeleton_ta64.mbn"))
    log = os.path.join(a.logs, "host-test.log")
    rc, out = run(["make", "-s", "-C", os.path.join(TOP, "tools/testing/tzsim"),
                   "O=" + os.path.join(a.build, "tzsim"),
                   "KSRC=" + os.path.join(a.build, "linux"), "host-test"], log,
                  env=env)
    n = 0
    for name, ok, detail in ktap_results(out):
        n += 1
        res.add("host", name, ok, detail)
    if rc != 0 or n == 0:
        res.add("host", "tzsim_host_test exit status", False,
                f"exit {rc}, see {log}")

    # The harness's own checks, each shown to fail on a broken input
    # (tools/testing/qcom-tz/harness_test.py).
    import unittest
    import harness_test
    log = os.path.join(a.logs, "harness-test.log")
    with open(log, "w") as f:
        r = unittest.TextTestRunner(stream=f, verbosity=2).run(
            unittest.defaultTestLoader.loadTestsFromModule(harness_test))
    bad = {t.id() for t, _ in r.failures + r.errors}
    for t in harness_test.all_tests():
        res.add("host", "harness: " + t.id().split(".", 1)[1],
                t.id() not in bad)
    if not r.testsRun:
        res.add("host", "harness_test ran", False, f"see {log}")

    # The NOR image generator checks its images with its own reader.
    log = os.path.join(a.logs, "mknor-self-test.log")
    rc, out = run([sys.executable, os.path.join(
        TOP, "tools/testing/qcom-tz/firmware/mknor.py"), "--self-test"], log)
    res.add("host", "mknor.py --self-test", rc == 0 and
            re.search(r"\b0 failed", out) is not None,
            out.strip().splitlines()[-1] if out.strip() else "")


# -- boots: kunit and e2e ------------------------------------------------
def kunit_cases(b):
    """(suite/case[/param], ok) of every KUnit case the guest test kunit.sh
    forwarded (nested below its per-suite subtests); ok is None for a
    skipped case."""
    out = []
    suites = {}     # indentation -> name of the (sub)test opened there
    inside = False
    for line in b.console.splitlines():
        line = line.rstrip("\r")
        if line.startswith("# test "):
            inside = line[7:].strip() == "kunit"
            suites = {}
            continue
        if not inside:
            continue
        # "# Subtest: X" stands at the indentation of X's own results.
        m = re.match(r"^( *)# Subtest: (\S+)", line)
        if m:
            depth = len(m.group(1))
            suites = {d: n for d, n in suites.items() if d < depth}
            suites[depth] = m.group(2)
            continue
        # Results of cases and parameters: at or below a suite's
        # "# Subtest:" (the suite's own result, and kunit.sh's, are above).
        m = re.match(r"^( +)(not )?ok \d+ (.*?)(\s+#\s*SKIP.*)?$", line)
        if m and any(d <= len(m.group(1)) for d in suites):
            depth = len(m.group(1))
            path = [suites[d] for d in sorted(suites) if d <= depth]
            out.append(("/".join(path + [m.group(3)]),
                        None if m.group(4) else m.group(2) is None))
    return out


def boot_chains(specs):
    """The boots as chains that must run one after the other, in list
    order: boots that share a flash image or a variable store (other
    than the board's, which they only read), or that name another in
    after=. Chains can run side by side."""
    owner = {}      # resource -> chain index
    chains = []
    for spec in specs:
        keys = set()
        if spec.flash and spec.flash != "board":
            keys.add("flash:" + spec.flash)
        if spec.uefivars and spec.uefivars != "board":
            keys.add("uefivars:" + spec.uefivars)
        keys.add("boot:" + spec.name)
        if spec.after:
            keys.add("boot:" + spec.after)
        hit = sorted({owner[k] for k in keys if k in owner})
        if hit:
            c = hit[0]
            for other in hit[1:]:       # this boot joins two chains
                chains[c] += chains[other]
                chains[other] = []
                for k, v in owner.items():
                    if v == other:
                        owner[k] = c
        else:
            c = len(chains)
            chains.append([])
        chains[c].append(spec)
        for k in keys:
            owner[k] = c
    order = {id(s): i for i, s in enumerate(specs)}
    chains = [sorted(c, key=lambda s: order[id(s)]) for c in chains if c]
    # Longest chains first, so that the last ones to finish are short.
    return sorted(chains, key=len, reverse=True)


def run_boot(a, spec):
    if spec.uefivars and spec.uefivars_fresh:
        path = tzboot.uefivars_path(a.build, spec.uefivars)
        if os.path.exists(path):
            os.unlink(path)
    if spec.flash and spec.flash_init:
        spec.flash_init(tzboot.flash_path(a.build, spec.flash))
    b = tzboot.boot(a.build, spec.name, el=spec.el, tests=spec.tests,
                    faults=spec.faults, flash=spec.flash,
                    sim_config=spec.sim_config, uefivars=spec.uefivars,
                    extra_bootargs="qcomtz.end=reboot"
                    if spec.end == "reboot" else "", kunit=spec.kunit)
    b.flash_image = (tzboot.flash_path(a.build, spec.flash)
                     if spec.flash else None)
    return b


def report_boot(a, res, spec, b):
    import e2e
    stage = "kunit" if spec.kunit else "e2e/" + spec.name
    for name, status in b.results:
        res.add(stage, name, None if status == "skip" else status == "pass")
    if spec.kunit:
        for name, ok in kunit_cases(b):
            res.add("kunit", name, ok)
    for desc, check in spec.checks:
        res.add(stage, desc, bool(check(b)))
    unasked = e2e.unasked_sim_errors(spec, b)
    res.add(stage, "no simulator refusal or error the tests did not ask for",
            not unasked, unasked[0] if unasked else "")
    res.add(stage, "no splat", not b.splats, b.splats[0] if b.splats else "")
    last = ("psci: system reset" if spec.end == "reboot"
            else "psci: system off")
    clean = (not b.timed_out and b.exit_code == 0 and last in b.secure)
    res.add(stage, "clean " + spec.end, clean,
            "timeout" if b.timed_out else f"qemu exit {b.exit_code}")
    if any(ok is False for st, _, ok in res.items if st == stage):
        print(f"     logs: {b.folder}/console.log, secure.log", flush=True)
        if a.verbose:
            print(b.console[-4000:])
    print(f"     {spec.name}: boot took {b.seconds:.0f} s", flush=True)


def run_boots(a, res, specs):
    """Boot every spec, a.boot_jobs at a time (chains of boots that share
    state run in order), and report each boot when it ends."""
    import threading
    earlier = {}
    lock = threading.Lock()
    chains = boot_chains(specs)
    # Created once here, not by two boots at the same time.
    tzboot.flash_path(a.build, "board")

    def worker():
        while True:
            with lock:
                if not chains:
                    return
                chain = chains.pop(0)
            for spec in chain:
                b = run_boot(a, spec)
                with lock:
                    b.earlier = dict(earlier)
                    earlier[spec.name] = b
                    report_boot(a, res, spec, b)

    threads = [threading.Thread(target=worker)
               for _ in range(max(1, a.boot_jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def selected_boots(a, boots):
    """The boots --boot names, with the boots they come after."""
    if not a.boot:
        return list(boots)
    want = set(a.boot)
    by_name = {b.name: b for b in boots}
    for name in list(want):
        while by_name.get(name) and by_name[name].after:
            name = by_name[name].after
            want.add(name)
    return [b for b in boots if b.name in want]


def stage_kunit(a, res):
    import e2e
    run_boots(a, res, [e2e.KUNIT])


def stage_e2e(a, res):
    import e2e
    run_boots(a, res, selected_boots(a, e2e.BOOTS))


def stage_boots(a, res):
    """kunit and e2e together, so that the KUnit boot shares the cores
    with the others."""
    import e2e
    run_boots(a, res, [e2e.KUNIT] + selected_boots(a, e2e.BOOTS))


# -- lint ---------------------------------------------------------------
def series(build):
    with open(os.path.join(TOP, "patches/series")) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def overlay_files():
    out = []
    for d in OVERLAY_DIRS:
        for root, _, files in os.walk(os.path.join(TOP, d)):
            for f in files:
                out.append(os.path.relpath(os.path.join(root, f), TOP))
    return sorted(out)


def patched_files(build):
    files = set()
    for p in series(build):
        with open(os.path.join(TOP, "patches", p)) as f:
            for line in f:
                if line.startswith("+++ b/"):
                    files.add(line[6:].split()[0])
    return sorted(files)


def pristine(ksrc, path):
    """The 6.12 version of a file our patches change (quilt's backup from
    the first patch that touches it), or None for a file we add."""
    for p in series(None):
        orig = os.path.join(ksrc, ".pc", p, path)
        if os.path.exists(orig):
            return orig if os.path.getsize(orig) else None
    return None


def included_by(ksrc, f):
    """The C file of the same directory that #includes f, or None."""
    d, name = os.path.split(f)
    if not os.path.isdir(os.path.join(ksrc, d)):
        return None
    for c in sorted(os.listdir(os.path.join(ksrc, d))):
        path = os.path.join(ksrc, d, c)
        if c.endswith(".c") and c != name and \
           f'#include "{name}"' in open(path, errors="replace").read():
            return os.path.join(d, c)
    return None


def stage_lint(a, res):
    ksrc = os.path.join(a.build, "linux")
    cp = ["perl", "scripts/checkpatch.pl", "--strict", "--no-summary",
          "--terse", "--show-types"]
    for p in series(a.build):
        log = os.path.join(a.logs, "checkpatch-" + p + ".log")
        rc, out = run(cp + [os.path.join(TOP, "patches", p)], log, cwd=ksrc)
        res.add("lint", "checkpatch " + p, rc == 0 and not out.strip(),
                out.strip().splitlines()[0] if out.strip() else "")
    new = [f for f in overlay_files() if f.endswith((".c", ".h"))]
    new += [os.path.relpath(os.path.join(r, f), TOP)
            for r, _, fs in os.walk(os.path.join(TOP, "tools/testing/qcom-tz/modules"))
            for f in fs if f.endswith((".c", ".h"))]
    for f in new:
        log = os.path.join(a.logs, "checkpatch-" + f.replace("/", "_") + ".log")
        # The test modules bind to nodes of the test board only (e.g.
        # "qcom-tz,nvmem-mac-consumer"), which no binding documents.
        extra = (["--ignore", "UNDOCUMENTED_DT_STRING"]
                 if f.startswith("tools/testing/") else [])
        rc, out = run(cp + extra + ["-f", os.path.join(TOP, f)], log,
                      cwd=ksrc)
        res.add("lint", "checkpatch " + f, rc == 0 and not out.strip(),
                out.strip().splitlines()[0] if out.strip() else "")

    # kernel-doc: every C file and header we add or patch. For a patched
    # file, warnings the unpatched 6.12 file already has are not ours.
    def kdoc(path, log):
        rc, out = run(["perl", "scripts/kernel-doc", "-none", "-Wall", path],
                      log, cwd=ksrc)
        return rc, [re.sub(r"^.*?:\d+: ", "", l).strip()
                    for l in out.splitlines() if "warning" in l]

    for f in [f for f in overlay_files() + patched_files(a.build)
              if f.endswith((".c", ".h"))]:
        log = os.path.join(a.logs, "kernel-doc-" + f.replace("/", "_") + ".log")
        rc, warn = kdoc(f, log)
        orig = pristine(ksrc, f)
        if orig:
            _, before = kdoc(orig, log + ".orig")
            warn = [w for w in warn if w not in before]
        res.add("lint", "kernel-doc " + f, rc == 0 and not warn,
                warn[0] if warn else "")

    # sparse + W=1: every C file we add or patch, in the board kernel
    # (which has the KUnit suites too), all in one make run.
    ours = [f for f in overlay_files() + patched_files(a.build)
            if f.endswith(".c")]
    tree = os.path.join(a.build, "kernel")
    objs = {}
    for f in ours:
        # A test included at the end of the file it tests (to reach its
        # static functions) is checked as part of that file.
        includer = included_by(ksrc, f)
        obj = (includer or f)[:-2] + ".o"
        if not os.path.exists(os.path.join(tree, obj)):
            res.add("lint", "sparse+W=1 " + f, False,
                    "not built by the board's configuration")
            continue
        objs[f] = obj
    log = os.path.join(a.logs, "sparse.log")
    rc, out = run(["make", "-k", f"-j{a.jobs}", "-C", ksrc, "O=" + tree,
                   "ARCH=arm64", "CROSS_COMPILE=" + CROSS,
                   f"CC=ccache {CROSS}gcc", "C=2", "W=1"] +
                  sorted(set(objs.values())), log)
    clean = True
    for f in objs:
        warn = [w for w in compiler_warnings(out, f)
                if w not in known_warnings()]
        clean &= not warn
        res.add("lint", "sparse+W=1 " + f, not warn, warn[0] if warn else "")
    if rc and clean:
        res.add("lint", "sparse+W=1 make", False, f"exit {rc}, see {log}")
    log = os.path.join(a.logs, "sparse-test-modules.log")
    rc, out = run(["make", "-C", ksrc, "O=" + os.path.join(a.build, "kernel"),
                   "ARCH=arm64", "CROSS_COMPILE=" + CROSS,
                   f"CC=ccache {CROSS}gcc", "C=2", "W=1",
                   "M=" + os.path.join(a.build, "modules"), "modules"], log)
    warn = [l for l in out.splitlines() if re.search(r": (warning|error):", l)]
    res.add("lint", "sparse+W=1 test modules", rc == 0 and not warn,
            warn[0] if warn else "")


def stage_cocci(a, res):
    """make coccicheck MODE=report on the C files and headers we add or
    patch; a report on one of them fails, unless known-warnings.txt names
    it (pre-existing upstream code). One run over a copy of just those
    files (at their paths in the tree, the include paths of their own
    directories added), rather than over the whole directories that hold
    them: include/linux alone has a thousand headers."""
    import shutil
    ksrc = os.path.join(a.build, "linux")
    ours = sorted(f for f in set(overlay_files() + patched_files(a.build))
                  if f.endswith((".c", ".h")))
    stage = os.path.join(a.build, "cocci", "src")
    shutil.rmtree(stage, ignore_errors=True)
    for f in ours:
        os.makedirs(os.path.join(stage, os.path.dirname(f)), exist_ok=True)
        shutil.copy2(os.path.join(ksrc, f), os.path.join(stage, f))
    incs = sorted({os.path.dirname(f) for f in ours})
    log = os.path.join(a.logs, "coccicheck.log")
    # M= absolute: spatch runs in the object tree.
    rc, out = run(["make", "-C", ksrc, "O=" + os.path.join(a.build, "kernel"),
                   "ARCH=arm64", "CROSS_COMPILE=" + CROSS, "coccicheck",
                   "MODE=report", f"J={a.jobs}", "M=" + stage,
                   "SPFLAGS=" + " ".join("-I " + os.path.join(ksrc, d)
                                         for d in incs)], log)
    res.add("lint", f"coccicheck ran on our {len(ours)} files", rc == 0,
            "" if rc == 0 else f"exit {rc}, see {log}")
    reports = []
    for line in out.splitlines():
        m = re.match(re.escape(stage) + r"/(\S+?):(\d+):[-\d:]* (.*)", line)
        if m:
            reports.append((m.group(1), m.group(3)))
    known = known_warnings()
    for f in ours:
        mine = [r for f2, r in reports if f2 == f and
                f"{f}: {r}" not in known]
        res.add("lint", "coccicheck " + f, not mine,
                mine[0] if mine else "")


def bindings(build):
    """The YAML bindings we add or patch, relative to the bindings dir."""
    root = "Documentation/devicetree/bindings/"
    return sorted(f[len(root):] for f in set(overlay_files() +
                                             patched_files(build))
                  if f.startswith(root) and f.endswith(".yaml"))


def stage_dtbindings(a, res):
    """dt_binding_check on the bindings we add or patch, then every one of
    their examples validated against all the schemas. Debian 12's
    dt-schema (2022.08) is older than the 2023.9 that 6.12 asks for: the
    version check is overridden; the tool skips the few 6.12 schemas it
    cannot read (none of ours, nor any our nodes use)."""
    ksrc = os.path.join(a.build, "linux")
    out_dir = os.path.join(a.build, "dtcheck")
    ours = bindings(a.build)
    log = os.path.join(a.logs, "dt-binding-check.log")
    rc, out = run(["make", "-C", ksrc, "O=" + out_dir, "dt_binding_check",
                   "DT_SCHEMA_MIN_VERSION=2022.08",
                   "DT_SCHEMA_FILES=" + ":".join(ours)], log)
    for b in ours:
        bad = [l for l in out.splitlines() if b in l and
               "ignoring, error in schema" not in l.split(b, 1)[0] and
               re.search(r"(error|warning|Error)", l)]
        res.add("lint", "dt_binding_check " + b, rc == 0 and not bad,
                bad[0] if bad else ("" if rc == 0 else
                                    f"exit {rc}, see {log}"))
    schema = os.path.join(out_dir, "Documentation/devicetree/bindings",
                          "processed-schema.json")
    for b in ours:
        dtb = os.path.join(out_dir, "Documentation/devicetree/bindings",
                           b[:-5] + ".example.dtb")
        if not os.path.exists(dtb):
            continue
        log = os.path.join(a.logs, "dt-validate-" + b.replace("/", "_") +
                           ".log")
        rc, out = run(["dt-validate", "-u", os.path.join(
            ksrc, "Documentation/devicetree/bindings"), "-p", schema, dtb],
            log)
        bad = [l for l in out.splitlines()
               if "ignoring, error in schema" not in l and l.strip()]
        res.add("lint", "dt-validate example of " + b, rc == 0 and not bad,
                bad[0] if bad else "")


def stage_series(a, res):
    """The upstream series (scripts/series.py): written, applied with git
    am topic by topic, equal to the build tree, maintainers found,
    checkpatch clean, and every step built on its own."""
    log = os.path.join(a.logs, "series.log")
    rc, out = run([sys.executable, os.path.join(TOP, "scripts/series.py"),
                   "--build", a.build, "--check", "--bisect",
                   f"--jobs={a.jobs}"], log)
    n = 0
    for m in re.finditer(r"^(not )?ok (.*?)(?:  \((.*)\))?$", out, re.M):
        n += 1
        res.add("series", m.group(2), m.group(1) is None, m.group(3) or "")
    if rc != 0 and not n:
        res.add("series", "series.py", False, f"exit {rc}, see {log}")


STAGES = {"host": stage_host, "kunit": stage_kunit, "e2e": stage_e2e,
          "lint": stage_lint, "cocci": stage_cocci,
          "dtbindings": stage_dtbindings, "series": stage_series}


def stage_build(a, res):
    """make all: the kernel, the simulator, the test modules, the firmware
    images and the initramfs (incremental). Nothing else runs if it
    fails."""
    log = os.path.join(a.logs, "build.log")
    rc, out = run(["make", "--no-print-directory", "-C", TOP,
                   "BUILD=" + a.build, f"JOBS={a.jobs}", "all"], log)
    res.add("build", "make all", rc == 0, "" if rc == 0 else
            f"exit {rc}, see {log}: " + " | ".join(out.splitlines()[-3:]))
    return rc == 0


STAGES["build"] = stage_build
DEFAULT_STAGES = ["build", "host", "kunit", "e2e", "lint", "cocci",
                  "dtbindings", "series"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--boot-jobs", type=int, default=2,
                    help="boots run side by side (default 2)")
    ap.add_argument("--stage", action="append", choices=list(STAGES))
    ap.add_argument("--boot", action="append",
                    help="only this e2e boot (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    a.build = os.path.abspath(a.build)
    a.logs = os.path.join(a.build, "logs")
    os.makedirs(a.logs, exist_ok=True)
    res = Results()
    t0 = time.time()
    stages = [s for s in DEFAULT_STAGES if s in (a.stage or DEFAULT_STAGES)]
    # The KUnit boot and the e2e boots share one pool of QEMUs.
    if "kunit" in stages and "e2e" in stages:
        stages[stages.index("kunit")] = "kunit+e2e"
        stages.remove("e2e")
    times = []
    for name in stages:
        print(f"==== {name}", flush=True)
        t = time.time()
        ok = (stage_boots if name == "kunit+e2e" else STAGES[name])(a, res)
        times.append((name, time.time() - t))
        print(f"==== {name} took {times[-1][1]:.0f} s", flush=True)
        if name == "build" and not ok:
            break
    passed = sum(1 for *_, ok in res.items if ok is True)
    failed = sum(1 for *_, ok in res.items if ok is False)
    skipped = sum(1 for *_, ok in res.items if ok is None)
    print(f"==== {time.time() - t0:.0f} s: " +
          ", ".join(f"{n} {t:.0f} s" for n, t in times))
    for st, name, ok in res.items:
        if ok is None:
            print(f"SKIPPED {st}: {name}")
    for st, name, ok in res.items:
        if ok is False:
            print(f"FAILED {st}: {name}")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
