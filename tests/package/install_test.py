#!/usr/bin/env python3
"""An outside project builds against senmap's install tree (CTest package.find_package).

Installs the runtime and development components to a temporary prefix, then builds tests/package/
outside twice, as an MIS vendor would: with CMake's find_package(senmap CONFIG REQUIRED) and with
pkg-config; both binaries must run against the installed library. Also: the installed library
exports only senmap_* symbols, a plain install leaves out the system files (units, /etc), and
find_package refuses a different major version (SameMajorVersion).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def run(command, **kwargs):
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, check=True, text=True, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--cc", default="cc")
    args = parser.parse_args()
    outside = os.path.join(args.source, "tests", "package", "outside")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "prefix")
        for component in ("runtime", "development"):
            run(["cmake", "--install", args.build, "--prefix", prefix, "--component", component])
        installed = subprocess.run(["find", prefix], capture_output=True, text=True).stdout
        for unwanted in ("/etc/", "systemd"):
            if unwanted in installed:
                failures.append(f"a prefix install holds {unwanted}: those belong to the Debian package only")
        libs = [os.path.join(root, f) for root, _, files in os.walk(prefix) for f in files
                if f.startswith("libsenmap.so.")]
        if not libs:
            failures.append("no libsenmap.so.N installed")
        for lib in libs:
            symbols = run(["nm", "-D", "--defined-only", lib], capture_output=True).stdout.split("\n")
            others = [s.split()[-1] for s in symbols if s.strip() and not s.split()[-1].startswith("senmap_")]
            if others:
                failures.append(f"{lib} exports {len(others)} symbols that are not senmap_*: {others[:5]}")

        # CMake: find_package(senmap CONFIG REQUIRED) and senmap::senmap.
        cmake_build = os.path.join(tmp, "cmake-host")
        run(["cmake", "-S", outside, "-B", cmake_build, f"-DCMAKE_PREFIX_PATH={prefix}",
             f"-DSENMAP_WANTED_VERSION={args.version}"])
        run(["cmake", "--build", cmake_build])
        out = run([os.path.join(cmake_build, "outside_host")], capture_output=True).stdout
        if f"senmap {args.version}" not in out:
            failures.append(f"the find_package host printed {out!r}")

        # SameMajorVersion: a host asking for the next major version is refused at configure.
        major = int(args.version.split(".")[0])
        refused = subprocess.run(["cmake", "-S", outside, "-B", os.path.join(tmp, "cmake-next-major"),
                                  f"-DCMAKE_PREFIX_PATH={prefix}", f"-DSENMAP_WANTED_VERSION={major + 1}.0"],
                                 capture_output=True, text=True)
        if refused.returncode == 0:
            failures.append(f"find_package(senmap {major + 1}.0) was accepted by a {args.version} install")

        # pkg-config, from a relocated prefix (the .pc file finds its prefix from where it is).
        env = dict(os.environ, PKG_CONFIG_PATH=":".join(
            os.path.join(root) for root, dirs, _ in os.walk(prefix) if root.endswith("pkgconfig")))
        version = run(["pkg-config", "--modversion", "senmap"], capture_output=True, env=env).stdout.strip()
        if version != args.version:
            failures.append(f"pkg-config says {version}, the project {args.version}")
        flags = run(["pkg-config", "--cflags", "--libs", "senmap"], capture_output=True, env=env).stdout.split()
        libdir = [f[2:] for f in flags if f.startswith("-L")]
        host = os.path.join(tmp, "pkgconfig-host")
        run([args.cc, "-std=c99", "-pedantic", "-Werror", os.path.join(outside, "host.c"), "-o", host] + flags +
            [f"-Wl,-rpath,{d}" for d in libdir])
        out = run([host], capture_output=True).stdout
        if f"senmap {args.version}" not in out:
            failures.append(f"the pkg-config host printed {out!r}")

    for f in failures:
        print("FAIL: " + f)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
