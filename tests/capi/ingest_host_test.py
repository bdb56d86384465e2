#!/usr/bin/env python3
"""A host that already holds a school's data pushes it through senmap_ingest (no file on disk), hands
it over from a host source during senmap_sync, and reads a class map as a teacher through
senmap_call_as: all through ctypes, as an MIS written in another language would. The school pushed
must come out exactly as the same school imported from its CTF and OneRoster files."""
import argparse
import ctypes
import json
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctf_batch  # noqa: E402

ARGS = None
SENMAP_OK, SENMAP_EBADINPUT, SENMAP_ENOTFOUND, SENMAP_EPARTIAL, SENMAP_EDENIED = 0, -4, -5, -10, -11


class OpenOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("db_path", ctypes.c_char_p), ("actor", ctypes.c_char_p),
                ("flags", ctypes.c_uint32), ("config_path", ctypes.c_char_p)]


class GenerateOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("pupils", ctypes.c_int), ("seed", ctypes.c_uint64),
                ("phase", ctypes.c_int), ("academic_year", ctypes.c_int), ("oneroster_dir", ctypes.c_char_p),
                ("as_of", ctypes.c_char_p)]


# const char *(*senmap_host_source_fn)(const char *school, void *payload): the answer is returned as
# an address ctypes leaves alone (a c_char_p result would be freed as soon as the callback returns).
HOST_SOURCE_FN = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p)
PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p)


class SyncOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("progress", PROGRESS_FN), ("progress_payload", ctypes.c_void_p),
                ("full", ctypes.c_int), ("host_source", HOST_SOURCE_FN), ("host_source_payload", ctypes.c_void_p)]


def load(path):
    lib = ctypes.CDLL(path)
    out = ctypes.POINTER(ctypes.c_void_p)
    text = ctypes.c_char_p
    lib.senmap_error_last.restype = text
    lib.senmap_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(OpenOptions)]
    lib.senmap_close.argtypes = [ctypes.c_void_p]
    lib.senmap_free.argtypes = [ctypes.c_void_p]
    lib.senmap_ingest.argtypes = [out, ctypes.c_void_p, text]
    lib.senmap_import_ctf.argtypes = [out, ctypes.c_void_p, text, ctypes.c_void_p]
    lib.senmap_import_oneroster.argtypes = [out, ctypes.c_void_p, text, ctypes.c_void_p]
    for reader in ("senmap_register_json", "senmap_classes_json"):
        getattr(lib, reader).argtypes = [out, ctypes.c_void_p]
    lib.senmap_pupil_json.argtypes = [out, ctypes.c_void_p, text]
    lib.senmap_call.argtypes = [out, ctypes.c_void_p, text, text]
    lib.senmap_call_as.argtypes = [out, ctypes.c_void_p, text, text, text]
    lib.senmap_generate_options_init.argtypes = [ctypes.POINTER(GenerateOptions), ctypes.c_uint32]
    lib.senmap_generate_ctf.argtypes = [text, ctypes.POINTER(GenerateOptions)]
    lib.senmap_sync_options_init.argtypes = [ctypes.POINTER(SyncOptions), ctypes.c_uint32]
    lib.senmap_sync.argtypes = [out, text, ctypes.POINTER(SyncOptions)]
    return lib


class IngestHost(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = load(ARGS.lib)
        cls.tmp = tempfile.TemporaryDirectory()
        cls.ctf = os.path.join(cls.tmp.name, "school.xml")
        cls.bundle = os.path.join(cls.tmp.name, "oneroster")
        options = GenerateOptions()
        assert cls.lib.senmap_generate_options_init(ctypes.byref(options), ctypes.sizeof(options)) == SENMAP_OK
        options.pupils, options.seed, options.oneroster_dir = ARGS.pupils, 11, cls.bundle.encode()
        assert cls.lib.senmap_generate_ctf(cls.ctf.encode(), ctypes.byref(options)) == SENMAP_OK, \
            cls.lib.senmap_error_last()
        cls.batch = json.dumps(ctf_batch.batch_from(cls.ctf, cls.bundle))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def open(self, name):
        options = OpenOptions(ctypes.sizeof(OpenOptions), os.path.join(self.tmp.name, name).encode(),
                              b"ingest-host-test", 1, None)
        db = ctypes.c_void_p()
        self.assertEqual(self.lib.senmap_open(ctypes.byref(db), ctypes.byref(options)), SENMAP_OK,
                         self.lib.senmap_error_last())
        self.addCleanup(self.lib.senmap_close, db)
        return db

    def take(self, pointer):
        if not pointer.value:
            return None
        text = ctypes.cast(pointer, ctypes.c_char_p).value.decode("utf-8")
        self.lib.senmap_free(pointer)
        return text

    def result(self, function, *args):
        out = ctypes.c_void_p()
        rc = function(ctypes.byref(out), *args)
        text = self.take(out)
        return rc, (json.loads(text) if text else None)

    def read(self, db, reader, *args):
        rc, value = self.result(getattr(self.lib, reader), db, *args)
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        return value

    def files_school(self):
        db = self.open("files.db")
        started = time.perf_counter()
        self.assertEqual(self.result(self.lib.senmap_import_ctf, db, self.ctf.encode(), None)[0], SENMAP_OK)
        self.assertEqual(self.result(self.lib.senmap_import_oneroster, db, self.bundle.encode(), None)[0], SENMAP_OK)
        return db, time.perf_counter() - started

    def test_a_school_pushed_is_the_school_its_files_give(self):
        files, files_seconds = self.files_school()
        pushed = self.open("pushed.db")
        started = time.perf_counter()
        rc, report = self.result(self.lib.senmap_ingest, pushed, self.batch.encode())
        pushed_seconds = time.perf_counter() - started
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        self.assertEqual(report["source"], "host")
        self.assertEqual(report["pupils"]["added"], ARGS.pupils)
        self.assertEqual(report["problems"], [])
        print(f"\n{ARGS.pupils} pupils: batch {len(self.batch)} bytes applied in {pushed_seconds:.3f} s; "
              f"CTF + OneRoster imported in {files_seconds:.3f} s", file=sys.stderr)

        register = self.read(files, "senmap_register_json")
        self.assertGreater(len(register), ARGS.pupils // 10)
        self.assertEqual(self.read(pushed, "senmap_register_json"), register)
        self.assertEqual(self.read(pushed, "senmap_classes_json"), self.read(files, "senmap_classes_json"))
        for entry in register:
            upn = entry["upn"].encode()
            from_files = self.read(files, "senmap_pupil_json", upn)
            from_host = self.read(pushed, "senmap_pupil_json", upn)
            # The OneRoster gradebook's termly scores are the bundle's own: a batch carries results as
            # the CTF does, so those are compared apart from the rest of the record.
            from_files["assessments"] = [a for a in from_files["assessments"] if a["source"] != "oneroster"]
            self.assertEqual(from_host, from_files, entry["upn"])

        # The same batch again changes nothing.
        rc, again = self.result(self.lib.senmap_ingest, pushed, self.batch.encode())
        self.assertEqual(rc, SENMAP_OK)
        self.assertTrue(again["skipped_unchanged"])

    def test_a_teacher_reads_their_class_map_through_call_as(self):
        db = self.open("teacher.db")
        self.assertEqual(self.result(self.lib.senmap_ingest, db, self.batch.encode())[0], SENMAP_OK)
        classes = self.read(db, "senmap_classes_json")
        mine = next(c for c in classes if c["teachers"] and c["pupils"])
        teacher = mine["teachers"][0]["id"]
        other = next(c for c in classes if c["pupils"] and teacher not in [t["id"] for t in c["teachers"]])
        rc, _ = self.result(self.lib.senmap_call, db, b"staff.role",
                            json.dumps({"staff_id": teacher, "role": "teacher"}).encode())
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())

        def class_map(class_id):
            return self.result(self.lib.senmap_call_as, db, teacher.encode(), b"report.class_map",
                               json.dumps({"class_id": class_id}).encode())

        rc, answer = class_map(mine["id"])
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        self.assertIn(mine["title"], json.dumps(answer))
        rc, answer = class_map(other["id"])
        self.assertIn(rc, (SENMAP_ENOTFOUND, SENMAP_EDENIED))  # another teacher's class: not theirs to see
        self.assertNotIn(other["pupils"][0], json.dumps(answer))

    def test_the_sync_asks_the_host_for_each_host_source(self):
        folder = os.path.join(self.tmp.name, "synced")
        os.makedirs(folder, exist_ok=True)
        config = os.path.join(folder, "senmap.toml")
        school = json.loads(self.batch)["school"]
        with open(config, "w", encoding="utf-8") as f:
            f.write(f'database = "senmap.db"\n[[schools]]\nla = "{school["la"]}"\nestab = "{school["estab"]}"\n'
                    '[[schools.sources]]\nkind = "host"\n')
        asked = []
        kept = {}

        def host_source(number, _payload):
            asked.append(number.decode())
            kept["batch"] = ctypes.create_string_buffer(self.batch.encode())  # alive until the next call
            return ctypes.addressof(kept["batch"])

        options = SyncOptions()
        self.assertEqual(self.lib.senmap_sync_options_init(ctypes.byref(options), ctypes.sizeof(options)), SENMAP_OK)
        options.host_source = HOST_SOURCE_FN(host_source)
        rc, summary = self.result(self.lib.senmap_sync, config.encode(), ctypes.byref(options))
        self.assertEqual(rc, SENMAP_OK, self.lib.senmap_error_last())
        self.assertEqual(asked, [school["la"] + school["estab"]])
        source = summary["sources"][0]
        self.assertEqual((source["kind"], source["status"]), ("host", "ok"))
        self.assertEqual(source["reports"][0]["pupils"]["added"], ARGS.pupils)

        # A host that has nothing: the source fails and the summary says so; nothing else changes.
        options.host_source = HOST_SOURCE_FN(lambda number, payload: None)
        rc, summary = self.result(self.lib.senmap_sync, config.encode(), ctypes.byref(options))
        self.assertEqual(rc, SENMAP_EPARTIAL)
        self.assertIn("the host gave no batch", summary["sources"][0]["error"])


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", required=True)
    parser.add_argument("--pupils", type=int, default=400)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
