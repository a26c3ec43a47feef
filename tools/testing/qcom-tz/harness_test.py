# SPDX-License-Identifier: GPL-2.0
"""Self-test of the harness: every check of scripts/check.py, e2e.py and
the guest's ktap.sh that decides a result is fed a good and a broken input
here, and must tell them apart. Run by the host stage of make check (or
"python3 -m unittest -v harness_test" from this directory, with
scripts/ on PYTHONPATH)."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
sys.path.insert(0, HERE)
import check  # noqa: E402
import e2e  # noqa: E402
import tzboot  # noqa: E402


def fake_boot(name="t", console="", secure="", folder="/nonexistent"):
    b = tzboot.Boot(name, folder)
    b.console = console
    b.secure = secure
    b.earlier = {}
    return b


def sh(script, *args):
    """Run a shell snippet with the guest's ktap.sh sourced; (rc, out)."""
    r = subprocess.run(["sh", "-c", ". %s/initramfs/ktap.sh; %s" %
                        (HERE, script), "sh"] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return r.returncode, r.stdout


class HostStage(unittest.TestCase):
    def test_skip_is_not_a_pass(self):
        got = check.ktap_results("ok 1 a\nnot ok 2 b\n"
                                 "ok 3 c # SKIP no image\n")
        self.assertEqual([(n, ok) for n, ok, _ in got],
                         [("a", True), ("b", False), ("c", None)])


class KUnitStage(unittest.TestCase):
    SUITE = """# test kunit
    KTAP version 1
    1..1
        KTAP version 1
        # Subtest: s1
        1..2
        ok 1 case_a
            KTAP version 1
            # Subtest: case_b
            ok 1 p0
            not ok 2 p1
        not ok 2 case_b
    not ok 1 s1
    not ok 1 s1
not ok 1 kunit
"""

    def test_cases_are_counted_with_parameters(self):
        got = check.kunit_cases(fake_boot(console=self.SUITE))
        self.assertEqual(got, [("s1/case_a", True), ("s1/case_b/p0", True),
                               ("s1/case_b/p1", False),
                               ("s1/case_b", False)])

    def test_missing_or_failed_suite_fails(self):
        want = e2e.tree_suites()
        self.assertIn("mtd-gptpart", want)
        good = "# test kunit\n" + "".join(
            f"    ok {i} {n}\n" for i, n in enumerate(sorted(want), 1)) + \
            "ok 1 kunit\n"
        self.assertTrue(e2e.every_suite_passed(fake_boot(console=good)))
        missing = good.replace(" mtd-gptpart\n", " other\n")
        self.assertFalse(e2e.every_suite_passed(fake_boot(console=missing)))
        failed = good.replace("    ok 1 ", "    not ok 1 ", 1)
        self.assertFalse(e2e.every_suite_passed(fake_boot(console=failed)))
        self.assertFalse(e2e.every_suite_passed(fake_boot(console="")))

    def results(self, cases, top="ok 1 s1"):
        f = tempfile.NamedTemporaryFile("w", delete=False)
        f.write("KTAP version 1\n1..1\n    KTAP version 1\n"
                "    # Subtest: s1\n    1..2\n" + cases + top + "\n")
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_kunit_passed(self):
        ok = self.results("    ok 1 a\n    ok 2 b # SKIP no\n")
        self.assertEqual(sh('kunit_passed "$1" s1', ok)[0], 0)
        skipped = self.results("    ok 1 a # SKIP x\n    ok 2 b # SKIP y\n")
        self.assertNotEqual(sh('kunit_passed "$1" s1', skipped)[0], 0)
        failed = self.results("    ok 1 a\n    not ok 2 b\n",
                              top="not ok 1 s1")
        self.assertNotEqual(sh('kunit_passed "$1" s1', failed)[0], 0)
        other = self.results("    ok 1 a\n", top="ok 1 s2")
        self.assertNotEqual(sh('kunit_passed "$1" s1', other)[0], 0)


class E2EChecks(unittest.TestCase):
    def test_same_diags_needs_its_partner(self):
        check_fn = e2e.same_diags("k", "partner", count=1)
        b = fake_boot(console="    # k v\n")
        self.assertFalse(check_fn(b))
        b.earlier = {"partner": fake_boot(console="    # k v\n")}
        self.assertTrue(check_fn(b))
        b.earlier = {"partner": fake_boot(console="    # k w\n")}
        self.assertFalse(check_fn(b))

    def test_partner_boot_is_selected(self):
        class A:
            boot = ["storage-persist"]
        names = [b.name for b in check.selected_boots(A, e2e.BOOTS)]
        self.assertEqual(names, ["storage-rw", "storage-persist"])

    CREATE = ("tzsim: scm #1 cpu0 fid=0x42000c1e MP.SHM_BRIDGE_CREATE smc64 "
              "yield arginfo=0x4 args=(%#x,%#x,%#x,0x3) -> 0 "
              "res=(0x0,0x5b00000000,0x0)\n")
    INIT = ("tzsim: scm #2 cpu0 fid=0x42000201 PIL.INIT_IMAGE smc64 yield "
            "arginfo=0x82 args=(0x1,%#x) -> 0 res=(0x0,0x0,0x0)\n")

    def test_el1_pas_memory_check(self):
        pool = self.CREATE % (0x42bb6006, 0x42bb6006, 0x4200)
        good = pool + self.INIT % 0x50000000
        self.assertTrue(e2e.pas_memory_unbridged(fake_boot(secure=good)))
        meta_bridged = pool + self.INIT % 0x42bb7000
        self.assertFalse(e2e.pas_memory_unbridged(
            fake_boot(secure=meta_bridged)))
        carveout = good + self.CREATE % (0x86700006, 0x86700006, 0x201200)
        self.assertFalse(e2e.pas_memory_unbridged(fake_boot(secure=carveout)))
        self.assertFalse(e2e.pas_memory_unbridged(fake_boot(secure=pool)))

    def test_unasked_refusal_fails(self):
        spec = e2e.Boot("t", [], refusals=[r"ECHO source"])
        line = ("tzsim: scm: refused extra-args buffer 0x1+0x38: outside "
                "any SHM bridge\n")
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=line)), [line.strip()])
        asked = "tzsim: scm: refused ECHO source 0x1+0x100: outside\n"
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=asked)), [])
        planned = "tzsim: scm #3 ... -> -1 res=(0x0) [fault plan] failed\n"
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=planned)), [])
        status = ("tzsim: scm #5 cpu0 fid=0x42000201 PIL.INIT_IMAGE smc64 "
                  "yield arginfo=0x82 args=(0x1,0x2) -> -1 res=(0x0,0x0,0x0)")
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=status + "\n")), [status])
        probe = ("tzsim: scm #2 cpu1 fid=0x72000602 QTEE.INVOKE smc64 yield "
                 "arginfo=0x224 args=(0x0,0x0,0x0,0x0) -> -3 res=(0x0,0x0,0x0)")
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=probe + "\n")), [])
        counter = "tzsim: counter pas refused=0 bridge_leaks=0\n"
        self.assertEqual(e2e.unasked_sim_errors(
            spec, fake_boot(secure=counter)), [])

    def test_dumped_kernel_log_must_be_whole(self):
        d = tempfile.mkdtemp()
        fw = os.path.join(d, "firmware", "qcom", "qcs6490")
        os.makedirs(fw)
        os.makedirs(os.path.join(d, "boots", "t"))
        with open(os.path.join(fw, "manifest.tsv"), "w") as f:
            f.write("x.mbn\tadsp\t1\tmbn\tfails\tauth\t-\t"
                    "error -5 initializing firmware x.mbn\n")
        b = fake_boot(folder=os.path.join(d, "boots", "t"), console=(
            "---- dmesg ----\n[ 1.0] remoteproc: error -5 initializing "
            "firmware qcom/qcs6490/x.mbn\n---- end of dmesg ----\n"))
        self.assertTrue(e2e.manifest_kernel_logs(b))
        b.console = "---- dmesg ----\n---- end of dmesg ----\n"
        self.assertFalse(e2e.manifest_kernel_logs(b))

    def test_hangs_are_splats(self):
        for line in ("INFO: task sh:71 blocked for more than 120 seconds.",
                     "watchdog: BUG: soft lockup - CPU#1 stuck for 22s!"):
            self.assertIsNotNone(tzboot.SPLAT.search(line), line)

    def test_ordinary_boots_filter_kunit_out(self):
        self.assertIn("kunit.filter_glob=", tzboot.NO_BOOT_SUITES)


class StorageBench(unittest.TestCase):
    def test_failed_operation_fails_and_has_no_time(self):
        path = os.path.join(HERE, "tests", "storage_bench.sh")
        with open(path) as f:
            text = f.read()
        timed = text[text.index("ms() {"):text.index("ktap_plan")]
        rc, out = sh(timed + 'timed "erase 8 MiB" false; '
                     'timed "read 8 MiB" true')
        self.assertIn("not ok 1 erase 8 MiB", out)
        self.assertNotIn("bench-erase-ms", out)
        self.assertIn("ok 2 read 8 MiB", out)
        self.assertIn("bench-read-ms", out)


def all_tests(suite=None):
    """Every test case of this module, flattened."""
    if suite is None:
        suite = unittest.defaultTestLoader.loadTestsFromModule(
            sys.modules[__name__])
    out = []
    for t in suite:
        out += all_tests(t) if isinstance(t, unittest.TestSuite) else [t]
    return out


if __name__ == "__main__":
    unittest.main()
