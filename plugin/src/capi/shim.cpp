// The guard, the thread's last error and memory handed to the host: shared by every shim.
#include "capi/shim.hpp"

#include <cstdlib>
#include <new>
#include <stdexcept>

#include "config/sync_config.hpp"
#include "model/utf8.hpp"
#include "store/settings.hpp"
#include "sync/sync_run.hpp"
#include "writeback/outbox.hpp"

namespace sm::capi {
namespace {
thread_local std::string last_error_text;
}

int fail(int code, std::string message) {
  last_error_text = std::move(message);
  return code;
}

void clear_error() {
  last_error_text.clear();
}

const char* last_error() {
  return last_error_text.c_str();
}

int code_of_current_exception() noexcept {
  try {
    throw;
  } catch (const store::SchemaTooNew& e) {
    return fail(SENMAP_ESCHEMA, e.what());
  } catch (const store::StoreError& e) {
    return fail(SENMAP_EIO, e.what());
  } catch (const std::bad_alloc&) {
    return fail(SENMAP_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(SENMAP_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(SENMAP_EINTERNAL, "internal error");
  }
}

int give(char** out, const std::string& given) {
  // Repaired only when needed: most answers are valid, and some are megabytes (the register).
  const bool valid = !model::first_invalid_utf8(given);
  const std::string repaired = valid ? std::string() : model::valid_utf8(given);
  const std::string& text = valid ? given : repaired;
  auto* memory = static_cast<char*>(std::malloc(text.size() + 1));
  if (!memory) return fail(SENMAP_ENOMEM, "out of memory");
  std::memcpy(memory, text.c_str(), text.size() + 1);
  *out = memory;
  return SENMAP_OK;
}

model::Date today() {
  return model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

ops::Context context_of(Handle& handle) {
  return ops::Context{*handle.db, handle.actor, today(), store::load_clock_rules(*handle.db)};
}

void SchoolSettings::record(store::Database& db) const {
  store::save_clock_rules(db, clock);
  writeback::set_targets(db, targets);
}

int read_config(const char* config_path, std::string& path, std::optional<SchoolSettings>& settings,
                config::ServeSettings* serve) {
  auto config = config::load_sync_config(config_path);
  if (!config.problems.empty()) {
    const auto& p = config.problems.front();
    return fail(SENMAP_ECONFIG,
                p.file + ":" + std::to_string(p.line) + ": " + (p.key.empty() ? "" : p.key + ": ") + p.rule);
  }
  path = config.config.database.string();
  settings = SchoolSettings{config.config.clock, sync::writeback_targets(config.config)};
  if (serve) *serve = config.config.serve;
  return SENMAP_OK;
}

}  // namespace sm::capi
