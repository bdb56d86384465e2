// A .NET host (C#, P/Invoke) pushing a school's data through senmap_ingest: the layout of
// senmap_options is filled by senmap_options_init, strings cross as UTF-8, and every string senmap
// returns is copied and then freed with senmap_free. Built with Debian's mono-mcs by the CTest
// capi.dotnet_host; the same code builds with the .NET SDK.
//   mcs -out:IngestHost.exe IngestHost.cs && LD_LIBRARY_PATH=build/lib mono IngestHost.exe DB BATCH.json
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

static class Senmap {
  const string Lib = "senmap";  // libsenmap.so, found on LD_LIBRARY_PATH or in /usr/lib

  [StructLayout(LayoutKind.Sequential)]
  public struct Options {
    public uint struct_size;
    public IntPtr db_path;
    public IntPtr actor;
    public uint flags;
    public IntPtr config_path;
  }

  [DllImport(Lib)]
  public static extern int senmap_options_init(ref Options options, uint structSize);
  [DllImport(Lib)]
  public static extern int senmap_open(out IntPtr db, ref Options options);
  [DllImport(Lib)]
  public static extern void senmap_close(IntPtr db);
  [DllImport(Lib)]
  public static extern void senmap_free(IntPtr text);
  [DllImport(Lib)]
  public static extern IntPtr senmap_error_last();
  [DllImport(Lib)]
  static extern int senmap_ingest(out IntPtr report, IntPtr db, byte[] batchJson);
  [DllImport(Lib)]
  static extern int senmap_register_json(out IntPtr json, IntPtr db);

  public static IntPtr Utf8(string s) {
    var bytes = Encoding.UTF8.GetBytes(s + "\0");
    var p = Marshal.AllocHGlobal(bytes.Length);
    Marshal.Copy(bytes, 0, p, bytes.Length);
    return p;
  }

  // Copies a string senmap returned, then frees it with senmap's own function.
  public static string Take(IntPtr p) {
    if (p == IntPtr.Zero) return null;
    int n = 0;
    while (Marshal.ReadByte(p, n) != 0) n++;
    var bytes = new byte[n];
    Marshal.Copy(p, bytes, 0, n);
    senmap_free(p);
    return Encoding.UTF8.GetString(bytes);
  }

  public static string LastError() {
    var p = senmap_error_last();
    if (p == IntPtr.Zero) return "";
    int n = 0;
    while (Marshal.ReadByte(p, n) != 0) n++;
    var bytes = new byte[n];
    Marshal.Copy(p, bytes, 0, n);  // the library's own buffer: not freed
    return Encoding.UTF8.GetString(bytes);
  }

  public static int Ingest(IntPtr db, string batchJson, out string report) {
    IntPtr p;
    int rc = senmap_ingest(out p, db, Encoding.UTF8.GetBytes(batchJson + "\0"));
    report = Take(p);
    return rc;
  }

  public static string RegisterJson(IntPtr db) {
    IntPtr p;
    int rc = senmap_register_json(out p, db);
    if (rc != 0) throw new Exception("senmap_register_json: " + LastError());
    return Take(p);
  }
}

static class IngestHost {
  static int Fail(string why) {
    Console.Error.WriteLine("FAIL: " + why);
    return 1;
  }

  static int Main(string[] args) {
    if (args.Length != 2) return Fail("usage: IngestHost.exe DB BATCH.json");
    var options = new Senmap.Options();
    if (Senmap.senmap_options_init(ref options, (uint)Marshal.SizeOf(typeof(Senmap.Options))) != 0)
      return Fail("senmap_options_init: " + Senmap.LastError());
    options.db_path = Senmap.Utf8(args[0]);
    options.actor = Senmap.Utf8("dotnet-host");
    IntPtr db;
    int opened = Senmap.senmap_open(out db, ref options);
    Marshal.FreeHGlobal(options.db_path);  // senmap keeps its own copies
    Marshal.FreeHGlobal(options.actor);
    if (opened != 0) return Fail("senmap_open: " + Senmap.LastError());
    try {
      string report;
      int rc = Senmap.Ingest(db, File.ReadAllText(args[1], Encoding.UTF8), out report);
      if (rc != 0) return Fail("senmap_ingest: " + Senmap.LastError() + "\n" + report);
      if (!report.Contains("\"source\":\"host\"")) return Fail("unexpected report: " + report);
      var register = Senmap.RegisterJson(db);
      if (!register.Contains("X938412325001")) return Fail("the pushed pupil is not on the register: " + register);

      // A refused batch: SENMAP_EBADINPUT, and the report says which field broke which rule.
      rc = Senmap.Ingest(db, "{\"schema\":\"senmap.ingest/1\",\"as_of\":\"2026-11-27T16:00:00\",\"pupils\":[]}",
                         out report);
      if (rc != -4) return Fail("expected SENMAP_EBADINPUT (-4), got " + rc);
      if (!report.Contains("school")) return Fail("the refusal does not name the field: " + report);
      Console.WriteLine("dotnet host: batch applied, register read, bad batch refused");
      return 0;
    } finally {
      Senmap.senmap_close(db);
    }
  }
}
