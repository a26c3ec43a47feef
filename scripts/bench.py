#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: sequential erase, write and read of 8 MiB on the simulated
board's SPI-NOR, with the SCM calls the simulator counted, against a plain
in-guest memory copy of 8 MiB. A measurement, not a test: numbers depend on
the host (QEMU emulates the CPU) and the simulator has no latency model."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tzboot  # noqa: E402

MIB = 1 << 20
SIZE = 8 * MIB


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
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
          f"{'bytes/call':>11} {'copies/byte':>12}")
    # The driver copies each byte once, between its tzmem buffer and the
    # caller (and mtdchar once more, between user space and the kernel).
    for op, key, copies in (("ERASE", "erase", "0"), ("WRITE", "write", "1"),
                            ("READ", "read", "1")):
        c = calls.get(op, 0)
        per_call = nbytes.get(op, 0) // c if c else 0
        # The read of the whole run includes nothing but the 8 MiB.
        print(f"{op.lower():10} {rate(ms[key])} {c:10} "
              f"{c / (SIZE / MIB):10.2f} {per_call:11} {copies:>12}")
    print(f"{'memcpy':10} {rate(ms['memcpy'])} {'-':>10} {'-':>10} "
          f"{'-':>11} {'baseline':>12}")
    print("driver copies per byte delivered: 1 (tzmem buffer <-> caller); "
          "erase moves no data")
    if not ok:
        print(f"bench boot failed, see {b.folder}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
