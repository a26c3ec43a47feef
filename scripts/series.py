#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""series.py - the upstream form of the overlay: git format-patch series.

    series.py --build BUILD [--out DIR] [--check] [--bisect]

1. A git tree of the pristine Debian 6.12 source (BUILD/series/linux, made
   once from /usr/src/linux-source-6.12.tar.xz, tagged "base").
2. One commit per patch of patches/series, in order: the quilt patch,
   plus the new files of the repo that patches/overlay.map assigns to it
   and the MAINTAINERS entries it assigns. Author, date, subject and
   message come from the patch header.
3. Per topic of patches/topics (contiguous ranges of patches), a numbered
   `git format-patch` series with a cover letter (patches/covers/TOPIC.txt
   plus the base and the prerequisite series) into DIR/NN-TOPIC/
   (default BUILD/series/out).

--check proves the result: every topic applies with `git am`, in order,
to a clean branch of the base and gives the same tree; the last tree is
the build tree's (quilt + overlay); every new file has a MAINTAINERS
entry that scripts/get_maintainer.pl finds; checkpatch --strict passes
on every generated patch. Lines "ok NAME" / "not ok NAME" are printed.

--bisect builds every step of the series in BUILD/series/kbuild (see
bisect()): "ok bisect: PATCH builds" per patch.
"""
import argparse
import fnmatch
import glob
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PATCHES = os.path.join(TOP, "patches")
TARBALL = "/usr/src/linux-source-6.12.tar.xz"
OVERLAY_DIRS = ("arch", "drivers", "include", "Documentation")
IDENT = {"GIT_COMMITTER_NAME": "qcom-tz developers",
         "GIT_COMMITTER_EMAIL": "dev@qcom-tz.invalid"}


def git(tree, *args, env=None, check=True, capture=True):
    e = dict(os.environ, **IDENT)
    if env:
        e.update(env)
    r = subprocess.run(["git", "-C", tree] + list(args), env=e, text=True,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.STDOUT if capture else None)
    if check and r.returncode:
        sys.exit(f"series: git {' '.join(args[:3])} failed:\n{r.stdout}")
    return r.stdout if capture else ""


def series():
    with open(os.path.join(PATCHES, "series")) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def number(patch):
    return patch[:4]


def parse_header(path):
    """(author, date, subject, body) of a quilt patch's header."""
    with open(path) as f:
        text = f.read()
    head = text.split("\n---\n", 1)[0]
    m = re.match(r"From: (.*)\nDate: (.*)\nSubject: (?:\[PATCH\] )?(.*?)\n\n",
                 head, re.S)
    if not m:
        sys.exit(f"series: {path}: no From/Date/Subject header")
    subject = " ".join(m.group(3).split())
    return m.group(1), m.group(2), subject, head[m.end():].strip() + "\n"


def read_map():
    """[(glob, patch number)] of patches/overlay.map."""
    out = []
    with open(os.path.join(PATCHES, "overlay.map")) as f:
        for line in f:
            line = line.split("#", 1)[0].rstrip() if not line.startswith(
                "MAINTAINERS:") else line.rstrip()
            if not line.strip():
                continue
            pat, num = line.rsplit(None, 1)
            out.append((pat.strip(), num))
    return out


def overlay_files():
    out = []
    for d in OVERLAY_DIRS:
        for root, _, files in os.walk(os.path.join(TOP, d)):
            for f in files:
                out.append(os.path.relpath(os.path.join(root, f), TOP))
    return sorted(out)


def maintainers_entries():
    """{title: block text} of our MAINTAINERS fragment."""
    with open(os.path.join(TOP, "MAINTAINERS")) as f:
        blocks = f.read().split("\n\n")
    out = {}
    for b in blocks:
        lines = [l for l in b.strip().splitlines() if not l.startswith("#")]
        if lines:
            out[lines[0]] = "\n".join(lines) + "\n"
    return out


def assign(mapping):
    """{patch number: ([files], [entry titles])}; exits on anything
    unassigned or assigned twice."""
    per = {}
    errors = []
    for f in overlay_files():
        nums = [n for p, n in mapping
                if not p.startswith("MAINTAINERS:") and fnmatch.fnmatch(f, p)]
        if len(nums) != 1:
            errors.append(f"{f}: matched by {len(nums)} lines of overlay.map")
            continue
        per.setdefault(nums[0], ([], []))[0].append(f)
    for title in maintainers_entries():
        nums = [n for p, n in mapping if p == "MAINTAINERS:" + title]
        if len(nums) != 1:
            errors.append(f"MAINTAINERS entry {title!r}: named {len(nums)} "
                          "times in overlay.map")
            continue
        per.setdefault(nums[0], ([], []))[1].append(title)
    known = {number(p) for p in series()}
    for n in per:
        if n not in known:
            errors.append(f"overlay.map names patch {n}, not in the series")
    if errors:
        sys.exit("series: " + "\n  ".join(["overlay.map:"] + errors))
    return per


def topics():
    """[(name, first, last, title)] of patches/topics."""
    out = []
    with open(os.path.join(PATCHES, "topics")) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, rng, title = line.rstrip("\n").split("\t", 2)
            first, last = rng.split("-")
            out.append((name, first, last, title.strip()))
    nums = [number(p) for p in series()]
    covered = []
    for _, first, last, _ in out:
        covered += [n for n in nums if first <= n <= last]
    if covered != nums:
        sys.exit("series: patches/topics must cover the series in order, "
                 "each patch once")
    return out


def base_tree(build):
    """BUILD/series/linux: the pristine source in git, tag "base"."""
    tree = os.path.join(build, "series", "linux")
    if os.path.isdir(os.path.join(tree, ".git")) and \
            git(tree, "tag", "-l", "base").strip() == "base":
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    print(f"  UNPACK  {TARBALL} (for the series)", flush=True)
    subprocess.run(["tar", "-C", tree, "--strip-components=1", "-xf",
                    TARBALL], check=True)
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}",
                              "linux-source-6.12"], text=True,
                             stdout=subprocess.PIPE).stdout
    kver = subprocess.run(["make", "-s", "-C", tree, "kernelversion"],
                          text=True, stdout=subprocess.PIPE).stdout.strip()
    git(tree, "init", "-q")
    git(tree, "config", "core.autocrlf", "false")
    git(tree, "config", "user.name", IDENT["GIT_COMMITTER_NAME"])
    git(tree, "config", "user.email", IDENT["GIT_COMMITTER_EMAIL"])
    # Debian's tree keeps files a kernel .gitignore hides (e.g. debian/).
    git(tree, "add", "-A", "-f", ".")
    env = {"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
           "GIT_AUTHOR_NAME": IDENT["GIT_COMMITTER_NAME"],
           "GIT_AUTHOR_EMAIL": IDENT["GIT_COMMITTER_EMAIL"]}
    git(tree, "commit", "-q", "-m",
        f"Linux {kver} (Debian linux-source-6.12 {version})", env=env)
    git(tree, "tag", "base")
    with open(os.path.join(tree, ".git", "qcomtz-base"), "w") as f:
        f.write(f"Linux {kver}, Debian linux-source-6.12 {version}\n")
    return tree


def merge_maintainers(tree, titles):
    """MAINTAINERS of the base plus the entries @titles."""
    entries = maintainers_entries()
    frag = os.path.join(tree, ".git", "qcomtz-maintainers-fragment")
    with open(frag, "w") as f:
        f.write("\n".join(entries[t] for t in titles))
    orig = os.path.join(tree, ".git", "qcomtz-MAINTAINERS.orig")
    if not os.path.exists(orig):
        with open(orig, "w") as f:
            f.write(git(tree, "show", "base:MAINTAINERS"))
    subprocess.run([sys.executable, os.path.join(TOP, "scripts",
                                                 "merge-maintainers.py"),
                    orig, frag, os.path.join(tree, "MAINTAINERS")],
                   check=True)


def build_commits(tree):
    """Branch "series": one commit per patch. Returns [(patch, sha)]."""
    per = assign(read_map())
    git(tree, "checkout", "-q", "-f", "-B", "series", "base")
    git(tree, "clean", "-q", "-fdx")
    titles = []
    out = []
    for p in series():
        path = os.path.join(PATCHES, p)
        r = subprocess.run(["git", "-C", tree, "apply", "--index",
                            "--whitespace=nowarn", path], text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode:
            sys.exit(f"series: {p} does not apply:\n{r.stdout}")
        files, ents = per.get(number(p), ([], []))
        for f in files:
            dst = os.path.join(tree, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(os.path.join(TOP, f), dst)
            git(tree, "add", "-f", f)
        if ents:
            titles += ents
            merge_maintainers(tree, titles)
            git(tree, "add", "MAINTAINERS")
        author, date, subject, body = parse_header(path)
        m = re.match(r"(.*) <(.*)>", author)
        env = {"GIT_AUTHOR_NAME": m.group(1), "GIT_AUTHOR_EMAIL": m.group(2),
               "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        r = subprocess.run(["git", "-C", tree, "commit", "-q", "-F", "-"],
                           input=subject + "\n\n" + body, text=True,
                           env=dict(os.environ, **IDENT, **env),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode:
            sys.exit(f"series: commit of {p} failed:\n{r.stdout}")
        out.append((p, git(tree, "rev-parse", "HEAD").strip()))
    return out


def cover_text(name, title, base_desc, prereq):
    path = os.path.join(PATCHES, "covers", name + ".txt")
    with open(path) as f:
        text = f.read().strip()
    text += "\n\nBase: " + base_desc
    if prereq:
        text += ("\nApplies on top of the series before it, in this "
                 "order: " + ", ".join(prereq) + ".")
    return text


def format_series(tree, commits, out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(tree, ".git", "qcomtz-base")) as f:
        base_desc = f.read().strip()
    shas = {number(p): s for p, s in commits}
    prev = "base"
    done = []
    dirs = []
    for i, (name, first, last, title) in enumerate(topics(), 1):
        d = os.path.join(out, f"{i:02d}-{name}")
        git(tree, "format-patch", "-q", "--cover-letter", "--thread",
            "--no-signature", "--base=base", "-o", d,
            f"{prev}..{shas[last]}")
        cover = glob.glob(os.path.join(d, "0000-*.patch"))[0]
        with open(cover) as f:
            text = f.read()
        text = text.replace("*** SUBJECT HERE ***", title)
        text = text.replace("*** BLURB HERE ***",
                            cover_text(name, title, base_desc, done))
        with open(cover, "w") as f:
            f.write(text)
        dirs.append(d)
        done.append(f"{i:02d}-{name}")
        prev = shas[last]
    return dirs


def result(ok, name, why=""):
    print(("ok " if ok else "not ok ") + name + (f"  ({why})" if why and
                                                   not ok else ""),
          flush=True)
    return ok


def check(tree, build, dirs, commits):
    good = True
    # 1. git am, topic by topic, on a clean branch of the base.
    git(tree, "checkout", "-q", "-f", "-B", "am-test", "base")
    git(tree, "clean", "-q", "-fdx")
    for d in dirs:
        patches = sorted(p for p in glob.glob(os.path.join(d, "*.patch"))
                         if not os.path.basename(p).startswith("0000-"))
        r = subprocess.run(["git", "-C", tree, "am", "-q"] + patches,
                           text=True, env=dict(os.environ, **IDENT),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        good &= result(r.returncode == 0,
                       f"series: {os.path.basename(d)} applies with git am",
                       r.stdout.strip().splitlines()[-1] if r.stdout.strip()
                       else "")
        if r.returncode:
            git(tree, "am", "--abort", check=False)
            return False
    same = git(tree, "diff", "--stat", "series", "am-test").strip()
    good &= result(not same, "series: git am gives the tree of the commits",
                   same[-200:])
    # 2. The last tree is the build tree's (quilt + overlay + MAINTAINERS).
    src = os.path.join(build, "linux")
    files = git(tree, "diff", "--name-only", "base", "series").split()
    diff = [f for f in files if not os.path.exists(os.path.join(src, f)) or
            subprocess.run(["cmp", "-s", os.path.join(tree, f),
                            os.path.join(src, f)]).returncode]
    good &= result(not diff, "series: the last commit is the build tree",
                   " ".join(diff[:5]))
    # 3. MAINTAINERS: get_maintainer.pl finds a maintainer for every new
    #    file (the subsystem's, for a test next to its code), and names
    #    us for every file our own entries list.
    git(tree, "checkout", "-q", "-f", "series")
    added = git(tree, "diff", "--name-only", "--diff-filter=A", "base",
                "series").split()
    ours = [l[3:].strip() for e in maintainers_entries().values()
            for l in e.splitlines() if l.startswith("F:")]
    miss = []
    for f in added:
        r = subprocess.run(["perl", "scripts/get_maintainer.pl", "--no-git",
                            "--no-git-fallback", "--rolestats", "-f", f],
                           cwd=tree, text=True, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        mine = any(f == o or (o.endswith("/") and f.startswith(o)) or
                   fnmatch.fnmatch(f, o) for o in ours)
        if "(maintainer:" not in r.stdout or \
                (mine and "dev@qcom-tz.invalid" not in r.stdout):
            miss.append(f)
    good &= result(not miss, f"series: get_maintainer.pl finds the "
                   f"maintainers of all {len(added)} new files",
                   " ".join(miss[:5]))
    # ... and a maintainer to send each mail to, us for what we maintain.
    for d in dirs:
        for p in sorted(glob.glob(os.path.join(d, "*.patch"))):
            if os.path.basename(p).startswith("0000-"):
                continue
            r = subprocess.run(["perl", "scripts/get_maintainer.pl",
                                "--no-git", "--no-git-fallback", p],
                               cwd=tree, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            with open(p) as f:
                touched = re.findall(r"^\+\+\+ b/(\S+)", f.read(), re.M)
            mine = any(fnmatch.fnmatch(f, o) or f == o or
                       (o.endswith("/") and f.startswith(o))
                       for f in touched for o in ours)
            ok = "(maintainer:" in r.stdout and \
                (not mine or "dev@qcom-tz.invalid" in r.stdout)
            good &= result(ok, "series: get_maintainer.pl " +
                           os.path.relpath(p, os.path.dirname(d)),
                           r.stdout.strip().splitlines()[0]
                           if r.stdout.strip() else "no output")
    # 4. checkpatch --strict on every generated patch (cover letters too
    #    are skipped: they carry no code).
    for d in dirs:
        for p in sorted(glob.glob(os.path.join(d, "*.patch"))):
            if os.path.basename(p).startswith("0000-"):
                continue
            # spdxcheck.py needs Debian's python3-ply and python3-git.
            env = dict(os.environ, PATH="/usr/bin:" + os.environ["PATH"])
            # FILE_PATH_CHANGES ("does MAINTAINERS need updating?") fires
            # for every new file of a patch not touching MAINTAINERS, e.g.
            # a test next to its code: the check above proves each new
            # file has its maintainers instead.
            r = subprocess.run(["perl", "scripts/checkpatch.pl", "--strict",
                                "--ignore", "FILE_PATH_CHANGES",
                                "--no-summary", "--terse", p], cwd=tree,
                               text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env)
            out = r.stdout.strip()
            good &= result(r.returncode == 0 and not out,
                           "series: checkpatch " + os.path.relpath(
                               p, os.path.dirname(d)),
                           out.splitlines()[0] if out else "")
    return good


# -- bisectability -----------------------------------------------------------

# Debug options change no code path of the build; the board's test
# kernel of "make check" builds with them.
NOT_FOR_BISECT = re.compile(r"^CONFIG_(DEBUG_|KASAN|UBSAN|PROVE_LOCKING|"
                            r"KMEMLEAK|LOCKDEP)")


def bisect_fragment(out):
    """The board's options (KUnit suites included) and the build-only
    ones, without debug options."""
    lines = []
    for frag in ("tools/testing/qcom-tz/config/base.config",
                 "tools/testing/qcom-tz/config/kunit.config",
                 "tools/testing/qcom-tz/config/build-only.config"):
        with open(os.path.join(TOP, frag)) as f:
            lines += [l for l in f if l.startswith("CONFIG_") and
                      not NOT_FOR_BISECT.match(l)]
    with open(out, "w") as f:
        f.writelines(lines)


def bisect(tree, build, commits, jobs):
    """Build every step of the series: at each commit, the directories
    every commit so far touched (so that a header change rebuilds its
    users), with the board's and the KUnit tests' options (symbols a
    later patch adds are simply unknown before it). Returns True if all
    steps built without an error or a warning."""
    import time
    kobj = os.path.join(build, "series", "kbuild")
    os.makedirs(kobj, exist_ok=True)
    frag = os.path.join(kobj, "qcomtz.fragment")
    bisect_fragment(frag)
    cross = "aarch64-linux-gnu-"
    mk = ["make", "-s", "-C", tree, "O=" + kobj, "ARCH=arm64",
          "CROSS_COMPILE=" + cross, f"CC=ccache {cross}gcc", f"-j{jobs}",
          "W=1"]
    dirs = []
    good = True
    t0 = time.time()
    for i, (p, sha) in enumerate(commits):
        git(tree, "checkout", "-q", "-f", sha)
        files = git(tree, "diff-tree", "--no-commit-id", "--name-only", "-r",
                    sha).split()
        for f in files:
            d = os.path.dirname(f)
            if f.endswith((".c", ".h", "Kconfig", "Makefile")) and \
                    d.startswith(("drivers/", "fs/")) and d not in dirs:
                dirs.append(d)
        log = os.path.join(build, "logs", f"bisect-{number(p)}.log")
        with open(log, "w") as lf:
            env = dict(os.environ, KCONFIG_ALLCONFIG=frag)
            r = subprocess.run(mk + ["allnoconfig"], env=env, stdout=lf,
                               stderr=subprocess.STDOUT)
            if not r.returncode:
                r = subprocess.run(mk + (["prepare"] if i == 0 else []) +
                                   [d + "/" for d in dirs], stdout=lf,
                                   stderr=subprocess.STDOUT)
        with open(log) as lf:
            text = lf.read()
        warn = [l for l in text.splitlines()
                if re.search(r": (warning|error):", l) and
                "vgetrandom" not in l]
        ok = r.returncode == 0 and not warn
        good &= result(ok, f"bisect: {p[:-6]} builds "
                       f"({len(dirs)} directories)",
                       warn[0] if warn else f"exit {r.returncode}, {log}")
    git(tree, "checkout", "-q", "-f", "series")
    print(f"  BISECT  {len(commits)} steps in {time.time() - t0:.0f} s",
          flush=True)
    return good


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--out")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bisect", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    out = os.path.abspath(a.out or os.path.join(build, "series", "out"))
    tree = base_tree(build)
    commits = build_commits(tree)
    dirs = format_series(tree, commits, out)
    n = sum(len(glob.glob(os.path.join(d, "*.patch"))) for d in dirs)
    print(f"  SERIES  {out}: {len(dirs)} series, {n} mails "
          f"(cover letters included)", flush=True)
    good = True
    if a.check:
        good &= check(tree, build, dirs, commits)
    if a.bisect:
        good &= bisect(tree, build, commits, a.jobs)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
