#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Make the simulated board's default SPI-NOR image (GPT + DPP).

    mknor.py --out FILE [--size BYTES] [--lba 4096|512] [--seed N]
             [--corrupt none|primary-header|primary-array|both]
             [--read-only NAME[,NAME...]] [--manifest FILE]
             [--dpp-only FILE [--dpp-trim]]
    mknor.py --dpp-only FILE [--dpp-trim]
    mknor.py --check FILE [--manifest FILE]
    mknor.py --self-test

Writes the content a Qualcomm boot SPI-NOR has (see
/work/shared/abi/nor-layout.md and mknor.md next to this file): a
protective MBR at LBA 0, a GPT (primary header at LBA 1, entry array at
LBA 2, backup array just before the last LBA, backup header at the last
LBA) describing Qualcomm-style boot partitions (A/B pairs, DPP, ddr,
devinfo, uefivarstore, ...), and a DPP partition holding an "RWFS"
container with the board's provisioning blobs (Wi-Fi MAC, Bluetooth
address, serial number, ...). Bytes nothing is written to are 0xff, as on
erased NOR. The default is 32 MiB of 4096-byte LBAs, what the Radxa Dragon
Q6A's GET_INFO reports (the simulator's flash_blocks=8192,
flash_block_size=4096).

Options:
  --out FILE        the image to write
  --size BYTES      image size (default 33554432); a multiple of the LBA size,
                    big enough for the layout
  --lba 4096|512    logical block size the GPT is written for (default 4096)
  --seed N          the content of every partition but DPP is SHAKE-256 of
                    (seed, name), so tests can check that the neighbours of a
                    partition they write stay byte-identical; the disk GUID
                    and the unique partition GUIDs derive from the seed too.
                    DPP does not depend on the seed.
  --corrupt WHAT    after the CRCs are computed, flip bytes of the primary
                    header (its entry array start LBA), the primary entry
                    array (entry 0's first LBA), or both, so their CRC32
                    checks fail and a reader must use the backup; the
                    backup header and array are never touched
  --read-only NAMES partitions given GPT attribute bit 60 (read-only),
                    default DPP
  --manifest FILE   with --out: write a TSV describing every partition (see
                    mknor.md); with --check: compare the image against it
  --dpp-only FILE   write the DPP partition's bytes alone (KUnit fixtures);
                    --dpp-trim stops at the container's full_length instead
                    of the partition size (the rest is 0xff anyway)
  --check FILE      re-parse an image (or a --dpp-only file) with a reader
                    independent of the writer: probe the LBA size, validate
                    both GPT headers and arrays (CRC32s, fields, entries),
                    parse DPP and its blobs, print a summary; exit status 0
                    if a valid GPT (primary or backup) and a valid DPP were
                    found and the manifest, if given, matches
  --self-test       build images for both LBA sizes and every --corrupt value
                    in memory and check them with the reader

Offsets in the RWFS container are relative to the start of the DPP
partition, except the blob offsets, which are relative to data_start (see
mknor.md). The output is deterministic: same options, same bytes.

Python 3, standard library only.
"""

import argparse
import hashlib
import os
import struct
import sys
import uuid
import zlib

KIB = 1024
MIB = 1024 * KIB
DEFAULT_SIZE = 32 * MIB
ALIGN = 64 * KIB                # partitions start and end on 64 KiB
FIRST_PART = 64 * KIB           # where the first partition starts
ERASED = 0xff

# The board's provisioning data (DPP blobs), canonical order.
WIFI_MAC = "02:4d:a1:3c:7e:52"  # locally administered, unicast
BT_ADDR = "06:19:b2:d4:8f:63"
SERIALNO = b"Q6A2511RDX00042"
PRODUCT = b"Radxa Dragon Q6A"
WLAN_PREFIX = b"\x01\x00\x06"   # the 3 unknown bytes before the MAC
BT_PREFIX = b"\x01\x06"         # the 2 unknown bytes before the address

GPT_REVISION = 0x00010000
GPT_HEADER_SIZE = 92
GPT_ENTRIES = 128
GPT_ENTRY_SIZE = 128
ATTR_READ_ONLY = 1 << 60

BASIC_DATA = "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7"
# Type GUIDs: the simulator's own fixed constants (uuid5 of
# "qcom-tz/mknor/type/<name>" in the URL namespace), not Qualcomm's. A and
# B slots share their type, as on real boards.
TYPE_GUID = {
    "xbl": "c8981aa0-3e58-5dfe-9408-646444d15bb9",
    "xbl_config": "51e3d8a9-1198-58d5-94ba-c301bf3dc5ba",
    "shrm": "14c540ce-6610-5884-88f7-39bceb2533ac",
    "aop": "03854607-7a34-5300-bffc-ee8703996dbe",
    "tz": "787036c9-a0a9-5d27-8f03-c23d5ce551fd",
    "hyp": "c43d6dba-12d3-5b44-8d9b-7386f5519a84",
    "devcfg": "30db8199-8cb8-5035-80fe-107b2de27bff",
    "qupfw": "cc5d0f74-ab08-5bd6-9af5-de2a4fd88bac",
    "cpucp": "4026c488-16fa-57ab-a3da-12e5ff90086f",
    "uefi": "d293efd6-4e7c-5392-a010-e6b3a173182a",
    "imagefv": "ec8e9e6e-78b4-5e81-b245-8c29d7bfa11a",
    "ddr": "e1c532d6-f7b2-5463-8f9e-22673570ddfb",
    "devinfo": "4b117506-d0a7-5ae7-aae3-a6ae91deef29",
    "DPP": BASIC_DATA,
    "secdata": "69481be6-eadf-569a-821d-a9436c0f76a2",
    "uefivarstore": "e0e7fa37-0d5b-50f5-86df-e6ab6efc5f7c",
    "multiimgqti": "05ba4459-d3b1-5cba-a14d-98b4e32deee2",
    "toolsfv": "569dbf07-eb43-514c-8761-2a4d95129df1",
    "splash": "7b170ae5-208d-5f9d-8ad7-da6f0d201660",
    "last_parti": "5c254e61-fb3a-5805-a54e-c081cd70199b",
}

# (name, size in bytes), in flash order, packed from FIRST_PART.
LAYOUT = [
    ("xbl_a", 1536 * KIB),
    ("xbl_config_a", 128 * KIB),
    ("shrm_a", 128 * KIB),
    ("aop_a", 256 * KIB),
    ("tz_a", 3 * MIB),
    ("hyp_a", 512 * KIB),
    ("devcfg_a", 128 * KIB),
    ("qupfw_a", 64 * KIB),
    ("cpucp_a", 256 * KIB),
    ("uefi_a", 4 * MIB),
    ("imagefv_a", 512 * KIB),
    ("xbl_b", 1536 * KIB),
    ("xbl_config_b", 128 * KIB),
    ("aop_b", 256 * KIB),
    ("tz_b", 3 * MIB),
    ("hyp_b", 512 * KIB),
    ("ddr", 1 * MIB),
    ("devinfo", 64 * KIB),
    ("DPP", 256 * KIB),
    ("secdata", 64 * KIB),
    ("uefivarstore", 512 * KIB),
    ("multiimgqti", 64 * KIB),
    ("toolsfv", 1 * MIB),
    ("splash", 2 * MIB),
    ("last_parti", 64 * KIB),
]

CORRUPT = ("none", "primary-header", "primary-array", "both")
# Where --corrupt flips a byte (xor 0xff): byte offset in the header LBA
# (low byte of the partition entry array start LBA) and in the entry array
# (low byte of entry 0's first LBA). A reader that skipped the CRC checks
# would look for the array, or the first partition, in the wrong place.
CORRUPT_HEADER_BYTE = 72
CORRUPT_ARRAY_BYTE = 32

# RWFS container (DPP), offsets relative to the start of the partition.
RWFS_MAGIC = b"RWFS"
RWFS_HDR1 = struct.Struct("<4sI I III I I I 32s")      # 68 bytes
RWFS_HDR2 = struct.Struct("<4sI I I I I I 40s")        # 68 bytes
RWFS_ENTRY = struct.Struct("<98s98s I I I I 32s")      # 244 bytes
RWFS_HDR2_OFF = 0x100
RWFS_TABLE_OFF = 0x200
RWFS_DATA_START = 0x1000
RWFS_REGION_ALIGN = 0x100
# The fields the facts call "unknown": arbitrary fixed values, non-zero so a
# reader that gives them a meaning is caught.
RWFS_HDR1_UNKNOWN = (0x00010000, 0x1000, 1, 0)
RWFS_HDR2_UNKNOWN = (0x00010000, 0, 0)


def dpp_blobs():
    """[(name, vendor, data)] of the DPP partition, in table order."""
    mac = bytes.fromhex(WIFI_MAC.replace(":", ""))
    bt = bytes.fromhex(BT_ADDR.replace(":", ""))
    cal = hashlib.shake_256(b"qcom-tz mknor QCOM.PROVISION").digest(300)
    return [
        ("SERIALNO", "OEM", SERIALNO),
        ("WLAN.PROVISION", "QCOM", WLAN_PREFIX + mac),
        ("BT.PROVISION", "QCOM", BT_PREFIX + bt[::-1]),
        ("QCOM.PROVISION", "QCOM", cal),
        ("PRODUCT", "OEM", PRODUCT),
    ]


def align(x, a):
    return (x + a - 1) // a * a


def utf16(s, units):
    b = s.encode("utf-16-le")
    if len(b) > 2 * units:
        raise ValueError("name too long: " + s)
    return b.ljust(2 * units, b"\0")


def make_dpp(size):
    """The DPP partition: an RWFS container, then erased bytes. Returns
    (bytes, [(name, vendor, offset in partition, data_len, region_len)])."""
    blobs = dpp_blobs()
    table_size = (len(blobs) + 1) * RWFS_ENTRY.size
    assert RWFS_TABLE_OFF + table_size <= RWFS_DATA_START
    entries, data, notes = [], bytearray(), []
    for name, vendor, blob in blobs:
        region = align(max(len(blob), 1), RWFS_REGION_ALIGN)
        entries.append(RWFS_ENTRY.pack(utf16(name, 49), utf16(vendor, 49),
                                       region, len(blob), 1, len(data),
                                       bytes(32)))
        notes.append((name, vendor, RWFS_DATA_START + len(data), len(blob),
                      region))
        data += blob.ljust(region, b"\0")
    entries.append(bytes(RWFS_ENTRY.size))     # present 0: end of table
    full_length = RWFS_DATA_START + len(data)
    if full_length > size:
        raise ValueError("DPP partition too small for its blobs")
    p = bytearray(RWFS_DATA_START) + data + bytes([ERASED]) * (size -
                                                              full_length)
    p[0:RWFS_HDR1.size] = RWFS_HDR1.pack(
        RWFS_MAGIC, RWFS_HDR1_UNKNOWN[0], RWFS_HDR2_OFF,
        *RWFS_HDR1_UNKNOWN[1:], RWFS_DATA_START, RWFS_HDR1.size,
        full_length, bytes(32))
    p[RWFS_HDR2_OFF:RWFS_HDR2_OFF + RWFS_HDR2.size] = RWFS_HDR2.pack(
        RWFS_MAGIC, RWFS_HDR2_UNKNOWN[0], RWFS_TABLE_OFF, table_size,
        RWFS_HDR2_UNKNOWN[1], RWFS_DATA_START, RWFS_HDR2_UNKNOWN[2],
        bytes(40))
    p[RWFS_TABLE_OFF:RWFS_TABLE_OFF + table_size] = b"".join(entries)
    return bytes(p), notes


def seeded_guid(seed, label):
    h = hashlib.sha256(b"qcom-tz mknor guid %d %s" %
                       (seed, label.encode())).digest()
    return uuid.UUID(bytes=h[:16], version=4)


def part_type(name):
    base = name[:-2] if name[-2:] in ("_a", "_b") else name
    return uuid.UUID(TYPE_GUID[base])


def content(seed, name, size):
    return hashlib.shake_256(b"qcom-tz mknor %d %s" %
                             (seed, name.encode())).digest(size)


class Layout:
    """Where everything goes, for an image size and LBA size."""

    def __init__(self, size, lba, seed, read_only):
        if lba not in (512, 4096):
            raise ValueError("LBA size must be 512 or 4096")
        if size % lba:
            raise ValueError("size %d is not a multiple of the LBA size %d"
                             % (size, lba))
        self.size, self.lba, self.seed = size, lba, seed
        self.lbas = size // lba
        self.array_lbas = align(GPT_ENTRIES * GPT_ENTRY_SIZE, lba) // lba
        self.last_lba = self.lbas - 1
        self.backup_array_lba = self.last_lba - self.array_lbas
        self.first_usable = 2 + self.array_lbas
        self.last_usable = self.backup_array_lba - 1
        self.disk_guid = seeded_guid(seed, "disk")
        self.parts = []     # (name, offset, size, type, unique, attrs)
        off = FIRST_PART
        for name, psize in LAYOUT:
            assert off % ALIGN == 0 and psize % ALIGN == 0
            attrs = ATTR_READ_ONLY if name in read_only else 0
            self.parts.append((name, off, psize, part_type(name),
                               seeded_guid(seed, name), attrs))
            off += psize
        if off > (self.last_usable + 1) * lba:
            raise ValueError("the layout needs %d bytes before the backup "
                             "GPT; the image is %d bytes" % (off, size))
        unknown = set(read_only) - {p[0] for p in self.parts}
        if unknown:
            raise ValueError("no partition " + ", ".join(sorted(unknown)))


def gpt_array(lay):
    arr = bytearray(GPT_ENTRIES * GPT_ENTRY_SIZE)
    for i, (name, off, size, ptype, unique, attrs) in enumerate(lay.parts):
        first = off // lay.lba
        last = (off + size) // lay.lba - 1
        arr[i * GPT_ENTRY_SIZE:(i + 1) * GPT_ENTRY_SIZE] = struct.pack(
            "<16s16sQQQ72s", ptype.bytes_le, unique.bytes_le, first, last,
            attrs, utf16(name, 36))
    return bytes(arr)


def gpt_header(lay, my_lba, alt_lba, array_lba, array_crc):
    def pack(crc):
        return struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", GPT_REVISION,
                           GPT_HEADER_SIZE, crc, 0, my_lba, alt_lba,
                           lay.first_usable, lay.last_usable,
                           lay.disk_guid.bytes_le, array_lba, GPT_ENTRIES,
                           GPT_ENTRY_SIZE, array_crc)
    return pack(zlib.crc32(pack(0)))


def protective_mbr(lay):
    mbr = bytearray(512)
    mbr[446:462] = struct.pack("<B3sB3sII", 0, b"\x00\x02\x00", 0xee,
                               b"\xff\xff\xff", 1,
                               min(lay.lbas - 1, 0xffffffff))
    mbr[510:512] = b"\x55\xaa"
    return bytes(mbr)


def build(size=DEFAULT_SIZE, lba=4096, seed=0, corrupt="none",
          read_only=("DPP",)):
    """Returns (image bytes, Layout, dpp blob notes)."""
    lay = Layout(size, lba, seed, read_only)
    img = bytearray([ERASED]) * size

    def put(off, data):
        img[off:off + len(data)] = data

    put(0, protective_mbr(lay).ljust(lba, b"\0"))
    arr = gpt_array(lay)
    crc = zlib.crc32(arr)
    arr_pad = arr.ljust(lay.array_lbas * lba, b"\0")
    put(1 * lba, gpt_header(lay, 1, lay.last_lba, 2, crc).ljust(lba, b"\0"))
    put(2 * lba, arr_pad)
    put(lay.backup_array_lba * lba, arr_pad)
    put(lay.last_lba * lba, gpt_header(lay, lay.last_lba, 1,
                                       lay.backup_array_lba,
                                       crc).ljust(lba, b"\0"))
    notes = []
    for name, off, psize, _, _, _ in lay.parts:
        if name == "DPP":
            data, notes = make_dpp(psize)
            notes = [(n, v, off + o, dl, rl) for n, v, o, dl, rl in notes]
        else:
            data = content(seed, name, psize)
        put(off, data)
    if corrupt in ("primary-header", "both"):
        img[lba + CORRUPT_HEADER_BYTE] ^= 0xff
    if corrupt in ("primary-array", "both"):
        img[2 * lba + CORRUPT_ARRAY_BYTE] ^= 0xff
    return bytes(img), lay, notes


MANIFEST_COLUMNS = ("name", "offset", "size", "type_guid", "unique_guid",
                    "attrs", "sha256", "wifi_mac", "bt_addr")


def manifest(img, lay, notes, corrupt):
    out = ["# mknor.py manifest: one row per GPT partition; offsets and "
           "sizes in bytes from the start of the image",
           "# image\tsize=%d\tlba=%d\tseed=%d\tcorrupt=%s" %
           (lay.size, lay.lba, lay.seed, corrupt),
           "# gpt\tprimary_header=%d\tprimary_array=%d\tbackup_array=%d\t"
           "backup_header=%d\tfirst_usable_lba=%d\tlast_usable_lba=%d\t"
           "disk_guid=%s" % (lay.lba, 2 * lay.lba,
                             lay.backup_array_lba * lay.lba,
                             lay.last_lba * lay.lba, lay.first_usable,
                             lay.last_usable, lay.disk_guid)]
    for n, v, off, dl, rl in notes:
        out.append("# blob\t%s\t%s\timage_offset=%d\tdata_len=%d\t"
                   "region_len=%d" % (v, n, off, dl, rl))
    out.append("# " + "\t".join(MANIFEST_COLUMNS))
    for name, off, size, ptype, unique, attrs in lay.parts:
        dpp = name == "DPP"
        out.append("\t".join([
            name, str(off), str(size), str(ptype), str(unique),
            "0x%016x" % attrs,
            hashlib.sha256(img[off:off + size]).hexdigest(),
            WIFI_MAC if dpp else "-", BT_ADDR if dpp else "-"]))
    return "\n".join(out) + "\n"


def write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------
# The reader (--check): written from the facts, shares nothing with the
# writer above but the expected values the self-test compares against.

class Bad(Exception):
    pass


def guid_str(b):
    return str(uuid.UUID(bytes_le=bytes(b)))


def read_gpt_header(img, lba, at):
    """Validate the GPT header at LBA 'at' and its entry array; returns a
    dict, raises Bad with the reason."""
    raw = img[at * lba:(at + 1) * lba]
    if len(raw) < 92 or raw[:8] != b"EFI PART":
        raise Bad("no \"EFI PART\" signature")
    (rev, hsize, crc, _res, my, alt, fu, lu, disk, arr_lba, n, esize,
     arr_crc) = struct.unpack_from("<IIIIQQQQ16sQIII", raw, 8)
    if rev != 0x00010000:
        raise Bad("revision 0x%08x" % rev)
    if not 92 <= hsize <= lba:
        raise Bad("header size %d" % hsize)
    h = bytearray(raw[:hsize])
    h[16:20] = bytes(4)
    if zlib.crc32(h) != crc:
        raise Bad("header CRC32 0x%08x, computed 0x%08x" %
                  (crc, zlib.crc32(h)))
    if my != at:
        raise Bad("my LBA %d at LBA %d" % (my, at))
    if esize < 128 or esize & (esize - 1) or not 0 < n <= 4096:
        raise Bad("%d entries of %d bytes" % (n, esize))
    total = len(img) // lba
    arr_end = arr_lba * lba + n * esize
    if arr_lba < 2 or arr_end > len(img):
        raise Bad("entry array at LBA %d outside the image" % arr_lba)
    if not (fu <= lu < total and (arr_end <= fu * lba or
                                  arr_lba > lu)):
        raise Bad("usable LBAs %d..%d, array at LBA %d" % (fu, lu, arr_lba))
    arr = img[arr_lba * lba:arr_end]
    if zlib.crc32(arr) != arr_crc:
        raise Bad("entry array CRC32 0x%08x, computed 0x%08x" %
                  (arr_crc, zlib.crc32(arr)))
    parts = []
    for i in range(n):
        e = arr[i * esize:i * esize + 128]
        if e[:16] == bytes(16):
            continue
        first, last, attrs = struct.unpack_from("<QQQ", e, 32)
        name = e[56:128].decode("utf-16-le", "replace").split("\0")[0]
        if not fu <= first <= last <= lu:
            raise Bad("entry %d (%s): LBAs %d..%d outside %d..%d" %
                      (i, name, first, last, fu, lu))
        parts.append({"index": i, "name": name, "type": guid_str(e[:16]),
                      "unique": guid_str(e[16:32]), "first": first,
                      "last": last, "attrs": attrs,
                      "offset": first * lba,
                      "size": (last - first + 1) * lba})
    s = sorted(parts, key=lambda p: p["first"])
    for a, b in zip(s, s[1:]):
        if b["first"] <= a["last"]:
            raise Bad("%s and %s overlap" % (a["name"], b["name"]))
    return {"my": my, "alt": alt, "first_usable": fu, "last_usable": lu,
            "disk": guid_str(disk), "array_lba": arr_lba, "entries": n,
            "entry_size": esize, "array": arr, "parts": parts}


def read_rwfs(p):
    """Parse an RWFS container (partition-relative offsets); returns
    (full_length, [blob dicts]), raises Bad."""
    if len(p) < 68 or p[:4] != b"RWFS":
        raise Bad("no RWFS magic")
    h2off = struct.unpack_from("<I", p, 8)[0]
    ds1, hsize, full = struct.unpack_from("<III", p, 24)
    if full > len(p):
        raise Bad("full_length %d > partition size %d" % (full, len(p)))
    if h2off + 68 > full or p[h2off:h2off + 4] != b"RWFS":
        raise Bad("no second header at %#x" % h2off)
    toff, tsize, _unk, ds2 = struct.unpack_from("<IIII", p, h2off + 8)
    if ds1 != ds2:
        raise Bad("data_start %#x in header 1, %#x in header 2" % (ds1, ds2))
    if toff + tsize > full or ds2 > full:
        raise Bad("table %#x+%#x / data_start %#x beyond full_length %#x" %
                  (toff, tsize, ds2, full))
    blobs = []
    for i in range(tsize // 244):
        e = p[toff + i * 244:toff + (i + 1) * 244]
        region, dlen, present, off = struct.unpack_from("<IIII", e, 196)
        if present == 0:
            break
        name = e[0:98].decode("utf-16-le").split("\0")[0]
        vendor = e[98:196].decode("utf-16-le").split("\0")[0]
        start = ds2 + off
        if region % 0x100 or dlen > region or start + region > full:
            raise Bad("blob %s: offset %#x region %#x len %#x" %
                      (name, off, region, dlen))
        blobs.append({"name": name, "vendor": vendor, "start": start,
                      "region": region, "data": p[start:start + dlen]})
    else:
        raise Bad("blob table without a terminating entry")
    return full, blobs


def fmt_addr(b):
    return ":".join("%02x" % x for x in b)


def dpp_addresses(blobs):
    mac = bt = None
    for b in blobs:
        if b["vendor"] == "QCOM" and b["name"] == "WLAN.PROVISION" and \
                len(b["data"]) == 9:
            mac = fmt_addr(b["data"][3:9])
        if b["vendor"] == "QCOM" and b["name"] == "BT.PROVISION" and \
                len(b["data"]) == 8:
            bt = fmt_addr(b["data"][2:8][::-1])
    return mac, bt


def read_manifest(path):
    meta, rows = {}, []
    with open(path) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "# image":
                meta = dict(c.split("=", 1) for c in cols[1:])
            elif not line.startswith("#") and line.strip():
                rows.append(dict(zip(MANIFEST_COLUMNS, cols)))
    return meta, rows


def check(img, manifest_path=None, out=print):
    """Check an image (or a DPP-only file); returns a result dict with
    "ok" and, for images, "lba", "primary", "backup", "used", "mac", "bt"."""
    res = {"ok": False, "mac": None, "bt": None}
    out("image: %d bytes" % len(img))
    if img[:4] == b"RWFS":
        out("dpp-only file")
        try:
            full, blobs = read_rwfs(img)
        except Bad as e:
            out("dpp: bad: %s" % e)
            return res
        return check_blobs(res, full, blobs, out, manifest_path, None)
    lba = None
    for size in (512, 4096):
        if img[size:size + 8] == b"EFI PART" or \
                img[len(img) - size:len(img) - size + 8] == b"EFI PART":
            lba = size
            break
    if lba is None or len(img) % lba:
        out("gpt: no GPT header at LBA 1 or at the last LBA (512, 4096)")
        return res
    if img[510:512] != b"\x55\xaa" or img[450] != 0xee:
        out("mbr: no protective MBR")
        return res
    res["lba"] = lba
    last = len(img) // lba - 1
    out("lba: %d bytes, %d LBAs; protective MBR ok" % (lba, last + 1))
    hdr = {}
    for which, at in (("primary", 1), ("backup", last)):
        try:
            h = read_gpt_header(img, lba, at)
        except Bad as e:
            res[which] = "bad: %s" % e
            out("%s: LBA %d: bad: %s" % (which, at, e))
            continue
        res[which] = "ok"
        hdr[which] = h
        out("%s: LBA %d: ok, alternate LBA %d, array at LBA %d, %d of %d "
            "entries used, usable LBAs %d..%d" %
            (which, at, h["alt"], h["array_lba"], len(h["parts"]),
             h["entries"], h["first_usable"], h["last_usable"]))
    if "primary" in hdr and "backup" in hdr:
        p, b = hdr["primary"], hdr["backup"]
        if p["alt"] != last or b["alt"] != 1 or p["array"] != b["array"] \
                or p["disk"] != b["disk"]:
            out("gpt: primary and backup disagree")
            return res
    if not hdr:
        out("gpt: no valid header")
        return res
    if "primary" not in hdr and "backup" in hdr:
        # The primary header cannot be trusted; is the array at LBA 2 the
        # one the backup header describes?
        b = hdr["backup"]
        arr = img[2 * lba:2 * lba + b["entries"] * b["entry_size"]]
        same = arr == b["array"]
        res["primary_array"] = "matches" if same else "differs"
        out("primary: entry array at LBA 2 %s the backup's" %
            ("matches" if same else "differs from"))
    res["used"] = "primary" if "primary" in hdr else "backup"
    h = hdr[res["used"]]
    out("gpt: using the %s header, disk GUID %s" % (res["used"], h["disk"]))
    for p in h["parts"]:
        out("  %-14s offset 0x%08x size 0x%08x type %s attrs 0x%016x" %
            (p["name"], p["offset"], p["size"], p["type"], p["attrs"]))
    dpp = [p for p in h["parts"] if p["name"] == "DPP"] or \
        [p for p in h["parts"] if img[p["offset"]:p["offset"] + 4] == b"RWFS"]
    if not dpp:
        out("dpp: no DPP partition")
        return res
    d = dpp[0]
    try:
        full, blobs = read_rwfs(img[d["offset"]:d["offset"] + d["size"]])
    except Bad as e:
        out("dpp: bad: %s" % e)
        return res
    res["gpt"] = h
    return check_blobs(res, full, blobs, out, manifest_path, img)


def check_blobs(res, full, blobs, out, manifest_path, img):
    out("dpp: RWFS container, full_length %#x, %d blobs" %
        (full, len(blobs)))
    for b in blobs:
        out("  %s/%s at %#x, %d bytes (region %#x)" %
            (b["vendor"], b["name"], b["start"], len(b["data"]),
             b["region"]))
    res["mac"], res["bt"] = dpp_addresses(blobs)
    out("dpp: wifi mac %s, bt addr %s" % (res["mac"], res["bt"]))
    if not res["mac"] or not res["bt"]:
        return res
    res["ok"] = True
    if manifest_path:
        res["ok"] = check_manifest(res, img, manifest_path, out)
    return res


def check_manifest(res, img, path, out):
    meta, rows = read_manifest(path)
    errors = []
    if img is None:
        dpp = [r for r in rows if r["name"] == "DPP"]
        for r in dpp:
            if res["mac"] != r["wifi_mac"] or res["bt"] != r["bt_addr"]:
                errors.append("DPP addresses")
    else:
        if meta and int(meta["lba"]) != res["lba"]:
            errors.append("lba %s" % meta["lba"])
        parts = {p["name"]: p for p in res["gpt"]["parts"]}
        if len(parts) != len(rows):
            errors.append("%d partitions, manifest %d" %
                          (len(parts), len(rows)))
        for r in rows:
            p = parts.get(r["name"])
            if p is None:
                errors.append(r["name"] + " missing")
                continue
            off, size = p["offset"], p["size"]
            got = [str(off), str(size), p["type"], p["unique"],
                   "0x%016x" % p["attrs"],
                   hashlib.sha256(img[off:off + size]).hexdigest()]
            want = [r[c] for c in MANIFEST_COLUMNS[1:7]]
            if got != want:
                errors.append(r["name"])
            if r["wifi_mac"] != "-" and (res["mac"] != r["wifi_mac"] or
                                         res["bt"] != r["bt_addr"]):
                errors.append(r["name"] + " addresses")
    if errors:
        out("manifest: mismatch: " + ", ".join(errors))
        return False
    out("manifest: %d partitions match (offset, size, type, unique GUID, "
        "attrs, sha256, addresses)" % len(rows))
    return True


# ---------------------------------------------------------------------------

def self_test():
    import tempfile
    passed = failed = 0

    def result(ok, what):
        nonlocal passed, failed
        print("%s %s" % ("ok" if ok else "FAIL", what))
        passed += ok
        failed += not ok

    quiet = lambda s: None      # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        mpath = os.path.join(tmp, "manifest.tsv")
        for lba in (4096, 512):
            for corrupt in CORRUPT:
                img, lay, notes = build(lba=lba, corrupt=corrupt)
                write(mpath, manifest(img, lay, notes, corrupt).encode())
                r = check(img, mpath, quiet)
                bad_p = corrupt != "none"
                reason = "header CRC32" if corrupt in (
                    "primary-header", "both") else "entry array CRC32"
                ok = (r["ok"] and r["lba"] == lba and
                      r["used"] == ("backup" if bad_p else "primary") and
                      r["backup"] == "ok" and
                      (r["primary"] == "ok") == (not bad_p) and
                      (not bad_p or r["primary"].startswith("bad: " +
                                                            reason)) and
                      r["mac"] == WIFI_MAC and r["bt"] == BT_ADDR)
                if bad_p:
                    ok = ok and r["primary_array"] == (
                        "matches" if corrupt == "primary-header" else
                        "differs")
                result(ok, "lba=%d corrupt=%s: primary %s, used %s" %
                       (lba, corrupt, r.get("primary"), r.get("used")))
                if corrupt == "both":
                    # break the backup too: nothing valid is left
                    last = len(img) - lba
                    img2 = bytearray(img)
                    img2[last + 40] ^= 0xff
                    r = check(bytes(img2), None, quiet)
                    result(not r["ok"] and "used" not in r and
                           r["backup"].startswith("bad: header CRC32"),
                           "lba=%d corrupt=both + backup header: refused"
                           % lba)
            # a DPP without its magic is found by name and refused
            img, lay, _ = build(lba=lba)
            off = [o for n, o, _, _, _, _ in lay.parts if n == "DPP"][0]
            img2 = bytearray(img)
            img2[off] = 0
            r = check(bytes(img2), None, quiet)
            result(not r["ok"] and r["used"] == "primary" and
                   r["mac"] is None, "lba=%d: DPP without magic refused"
                   % lba)
            # everything outside the GPT structures and partitions is erased
            holes = bytearray(img)
            for start, end in [(0, (2 + lay.array_lbas) * lba),
                               (lay.backup_array_lba * lba, len(img))] + \
                    [(o, o + s) for _, o, s, _, _, _ in lay.parts]:
                holes[start:end] = bytes([ERASED]) * (end - start)
            result(holes == bytes([ERASED]) * len(img),
                   "lba=%d: unused space erased" % lba)
        img0, lay, _ = build(seed=0)
        img1, _, _ = build(seed=1)
        same = [n for n, o, s, _, _, _ in lay.parts
                if img0[o:o + s] == img1[o:o + s]]
        result(same == ["DPP"], "seed: only DPP identical across seeds")
        result(build(seed=0)[0] == img0, "seed: deterministic")
        dpp = [(o, s) for n, o, s, _, _, _ in lay.parts if n == "DPP"][0]
        dpp_bytes, _ = make_dpp(dpp[1])
        r = check(dpp_bytes, None, quiet)
        result(dpp_bytes == img0[dpp[0]:dpp[0] + dpp[1]] and r["ok"] and
               r["mac"] == WIFI_MAC and r["bt"] == BT_ADDR,
               "dpp-only: same bytes as in the image, parses")
        big, lay, notes = build(size=64 * MIB, read_only=("xbl_a",))
        write(mpath, manifest(big, lay, notes, "none").encode())
        r = check(big, mpath, quiet)
        attrs = {p["name"]: p["attrs"] for p in r["gpt"]["parts"]}
        result(r["ok"] and r["used"] == "primary" and
               attrs["xbl_a"] == ATTR_READ_ONLY and attrs["DPP"] == 0,
               "size=64MiB read-only=xbl_a")
        try:
            build(size=16 * MIB)
            result(False, "size=16MiB refused")
        except ValueError:
            result(True, "size=16MiB refused")
    print("%d passed, %d failed" % (passed, failed))
    return failed == 0


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="See the module docstring and mknor.md.")
    ap.add_argument("--out", help="image to write")
    ap.add_argument("--size", type=lambda s: int(s, 0), default=DEFAULT_SIZE)
    ap.add_argument("--lba", type=int, choices=(4096, 512), default=4096)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corrupt", choices=CORRUPT, default="none")
    ap.add_argument("--read-only", default="DPP",
                    help="comma-separated partitions with GPT attribute "
                    "bit 60 (default DPP; empty for none)")
    ap.add_argument("--manifest",
                    help="TSV to write (with --out) or to check against "
                    "(with --check)")
    ap.add_argument("--dpp-only", help="write the DPP partition alone")
    ap.add_argument("--dpp-trim", action="store_true",
                    help="--dpp-only stops at the RWFS full_length")
    ap.add_argument("--check", metavar="FILE", help="check an image")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()

    if a.self_test:
        return 0 if self_test() else 1
    if a.check:
        with open(a.check, "rb") as f:
            r = check(f.read(), a.manifest)
        print("result: %s" % ("ok" if r["ok"] else "FAILED"))
        return 0 if r["ok"] else 1
    if not a.out and not a.dpp_only:
        ap.error("one of --out, --dpp-only, --check, --self-test is needed")
    if a.manifest and not a.out:
        ap.error("--manifest describes the image of --out")
    read_only = tuple(n for n in a.read_only.split(",") if n)
    try:
        img, lay, notes = build(a.size, a.lba, a.seed, a.corrupt, read_only)
    except ValueError as e:
        sys.exit("mknor.py: %s" % e)
    if a.out:
        write(a.out, img)
    if a.manifest:
        write(a.manifest, manifest(img, lay, notes, a.corrupt).encode())
    if a.dpp_only:
        off, size = [(o, s) for n, o, s, _, _, _ in lay.parts
                     if n == "DPP"][0]
        dpp = img[off:off + size]
        if a.dpp_trim:
            dpp = dpp[:struct.unpack_from("<I", dpp, 32)[0]]
        write(a.dpp_only, dpp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
