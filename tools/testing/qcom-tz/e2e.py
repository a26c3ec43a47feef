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
import re


class Boot:
    def __init__(self, name, tests, el=2, faults="", checks=(), end="poweroff"):
        self.name = name
        self.end = end
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


CALL_AVAIL_PROBE = (r"fid=0xc2000601 INFO\.IS_CALL_AVAIL smc64 fast "
                    r"arginfo=0x1 args=\(0x2000601\) -> 0 res=\(0x1,")
ENABLE = r"fid=0x42000c1c MP\.SHM_BRIDGE_ENABLE smc64 yield .*"
CREATE = r"fid=0x42000c1e MP\.SHM_BRIDGE_CREATE smc64 yield .*"

BOOTS = [
    Boot("scm-el2", ["scm_probe", "psci", "tzsim_rig"], checks=[
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
    # Linux at EL1 (the hypervisor-present case); ends with a reset.
    Boot("scm-el1", ["scm_probe", "psci"], el=1, end="reboot", checks=[
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
]
