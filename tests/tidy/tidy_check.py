#!/usr/bin/env python3
"""clang-tidy (the checked-in .clang-tidy) over the C/C++ files a change touches; any finding fails.

Which files (tests/tidy/README.md):
  --all          every translation unit in the build's compile_commands.json (by hand: ~40 min of CPU)
  --base REV     the files changed between REV and the working tree
  (neither)      the base is the merge-base of HEAD with origin/main when that exists and HEAD is not
                 already on it (a branch: everything the branch changed); otherwise HEAD~1, the last
                 commit (a fresh clone of main in CI, or a checkout without origin/main)
  FILE...        just these files
A changed header is checked through one translation unit that includes it (its own .cpp if there is
one); findings in the project's headers are reported wherever they are included (HeaderFilterRegex).
No translation unit is started after --budget seconds (100; the rest are named, not failed), so the
CTest run stays under ~2 minutes on 2 cores even for a large change; --all has no budget.

The compiler commands are GCC's: they are handed to clang-tidy through a copy of compile_commands.json
in which the precompiled header is included as text (clang cannot read GCC's .gch) and GCC-only
warning flags are ignored. Exit 0 clean, 1 findings (or clang-tidy failed), 77 (CTest: skipped) when
clang-tidy is missing or the source tree is not a git checkout.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SOURCES = (".c", ".cc", ".cpp")
HEADERS = (".h", ".hpp")
# Translation units that must fail to compile (tests/layering/README.md): never checked.
PROBES = ("tests/layering/",)
FINDING = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): (?:warning|error): (?P<text>.*?)"
                     r"(?: \[(?P<check>[\w.,-]+)\])?$")


def git(source, *args):
    run = subprocess.run(["git", "-C", source, *args], capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


def pick_base(source):
    """The revision to compare with, and why (see the module comment)."""
    head = git(source, "rev-parse", "HEAD")
    if git(source, "rev-parse", "--verify", "-q", "origin/main^{commit}"):
        base = git(source, "merge-base", "HEAD", "origin/main")
        if base and base != head:
            return base, f"merge-base with origin/main ({base[:12]})"
    parent = git(source, "rev-parse", "--verify", "-q", "HEAD~1^{commit}")
    if parent:
        return parent, f"the last commit ({head[:12]})"
    return None, "the first commit: every file"


def changed_files(source, base):
    """Tracked files changed since base (committed or not) plus untracked ones, relative paths."""
    if base is None:
        listed = git(source, "ls-files")
    else:
        listed = git(source, "diff", "--name-only", "--diff-filter=d", base, "--")
        untracked = git(source, "ls-files", "--others", "--exclude-standard")
        listed = "\n".join(x for x in (listed, untracked) if x)
    return [f for f in (listed or "").splitlines() if f.endswith(SOURCES + HEADERS)]


UNITY_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def load_database(build):
    path = os.path.join(build, "compile_commands.json")
    with open(path) as f:
        return [source for entry in json.load(f) for source in unity_members(entry)]


def unity_members(entry):
    """A CMake unity source (UNITY_BUILD) stands for the files it includes: one entry each, compiled
    with the unity source's flags, so each file is still checked as its own translation unit."""
    unity = os.path.join(entry["directory"], entry["file"])
    if os.sep + "Unity" + os.sep not in unity or not unity.endswith(".cxx"):
        return [entry]
    members = []
    with open(unity, errors="replace") as f:
        for line in f:
            m = UNITY_INCLUDE.match(line)
            if m:
                member = dict(entry, file=m[1])
                if "arguments" in entry:
                    member["arguments"] = [m[1] if a == entry["file"] else a for a in entry["arguments"]]
                else:
                    member["command"] = entry["command"].replace(entry["file"], m[1])
                members.append(member)
    return members


def clang_command(entry):
    """The entry's GCC command as clang-tidy should see it."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        # CMake's precompiled header: the clang driver would find GCC's cmake_pch.hxx.gch next to it
        # and fail to read it; handed straight to the frontend, the header is included as text.
        if a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            out += ["-Xclang", "-include", "-Xclang", args[i + 1]]
            i += 2
            continue
        if a != "-Winvalid-pch":
            out.append(a)
        i += 1
    return {"directory": entry["directory"], "file": entry["file"], "arguments": out}


def includer_of(header, sources):
    """One translation unit (absolute path) that includes header: its own .cpp first, else any."""
    stem = os.path.splitext(header)[0]
    for ext in SOURCES:
        if stem + ext in sources:
            return stem + ext
    name = os.path.basename(header)
    pattern = re.compile(r'^\s*#\s*include\s*[<"]([^>"]*/)?' + re.escape(name) + r'[>"]')
    for src in sorted(sources):
        try:
            with open(src, errors="replace") as f:
                if any(pattern.match(line) for line in f):
                    return src
        except OSError:
            continue
    return None


def finding_blocks(output):
    """Each warning or error with the notes and source lines that follow it."""
    blocks = []
    for line in output.splitlines():
        m = FINDING.match(line)
        if m and ": note: " not in line:
            blocks.append([line])
        elif blocks and not re.match(r"^\d+ warnings? (and \d+ errors? )?generated|^Suppressed |^Use -header-filter", line):
            blocks[-1].append(line)
    return blocks


def run_tidy(clang_tidy, db_dir, path, source, deadline, extra):
    """clang-tidy on one translation unit; None when the time budget ran out before it started."""
    start = time.monotonic()
    if deadline is not None and start > deadline:
        return None
    run = subprocess.run([clang_tidy, "-p", db_dir, "--quiet", "--warnings-as-errors=*",
                          "--extra-arg=-Wno-unknown-warning-option", *extra, path],
                         cwd=source, capture_output=True, text=True)
    return path, run.returncode, run.stdout + run.stderr, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clang-tidy", default="clang-tidy")
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--build", help="the build directory with compile_commands.json (default: SOURCE/build)")
    ap.add_argument("--base", help="compare with this revision instead of the default base")
    ap.add_argument("--all", action="store_true", help="every translation unit in the compile database")
    ap.add_argument("--budget", type=float, default=100,
                    help="seconds after which no more translation units are started (not with --all)")
    ap.add_argument("--analyzer", action="store_true",
                    help="also the static analyzer's core and cplusplus checks (slower; off in .clang-tidy)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("files", nargs="*", help="check just these files")
    args = ap.parse_args()
    source = os.path.abspath(args.source)
    build = os.path.abspath(args.build or os.path.join(source, "build"))

    tidy = shutil.which(args.clang_tidy)
    if not tidy:
        print(f"{args.clang_tidy} not found (Debian package clang-tidy, installed by packaging/setup-debian.sh): "
              "skipped", file=sys.stderr)
        return 77
    version = subprocess.run([tidy, "--version"], capture_output=True, text=True).stdout
    version = " ".join(version.split()[:4]) if version else tidy
    try:
        database = load_database(build)
    except OSError as e:
        print(f"no compile database ({e}): configure and build first (cmake --preset ci)", file=sys.stderr)
        return 1

    # Only the project's own translation units (not CMake's generated precompiled-header sources).
    entries = {}
    for entry in database:
        path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        rel = os.path.relpath(path, source)
        if path.startswith(source + os.sep) and not path.startswith(build + os.sep) and not rel.startswith(PROBES):
            entries[path] = entry
    sources = set(entries)

    if args.all:
        what, wanted = "every translation unit", sorted(sources)
    else:
        if args.files:
            what, changed = "the files named", args.files
        else:
            if git(source, "rev-parse", "--git-dir") is None:
                print("not a git checkout: no changed files to check (--all checks every file)", file=sys.stderr)
                return 77
            if args.base:
                base = git(source, "rev-parse", "--verify", "-q", args.base + "^{commit}")
                if base is None:
                    print(f"--base {args.base}: not a revision", file=sys.stderr)
                    return 1
                why = args.base
            else:
                base, why = pick_base(source)
            what, changed = f"files changed since {why}", changed_files(source, base)
        wanted, unchecked = [], []
        for rel in changed:
            path = os.path.normpath(os.path.join(source, rel))
            if path in sources:
                tu = path
            elif path.endswith(HEADERS):
                tu = includer_of(path, sources)
            else:
                tu = None
            if tu is None:
                unchecked.append(os.path.relpath(path, source))
            elif tu not in wanted:
                wanted.append(tu)
        # Sources named directly go first, so the time budget drops the headers' stand-ins first.
        wanted.sort(key=lambda p: os.path.relpath(p, source) not in changed)
        if unchecked:
            print(f"not in the build's compile database, not checked: {', '.join(unchecked)}")

    if not wanted:
        print(f"no C/C++ translation units to check ({what})")
        return 0
    print(f"{version}: checking {len(wanted)} translation units ({what}), {args.jobs} at a time", flush=True)

    findings = collections.OrderedDict()
    failed = []
    start = time.monotonic()
    deadline = None if args.all else start + args.budget
    extra = ["--checks=clang-analyzer-core.*,clang-analyzer-cplusplus.*"] if args.analyzer else []
    left = []
    with tempfile.TemporaryDirectory(prefix="senmap-tidy-") as db_dir:
        with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
            json.dump([clang_command(entries[p]) for p in sorted(sources)], f)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            jobs = {pool.submit(run_tidy, tidy, db_dir, p, source, deadline, extra): p for p in wanted}
            for job in concurrent.futures.as_completed(jobs):
                rel = os.path.relpath(jobs[job], source)
                if job.result() is None:
                    left.append(rel)
                    continue
                path, rc, output, seconds = job.result()
                blocks = finding_blocks(output)
                for block in blocks:
                    m = FINDING.match(block[0])
                    real = os.path.realpath(os.path.join(source, m["file"]))
                    check = (m["check"] or "").replace(",-warnings-as-errors", "")
                    key = (real, m["line"], m["col"], check)
                    if key not in findings:
                        shown = os.path.relpath(real, source) if real.startswith(source + os.sep) else real
                        block[0] = shown + block[0][len(m["file"]):]
                        findings[key] = block[0]
                        print("\n".join(block))
                if rc != 0:
                    failed.append(rel)
                    if not blocks:  # a failure without a finding (e.g. a crash): show everything
                        print(output)
                print(f"  {rel}: {'clean' if rc == 0 else 'FAILED'} ({seconds:.1f} s)", flush=True)
    elapsed = time.monotonic() - start
    checked = len(wanted) - len(left)
    if left:
        print(f"{len(left)} translation units not checked (the {args.budget:.0f} s budget ran out): "
              f"{', '.join(sorted(left))}; check them with tests/tidy/tidy_check.py FILE... or --all")

    if failed or findings:
        per_check = collections.Counter(key[3] or "compiler error" for key in findings)
        print(f"\n{len(findings)} findings in {len(failed)} of {checked} translation units ({elapsed:.0f} s):")
        for check, count in per_check.most_common():
            print(f"  {count:4d}  {check}")
        print("fix them (tests/tidy/README.md); a false positive gets NOLINTNEXTLINE(check) and a comment why")
        return 1
    print(f"{checked} translation units clean ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
