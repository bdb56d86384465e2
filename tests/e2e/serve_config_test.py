#!/usr/bin/env python3
"""`senmap serve --config` takes its settings from the config's [serve] table (a flag given on the
command line wins), and `senmap serve --check` checks them without listening (CTest e2e.serve_config)."""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def senmap(*args, check=0):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, timeout=300)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


class ServeConfig(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        trust = os.path.join(cls.tmp.name, "trust")
        senmap("generate", "--schools", "1", "--pupils", "40", "--seed", "3", "--out", trust)
        cls.config = os.path.join(trust, "senmap.toml")
        senmap("sync", "--config", cls.config)
        with open(cls.config, encoding="utf-8") as f:
            cls.base = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def with_serve(self, table):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(self.base + "\n[serve]\n" + table)

    def listening_on(self, *flags):
        proc = subprocess.Popen([ARGS.senmap, "serve", "--config", self.config, *flags], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            m = re.search(r"listening on (http://[\d.]+:\d+)", line)
            self.assertIsNotNone(m, line + proc.stderr.read() if proc.poll() is not None else line)
            return m.group(1)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    def test_check_passes_good_settings_and_names_a_bad_one(self):
        self.with_serve('listen = "127.0.0.1:0"\nthreads = 2\n')
        proc = senmap("serve", "--config", self.config, "--check")
        self.assertIn("settings are good", proc.stdout)
        missing = os.path.join(self.tmp.name, "no-such-cert.pem")
        self.with_serve(f'listen = "127.0.0.1:0"\ncert_file = "{missing}"\nkey_file = "{missing}"\n')
        proc = senmap("serve", "--config", self.config, "--check", check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("no-such-cert.pem", proc.stderr)
        self.with_serve('listen = "127.0.0.1:0"\nthreads = 0\n')
        proc = senmap("serve", "--config", self.config, "--check", check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("threads", proc.stderr)
        self.with_serve('listen = "192.0.2.10:8080"\n')  # plain HTTP off loopback: refused before listening
        proc = senmap("serve", "--config", self.config, "--check", check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("refusing plain HTTP", proc.stderr)

    def test_settings_come_from_the_config_and_a_flag_wins(self):
        self.with_serve('listen = "127.0.0.2:0"\n')
        self.assertTrue(self.listening_on().startswith("http://127.0.0.2:"))
        self.assertTrue(self.listening_on("--listen", "127.0.0.1:0").startswith("http://127.0.0.1:"))


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
