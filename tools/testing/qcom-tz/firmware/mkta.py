#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Make TA images for the simulated QTEE's AppLoader.

    mkta.py --out DIR
    mkta.py --list

Writes DIR/smcinvoke_skeleton_ta64.mbn, a valid image (the name quic-teec's
`qcomteetest -l DIR 0|1 0` loads), variants that are valid too, broken
variants that break exactly one rule each, and DIR/manifest.tsv:

    <file> TAB ok|refused TAB <the simulator's reason, or "-">

--list prints the manifest without writing anything. The output is
deterministic: the same bytes on every run.

What tzsim calls a valid image (include/tzsim/qtee_obj.h, services/qtee_ta.c):
an ELF64 little-endian header (EI_VERSION 1), e_type ET_EXEC or ET_DYN,
e_machine AArch64 (0xb7), e_version 1, e_ehsize 64, e_phentsize 56, 1..64
program headers inside the image and its first 4 KiB, every segment's file
bytes inside the image, PT_LOAD with p_filesz <= p_memsz and no address
overflow, at least one PT_LOAD with p_memsz > 0, loadable span (lowest
p_vaddr to highest p_vaddr + p_memsz) at most 256 KiB. No signature check.
Any valid image instantiates the built-in example TA (op 0: saturating add).

The valid image mimics the layout of a signed Qualcomm TA (ET_DYN, a PT_NULL
header segment with p_flags 0x07000000 first) with two PT_LOAD segments:
    phdr 0  PT_NULL, p_flags 0x07000000, the ELF and program headers
    phdr 1  PT_LOAD R+X at file 0x1000, vaddr 0, 64 bytes: AArch64 code of
            add-with-saturation (adds/csinv/ret), then NOPs
    phdr 2  PT_LOAD R+W at file 0x2000, vaddr 0x1000, 32 bytes of data (a
            NUL-padded name), p_memsz 0x100 (bss)
8224 bytes in all. Needs python3 (stdlib only).
"""

import argparse
import os
import struct
import sys

EHDR_SIZE = 64
PHDR_SIZE = 56
PT_NULL, PT_LOAD = 0, 1
ET_REL, ET_EXEC, ET_DYN = 1, 2, 3
EM_AARCH64, EM_X86_64 = 0xB7, 0x3E
PF_X, PF_W, PF_R = 1, 2, 4
QCOM_PHDR_SEGMENT = 0x07000000

VALID_NAME = "smcinvoke_skeleton_ta64.mbn"

# adds w0, w0, w1; csinv w0, w0, wzr, cc; ret; then NOPs to 64 bytes.
TEXT = struct.pack("<3I", 0x2B010000, 0x5A9F3000, 0xD65F03C0)
TEXT += struct.pack("<I", 0xD503201F) * ((64 - len(TEXT)) // 4)
DATA = b"tzsim example TA".ljust(32, b"\0")


def phdr(p_type, flags, offset, vaddr, filesz, memsz, align=0x1000):
    return {"type": p_type, "flags": flags, "offset": offset,
            "vaddr": vaddr, "filesz": filesz, "memsz": memsz,
            "align": align}


def base_spec():
    """The valid image, as fields that the variants change."""
    nph = 3
    return {
        "ident": bytearray(b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)),
        "type": ET_DYN, "machine": EM_AARCH64, "version": 1,
        "ehsize": EHDR_SIZE, "phentsize": PHDR_SIZE, "phoff": EHDR_SIZE,
        "phnum": nph,
        "phdrs": [
            phdr(PT_NULL, QCOM_PHDR_SEGMENT, 0, 0,
                 EHDR_SIZE + nph * PHDR_SIZE, 0, 0),
            phdr(PT_LOAD, PF_R | PF_X, 0x1000, 0, len(TEXT), len(TEXT)),
            phdr(PT_LOAD, PF_R | PF_W, 0x2000, 0x1000, len(DATA), 0x100),
        ],
        "blobs": [(0x1000, TEXT), (0x2000, DATA)],
        "size": 0x2000 + len(DATA),
    }


def build(spec):
    img = bytearray(spec["size"])
    ehdr = bytes(spec["ident"]) + struct.pack(
        "<HHIQQQIHHHHHH", spec["type"], spec["machine"], spec["version"],
        0, spec["phoff"], 0, 0, spec["ehsize"], spec["phentsize"],
        spec["phnum"], 0, 0, 0)
    img[0:EHDR_SIZE] = ehdr
    for i, p in enumerate(spec["phdrs"]):
        raw = struct.pack("<IIQQQQQQ", p["type"], p["flags"], p["offset"],
                          p["vaddr"], p["vaddr"], p["filesz"], p["memsz"],
                          p["align"])
        at = spec["phoff"] + i * PHDR_SIZE
        if at + PHDR_SIZE <= len(img):
            img[at:at + PHDR_SIZE] = raw
    for off, blob in spec["blobs"]:
        end = min(off + len(blob), len(img))
        if off < end:
            img[off:end] = blob[:end - off]
    return bytes(img[:spec["size"]])


def variant(change):
    spec = base_spec()
    change(spec)
    return spec


def set_ident(i, v):
    def f(s):
        s["ident"][i] = v
    return f


def set_field(name, v):
    def f(s):
        s[name] = v
    return f


def set_phdr(i, name, v):
    def f(s):
        s["phdrs"][i][name] = v
    return f


def no_load(s):
    for p in s["phdrs"]:
        p["type"] = PT_NULL


def phdrs_past_4k(s):
    # The program headers move to 4096 - 56: the last ones end past 4 KiB.
    s["phoff"] = 0x1000 - PHDR_SIZE
    s["size"] = 0x3000
    s["phdrs"][1]["offset"] = 0x2000
    s["blobs"] = [(0x2000, TEXT), (0x2800, DATA)]
    s["phdrs"][2]["offset"] = 0x2800


def max_span(s):
    # Exactly QTEE_TA_LOAD_MAX (256 KiB) from vaddr 0 to the end of bss.
    s["phdrs"][2]["memsz"] = 0x40000 - 0x1000


# (file, expect, reason, spec or bytes)
def images():
    valid = base_spec()
    out = [
        (VALID_NAME, "ok", "-", valid),
        ("ta-exec.mbn", "ok", "-", variant(set_field("type", ET_EXEC))),
        ("ta-max-span.mbn", "ok", "-", variant(max_span)),
        ("ta-short.mbn", "refused", "shorter than an ELF64 header",
         build(valid)[:EHDR_SIZE - 1]),
        ("ta-magic.mbn", "refused", "no ELF magic",
         variant(set_ident(1, ord("X")))),
        ("ta-class32.mbn", "refused", "not ELFCLASS64",
         variant(set_ident(4, 1))),
        ("ta-bigendian.mbn", "refused", "not little endian",
         variant(set_ident(5, 2))),
        ("ta-ei-version.mbn", "refused", "bad EI_VERSION",
         variant(set_ident(6, 0))),
        ("ta-rel.mbn", "refused", "not ET_EXEC or ET_DYN",
         variant(set_field("type", ET_REL))),
        ("ta-x86.mbn", "refused", "e_machine is not AArch64",
         variant(set_field("machine", EM_X86_64))),
        ("ta-e-version.mbn", "refused", "bad e_version",
         variant(set_field("version", 0))),
        ("ta-phentsize.mbn", "refused", "bad e_ehsize or e_phentsize",
         variant(set_field("phentsize", 32))),
        ("ta-no-phdrs.mbn", "refused", "no program headers, or too many",
         variant(set_field("phnum", 0))),
        ("ta-phdrs-past-4k.mbn", "refused",
         "program headers past the image or its first 4 KiB",
         variant(phdrs_past_4k)),
        ("ta-truncated.mbn", "refused",
         "segment file bytes past the end of the image",
         build(valid)[:0x2000 + 16]),
        ("ta-filesz.mbn", "refused", "PT_LOAD with p_filesz > p_memsz",
         variant(set_phdr(1, "memsz", len(TEXT) - 8))),
        ("ta-no-load.mbn", "refused", "no loadable segment",
         variant(no_load)),
        ("ta-overflow.mbn", "refused", "PT_LOAD address overflow",
         variant(set_phdr(2, "vaddr", 0xFFFFFFFFFFFFFF80))),
        ("ta-huge.mbn", "refused", "loadable span larger than 256 KiB",
         variant(set_phdr(2, "memsz", 0x40000))),
    ]
    return [(n, e, r, d if isinstance(d, bytes) else build(d))
            for n, e, r, d in out]


def manifest(imgs):
    lines = ["# file\texpect\treason (mkta.py; tzsim services/qtee_ta.c)"]
    lines += ["%s\t%s\t%s" % (n, e, r) for n, e, r, _ in imgs]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--list", action="store_true",
                    help="print the manifest only")
    args = ap.parse_args()
    imgs = images()
    if args.list:
        sys.stdout.write(manifest(imgs))
        return 0
    if not args.out:
        ap.error("--out DIR or --list")
    os.makedirs(args.out, exist_ok=True)
    for name, _, _, data in imgs:
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        f.write(manifest(imgs))
    print("mkta.py: %d images in %s (%s: %d bytes)" %
          (len(imgs), args.out, VALID_NAME, len(imgs[0][3])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
