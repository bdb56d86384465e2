"""Starting a vendor fake for a test or a benchmark: the throwaway certificate, the fake as a child
process on 127.0.0.1 over TLS, its control API and its stop. One piece for every harness that
drives the fakes (tests/e2e/live_*.py, arbor_writeback_crash_test.py, tests/bench/live_sync_bench.py)."""
import datetime
import json
import os
import ssl
import subprocess
import sys
import time
import urllib.request

FAKES = os.path.dirname(os.path.abspath(__file__))


def register_year(today=None):
    """The school year a live full read asks the register of, by its September (adapters/live
    session_marks.hpp): the year to generate a fake school for, so that its marks are read."""
    today = today or datetime.date.today()
    return today.year - (1 if today.month < 9 else 0)


def make_certificate(openssl, work):
    """A throwaway self-signed certificate for 127.0.0.1 (cert.pem, key.pem in `work`), never committed."""
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", os.path.join(work, "key.pem"),
                    "-out", os.path.join(work, "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)


class FakeProcess:
    """One vendor's fake serving `work`/school.xml and `work`/roster with `work`'s certificate."""

    def __init__(self, work, vendor, secret, extra=(), control_timeout=30):
        self.work, self.vendor, self.control_timeout = work, vendor, control_timeout
        port_file = os.path.join(work, vendor + ".port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(FAKES, vendor + "_fake.py"), "--ctf", os.path.join(work, "school.xml"),
             "--roster", os.path.join(work, "roster"), "--port-file", port_file, "--cert",
             os.path.join(work, "cert.pem"), "--key", os.path.join(work, "key.pem"), "--secret", secret, *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120  # loading a 2,000-pupil school takes the fake a few seconds
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"the {vendor} fake did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read().strip())
        self.ctx = ssl.create_default_context(cafile=os.path.join(work, "cert.pem"))

    def control(self, path, body=None):
        """The fake's control API (/__fake__/...): faults, changes, the request log, writes."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"https://127.0.0.1:{self.port}/__fake__/{path}", data=data,
                                     method="POST" if data is not None else "GET",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self.ctx, timeout=self.control_timeout) as r:
            return json.loads(r.read())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
