#!/usr/bin/env python3
"""Live sync benchmark: a generated 2,000-pupil secondary school served by the loopback fakes of
Xporter, Wonde and Arbor (tests/fakes) over real TLS, against the import of the same school's CTF.

It measures senmap, not the fakes. A real vendor's server speed is not ours to measure, and the
Python fakes building JSON used to be ~90% of a full sync's wall time. So each fake renders each
distinct reply once per state of its school (a cache keyed by path and query, taken after the
credentials and faults are checked, emptied whenever the school changes; see tests/fakes/README.md),
and before anything is timed the bench runs every measured sync once, untimed, with identical
requests: a full first sync into an empty database, then a no-change delta. The timed runs are then
served from the cache, except where a request cannot repeat: Wonde's delta asks `updated_after=`
the time of the last read, which differs every run, so its lists are rendered for each delta (a few
empty pages). The "cache hits" column says how many of a timed run's requests came from the cache.

Measured in one run (median of N where cheap; each process's own peak RSS and CPU via GNU time):
  - reference: senmap import of the same school's CTF into an empty database
  - full first sync from each fake into an empty database (median of --full-runs)
  - no-change delta sync from each (median of --runs)
  - requests per pupil: the fake's request log and the sync summary's details.requests
  - the fake's own serving time: the sum over the sync's requests of the time the fake spent on
    each, from the request read to the reply sent (its request log's `seconds`), cached or not.
    Requests overlap (Xporter reads four endpoints side by side, Arbor keeps four in flight), so
    the sum can exceed the wall time: then the fake, not senmap, is the bottleneck
  - the untimed warm-up full sync's wall time, for the record (what the fakes cost cold)
Arbor makes one GET per record; --arbor-pupils gives it its own (smaller) school when 2,000 pupils
would take too long, and the output says so. Prints ratios against the reference and writes them to
tests/bench/results/live_sync.txt.

Usage: live_sync_bench.py [--build build] [--pupils 2000] [--arbor-pupils N] [--runs 3] [--full-runs 1]
                          [--vendors xporter,wonde,arbor]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FAKES = os.path.join(HERE, "..", "fakes")
sys.path.insert(0, HERE)
sys.path.insert(0, FAKES)
import fake_process  # noqa: E402
from bench_util import run_measured  # noqa: E402

XPORTER_SECRET, WONDE_TOKEN = "bench-Xporter-51", "bench-Wonde-77"
ARBOR_PASSWORD = "bench-Arbor-93"


def fresh(path):
    for suffix in ("", "-wal", "-shm", ".sync.lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


class Fake(fake_process.FakeProcess):
    def __init__(self, work, vendor, secret):
        super().__init__(work, vendor, secret, control_timeout=600)


def write_config(work, name, source_lines):
    path = os.path.join(work, name + ".toml")
    with open(path, "w") as f:
        f.write(f'database = "{name}.db"\n[[schools]]\nla = "938"\nestab = "4123"\n[[schools.sources]]\n'
                + "\n".join(source_lines) + "\nca_file = \"cert.pem\"\nread_timeout = 300\n")
    return path


def sync(senmap, config, db=None, first=False):
    if first:
        fresh(db)
    seconds, rss, cpu, out = run_measured([senmap, "--config", config, "sync", "--json"])
    summary = json.loads(out)
    report = summary["sources"][0]["reports"][0]
    if summary["sources"][0]["status"] != "ok" or not report["applied"]:
        sys.exit(f"sync did not apply: {json.dumps(summary)[:2000]}")
    return {"seconds": seconds, "rss": rss, "cpu": cpu, "requests": report["details"].get("requests"),
            "pupils": report["pupils"]["in_file"]}


def serving(log):
    """Seconds the fake spent answering the requests of one sync (its own clock, per request)."""
    return sum(e.get("seconds") or 0.0 for e in log)


def cache_stats(fake):
    return fake.control("info")["reply_cache"]


def measured(fake, run):
    """run() with the fake's request log and how many of its requests the reply cache served."""
    fake.control("reset_log", {})
    before = cache_stats(fake)
    result = run()
    after = cache_stats(fake)
    result["log"] = fake.control("log")
    result["cache_hits"] = after["hits"] - before["hits"]
    result["cache_rendered"] = after["misses"] - before["misses"] + after["uncached"] - before["uncached"]
    return result


def vendor_bench(senmap, fake, config, db, args):
    out = {}
    # Untimed warm-up with the same requests as the timed runs: the fake renders its replies here.
    warm = sync(senmap, config, db, first=True)
    sync(senmap, config)
    out["warm_full_seconds"] = warm["seconds"]
    fulls = [measured(fake, lambda: sync(senmap, config, db, first=True)) for _ in range(args.full_runs)]
    full = dict(fulls[0], seconds=statistics.median(f["seconds"] for f in fulls),
                cpu=statistics.median(f["cpu"] for f in fulls), rss=max(f["rss"] for f in fulls))
    out["full"] = full
    # The fake's own time for exactly the requests the full sync made.
    out["fake_full"] = statistics.median(serving(f["log"]) for f in fulls)
    deltas = [measured(fake, lambda: sync(senmap, config)) for _ in range(args.runs)]
    delta = dict(deltas[0], seconds=statistics.median(d["seconds"] for d in deltas),
                 cpu=statistics.median(d["cpu"] for d in deltas), rss=max(d["rss"] for d in deltas))
    out["delta"] = delta
    out["fake_delta"] = statistics.median(serving(d["log"]) for d in deltas)
    return out


def prepare(senmap, openssl, work, pupils):
    """The school (CTF and OneRoster), a throwaway certificate and the secret files, in `work`."""
    os.makedirs(work, exist_ok=True)
    # This school year's register to date, as a live full read asks for it.
    subprocess.run([senmap, "generate", "--pupils", str(pupils), "--phase", "secondary", "--seed", "2026",
                    "--year", str(fake_process.register_year()), "--out", os.path.join(work, "school.xml"),
                    "--oneroster", os.path.join(work, "roster")],
                   check=True, stdout=subprocess.DEVNULL)
    fake_process.make_certificate(openssl, work)
    for name, secret in (("xporter.secret", XPORTER_SECRET), ("wonde.token", WONDE_TOKEN),
                         ("arbor.password", ARBOR_PASSWORD)):
        path = os.path.join(work, name)
        with open(path, "w") as f:
            f.write(secret + "\n")
        os.chmod(path, 0o600)
    return os.path.getsize(os.path.join(work, "school.xml"))


def run_vendor(senmap, vendor, work, args):
    """One vendor's fake serving the school in `work`, benchmarked with the config written there."""
    os.chdir(work)
    secret = {"xporter": XPORTER_SECRET, "wonde": WONDE_TOKEN, "arbor": ARBOR_PASSWORD}[vendor]
    fake = Fake(work, vendor, secret)
    try:
        if vendor == "xporter":
            lines = ['kind = "xporter"', f'url = "https://127.0.0.1:{fake.port}"', 'estab = "9384123"',
                     'relying_party = "senmap"', 'secret_file = "xporter.secret"']
        elif vendor == "wonde":
            lines = ['kind = "wonde"', f'url = "https://127.0.0.1:{fake.port}/v1.0"',
                     f'school_id = "{fake.control("info")["school_id"]}"', 'token_file = "wonde.token"']
        else:  # one GET per record, max_in_flight (4) at a time on kept-alive connections
            lines = ['kind = "arbor"', f'url = "https://127.0.0.1:{fake.port}"', 'user = "senmap-app"',
                     'password_file = "arbor.password"']
        return vendor_bench(senmap, fake, write_config(work, vendor, lines), vendor + ".db", args)
    finally:
        fake.stop()


NAMES = {"xporter": "Xporter", "wonde": "Wonde", "arbor": "Arbor"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--arbor-pupils", type=int, help="Arbor's school size (default: --pupils)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the cheap measurements")
    parser.add_argument("--full-runs", type=int, default=1, help="repetitions of each full first sync")
    parser.add_argument("--vendors", default="xporter,wonde,arbor", help="comma-separated: xporter,wonde,arbor")
    parser.add_argument("--openssl", default="openssl")
    args = parser.parse_args()
    # senmap runs as under packaging/systemd: no SSL_CERT_FILE/SSL_CERT_DIR (a developer's shell
    # may set them; SSL_CERT_FILE makes OpenSSL parse the whole CA bundle on every sync). The
    # fakes' certificate is trusted through ca_file either way.
    ssl_env = [k for k in ("SSL_CERT_FILE", "SSL_CERT_DIR", "NIX_SSL_CERT_FILE") if os.environ.pop(k, None)]
    senmap = os.path.abspath(os.path.join(args.build, "bin", "senmap"))
    vendors = [v.strip() for v in args.vendors.split(",") if v.strip()]
    if not vendors or any(v not in NAMES for v in vendors):
        parser.error("--vendors takes xporter, wonde and arbor")
    arbor_pupils = args.arbor_pupils or args.pupils
    results, pupils_of = {}, {}
    with tempfile.TemporaryDirectory() as work:
        size = prepare(senmap, args.openssl, work, args.pupils)
        os.chdir(work)
        # (a) the reference: the same school's CTF imported into an empty database.
        imports = []
        for _ in range(args.runs):
            fresh("ctf.db")
            seconds, rss, cpu, _ = run_measured([senmap, "--db", "ctf.db", "import", "ctf", "school.xml"])
            imports.append((seconds, rss, cpu))
        results["ctf"] = {"seconds": statistics.median(i[0] for i in imports), "rss": max(i[1] for i in imports),
                          "cpu": statistics.median(i[2] for i in imports)}
        # (b)-(e) each vendor's fake: full first sync, no-change delta, requests, peak RSS.
        for vendor in vendors:
            where, pupils = work, args.pupils
            if vendor == "arbor" and arbor_pupils != args.pupils:
                where, pupils = os.path.join(work, "arbor"), arbor_pupils
                prepare(senmap, args.openssl, where, pupils)
            results[NAMES[vendor]] = run_vendor(senmap, vendor, where, args)
            pupils_of[NAMES[vendor]] = pupils
        os.chdir(HERE)

    ctf = results["ctf"]
    lines = [f"Live sync benchmark: {args.pupils}-pupil secondary (CTF {size / 1e6:.1f} MB), loopback fakes over TLS, "
             f"delta median of {args.runs}, full sync median of {args.full_runs}, {time.strftime('%Y-%m-%d')}",
             "Fakes serve each distinct reply from a cache warmed by an untimed identical run (see the bench's "
             "docstring); 'cache hits' counts the timed run's requests served from it."
             + (f" senmap ran without {', '.join(ssl_env)} (as under systemd)." if ssl_env else ""), "",
             f"  {'':<44} {'wall':>9} {'senmap CPU':>11} {'peak RSS':>9} {'requests':>9} {'cache hits':>11} "
             f"{'fake serving':>13}",
             f"  {'reference: senmap import ctf':<44} {ctf['seconds']:8.2f}s {ctf['cpu']:10.2f}s "
             f"{ctf['rss'] / 1e6:7.1f}MB"]
    names = [NAMES[v] for v in vendors]
    for vendor in names:
        r = results[vendor]
        label = vendor + (f" ({pupils_of[vendor]} pupils)" if pupils_of[vendor] != args.pupils else "")
        for kind, fake_key in (("full", "fake_full"), ("delta", "fake_delta")):
            m = r[kind]
            lines.append(f"  {label + ' ' + ('full first sync' if kind == 'full' else 'no-change delta sync'):<44} "
                         f"{m['seconds']:8.2f}s {m['cpu']:10.2f}s {m['rss'] / 1e6:7.1f}MB {len(m['log']):9d} "
                         f"{m['cache_hits']:11d} {r[fake_key]:12.2f}s")
    lines.append("")
    for vendor in names:
        r = results[vendor]
        full, delta, pupils = r["full"], r["delta"], pupils_of[vendor]
        # The reference is the 2,000-pupil CTF: a smaller school's ratio is scaled by pupils.
        scale = args.pupils / pupils
        full_own = max(full["seconds"] - r["fake_full"], 0.0)
        delta_own = max(delta["seconds"] - r["fake_delta"], 0.0)
        # Where the fake's time is most of the wall time its requests overlapped senmap's work
        # (Arbor keeps four in flight), and subtracting it says nothing.
        overlapped = r["fake_full"] > full["seconds"] / 2
        less = "    n/a  (the fake's time overlaps senmap's: requests in flight)" if overlapped else None
        if pupils != args.pupils:
            lines.append(f"  {vendor}: a {pupils}-pupil school; ratios to the CTF import are scaled by "
                         f"{args.pupils}/{pupils} (linear in pupils)")
        lines += [
            f"  {vendor}: full sync / CTF import (wall)              {scale * full['seconds'] / ctf['seconds']:7.2f}x"
            f"  (target <= 3x)",
            f"  {vendor}: full sync less fake serving / CTF import   "
            + (less or f"{scale * full_own / ctf['seconds']:7.2f}x"),
            f"  {vendor}: full sync senmap CPU / CTF import CPU      {scale * full['cpu'] / ctf['cpu']:7.2f}x",
            f"  {vendor}: delta / full (wall)                        {100 * delta['seconds'] / full['seconds']:7.1f}%"
            f"  (target < 10%)",
            f"  {vendor}: delta / full, fake serving taken out       "
            + (less or f"{100 * delta_own / full_own if full_own else 0:7.1f}%"),
            f"  {vendor}: requests per pupil, full / delta           {len(full['log']) / pupils:7.4f} / "
            f"{len(delta['log']) / pupils:.4f}  (summary: {full['requests']} / {delta['requests']} requests)",
            f"  {vendor}: peak RSS full / delta                      {full['rss'] / 1e6:7.1f} / "
            f"{delta['rss'] / 1e6:.1f} MB  (target < 300 MB)",
            f"  {vendor}: fake serving share of the full sync        {100 * r['fake_full'] / full['seconds']:7.1f}%",
            f"  {vendor}: untimed warm-up full sync (fake rendering)  {r['warm_full_seconds']:7.2f}s wall",
            ""]
    text = "\n".join(lines)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "live_sync.txt"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
