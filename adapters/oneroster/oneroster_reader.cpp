#include "oneroster/oneroster_reader.hpp"

#include <functional>
#include <set>

#include "csv/csv_table.hpp"
#include "model/upn.hpp"
#include "oneroster/roster_bundle.hpp"

namespace sm::oneroster {
namespace {
using csv::CsvRow;
using csv::CsvTable;
using model::RosterStatus;

// Walks one CSV file of the bundle: checks its columns, each row's shape, status and
// sourcedId, and hands each good row to `read` with accessors for its fields.
class FileReader {
 public:
  FileReader(const RosterBundle& bundle, RosterData& out, std::string name)
      : bundle_(bundle), out_(out), name_(std::move(name)), location_(bundle.location(name_ + ".csv")) {}

  struct Row {
    const FileReader& file;
    const CsvRow& row;
    std::string_view operator[](std::string_view column) const {
      auto at = file.table_.column(column);
      return at && *at < row.fields.size() ? std::string_view(row.fields[*at]) : std::string_view();
    }
    std::string text(std::string_view column) const { return std::string((*this)[column]); }
    std::size_t line() const { return row.line; }
  };

  // Reads the file if the manifest lists it. `required` columns must be in the header.
  void each(std::initializer_list<std::string_view> required, const std::function<void(const Row&)>& read) {
    auto mode = out_.mode(name_);
    if (mode == model::RosterFileMode::absent) return;
    out_.locations[name_] = location_;
    const auto* bytes = bundle_.file(name_ + ".csv");
    if (!bytes) {
      problem(0, "", "",
              "the manifest lists " + name_ + ".csv as " + mode_name(mode) + " but the bundle has no such file");
      return;
    }
    table_ = CsvTable::parse(*bytes);
    if (table_.error()) {
      problem(table_.error_line(), "", "", *table_.error());
      return;
    }
    bool columns_ok = true;
    for (auto column : required) {
      if (!table_.column(column)) {
        problem(1, std::string(column), "", "required column '" + std::string(column) + "' is missing from the header");
        columns_ok = false;
      }
    }
    if (!columns_ok) return;
    std::set<std::string, std::less<>> seen;
    for (const auto& csv_row : table_.rows()) {
      Row row{*this, csv_row};
      auto id = row["sourcedId"];
      if (csv_row.fields.size() != table_.header().size()) {
        problem(csv_row.line, "", std::string(id),
                "row has " + std::to_string(csv_row.fields.size()) + " fields but the header has " +
                    std::to_string(table_.header().size()));
        continue;
      }
      if (id.empty()) {
        problem(csv_row.line, "sourcedId", "", "sourcedId is empty");
        continue;
      }
      if (!seen.insert(std::string(id)).second) {
        problem(csv_row.line, "sourcedId", std::string(id), "duplicate sourcedId in this file");
        continue;
      }
      auto status = row["status"];
      if (!status.empty() && status != "active" && status != "tobedeleted") {
        problem(csv_row.line, "status", std::string(id), "status must be active or tobedeleted", std::string(status));
        continue;
      }
      if (status == "tobedeleted" && mode == model::RosterFileMode::bulk) {
        problem(csv_row.line, "status", std::string(id), "tobedeleted is only allowed in a delta file");
        continue;
      }
      read(row);
    }
  }

  // A date column: empty is allowed unless required; otherwise YYYY-MM-DD.
  std::optional<model::Date> date(const Row& row, std::string_view column, bool required = false) {
    auto text = row[column];
    if (text.empty()) {
      if (required)
        problem(row.line(), std::string(column), row.text("sourcedId"), std::string(column) + " is required");
      return std::nullopt;
    }
    auto parsed = model::parse_date(text);
    if (!parsed)
      problem(row.line(), std::string(column), row.text("sourcedId"), "not a valid date (YYYY-MM-DD)",
              std::string(text));
    return parsed;
  }

  void problem(std::size_t line, std::string column, std::string record, std::string rule, std::string value = {}) {
    out_.problems.push_back(
        {location_, line, std::move(column), "", std::move(value), std::move(rule), std::move(record)});
  }

  static RosterStatus status_of(const Row& row) {
    return row["status"] == "tobedeleted" ? RosterStatus::to_be_deleted : RosterStatus::active;
  }

 private:
  static std::string mode_name(model::RosterFileMode m) { return m == model::RosterFileMode::bulk ? "bulk" : "delta"; }

  const RosterBundle& bundle_;
  RosterData& out_;
  std::string name_;
  std::string location_;
  CsvTable table_;
};

model::RosterRole role_of(std::string_view role) {
  if (role == "student") return model::RosterRole::student;
  if (role == "teacher") return model::RosterRole::teacher;
  if (role == "aide") return model::RosterRole::aide;
  if (role == "administrator" || role == "districtAdministrator" || role == "siteAdministrator" ||
      role == "systemAdministrator")
    return model::RosterRole::administrator;
  return model::RosterRole::other;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool read_manifest(const RosterBundle& bundle, RosterData& out) {
  const auto* bytes = bundle.file("manifest.csv");
  auto where = bundle.location("manifest.csv");
  if (!bytes) {
    out.problems.push_back({where, 0, "", "", "", "manifest.csv is missing: not a OneRoster bundle", ""});
    return false;
  }
  auto table = CsvTable::parse(*bytes);
  if (table.error()) {
    out.problems.push_back({where, table.error_line(), "", "", "", *table.error(), ""});
    return false;
  }
  auto name = table.column("propertyName"), value = table.column("value");
  if (!name || !value) {
    out.problems.push_back({where, 1, "", "", "", "manifest.csv needs the columns propertyName,value", ""});
    return false;
  }
  bool ok = true;
  for (const auto& row : table.rows()) {
    if (row.fields.size() <= std::max(*name, *value)) continue;
    const auto& key = row.fields[*name];
    const auto& val = row.fields[*value];
    if (key == "oneroster.version") out.oneroster_version = val;
    if (key == "source.systemName") out.system_name = val;
    if (key.rfind("file.", 0) == 0) {
      auto file = key.substr(5);
      if (val == "bulk")
        out.modes[file] = model::RosterFileMode::bulk;
      else if (val == "delta")
        out.modes[file] = model::RosterFileMode::delta;
      else if (val == "absent")
        out.modes[file] = model::RosterFileMode::absent;
      else {
        out.problems.push_back({where, row.line, "value", "", val, key + " must be bulk, delta or absent", ""});
        ok = false;
      }
    }
  }
  if (out.oneroster_version != "1.2" && out.oneroster_version != "1.1") {
    out.problems.push_back({where, 0, "oneroster.version", "", out.oneroster_version,
                            "oneroster.version must be 1.2 (1.1 is also read)", ""});
    ok = false;
  }
  return ok;
}

}  // namespace

std::string user_id_of_type(std::string_view user_ids, std::string_view type) {
  // OneRoster writes a list of {type:identifier}; the identifier may itself hold no braces.
  std::size_t at = 0;
  while ((at = user_ids.find('{', at)) != std::string_view::npos) {
    auto close = user_ids.find('}', at);
    if (close == std::string_view::npos) break;
    auto entry = user_ids.substr(at + 1, close - at - 1);
    auto colon = entry.find(':');
    if (colon != std::string_view::npos && entry.substr(0, colon) == type) return std::string(entry.substr(colon + 1));
    at = close + 1;
  }
  return {};
}

RosterData read_oneroster(const std::filesystem::path& path) {
  RosterData out;
  auto bundle = RosterBundle::open(path);
  if (bundle.error()) {
    out.problems.push_back({path.string(), 0, "", "", "", *bundle.error(), ""});
    out.bundle_rejected = true;
    return out;
  }
  out.bytes = bundle.total_bytes();
  out.checksum = bundle.checksum();
  if (!read_manifest(bundle, out)) {
    out.bundle_rejected = true;
    return out;
  }

  FileReader orgs(bundle, out, "orgs");
  orgs.each({"sourcedId", "status", "name", "type"}, [&](const FileReader::Row& row) {
    out.orgs.push_back({row.text("sourcedId"), row.text("name"), row.text("type"), row.text("identifier"),
                        FileReader::status_of(row)});
  });

  FileReader sessions(bundle, out, "academicSessions");
  sessions.each({"sourcedId", "status", "title", "type", "startDate", "endDate"}, [&](const FileReader::Row& row) {
    auto start = sessions.date(row, "startDate", true);
    auto end = sessions.date(row, "endDate", true);
    if (!start || !end) return;
    if (*end < *start) {
      sessions.problem(row.line(), "endDate", row.text("sourcedId"), "endDate is before startDate",
                       row.text("endDate"));
      return;
    }
    out.sessions.push_back({row.text("sourcedId"), row.text("title"), row.text("type"), row.text("parentSourcedId"),
                            row.text("schoolYear"), *start, *end, FileReader::status_of(row)});
  });

  // Roles (1.2) give each user's primary role; 1.1 bundles put `role` in users.csv.
  std::map<std::string, std::pair<model::RosterRole, std::string>> primary_roles;
  FileReader roles(bundle, out, "roles");
  roles.each({"sourcedId", "status", "userSourcedId", "roleType", "role", "orgSourcedId"},
             [&](const FileReader::Row& row) {
               if (row["roleType"] != "primary" && primary_roles.count(row.text("userSourcedId"))) return;
               primary_roles[row.text("userSourcedId")] = {role_of(row["role"]), row.text("orgSourcedId")};
             });

  std::map<std::string, std::pair<std::optional<model::Date>, std::string>> demographics;
  FileReader demo(bundle, out, "demographics");
  demo.each({"sourcedId", "status"}, [&](const FileReader::Row& row) {
    auto sex = row["sex"];
    demographics[row.text("sourcedId")] = {demo.date(row, "birthDate"), sex == "male"     ? "M"
                                                                        : sex == "female" ? "F"
                                                                                          : ""};
  });

  FileReader users(bundle, out, "users");
  users.each({"sourcedId", "status", "enabledUser", "givenName", "familyName"}, [&](const FileReader::Row& row) {
    model::RosterUser user;
    user.sourced_id = row.text("sourcedId");
    user.status = FileReader::status_of(row);
    user.line = row.line();
    user.given_name = row.text("givenName");
    user.family_name = row.text("familyName");
    user.preferred_given_name = row.text("preferredGivenName");
    user.email = row.text("email");
    user.username = row.text("username");
    user.identifier = row.text("identifier");
    user.enabled = row["enabledUser"] != "false";
    user.org_sourced_id = row.text("primaryOrgSourcedId");
    if (auto it = primary_roles.find(user.sourced_id); it != primary_roles.end()) {
      user.role = it->second.first;
      if (user.org_sourced_id.empty()) user.org_sourced_id = it->second.second;
    } else if (!row["role"].empty()) {
      user.role = role_of(row["role"]);
      if (user.org_sourced_id.empty())
        user.org_sourced_id = split_list(row["orgSourcedIds"]).empty() ? "" : split_list(row["orgSourcedIds"]).front();
    } else if (user.status == RosterStatus::active) {
      users.problem(row.line(), "sourcedId", user.sourced_id,
                    "user has no role (no row in roles.csv and no role column)");
      return;
    }
    if (user.role == model::RosterRole::student) {
      // The UPN is the join to the MIS: `identifier`, or a {UPN:...} entry in userIds.
      user.upn = model::upn_is_valid(user.identifier) ? user.identifier : user_id_of_type(row["userIds"], "UPN");
      if (!user.upn.empty() && !model::upn_is_valid(user.upn)) {
        users.problem(row.line(), "userIds", user.sourced_id, "UPN check letter is wrong or the UPN is malformed",
                      user.upn);
        return;
      }
    }
    if (auto it = demographics.find(user.sourced_id); it != demographics.end()) {
      user.birth_date = it->second.first;
      user.sex = it->second.second;
    }
    out.users.push_back(std::move(user));
  });

  FileReader classes(bundle, out, "classes");
  classes.each({"sourcedId", "status", "title", "schoolSourcedId", "termSourcedIds"}, [&](const FileReader::Row& row) {
    out.classes.push_back({row.text("sourcedId"), row.text("title"), row.text("classCode"), row.text("schoolSourcedId"),
                           row.text("subjects"), split_list(row["termSourcedIds"]), FileReader::status_of(row)});
  });

  FileReader enrollments(bundle, out, "enrollments");
  enrollments.each({"sourcedId", "status", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"},
                   [&](const FileReader::Row& row) {
                     model::RosterEnrollment e;
                     e.sourced_id = row.text("sourcedId");
                     e.class_sourced_id = row.text("classSourcedId");
                     e.user_sourced_id = row.text("userSourcedId");
                     e.role = role_of(row["role"]);
                     e.primary = row["primary"] == "true";
                     e.begin = enrollments.date(row, "beginDate");
                     e.end = enrollments.date(row, "endDate");
                     e.status = FileReader::status_of(row);
                     e.line = row.line();
                     if (e.begin && e.end && *e.end < *e.begin) {
                       enrollments.problem(row.line(), "endDate", e.sourced_id, "endDate is before beginDate",
                                           row.text("endDate"));
                       return;
                     }
                     out.enrollments.push_back(std::move(e));
                   });

  FileReader line_items(bundle, out, "lineItems");
  line_items.each({"sourcedId", "status", "title", "classSourcedId"}, [&](const FileReader::Row& row) {
    out.line_items.push_back({row.text("sourcedId"), row.text("title"), row.text("classSourcedId"),
                              row.text("categorySourcedId"), line_items.date(row, "assignDate"),
                              line_items.date(row, "dueDate"), FileReader::status_of(row)});
  });

  FileReader results(bundle, out, "results");
  results.each({"sourcedId", "status", "lineItemSourcedId", "studentSourcedId", "scoreStatus"},
               [&](const FileReader::Row& row) {
                 auto score = row.text("score");
                 if (score.empty())
                   score = row.text("comment");  // a letter (A absent, B below the test) rides in comment
                 out.results.push_back({row.text("sourcedId"), row.text("lineItemSourcedId"),
                                        row.text("studentSourcedId"), row.text("scoreStatus"), score,
                                        results.date(row, "scoreDate"), FileReader::status_of(row), row.line()});
               });
  return out;
}

}  // namespace sm::oneroster
