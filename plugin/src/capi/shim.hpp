// The one header every C ABI shim includes (as DuckDB's capi/ does): the handle types, the guard that
// turns every exception into a SENMAP_E* code, the argument checks, and memory handed to the host.
// Each senmap_<noun>_*.cpp beside it holds the extern "C" functions of one noun.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "config/sync_config.hpp"
#include "model/dates.hpp"
#include "model/statutory_clock.hpp"
#include "ops/operation.hpp"
#include "senmap/senmap.h"
#include "store/database.hpp"
#include "writeback/host_target.hpp"

struct senmap_server;

struct senmap {
  std::unique_ptr<sm::store::Database> db;
  std::string actor;
  std::map<std::string, std::pair<sm::writeback::HostFunction, void*>>
      hosts;  // writeback functions registered on this handle
};

namespace sm::capi {

using Handle = ::senmap;

// Sets the thread's senmap_error_last() and returns code.
int fail(int code, std::string message);
// Clears the thread's last error (every entry point starts clean).
void clear_error();
// The thread's last error, for senmap_error_last.
const char* last_error();

// Hands a string to the caller (released with senmap_free). Every text the ABI hands out is UTF-8,
// as senmap.h promises, whatever an older database holds.
int give(char** out, const std::string& text);

// Today's date on the server's clock.
model::Date today();

// What an operation runs with: the store, who is acting, today and the school's clock.
ops::Context context_of(Handle& handle);

// The checks that open every entry point: each names the function and the argument it refuses, and
// an out-parameter is set to NULL before anything else can fail.
class Entry {
 public:
  explicit Entry(const char* function) : function_(function) {}
  // An out-parameter: refused when NULL, set to NULL otherwise.
  template <class T>
  bool out(T** parameter, const char* name) {
    if (!parameter) return refuse(std::string(name) + " is NULL");
    *parameter = nullptr;
    return true;
  }
  bool handle(const Handle* db) { return db ? true : refuse("db is NULL"); }
  bool given(const void* pointer, const char* name) { return pointer ? true : refuse(std::string(name) + " is NULL"); }
  bool text(const char* value, const char* name) {
    return value && *value ? true : refuse(std::string(name) + " is empty");
  }
  // Fails with `code` and "<function>: <why>".
  int failed(int code, const std::string& why) const { return fail(code, std::string(function_) + ": " + why); }
  // The code of the last refused check.
  int refused() const { return SENMAP_EINVAL; }
  const char* function() const { return function_; }

 private:
  bool refuse(const std::string& why) {
    failed(SENMAP_EINVAL, why);
    return false;
  }
  const char* function_;
};

// Maps an exception escaping a body to its code; never throws.
int code_of_current_exception() noexcept;

// Every shim body runs inside this: no exception may cross the C boundary.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    clear_error();
    return body();
  } catch (...) {
    return code_of_current_exception();
  }
}

// Copies a caller's options struct. An older (smaller) struct is accepted and the members it lacks
// keep their defaults; one smaller than its first version, or larger than this library knows (a host
// built against a newer senmap.h, whose members would be silently ignored), is refused.
template <class Options>
int read_options(const Entry& entry, const Options* in, Options& out, std::size_t minimum_size) {
  if (!in) return SENMAP_OK;
  if (in->struct_size < minimum_size)
    return entry.failed(SENMAP_EINVAL, "options.struct_size (" + std::to_string(in->struct_size) +
                                           ") is too small: initialise the options with their _INIT macro");
  if (in->struct_size > sizeof(Options))
    return entry.failed(SENMAP_EINVAL, "options.struct_size (" + std::to_string(in->struct_size) +
                                           ") is larger than this library's (" + std::to_string(sizeof(Options)) +
                                           "): the host was built against a newer senmap.h than this " +
                                           "libsenmap (" SENMAP_VERSION_STRING ")");
  std::memcpy(&out, in, in->struct_size);
  out.struct_size = sizeof(Options);
  return SENMAP_OK;
}

// senmap_*_options_init: fills the first struct_size bytes of a caller's struct with the defaults.
template <class Options>
int init_options(const char* function, Options* options, uint32_t struct_size, const Options& defaults,
                 std::size_t minimum_size) {
  Entry entry(function);
  if (!entry.given(options, "options")) return entry.refused();
  if (struct_size < minimum_size || struct_size > sizeof(Options))
    return entry.failed(SENMAP_EINVAL, "struct_size " + std::to_string(struct_size) +
                                           " is not one of this library's (" + std::to_string(minimum_size) + " to " +
                                           std::to_string(sizeof(Options)) + " bytes): pass sizeof the struct");
  std::memcpy(options, &defaults, struct_size);
  options->struct_size = struct_size;
  return SENMAP_OK;
}

// What a config file says that is the school's (the statutory clock, the writeback targets):
// recorded in the store whenever the config is opened, so opening the database alone sees it too.
struct SchoolSettings {
  model::ClockRules clock;
  std::vector<std::tuple<std::string, std::string, std::string>> targets;
  void record(store::Database& db) const;
};

// Reads a config: the database it names and the school's settings, or SENMAP_ECONFIG naming the
// file, line, key and rule of its first problem.
// `serve`, when given, receives the config's [serve] settings.
int read_config(const char* config_path, std::string& path, std::optional<SchoolSettings>& settings,
                config::ServeSettings* serve = nullptr);

}  // namespace sm::capi
