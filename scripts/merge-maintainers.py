#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Insert the entries of our MAINTAINERS fragment into the kernel's
MAINTAINERS, each at its alphabetical place among the existing entries.
The output file is rewritten only when its content changes."""
import re
import sys


def entries(lines):
    """Split the entry part of MAINTAINERS into (title, block) pairs."""
    out, cur = [], []
    for line in lines:
        if line.strip() == "":
            if cur:
                out.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        out.append(cur)
    return [(b[0].rstrip("\n"), b) for b in out]


def main(orig, fragment, dest):
    with open(orig) as f:
        base = f.readlines()
    with open(fragment) as f:
        ours = [e for e in entries(f.readlines()) if not e[0].startswith("#")]
    # The entry list starts at the first title line after "Maintainers
    # List": a line followed by a "X:<tab>" tag line.
    head = next(i for i, l in enumerate(base) if l.startswith("Maintainers List"))
    start = next(i for i in range(head, len(base) - 1)
                 if re.match(r"^[A-Z]:\t", base[i + 1]))
    body = entries(base[start:])
    titles = {t for t, _ in body}
    for title, block in ours:
        if title in titles:
            sys.exit(f"merge-maintainers: '{title}' already in MAINTAINERS")
        # THE REST stays last.
        pos = next((i for i, (t, _) in enumerate(body)
                    if t == "THE REST" or t.upper() > title.upper()),
                   len(body))
        body.insert(pos, (title, block))
    text = "".join(base[:start]) + "\n".join("".join(b) for _, b in body)
    try:
        with open(dest) as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(dest, "w") as f:
        f.write(text)
    print("  MERGE   MAINTAINERS")


if __name__ == "__main__":
    main(*sys.argv[1:4])
