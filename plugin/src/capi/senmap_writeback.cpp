// Writing back to the MIS: the host's own writeback function, the outbox run, the CTF export.
#include <boost/json.hpp>
#include <fstream>
#include <random>
#include <stdexcept>

#include "capi/shim.hpp"
#include "report/json_text.hpp"
#include "store/audit.hpp"
#include "store/private_file.hpp"
#include "writeback/ctf_export.hpp"
#include "writeback/outbox.hpp"
#include "writeback/writeback_run.hpp"

using sm::capi::Entry;

extern "C" {

SENMAP_API int senmap_writeback_host_register(senmap* db, const char* target, senmap_writeback_fn fn, void* payload) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_writeback_host_register");
    if (!entry.handle(db) || !entry.text(target, "target")) return entry.refused();
    if (!fn) return entry.failed(SENMAP_EINVAL, "fn is NULL");
    sm::writeback::register_host_target(*db->db, target);
    db->hosts[target] = {fn, payload};
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_writeback_run(char** out_summary, senmap* db) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_writeback_run");
    if (!entry.out(out_summary, "out_summary") || !entry.handle(db)) return entry.refused();
    auto targets = sm::writeback::configured_targets(*db->db);
    for (const auto& [name, host] : db->hosts)
      targets[name] = std::make_unique<sm::writeback::HostTarget>(host.first, host.second);
    std::mt19937_64 random{std::random_device{}()};
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto runs = sm::writeback::run_writeback(*db->db, targets, now, {}, random);
    return sm::capi::give(out_summary,
                          sm::report::json_text(boost::json::object{{"targets", sm::writeback::writeback_json(runs)}}));
  });
}

SENMAP_API int senmap_export_ctf(char** out_summary, senmap* db, const char* school, const char* out_path) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_export_ctf");
    if (!entry.out(out_summary, "out_summary") || !entry.handle(db) || !entry.text(out_path, "out_path"))
      return entry.refused();
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto stamp = sm::model::format_utc(now);
    sm::writeback::CtfExport exported;
    try {
      exported = sm::writeback::export_ctf(*db->db, school ? school : "", stamp.substr(0, 19));
    } catch (const std::invalid_argument& e) {
      return sm::capi::fail(SENMAP_EINVAL, e.what());
    }
    {
      sm::store::prepare_private_file(out_path);
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      out << exported.xml;
      if (!out.flush()) return sm::capi::fail(SENMAP_EIO, std::string("cannot write ") + out_path);
    }
    sm::store::audit(*db->db, db->actor, "export.ctf", "");  // every pupil's SEN record was read
    return sm::capi::give(out_summary,
                          sm::report::json_text(boost::json::object{{"file", out_path}, {"pupils", exported.pupils}}));
  });
}

}  // extern "C"
