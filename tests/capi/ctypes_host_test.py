#!/usr/bin/env python3
"""A foreign host: Python loads libsenmap.so through ctypes, as an MIS written in another
language would, imports a CTF and reads the register. Exits non-zero on any failure."""
import argparse
import ctypes
import json
import os
import sys
import tempfile
import unittest

ARGS = None


class SenmapOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("db_path", ctypes.c_char_p),
                ("actor", ctypes.c_char_p), ("flags", ctypes.c_uint32)]


class ImportOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("lenient", ctypes.c_int)]


SENMAP_OK, SENMAP_EINVAL, SENMAP_EBADINPUT, SENMAP_ENOTFOUND = 0, -1, -4, -5


def load(path):
    lib = ctypes.CDLL(path)
    handle = ctypes.c_void_p
    out_str = ctypes.POINTER(ctypes.c_void_p)
    lib.senmap_version.restype = ctypes.c_char_p
    lib.senmap_error_last.restype = ctypes.c_char_p
    lib.senmap_open.argtypes = [ctypes.POINTER(handle), ctypes.POINTER(SenmapOptions)]
    lib.senmap_close.argtypes = [handle]
    lib.senmap_free.argtypes = [ctypes.c_void_p]
    lib.senmap_import_ctf.argtypes = [out_str, handle, ctypes.c_char_p, ctypes.POINTER(ImportOptions)]
    lib.senmap_register_json.argtypes = [out_str, handle]
    lib.senmap_pupil_json.argtypes = [out_str, handle, ctypes.c_char_p]
    lib.senmap_call.argtypes = [out_str, handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.senmap_writeback_host_register.argtypes = [handle, ctypes.c_char_p, WRITEBACK_FN, ctypes.c_void_p]
    lib.senmap_writeback_run.argtypes = [out_str, handle]
    return lib


# int (*senmap_writeback_fn)(const char *item_json, void *payload)
WRITEBACK_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
SENMAP_WRITEBACK_ACK = 1


class CtypesHost(unittest.TestCase):
    def setUp(self):
        self.lib = load(ARGS.lib)
        self.tmp = tempfile.TemporaryDirectory()
        options = SenmapOptions(ctypes.sizeof(SenmapOptions),
                                os.path.join(self.tmp.name, "host.db").encode(), b"python-host", 1)
        self.db = ctypes.c_void_p()
        rc = self.lib.senmap_open(ctypes.byref(self.db), ctypes.byref(options))
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())

    def tearDown(self):
        self.lib.senmap_close(self.db)
        self.tmp.cleanup()

    def take(self, pointer):
        """Copies a library-owned string and frees it with the library's own function."""
        text = ctypes.cast(pointer, ctypes.c_char_p).value.decode("utf-8")
        self.lib.senmap_free(pointer)
        return text

    def import_ctf(self, path, lenient=False):
        out = ctypes.c_void_p()
        options = ImportOptions(ctypes.sizeof(ImportOptions), 1 if lenient else 0)
        rc = self.lib.senmap_import_ctf(ctypes.byref(out), self.db, path.encode(), ctypes.byref(options))
        return rc, (json.loads(self.take(out)) if out.value else None)

    def test_import_and_read_register(self):
        rc, report = self.import_ctf(os.path.join(ARGS.fixtures, "ctf", "ctf25_small.xml"))
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        self.assertEqual(report["pupils"]["added"], 5)
        out = ctypes.c_void_p()
        self.assertEqual(self.lib.senmap_register_json(ctypes.byref(out), self.db), SENMAP_OK)
        register = json.loads(self.take(out))
        by_upn = {p["upn"]: p for p in register}
        self.assertEqual(set(by_upn), {"A938412323001", "P938412323002", "T938412323004"})
        zoe = by_upn["A938412323001"]
        self.assertEqual(zoe["forename"], "Zoë")
        self.assertEqual(zoe["status"], "K")
        self.assertEqual(zoe["status_since"], "2024-09-04")
        self.assertEqual(zoe["needs"], [{"code": "SLCN", "rank": 1}, {"code": "SEMH", "rank": 2}])
        self.assertEqual(by_upn["P938412323002"]["status"], "E")

    def test_pupil_record_and_not_found(self):
        self.import_ctf(os.path.join(ARGS.fixtures, "ctf", "ctf25_small.xml"))
        out = ctypes.c_void_p()
        self.assertEqual(self.lib.senmap_pupil_json(ctypes.byref(out), self.db, b"A938412323001"), SENMAP_OK)
        pupil = json.loads(self.take(out))
        self.assertAlmostEqual(pupil["attendance"]["this_year"]["attendance_percent"], 80.0)
        self.assertEqual(self.lib.senmap_pupil_json(ctypes.byref(out), self.db, b"A000000000000"), SENMAP_ENOTFOUND)
        self.assertIn(b"A000000000000", self.lib.senmap_error_last())

    def test_refused_file_reports_problems(self):
        bad = os.path.join(self.tmp.name, "bad.xml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("<CTfile><Header><CTFversion>19.0</CTFversion></Header></CTfile>")
        rc, report = self.import_ctf(bad)
        self.assertEqual(rc, SENMAP_EBADINPUT)
        self.assertTrue(report["file_rejected"])
        self.assertTrue(any("CTF 23.0 to 26.x" in p["rule"] for p in report["problems"]))

    def call(self, op, request):
        out = ctypes.c_void_p()
        rc = self.lib.senmap_call(ctypes.byref(out), self.db, op.encode(), json.dumps(request).encode())
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        return json.loads(self.take(out))

    def writeback(self):
        out = ctypes.c_void_p()
        self.assertEqual(self.lib.senmap_writeback_run(ctypes.byref(out), self.db), SENMAP_OK, self.lib.senmap_error_last())
        return json.loads(self.take(out))["targets"]["mis"]

    def test_host_writeback_callback(self):
        """The MIS registers a function; flags and notes reach it once each, and a callback that
        raises is a failure retried later, never an acknowledgement."""
        self.import_ctf(os.path.join(ARGS.fixtures, "ctf", "ctf25_small.xml"))
        received = []
        behaviour = {"raise": False}

        def mis(item_json, _payload):
            if behaviour["raise"]:
                raise RuntimeError("the MIS is down")
            received.append(json.loads(item_json.decode("utf-8")))
            return SENMAP_WRITEBACK_ACK

        callback = WRITEBACK_FN(mis)  # kept alive for as long as the library may call it
        self.assertEqual(self.lib.senmap_writeback_host_register(self.db, b"mis", callback, None), SENMAP_OK)
        flags = self.call("flags.run", {})
        self.assertGreater(flags["raised"], 0)
        result = self.writeback()
        self.assertEqual(result["delivered"], flags["raised"])
        self.assertEqual(len(received), flags["raised"])
        self.assertEqual({i["kind"] for i in received}, {"flag_raised"})
        self.assertEqual(len({i["idempotency_key"] for i in received}), len(received))
        self.assertTrue(all(i["upn"] and i["payload"]["explanation"] for i in received))
        self.assertEqual(self.writeback()["delivered"], 0)  # nothing twice

        self.call("notes.add", {"upn": "A938412323001", "type": "meeting", "visibility": "senco", "body": "Agreed next steps"})
        behaviour["raise"] = True
        failed = self.writeback()
        self.assertEqual((failed["delivered"], failed["failed"]), (0, 1))
        pending = self.call("outbox.list", {"status": "pending"})["items"]
        self.assertEqual(len(pending), 1)
        self.assertIn("did not acknowledge", pending[0]["last_error"])
        self.assertEqual(pending[0]["attempts"], 1)

    def test_null_arguments(self):
        out = ctypes.c_void_p()
        self.assertEqual(self.lib.senmap_register_json(ctypes.byref(out), None), SENMAP_EINVAL)
        self.assertEqual(self.lib.senmap_pupil_json(ctypes.byref(out), self.db, None), SENMAP_EINVAL)
        self.assertEqual(self.lib.senmap_writeback_host_register(self.db, b"mis", WRITEBACK_FN(0), None), SENMAP_EINVAL)
        self.assertEqual(self.lib.senmap_writeback_run(None, self.db), SENMAP_EINVAL)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", required=True)
    parser.add_argument("--fixtures", required=True)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
