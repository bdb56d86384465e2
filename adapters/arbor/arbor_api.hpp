// One school's Arbor service (rest-v2) over a live::Fetcher: HTTP Basic, reference-only lists
// paged until a short page (with a hard cap), one GET per record batched through send_all,
// changelogs, creates and updates, and Arbor's error envelope turned into messages a SENCO or
// IT technician can act on (never quoting the password).
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "live/https_client.hpp"

namespace sm::arbor {

struct ArborSettings {
  std::string url;             // https://example-school.uk.arbor.sc
  std::string user, password;  // password already read from its file by the caller
  std::string application_id;  // optional x-mis-application-id
  std::size_t page_size = 100;
  std::size_t max_pages = 2000;  // hard cap per list
  bool read_roster = true;       // staff, classes and memberships (one GET per record: costly)
};

// Resource paths under /rest-v2/ (lower case, dashed, plural). UkDfe_UpnAssignment is a module
// resource: its path follows Arbor's SDK rule (pluralise, CamelCase to dashes, lower case),
// unconfirmed against a live school; the hrefs Arbor answers are always followed as given.
namespace resource {
inline constexpr std::string_view students = "students";
inline constexpr std::string_view upn_assignments = "uk-dfe_upn-assignments";
inline constexpr std::string_view sen_status_assignments = "sen-status-assignments";
inline constexpr std::string_view sen_needs = "sen-needs";
inline constexpr std::string_view sen_statuses = "sen-statuses";
inline constexpr std::string_view sen_need_types = "sen-need-types";
inline constexpr std::string_view sen_notes = "sen-notes";
inline constexpr std::string_view user_defined_records = "user-defined-records";
inline constexpr std::string_view staff = "staff";
inline constexpr std::string_view academic_units = "academic-units";                      // classes
inline constexpr std::string_view academic_unit_enrolments = "academic-unit-enrolments";  // pupils in them
inline constexpr std::string_view academic_unit_leads = "academic-unit-leads";            // their teachers
}  // namespace resource

// Arbor refused or failed a request; the message names the user and the service, never the password.
class ArborFailure : public std::runtime_error {
 public:
  enum class Kind { credentials, permission, invalid, not_found, server, bad_reply };
  ArborFailure(Kind kind, int code, const std::string& message)
      : std::runtime_error(message), kind_(kind), code_(code) {}
  Kind kind() const { return kind_; }
  int code() const { return code_; }

 private:
  Kind kind_;
  int code_;
};

// A list read: the references it held, and whether it ended (a short page) before the page cap.
struct Listed {
  std::vector<std::string> hrefs;
  std::size_t pages = 0;
  bool complete = true;
};

struct Change {
  std::string href, type;  // type: Arbor's changeType as sent (create, update, delete, ...)
  long long to_revision = 0;
  boost::json::object object;  // changedObject as sent (a reference, perhaps more)
  bool deleted() const;
};

class ArborApi {
 public:
  ArborApi(live::Fetcher& fetcher, const ArborSettings& settings) : fetcher_(fetcher), settings_(settings) {}

  const ArborSettings& settings() const { return settings_; }
  std::string url_of(std::string_view path_or_href) const;  // "students" or "/rest-v2/students/1"
  live::Request request(std::string method, std::string_view path_or_href, std::string body = {}) const;

  // `what` says what was being done, in words ("read students"), for messages.
  boost::json::value get(std::string_view path_or_href, std::string_view what);
  // `filters`: "filters.upn.equals=..." pairs, already encoded (see filter()).
  Listed list(std::string_view res, std::string_view what, std::string_view filters = {});
  // One GET per record, batched through send_all; records gone since the list (404) are skipped.
  std::vector<boost::json::object> fetch_all(const std::vector<std::string>& hrefs, std::string_view what);
  std::vector<Change> changelog(std::string_view res, std::string_view from_revision, std::string_view what);
  // POST /rest-v2/{res} {"request":{"<type>":{...}}}; answers the created object.
  boost::json::object create(std::string_view res, std::string_view type, boost::json::object fields,
                             std::string_view what);
  // PUT {href} with the changed fields only.
  boost::json::object update(std::string_view href, std::string_view type, boost::json::object fields,
                             std::string_view what);

  // Throws ArborFailure unless the reply (HTTP status overridden by response.code) succeeded.
  boost::json::value checked(const live::Response& response, std::string_view what) const;

 private:
  live::Fetcher& fetcher_;
  const ArborSettings& settings_;
};

// One resource read whole (list, then a GET per record) or as a delta (its changelog since the held
// revision, then a GET per changed record). The cursor is the highest revision seen: a full read
// takes the records' revisionId, a delta the changes' toRevision; `held` when nothing was seen.
struct ResourceRead {
  std::vector<boost::json::object> records;
  std::vector<Change> deleted;  // delta only
  std::string cursor;
  bool capped = false;  // full read only: the list did not end within max_pages
  std::size_t changes = 0;
};
ResourceRead read_resource(ArborApi& api, std::string_view res, bool delta, const std::string& held);

// "filters.<property>.<op>=<value>" with the value percent-encoded; tags: "filters.tags.<name>=<value>".
std::string filter(std::string_view property, std::string_view op, std::string_view value);
std::string tag_filter(std::string_view name, std::string_view value);

}  // namespace sm::arbor
