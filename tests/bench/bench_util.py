"""What every benchmark here shares: running one command and measuring that process alone."""
import os
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Runs cmd under GNU time; returns (seconds, peak RSS in bytes) of that process alone.
    (wait4's ru_maxrss would include the Python parent's RSS, inherited at fork.)"""
    fd, stats = tempfile.mkstemp()
    os.close(fd)
    try:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", stats, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
        with open(stats) as f:
            return elapsed, int(f.read().split()[-1]) * 1024
    finally:
        os.remove(stats)


def run_measured(cmd):
    """Like run(), and also the process's own CPU seconds (user + system) and its stdout:
    (seconds, peak RSS in bytes, CPU seconds, stdout text)."""
    fd, stats = tempfile.mkstemp()
    os.close(fd)
    try:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", stats, *cmd],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}"
                     f"\n{proc.stdout.decode()[-2000:]}")
        with open(stats) as f:
            rss, user, system = f.read().split()[-3:]
        return elapsed, int(rss) * 1024, float(user) + float(system), proc.stdout.decode()
    finally:
        os.remove(stats)
