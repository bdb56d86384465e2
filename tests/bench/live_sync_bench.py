#!/usr/bin/env python3
"""Live sync benchmark: a generated 2,000-pupil secondary school served by the loopback fakes of
Xporter and Wonde (tests/fakes) over real TLS, against the import of the same school's CTF.

Measured in one run (median of N where cheap; each process's own peak RSS and CPU via GNU time):
  - reference: senmap import of the same school's CTF into an empty database
  - full first sync from each fake into an empty database (--full-runs, default 1: the fakes are slow)
  - no-change delta sync from each (median of --runs)
  - requests per pupil: the fake's request log and the sync summary's details.requests
  - the fake's own serving time: a plain Python client (http.client, keep-alive, TLS) replaying
    exactly the requests the full sync made, so the ratio can be read with the fake taken out
Prints ratios against the reference and writes them to tests/bench/results/live_sync.txt.

Usage: live_sync_bench.py [--build build] [--pupils 2000] [--runs 3] [--full-runs 1]"""
import argparse
import base64
import http.client
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
    """A vendor fake, with the replay that measures its own serving time."""

    def __init__(self, work, vendor, secret):
        super().__init__(work, vendor, secret, control_timeout=600)

    def replay(self, log, headers):
        """Seconds a plain keep-alive Python client takes to fetch every request of `log` (bytes read,
        nothing parsed): the fake's serving time plus TLS, without senmap."""
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=600)
        started = time.perf_counter()
        for entry in log:
            url = entry["path"] + ("?" + entry["query"] if entry["query"] else "")
            body = headers.get("body") if entry["method"] == "POST" else None
            conn.request(entry["method"], url, body=body, headers=headers["headers"])
            conn.getresponse().read()
        took = time.perf_counter() - started
        conn.close()
        return took


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


def vendor_bench(senmap, fake, config, db, args, auth):
    out = {}
    fulls = []
    for _ in range(args.full_runs):
        fake.control("reset_log", {})
        fulls.append(sync(senmap, config, db, first=True))
        fulls[-1]["log"] = fake.control("log")
    full = dict(fulls[0], seconds=statistics.median(f["seconds"] for f in fulls),
                cpu=statistics.median(f["cpu"] for f in fulls), rss=max(f["rss"] for f in fulls))
    out["full"] = full
    # The fake's own time for exactly the requests the full sync made.
    out["fake_full"] = fake.replay(full["log"], auth(fake))
    deltas = []
    for _ in range(args.runs):
        fake.control("reset_log", {})
        deltas.append(sync(senmap, config))
        deltas[-1]["log"] = fake.control("log")
    delta = dict(deltas[0], seconds=statistics.median(d["seconds"] for d in deltas),
                 cpu=statistics.median(d["cpu"] for d in deltas), rss=max(d["rss"] for d in deltas))
    out["delta"] = delta
    out["fake_delta"] = fake.replay(delta["log"], auth(fake))
    return out


def xporter_auth(fake):
    """A token for the replay, fetched the way senmap does (the GetToken call is then replayed too)."""
    body = json.dumps({"estab": "9384123", "relyingParty": "senmap", "password": XPORTER_SECRET,
                       "thirdpartyid": "XporterOnDemand"})
    conn = http.client.HTTPSConnection("127.0.0.1", fake.port, context=fake.ctx)
    conn.request("POST", "/api/oauth/GetToken", body=body, headers={"Content-Type": "application/json"})
    token = json.loads(conn.getresponse().read())["token"]
    conn.close()
    return {"headers": {"Authorization": "Idaas " + token, "Content-Type": "application/json"}, "body": body}


def wonde_auth(fake):
    return {"headers": {"Authorization": "Bearer " + WONDE_TOKEN}}


def arbor_auth(fake):
    basic = base64.b64encode(("senmap-app:" + ARBOR_PASSWORD).encode()).decode()
    return {"headers": {"Authorization": "Basic " + basic}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the cheap measurements")
    parser.add_argument("--full-runs", type=int, default=1, help="repetitions of each full first sync")
    parser.add_argument("--openssl", default="openssl")
    args = parser.parse_args()
    senmap = os.path.abspath(os.path.join(args.build, "bin", "senmap"))
    results = {}
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        subprocess.run([senmap, "generate", "--pupils", str(args.pupils), "--phase", "secondary", "--seed", "2026",
                        "--out", "school.xml", "--oneroster", "roster"], check=True, stdout=subprocess.DEVNULL)
        size = os.path.getsize("school.xml")
        fake_process.make_certificate(args.openssl, work)
        for name, secret in (("xporter.secret", XPORTER_SECRET), ("wonde.token", WONDE_TOKEN),
                             ("arbor.password", ARBOR_PASSWORD)):
            with open(name, "w") as f:
                f.write(secret + "\n")
            os.chmod(name, 0o600)

        # (a) the reference: the same school's CTF imported into an empty database.
        imports = []
        for _ in range(args.runs):
            fresh("ctf.db")
            seconds, rss, cpu, _ = run_measured([senmap, "--db", "ctf.db", "import", "ctf", "school.xml"])
            imports.append((seconds, rss, cpu))
        results["ctf"] = {"seconds": statistics.median(i[0] for i in imports), "rss": max(i[1] for i in imports),
                          "cpu": statistics.median(i[2] for i in imports)}

        # (b)-(e) each vendor's fake: full first sync, no-change delta, requests, peak RSS.
        xporter = Fake(work, "xporter", XPORTER_SECRET)
        try:
            config = write_config(work, "xporter", ['kind = "xporter"', f'url = "https://127.0.0.1:{xporter.port}"',
                                                    'estab = "9384123"', 'relying_party = "senmap"',
                                                    'secret_file = "xporter.secret"'])
            results["Xporter"] = vendor_bench(senmap, xporter, config, "xporter.db", args, xporter_auth)
        finally:
            xporter.stop()
        wonde = Fake(work, "wonde", WONDE_TOKEN)
        try:
            school_id = wonde.control("info")["school_id"]
            config = write_config(work, "wonde", ['kind = "wonde"', f'url = "https://127.0.0.1:{wonde.port}/v1.0"',
                                                  f'school_id = "{school_id}"', 'token_file = "wonde.token"'])
            results["Wonde"] = vendor_bench(senmap, wonde, config, "wonde.db", args, wonde_auth)
        finally:
            wonde.stop()
        # Arbor: one GET per record, batched max_in_flight (4) at a time on kept-alive connections.
        arbor = Fake(work, "arbor", ARBOR_PASSWORD)
        try:
            config = write_config(work, "arbor", ['kind = "arbor"', f'url = "https://127.0.0.1:{arbor.port}"',
                                                  'user = "senmap-app"', 'password_file = "arbor.password"'])
            results["Arbor"] = vendor_bench(senmap, arbor, config, "arbor.db", args, arbor_auth)
        finally:
            arbor.stop()
        os.chdir(HERE)

    ctf = results["ctf"]
    lines = [f"Live sync benchmark: {args.pupils}-pupil secondary (CTF {size / 1e6:.1f} MB), loopback fakes over TLS, "
             f"delta median of {args.runs}, full sync x{args.full_runs}, {time.strftime('%Y-%m-%d')}", "",
             f"  {'':<44} {'wall':>9} {'senmap CPU':>11} {'peak RSS':>9} {'requests':>9} {'fake serving':>13}",
             f"  {'reference: senmap import ctf':<44} {ctf['seconds']:8.2f}s {ctf['cpu']:10.2f}s "
             f"{ctf['rss'] / 1e6:7.1f}MB"]
    for vendor in ("Xporter", "Wonde", "Arbor"):
        r = results[vendor]
        for kind, fake_key in (("full", "fake_full"), ("delta", "fake_delta")):
            m = r[kind]
            lines.append(f"  {vendor + ' ' + ('full first sync' if kind == 'full' else 'no-change delta sync'):<44} "
                         f"{m['seconds']:8.2f}s {m['cpu']:10.2f}s {m['rss'] / 1e6:7.1f}MB {len(m['log']):9d} "
                         f"{r[fake_key]:12.2f}s")
    lines.append("")
    for vendor in ("Xporter", "Wonde", "Arbor"):
        r = results[vendor]
        full, delta = r["full"], r["delta"]
        # What is left of the wall time once the fake's own serving time is taken out.
        full_own = max(full["seconds"] - r["fake_full"], 0.0)
        delta_own = max(delta["seconds"] - r["fake_delta"], 0.0)
        lines += [
            f"  {vendor}: full sync / CTF import (wall)           {full['seconds'] / ctf['seconds']:7.2f}x  (target <= 3x)",
            f"  {vendor}: full sync less fake serving / CTF import {full_own / ctf['seconds']:7.2f}x",
            f"  {vendor}: full sync senmap CPU / CTF import CPU    {full['cpu'] / ctf['cpu']:7.2f}x",
            f"  {vendor}: delta / full (wall)                      {100 * delta['seconds'] / full['seconds']:7.1f}%  (target < 10%)",
            f"  {vendor}: delta / full, fake serving taken out     "
            f"{100 * delta_own / full_own if full_own else 0:7.1f}%",
            f"  {vendor}: requests per pupil, full / delta         {len(full['log']) / args.pupils:7.4f} / "
            f"{len(delta['log']) / args.pupils:.4f}  (summary: {full['requests']} / {delta['requests']} requests)",
            f"  {vendor}: peak RSS full / delta                    {full['rss'] / 1e6:7.1f} / {delta['rss'] / 1e6:.1f} MB"
            f"  (target < 300 MB)",
            f"  {vendor}: fake serving share of the full sync      {100 * r['fake_full'] / full['seconds']:7.1f}%",
            ""]
    text = "\n".join(lines)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "live_sync.txt"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
