#!/usr/bin/env python3
"""The OpenAPI document senmap serves, linted by the Redocly CLI pinned in this folder's
package-lock.json (installed by packaging/setup-debian.sh) with redocly.yaml beside it: the test
fails on any error or warning, and prints every problem with where it is.

The document is written by senmap_openapi_document (the same function GET /api/openapi.json answers
with), so no server is needed. Nothing leaves the machine: the CLI's telemetry and update check are off."""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--document-tool", required=True)
    parser.add_argument("--node", default="node")
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()

    cli = os.path.join(HERE, "node_modules", "@redocly", "cli", "bin", "cli.js")
    if not os.path.exists(cli):
        sys.exit(f"{cli} is missing: run packaging/setup-debian.sh (npm ci in tests/openapi)")
    with open(os.path.join(HERE, "package-lock.json"), encoding="utf-8") as f:
        pinned = json.load(f)["packages"]["node_modules/@redocly/cli"]["version"]
    with open(os.path.join(HERE, "node_modules", "@redocly", "cli", "package.json"), encoding="utf-8") as f:
        installed = json.load(f)["version"]
    if installed != pinned:
        sys.exit(f"@redocly/cli {installed} is installed but {pinned} is pinned: run packaging/setup-debian.sh")

    os.makedirs(args.workdir, exist_ok=True)
    document = os.path.join(args.workdir, "openapi.json")
    subprocess.run([args.document_tool, document], check=True, timeout=60)
    with open(document, encoding="utf-8") as f:
        doc = json.load(f)  # well-formed JSON before anything else
    operations = sum(len(item) for item in doc["paths"].values())

    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_COLOR="1")
    proc = subprocess.run(
        [args.node, cli, "lint", document, "--config", os.path.join(HERE, "redocly.yaml"), "--format", "json",
         "--max-problems", "10000"],
        capture_output=True, text=True, timeout=90, env=env, cwd=args.workdir)
    start = proc.stdout.find("{")
    if start < 0:
        sys.exit(f"redocly lint said nothing readable (exit {proc.returncode})\n{proc.stdout}\n{proc.stderr}")
    report = json.loads(proc.stdout[start:])
    totals = report.get("totals", {})
    errors, warnings = totals.get("errors", 0), totals.get("warnings", 0)
    for p in report.get("problems", []):
        where = ", ".join(loc.get("pointer", "") for loc in p.get("location", []))
        print(f"{p.get('severity')}: {p.get('ruleId')}: {p.get('message')} at {where}")
    print(f"@redocly/cli {installed}: {len(doc['paths'])} paths, {operations} operations; "
          f"{errors} errors, {warnings} warnings")
    if errors or warnings or proc.returncode != 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
