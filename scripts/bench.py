#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: measurements, not tests (numbers depend on the host: QEMU
emulates the CPU, and the simulator has no latency model).

- storage: sequential erase, write and read of 8 MiB on the simulated
  board's SPI-NOR, with the SCM calls the simulator counted, against a
  plain in-guest memory copy of 8 MiB;
- remoteproc: start-to-running time of the modem and wpss in both image
  forms, and the SMCs per start;
- QTEE: invocations per second of a TA with a 4-byte and with a 4 KiB
  output buffer (every one succeeds), and the SMCs per invocation.
Every figure is measured (timed in the guest or counted in the
simulator's log); a boot whose guest tests failed makes bench fail."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tzboot  # noqa: E402

MIB = 1 << 20
SIZE = 8 * MIB


def bench_storage(build):
    image = tzboot.flash_path(build, "bench")
    if os.path.exists(image):
        os.unlink(image)
    b = tzboot.boot(build, "bench", tests=["storage_bench"], flash="bench")
    ok = (all(s == "pass" for _, s in b.results) and not b.splats
          and b.exit_code == 0)
    ms = {k: int((tzboot.diags(b, f"bench-{k}-ms") or ["-1"])[0])
          for k in ("erase", "write", "read", "memcpy")}
    calls, nbytes = {}, {}
    for op, n in re.findall(r"^tzsim: storage: (READ|WRITE|ERASE) lba=\d+ "
                            r"len=(\d+) -> 0", b.secure, re.M):
        calls[op] = calls.get(op, 0) + 1
        nbytes[op] = nbytes.get(op, 0) + int(n)

    def rate(t):
        return f"{SIZE / MIB / (t / 1000):8.1f}" if t > 0 else "     n/a"

    print(f"qcom_scm_storage, 8 MiB sequential, {build}/boots/bench/")
    print(f"{'':10} {'MB/s':>8} {'SCM calls':>10} {'calls/MiB':>10} "
          f"{'bytes/call':>11}")
    # A rate is printed only for an operation the guest saw succeed (the
    # guest prints its time only then).
    for op, key in (("ERASE", "erase"), ("WRITE", "write"), ("READ", "read")):
        c = calls.get(op, 0)
        per_call = nbytes.get(op, 0) // c if c else 0
        print(f"{op.lower():10} {rate(ms[key])} {c:10} "
              f"{c / (SIZE / MIB):10.2f} {per_call:11}")
    print(f"{'memcpy':10} {rate(ms['memcpy'])} {'-':>10} {'-':>10} "
          f"{'-':>11}")
    if not ok:
        print(f"bench boot failed, see {b.folder}")
        return 1
    return 0


RUNS = 10


def fw_size(build, remote, form):
    """Bytes Linux reads for one start: the file(s) of that image form."""
    d = os.path.join(build, "firmware", "qcom", "qcs6490")
    if form == "mbn":
        return os.path.getsize(os.path.join(d, remote + ".mbn"))
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)
               if f.startswith(remote + ".") and f != remote + ".mbn")


PAS_IDS = {"modem": 4, "wpss": 6}


def bench_rproc(build):
    b = tzboot.boot(build, "bench-rproc", el=1, tests=["rproc_bench"])
    ok = (all(s == "pass" for _, s in b.results) and not b.splats
          and b.exit_code == 0)
    print(f"\nremoteproc start/stop (EL1), {RUNS} starts per image, "
          f"{build}/boots/bench-rproc/")
    print(f"{'image':12} {'ms/start':>9} {'SMCs/cycle':>11} {'SCM':>4} "
          f"{'SCMI':>5} {'fw bytes':>9} {'loaded':>8}")
    for remote in ("modem", "wpss"):
        # One cycle = everything the simulator saw from one SHUTDOWN of
        # this remote to the next: power domains on, INIT_IMAGE,
        # MEM_SETUP, AUTH_AND_RESET, power domains off at handover, the
        # stop handshake, SHUTDOWN. The first start of the remote is
        # mixed with the rest of the boot, so cycles 2..RUNS of the .mbn
        # and 1..RUNS of the .mdt (which follow) are used.
        parts = re.split(rf"^tzsim: scm #\d+ .*PIL\.SHUTDOWN .*"
                         rf"args=\({PAS_IDS[remote]:#x}\).*$", b.secure,
                         flags=re.M)
        cycles = {"mbn": parts[1:RUNS], "mdt": parts[RUNS:2 * RUNS]}
        for form in ("mbn", "mdt"):
            t = int((tzboot.diags(b, f"bench-{remote}-{form}-ms") or
                     ["-1"])[0])
            scm = scmi = loaded = 0
            for c in cycles[form]:
                scm += 1 + len(re.findall(r"^tzsim: scm #\d+", c, re.M))
                scmi += len(re.findall(r"^tzsim: scmi #\d+", c, re.M))
                m = re.search(r"authenticated \d+ segments \((\d+) bytes",
                              c)
                loaded = int(m.group(1)) if m else loaded
            n = max(len(cycles[form]), 1)
            size = fw_size(build, remote, form)
            print(f"{remote + '.' + form:12} {t / RUNS:9.0f} "
                  f"{(scm + scmi) / n:11.1f} {scm / n:4.0f} {scmi / n:5.0f} "
                  f"{size:9} {loaded:8}")
    print("SMCs/cycle: SCM calls and SCMI power-domain messages (each one "
          "SMC) of a start/stop, counted in the simulator's log")
    if not ok:
        print(f"bench boot failed, see {b.folder}")
        return 1
    return 0


def bench_qtee(build):
    b = tzboot.boot(build, "bench-qtee", tests=["qtee_bench"])
    ok = (all(s == "pass" for _, s in b.results) and not b.splats
          and b.exit_code == 0)
    n = int((tzboot.diags(b, "bench-qtee-invokes") or ["0"])[0])
    print(f"\nQTEE invocations (EL2), {n} per argument size, "
          f"{build}/boots/bench-qtee/")
    print(f"{'argument':10} {'invokes/s':>10} {'SMCs/invoke':>12}")
    # Each timed loop is bracketed by root calls to ops 0xbe00/0xbe01
    # (4-byte output buffer) and 0xbe40/0xbe41 (4 KiB output buffer).
    for name, key, start, end in (("4 B", "0b", "0xbe00", "0xbe01"),
                                  ("4 KiB", "4k", "0xbe40", "0xbe41")):
        m = re.search(rf"root op={start} [^\n]*\n(.*?)^[^\n]*root op={end} ",
                      b.secure, re.M | re.S)
        # Every SMC between the markers: the invocations and the SHM
        # bridges of their message buffers (the markers' own: -1).
        smcs = len(re.findall(r"^tzsim: scm #\d+ ", m.group(1),
                              re.M)) - 1 if m else 0
        per_s = (tzboot.diags(b, f"bench-qtee-{key}-per-s") or ["n/a"])[0]
        print(f"{name:10} {per_s:>10} {smcs / max(n, 1):12.2f}")
    if not ok:
        print(f"bench boot failed, see {b.folder}")
        return 1
    return 0


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    return bench_storage(build) | bench_rproc(build) | bench_qtee(build)


if __name__ == "__main__":
    sys.exit(main())
