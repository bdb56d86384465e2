#!/usr/bin/env python3
"""The C ABI as a host's linker sees it (CTest abi.exports and abi.compatible).

exports: `nm -D --defined-only` on libsenmap.so lists only senmap_* symbols; every function senmap.h
declares is exported and every export is declared; every exported function is called somewhere in
the host tests (tests/capi), so none goes untested.

compatible: `abidiff` (Debian's abigail-tools) compares the library with the ABI dump of the last
release kept in packaging/abi/ and fails on any change a host could notice (a function removed, a
parameter, return type or struct member changed). New functions pass, and so do members appended at
the end of an options struct (packaging/abi/senmap.abignore): the library accepts older, smaller
structs by their struct_size. It first shows it can fail: a library that
lacks the release's functions must be reported incompatible.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True, text=True).stdout
    names = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            names.append(parts[2].split("@")[0])
    return names


def declared(header):
    text = open(header, encoding="utf-8").read()
    return set(re.findall(r"SENMAP_API\s+[^;(]*?\b(senmap_\w+)\s*\(", text))


def called_in(paths):
    text = ""
    for path in paths:
        files = [os.path.join(path, n) for n in sorted(os.listdir(path))] if os.path.isdir(path) else [path]
        for name in files:
            if name.endswith((".c", ".cpp", ".py")):
                text += open(name, encoding="utf-8").read()
    return text


def check_exports(args):
    names = exported(args.lib)
    problems = [f"exported but not senmap_*: {n}" for n in names if not n.startswith("senmap_")]
    functions = set(n for n in names if n.startswith("senmap_"))
    header = declared(args.header)
    problems += [f"declared in senmap.h but not exported: {n}" for n in sorted(header - functions)]
    problems += [f"exported but not declared in senmap.h: {n}" for n in sorted(functions - header)]
    tests = called_in(args.tests)
    # A call in C/C++ (name followed by "(") or through ctypes (lib.name).
    problems += [f"never called by the host tests ({' '.join(args.tests)}): {n}" for n in sorted(functions)
                 if not re.search(r"\b" + n + r"\s*\(", tests) and not re.search(r"\." + n + r"\b", tests)]
    print(f"{len(names)} dynamic symbols exported, {len(functions)} senmap_ functions, {len(header)} declared")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


def abidiff(baseline, lib, headers, suppressions=None):
    # Only what the library exports, and only types its public headers declare: the ABI a host sees.
    command = ["abidiff", "--no-added-syms", "--exported-interfaces-only", "--drop-private-types"]
    if suppressions:
        command += ["--suppressions", suppressions]
    for h in headers:
        command += ["--headers-dir2", h]
    command += [baseline, lib]
    run = subprocess.run(command, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def check_compatible(args):
    # abidiff's exit status is a bit field: 1 error, 2 usage, 4 an ABI change, 8 an incompatible one.
    with tempfile.TemporaryDirectory() as tmp:
        shrunk_c = os.path.join(tmp, "shrunk.c")
        with open(shrunk_c, "w") as f:
            f.write('const char* senmap_version(void) { return "0"; }\n')
        shrunk = os.path.join(tmp, "libsenmap.so.0")
        subprocess.run([args.cc, "-shared", "-fPIC", "-g", "-o", shrunk, shrunk_c, "-Wl,-soname,libsenmap.so.0"],
                       check=True)
        status, _ = abidiff(args.baseline, shrunk, [])
        if not status & 8:
            print(f"abidiff did not report a library without the release's functions as incompatible "
                  f"(status {status}): the check could not fail")
            return 1
    status, report = abidiff(args.baseline, args.lib, args.headers, args.suppressions)
    print(report.strip() or "no ABI change against " + os.path.basename(args.baseline))
    if status & 3:
        print(f"abidiff failed to run (status {status})")
        return 1
    if status & 12:
        print("ABI change against the last release that a host could notice: restore it, or bump "
              "SENMAP_ABI_MAJOR (the SONAME) as docs/versioning.md says, and update the dump")
        return 1
    print("compatible with " + os.path.basename(args.baseline))
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("check", choices=["exports", "compatible"])
    parser.add_argument("--lib", required=True)
    parser.add_argument("--header")
    parser.add_argument("--tests", nargs="*", default=[])
    parser.add_argument("--baseline")
    parser.add_argument("--headers", nargs="*", default=[])
    parser.add_argument("--suppressions")
    parser.add_argument("--cc", default="cc")
    args = parser.parse_args()
    return check_exports(args) if args.check == "exports" else check_compatible(args)


if __name__ == "__main__":
    sys.exit(main())
