#!/usr/bin/env python3
"""Every tracked C/C++ file is as the checked-in .clang-format would write it.

Runs clang-format --dry-run --Werror over `git ls-files` (so build trees and node_modules are never
looked at) and fails naming each file that differs, with the command that fixes it. Exit 77 (CTest:
skipped) when the source tree is not a git checkout.
"""
import argparse
import subprocess
import sys

PATTERNS = ["*.c", "*.cc", "*.cpp", "*.h", "*.hpp"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-format", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()

    try:
        listed = subprocess.run(["git", "-C", args.source, "ls-files", "-z", "--", *PATTERNS],
                                capture_output=True)
    except FileNotFoundError:
        print("git not found: nothing to check", file=sys.stderr)
        return 77
    if listed.returncode != 0:
        print("not a git checkout: nothing to check", file=sys.stderr)
        return 77
    files = [f for f in listed.stdout.decode().split("\0") if f]
    version = subprocess.run([args.clang_format, "--version"], capture_output=True, text=True).stdout.strip()

    differ = []
    for start in range(0, len(files), 100):
        batch = files[start:start + 100]
        run = subprocess.run([args.clang_format, "--dry-run", "--Werror", *batch], cwd=args.source,
                             capture_output=True, text=True)
        if run.returncode != 0:
            named = {line.split(":", 1)[0] for line in run.stderr.splitlines() if ": error:" in line}
            differ += sorted(named) if named else batch
            if not named:
                print(run.stderr, file=sys.stderr)
    if differ:
        print(f"{len(differ)} of {len(files)} files are not formatted ({version}):")
        for f in differ:
            print(f"  {f}")
        print("fix: clang-format -i FILE... (or `git clang-format` for just your changed lines)")
        return 1
    print(f"{len(files)} files formatted ({version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
