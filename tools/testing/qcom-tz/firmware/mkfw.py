#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Make the simulated board's signed remote processor images.

    mkfw.py --out DIR [--key PEM] [--soc SOC.C]
    mkfw.py --list [--soc SOC.C]

For each remote of the simulated SoC (adsp, cdsp, modem, wpss; pas ids and
carveouts read from tools/testing/tzsim/plat/qemu-virt/soc.c) it writes the
image in both forms Linux's mdt_loader takes:

    <name>.mbn                 one file
    <name>.mdt + <name>.bNN    split: the .mdt is the ELF and program headers
                               followed by the hash segment; .bNN is segment
                               NN (two digits) of the .mbn, for every segment
                               with file data (b00 headers, b01 hash segment)

and broken variants (named <remote>-<what>.mbn/.mdt) for the error paths.
DIR/manifest.tsv lists every image with what Linux and the simulator do with
it; --list prints the same manifest without writing anything. The output is
deterministic: the same bytes on every run (segment contents are SHAKE-256
streams, PKCS#1 v1.5 signatures have no randomness).

Two wpss images have metadata near the 256 KiB limit of Linux's SCM tzmem
pool (where the use_tzmem path copies it; the simulator has the same
limit, PAS_META_MAX): wpss-meta192k.mbn (just under 192 KiB, boots) and
wpss-meta300k.mbn (just over 300 KiB, refused). Both are wpss.mbn plus
thousands of program headers that are never loaded (PT_NULL, p_filesz and
p_memsz 0; each adds 32 bytes of program header and 32 of hash table);
their exact metadata sizes are in the manifest ("# metadata" lines) and in
the summary line.

Image layout (ELF32, little endian, e_machine QDSP6):
    phdr 0   PT_NULL, p_flags 0x07000000 (Qualcomm segment type "PHDR"),
             offset 0, covers the ELF header and the program headers
    phdr 1   the hash segment: PT_NULL, p_flags 0x02000000, at offset
             0x1000 of the .mbn (or the first 4 KiB boundary after the
             program headers, if they are longer)
    phdr 2.. PT_LOAD segments, 4 KiB aligned in the file and in memory,
             pseudo-random content, some with p_memsz > p_filesz (bss);
             p_flags has 0x08000000 (relocatable) except for the modem,
             which is linked at fixed addresses inside its carveout. The
             relocatable ones are linked at another board's addresses, so
             the relocation really moves them.
    then     (the -meta images only) PT_NULL program headers with
             everything 0, after the PT_LOAD ones: mdt_loader neither
             loads nor counts them, but they are part of the metadata.

Hash segment (the simulator's format, see tools/testing/tzsim/include/
tzsim/pas.h): a 40-byte header (magic "TZSH", version 1, header size 40,
sw_id = pas id, hash algo 1 = SHA-256, number of hashes = e_phnum, hash
size 32, signature algo 1 = RSA-2048 PKCS#1 v1.5 SHA-256, signature size
256, reserved 0; all u32 little endian), one SHA-256 per program header
(entry 0: the ELF header + program headers, i.e. the first phdr0.p_filesz
bytes; the hash segment's own entry: zeros; other segments: their p_filesz
file bytes), then the signature over header + table, made with the test key
(keys/board-test-rsa2048.pem) by the openssl command line tool.

Needs python3 (stdlib only) and openssl.
"""

import argparse
import hashlib
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_KEY = os.path.join(HERE, "keys", "board-test-rsa2048.pem")
DEFAULT_SOC = os.path.join(HERE, "..", "..", "tzsim", "plat", "qemu-virt",
                           "soc.c")

EHDR_SIZE = 52
PHDR_SIZE = 32
PT_NULL, PT_LOAD = 0, 1
PF_X, PF_W, PF_R = 1, 2, 4
TYPE_HASH = 0x02000000
TYPE_PHDR = 0x07000000
RELOCATABLE = 0x08000000
EM_QDSP6 = 164
PAGE = 0x1000
HASH_OFFSET = 0x1000

HASH_MAGIC = 0x48535A54         # "TZSH"
HASH_HDR_SIZE = 40
SIG_SIZE = 256
PN_XNUM = 0xffff                # e_phnum from which ELF counts elsewhere
SCM_POOL_SIZE = 256 * 1024      # Linux's SCM tzmem pool, PAS_META_MAX

# Where each remote is linked, and what it is made of: (kind, p_filesz,
# p_memsz). The relocatable ones use the qcs6490-rb3gen2 carveouts (another
# board's memory map); the modem is fixed, at the base of its carveout.
LINK_BASE = {"adsp": 0x86100000, "cdsp": 0x88900000, "modem": None,
             "wpss": 0x84800000}
SEGMENTS = {
    "adsp": [("text", 0x4f000, 0x4f000), ("rodata", 0x17a40, 0x18000),
             ("data", 0xc000, 0x10000), ("bss", 0, 0x20000)],
    "cdsp": [("text", 0x30000, 0x30000), ("rodata", 0xfe20, 0x10000),
             ("data", 0x6000, 0x8000)],
    "modem": [("text", 0x100000, 0x100000), ("rodata", 0x40000, 0x40000),
              ("data", 0x20000, 0x30000), ("bss", 0, 0x80000),
              ("shared", 0x5000, 0x5000)],
    "wpss": [("text", 0x18000, 0x18000), ("data", 0x3c40, 0x5000)],
}
FLAGS = {"text": PF_R | PF_X, "rodata": PF_R, "data": PF_R | PF_W,
         "bss": PF_R | PF_W, "shared": PF_R | PF_W}


def align(x, a=PAGE):
    return (x + a - 1) // a * a


def read_soc(path):
    """The remotes of soc.c: [(name, pas_id, mem_base, mem_size)]."""
    text = open(path).read()
    remotes = []
    for block in re.findall(r"\{([^{}]*\.name\s*=[^{}]*)\}", text):
        f = dict(re.findall(r"\.(\w+)\s*=\s*(\"\w+\"|0x[0-9a-fA-F]+|\d+)",
                            block))
        try:
            remotes.append((f["name"].strip('"'), int(f["pas_id"], 0),
                            int(f["mem_base"], 0), int(f["mem_size"], 0)))
        except KeyError as e:
            sys.exit("mkfw.py: %s: remote without %s" % (path, e))
    if not remotes:
        sys.exit("mkfw.py: no remotes found in " + path)
    return remotes


def stream(label, n):
    """n deterministic pseudo-random bytes."""
    return hashlib.shake_256(b"qcom-tz mkfw " + label.encode()).digest(n)


class Image:
    """An ELF image in .mbn layout: headers, hash segment, segments."""

    def __init__(self, name, pas_id, base, relocatable, segs, nulls=0):
        self.name = name
        self.pas_id = pas_id
        self.relocatable = relocatable
        n = 2 + len(segs) + nulls
        if n >= PN_XNUM:
            sys.exit("mkfw.py: %s: %d program headers, e_phnum must stay "
                     "below 0x%x" % (name, n, PN_XNUM))
        self.phdrs = []         # [type, offset, vaddr, paddr, filesz,
        self.data = []          #  memsz, flags, align], file bytes
        hdrs_size = EHDR_SIZE + PHDR_SIZE * n
        hash_size = HASH_HDR_SIZE + 32 * n + SIG_SIZE
        hash_offset = max(HASH_OFFSET, align(hdrs_size))
        self.phdrs.append([PT_NULL, 0, 0, 0, hdrs_size, 0, TYPE_PHDR, 0])
        self.data.append(b"")
        self.phdrs.append([PT_NULL, hash_offset, 0, 0, hash_size,
                           align(hash_size), TYPE_HASH, PAGE])
        self.data.append(b"")
        off = align(hash_offset + hash_size)
        addr = base
        for i, (kind, filesz, memsz) in enumerate(segs):
            flags = FLAGS[kind] | (RELOCATABLE if relocatable else 0)
            self.phdrs.append([PT_LOAD, off if filesz else 0, addr, addr,
                               filesz, memsz, flags, PAGE])
            self.data.append(stream("%s/%d/%s" % (name, i + 2, kind),
                                    filesz))
            off = align(off + filesz)
            addr = align(addr + memsz)
        # Never loaded (mdt_phdr_valid() is false), hashed as any other
        # segment: SHA-256 of their p_filesz (0) bytes.
        for _ in range(nulls):
            self.phdrs.append([PT_NULL, 0, 0, 0, 0, 0, 0, 0])
            self.data.append(b"")
        self.entry = base

    def headers(self):
        n = len(self.phdrs)
        ident = b"\x7fELF" + bytes([1, 1, 1, 0]) + bytes(8)
        eh = ident + struct.pack("<HHIIIIIHHHHHH", 2, EM_QDSP6, 1,
                                 self.entry, EHDR_SIZE, 0, 0, EHDR_SIZE,
                                 PHDR_SIZE, n, 0, 0, 0)
        return eh + b"".join(struct.pack("<8I", *p) for p in self.phdrs)

    def hash_table(self):
        hdrs = self.headers()
        table = [hashlib.sha256(hdrs).digest()]
        for i in range(1, len(self.phdrs)):
            if i == 1:
                table.append(bytes(32))
            else:
                table.append(hashlib.sha256(self.data[i]).digest())
        return b"".join(table)

    def sign(self, key, sw_id=None):
        """(Re)make the hash segment, signed with key."""
        n = len(self.phdrs)
        hdr = struct.pack("<10I", HASH_MAGIC, 1, HASH_HDR_SIZE,
                          self.pas_id if sw_id is None else sw_id, 1, n, 32,
                          1, SIG_SIZE, 0)
        signed = hdr + self.hash_table()
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key],
                             input=signed, capture_output=True,
                             check=True).stdout
        if len(sig) != SIG_SIZE:
            sys.exit("mkfw.py: openssl gave a %d-byte signature" % len(sig))
        self.data[1] = signed + sig
        self.phdrs[1][4] = len(self.data[1])

    def mbn(self):
        out = bytearray(self.headers())
        for p, d in zip(self.phdrs[1:], self.data[1:]):
            if not d:
                continue
            out += bytes(p[1] - len(out))
            out += d
        return bytes(out)

    def mdt(self):
        return self.headers() + self.data[1]

    def metadata_size(self):
        """Bytes of the INIT_IMAGE blob: phdr0.p_filesz + hash p_filesz."""
        return self.phdrs[0][4] + self.phdrs[1][4]

    def split(self):
        """{NN: bytes} of the .bNN files."""
        files = {0: self.headers()}
        for i, d in enumerate(self.data):
            if i and d:
                files[i] = d
        return files

    def loadable(self):
        return [i for i, p in enumerate(self.phdrs)
                if p[0] == PT_LOAD and p[5] and
                (p[6] & 0x07000000) != TYPE_HASH]

    def min_addr(self):
        return min(self.phdrs[i][3] for i in self.loadable())

    def span(self):
        """max_addr - min_addr, as qcom_mdt_pas_init() computes them."""
        top = 0
        for i in self.loadable():
            end = self.phdrs[i][3] + self.phdrs[i][5]
            if end > top:
                top = align(end)
        return top - self.min_addr()

    def load_addr(self, i, mem_base):
        """Where Linux puts segment i in a carveout at mem_base."""
        if self.relocatable:
            return mem_base + self.phdrs[i][3] - self.min_addr()
        return self.phdrs[i][3]

    def loaded(self):
        """(number, bytes) of the segments the simulator hashes."""
        segs = self.loadable()
        return len(segs), sum(self.phdrs[i][4] for i in segs)


def make(remotes, key):
    """[(filename, bytes)], the manifest rows, and [(filename, Image)] of
    the images whose metadata size the manifest notes."""
    files, rows, notes = [], [], []
    by_name = {r[0]: r for r in remotes}

    def image(name, extra=None, pas_id=None, nulls=0):
        rname, rid, mem_base, mem_size = by_name[name]
        base = LINK_BASE.get(rname) or mem_base
        segs = list(SEGMENTS[rname]) + (extra or [])
        return Image(rname, rid if pas_id is None else pas_id, base,
                     LINK_BASE.get(rname) is not None, segs, nulls)

    def row(fname, rname, form, stage, sim_log, kernel_log):
        rid = by_name[rname][1]
        rows.append((fname, rname, str(rid), form,
                     "boots" if stage == "-" else "fails", stage,
                     sim_log or "-", kernel_log or "-"))

    def add_split(base, img, drop=None, cut=None):
        files.append((base + ".mdt", img.mdt()))
        for nn, d in img.split().items():
            if nn == drop:
                continue
            if nn == cut:
                d = d[:len(d) - PAGE]
            files.append(("%s.b%02d" % (base, nn), d))

    # The good images.
    for rname, _, _, _ in remotes:
        if rname not in SEGMENTS:
            sys.exit("mkfw.py: no segment plan for remote " + rname)
        img = image(rname)
        img.sign(key)
        nseg, nbytes = img.loaded()
        ok = "pas: %s: authenticated %d segments (%d bytes)" % (rname, nseg,
                                                                 nbytes)
        files.append((rname + ".mbn", img.mbn()))
        row(rname + ".mbn", rname, "mbn", "-", ok, None)
        add_split(rname, img)
        row(rname + ".mdt", rname, "split", "-", ok, None)

    # Broken variants, adsp unless the point needs another remote.
    def bad(fname, img, stage, sim_log, kernel_log):
        files.append((fname, img.mbn()))
        row(fname, img.name, "mbn", stage, sim_log, kernel_log)

    img = image("adsp")
    img.sign(key)
    sig = bytearray(img.data[1])
    sig[-7] ^= 0x40
    img.data[1] = bytes(sig)
    bad("adsp-badsig.mbn", img, "init_image",
        "pas: adsp: INIT_IMAGE: signature does not verify",
        "error -5 initializing firmware adsp-badsig.mbn")

    img = image("adsp")
    img.sign(key)
    img.phdrs[4][5] += PAGE     # p_memsz of segment 4, after signing
    bad("adsp-badhdr.mbn", img, "init_image",
        "pas: adsp: INIT_IMAGE: ELF header and program headers do not "
        "match their signed hash",
        "error -5 initializing firmware adsp-badhdr.mbn")

    img = image("adsp", pas_id=by_name["cdsp"][1])
    img.sign(key)
    bad("adsp-otherid.mbn", img, "init_image",
        "pas: adsp: INIT_IMAGE: image is signed for pas id %d, not %d"
        % (by_name["cdsp"][1], by_name["adsp"][1]),
        "error -5 initializing firmware adsp-otherid.mbn")

    img = image("adsp")
    img.sign(key)
    seg = bytearray(img.data[3])
    seg[len(seg) // 2] ^= 0x01
    img.data[3] = bytes(seg)
    bad("adsp-tampered.mbn", img, "auth",
        "pas: adsp: AUTH_AND_RESET: segment 3 at 0x%x+0x%x does not match "
        "its signed hash" % (img.load_addr(3, by_name["adsp"][2]),
                             img.phdrs[3][4]),
        "failed to authenticate image and release reset")

    # A segment linked one carveout size past the first: the image spans
    # more than the carveout, so MEM_SETUP(carveout, span) is refused.
    _, _, mbase, msize = by_name["adsp"]
    img = image("adsp", extra=[("data", 0x3000, 0x3000)])
    img.phdrs[-1][2] = img.phdrs[-1][3] = img.entry + msize
    img.sign(key)
    bad("adsp-outside.mbn", img, "mem_setup",
        "pas: adsp: MEM_SETUP: 0x%x+0x%x is not inside the carveout "
        "0x%x+0x%x" % (mbase, img.span(), mbase, msize),
        "error -22 setting up firmware adsp-outside.mbn")

    # Fixed addresses, a segment just past the end of the carveout: Linux
    # refuses to load it after INIT_IMAGE (no MEM_SETUP: not relocatable).
    _, _, mbase, msize = by_name["modem"]
    img = image("modem", extra=[("data", 0x2000, 0x2000)])
    img.phdrs[-1][2] = img.phdrs[-1][3] = mbase + msize
    img.sign(key)
    bad("modem-outside.mbn", img, "load",
        "pas: modem: INIT_IMAGE: accepted", "segment outside memory range")

    # Cut in the middle of the last segment: to mdt_loader a file too
    # short for its segments is a split image, so it asks for .bNN files.
    relocated = "pas: adsp: MEM_SETUP: image relocated to"
    img = image("adsp")
    img.sign(key)
    data = img.mbn()
    files.append(("adsp-trunc.mbn", data[:len(data) - 0x2345]))
    row("adsp-trunc.mbn", "adsp", "mbn", "load", relocated,
        "error -2 loading adsp-trunc.b02")

    img = image("adsp")
    img.sign(key)
    add_split("adsp-noseg", img, drop=3)
    row("adsp-noseg.mdt", "adsp", "split", "load", relocated,
        "error -2 loading adsp-noseg.b03")

    add_split("adsp-truncseg", img, cut=3)
    row("adsp-truncseg.mdt", "adsp", "split", "load", relocated,
        "failed to load segment 3 from truncated file adsp-truncseg.b03")

    # e_phnum = 1 (everything else as in adsp.mbn): Linux refuses it before
    # any SCM call; the simulator would too ("1 program headers").
    img = image("adsp")
    img.sign(key)
    data = bytearray(img.mbn())
    struct.pack_into("<H", data, 44, 1)
    files.append(("adsp-onephdr.mbn", bytes(data)))
    row("adsp-onephdr.mbn", "adsp", "mbn", "kernel", None,
        "error -22 reading firmware adsp-onephdr.mbn metadata")

    # No segment of hash type: Linux refuses it before any SCM call.
    img = image("adsp")
    img.sign(key)
    img.phdrs[1][6] = 0
    bad("adsp-nohash.mbn", img, "kernel", None,
        "no hash segment found in adsp-nohash.mbn")

    # Metadata near the 256 KiB of Linux's SCM tzmem pool: wpss plus
    # PT_NULL program headers (64 bytes of metadata each), up to just under
    # 192 KiB (fits, boots) and just over 300 KiB (does not fit). The
    # latter is refused before any SCM call at EL2 (qcom_tzmem_alloc()
    # fails: "no room for <n> bytes of PAS metadata in the SCM memory
    # pool", error -12) and by the simulator at INIT_IMAGE at EL1 (its
    # limit is the pool's size; error -22): no secure log line common to
    # both, the kernel's "error <errno> initializing firmware" is.
    def near_limit(target, over):
        small = image("wpss").metadata_size()
        nulls = (target - small + (63 if over else 0)) // 64
        img = image("wpss", nulls=nulls)
        img.sign(key)
        size = img.metadata_size()
        if (size >= target if over else size <= target) and \
           (size > SCM_POOL_SIZE) == over:
            return img
        sys.exit("mkfw.py: %d bytes of metadata for a %d-byte target"
                 % (size, target))

    img = near_limit(192 * 1024, False)
    nseg, nbytes = img.loaded()
    files.append(("wpss-meta192k.mbn", img.mbn()))
    row("wpss-meta192k.mbn", "wpss", "mbn", "-",
        "pas: wpss: authenticated %d segments (%d bytes)" % (nseg, nbytes),
        None)
    notes.append(("wpss-meta192k.mbn", img))

    img = near_limit(300 * 1024, True)
    bad("wpss-meta300k.mbn", img, "meta", None,
        "initializing firmware wpss-meta300k.mbn")
    notes.append(("wpss-meta300k.mbn", img))
    return files, rows, notes


MANIFEST_HEAD = """\
# Images made by mkfw.py, one per line, tab separated:
#   file     the name to give the remoteproc (firmware-name or sysfs)
#   remote   rproc name; pas_id  its PAS id
#   form     mbn (one file) or split (.mdt + .bNN)
#   result   boots or fails
#   stage    where it fails: kernel (Linux refuses it, no SCM call),
#            init_image / mem_setup / auth (the simulator refuses that
#            SCM call), load (Linux refuses while copying the segments,
#            after INIT_IMAGE and, if relocatable, MEM_SETUP), meta (the
#            metadata is larger than Linux's 256 KiB SCM tzmem pool: at
#            EL2 Linux refuses it with ENOMEM before any SCM call, at EL1
#            the simulator refuses it at INIT_IMAGE); - if it boots
#   sim_log  a substring of a secure log line to expect ("-": none)
#   kernel_log  a substring of the kernel log line to expect ("-": none);
#            the kernel prints file names with the directory they were
#            given with (firmware-name, sysfs), which is not shown here
# After the images, "# metadata" lines (tab separated: "# metadata", file,
# bytes of INIT_IMAGE metadata = phdr0.p_filesz + hash segment p_filesz,
# those two, e_phnum) for the images whose metadata size is the point.
# file\tremote\tpas_id\tform\tresult\tstage\tsim_log\tkernel_log
"""


def manifest(rows, notes):
    return (MANIFEST_HEAD + "".join("\t".join(r) + "\n" for r in rows) +
            "".join("# metadata\t%s\t%d\t%d\t%d\t%d\n" %
                    (f, img.metadata_size(), img.phdrs[0][4],
                     img.phdrs[1][4], len(img.phdrs)) for f, img in notes))


def write(path, data):
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--key", default=DEFAULT_KEY, help="signing key (PEM)")
    ap.add_argument("--soc", default=DEFAULT_SOC,
                    help="the simulator's soc.c (remotes, carveouts)")
    ap.add_argument("--list", action="store_true",
                    help="print the manifest, write nothing")
    a = ap.parse_args()
    if not a.out and not a.list:
        ap.error("--out DIR or --list")
    files, rows, notes = make(read_soc(a.soc), a.key)
    if a.list:
        sys.stdout.write(manifest(rows, notes))
        return
    os.makedirs(a.out, exist_ok=True)
    for name, data in files:
        write(os.path.join(a.out, name), data)
    write(os.path.join(a.out, "manifest.tsv"),
          manifest(rows, notes).encode())
    print("mkfw: %d images (%d files) in %s; metadata: %s" %
          (len(rows), len(files) + 1, a.out,
           ", ".join("%s %d bytes" % (f, img.metadata_size())
                     for f, img in notes)))


if __name__ == "__main__":
    main()
