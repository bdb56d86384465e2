#include "writeback/arbor_configured.hpp"

#include <boost/json.hpp>

#include "live/https_client.hpp"
#include "live/secret.hpp"
#include "writeback/arbor_target.hpp"

namespace sm::writeback {
namespace json = boost::json;
namespace {

// Owns the HTTPS client the Arbor target writes through.
class ConfiguredArbor : public Target {
 public:
  ConfiguredArbor(std::unique_ptr<live::HttpsClient> client, ArborTargetOptions options)
      : client_(std::move(client)), target_(*client_, std::move(options)) {}
  bool holds(const OutboxItem& item) override { return target_.holds(item); }
  Delivery deliver(const OutboxItem& item) override { return target_.deliver(item); }

 private:
  std::unique_ptr<live::HttpsClient> client_;
  ArborTarget target_;
};

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t number(const json::object& o, std::string_view key, std::int64_t fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : fallback;
}

}  // namespace

std::unique_ptr<Target> configured_arbor_target(store::Database& db, const std::string& settings_json) {
  auto parsed = json::parse(settings_json);
  const auto& s = parsed.as_object();
  live::SecretRef secret{text(s, "password_file"), text(s, "password_env"),
                         text(s, "password_env").empty() ? "password_file" : "password_env"};
  live::ClientSettings client;
  client.ca_file = text(s, "ca_file");
  client.connect_timeout = std::chrono::seconds(number(s, "connect_timeout", 10));
  client.read_timeout = std::chrono::seconds(number(s, "read_timeout", 60));
  // A write is never retried blindly: the writeback run's own backoff and lookups handle it.
  client.max_attempts = 2;
  client.user_agent = "senmap (school MIS writeback)";
  auto https = std::make_unique<live::HttpsClient>(client);

  ArborTargetOptions options;
  options.settings.url = text(s, "url");
  options.settings.user = text(s, "user");
  options.settings.application_id = text(s, "application_id");
  options.settings.password = live::read_secret(secret);
  auto la = text(s, "la"), estab = text(s, "estab");
  // The student id a sync from this Arbor stored: no UPN lookup needed for pupils it brought.
  options.student_id_of = [&db, la, estab](const std::string& upn) {
    auto q = db.prepare(
        "SELECT m.mis_id FROM pupil_mis_id m JOIN pupil p ON p.id = m.pupil_id JOIN school sc ON sc.id = m.school_id "
        "WHERE m.source = 'arbor' AND p.upn = ?1 AND sc.la = ?2 AND sc.estab = ?3");
    q.bind(1, upn).bind(2, la).bind(3, estab);
    return q.step() ? q.text(0) : std::string();
  };
  if (auto field = text(s, "flags_field"); !field.empty()) {
    arbor::ArborApi api(*https, options.settings);
    auto found = api.list("user-defined-fields", "find the user-defined field '" + field + "'",
                          arbor::filter("fieldName", "equals", field));
    if (found.hrefs.empty())
      throw std::runtime_error("Arbor has no user-defined field called '" + field +
                               "' (flags_field): create it for students in Arbor, or remove flags_field");
    options.flags_field_href = found.hrefs.front();
    // The pupil's current flags in a line: what a member of staff sees on the Arbor record.
    options.current_flags_of = [&db](const std::string& upn) {
      auto q = db.prepare(
          "SELECT group_concat(f.rule, ', ') FROM (SELECT DISTINCT f.rule FROM flag f JOIN pupil p ON p.id = "
          "f.pupil_id "
          "WHERE p.upn = ?1 AND f.cleared_on IS NULL AND f.resolved_on IS NULL ORDER BY f.rule) f");
      q.bind(1, upn);
      return q.step() && !q.is_null(0) ? q.text(0) : std::string();
    };
  }
  return std::make_unique<ConfiguredArbor>(std::move(https), std::move(options));
}

}  // namespace sm::writeback
