// The provision catalogue in and out of a spreadsheet: a SENCO starts from the one they have.
// Columns are the provision.create fields (e.g. sessions_per_week; "Sessions per week" also
// reads), areas separated by semicolons. An import is all or nothing.
#include <boost/json.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

#include "csv/csv_table.hpp"
#include "ops/operation.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const std::vector<std::string> kColumns{"name", "description", "areas", "wave", "delivered_by", "group_size",
                                        "sessions_per_week", "minutes_per_session", "weeks", "staff_hourly_cost",
                                        "resource_cost", "entry_criteria", "exit_criteria", "measure",
                                        "evidence_rating", "measure_subject"};
const std::vector<std::string> kNumbers{"wave", "group_size", "sessions_per_week", "minutes_per_session", "weeks",
                                        "staff_hourly_cost", "resource_cost"};

// "Sessions per week" -> sessions_per_week.
std::string column_key(const std::string& header) {
  std::string key;
  for (char c : header) key += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

json::value import_provisions_csv(Context& context, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidRequest("path", "cannot open " + path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto table = csv::CsvTable::parse(bytes.str());
  json::array problems;
  auto problem = [&](std::size_t line, const std::string& field, const std::string& rule) {
    problems.push_back({{"file", path}, {"line", line}, {"field", field}, {"rule", rule}});
  };
  if (table.error()) {
    problem(table.error_line(), "", *table.error());
    return json::object{{"created", 0}, {"problems", std::move(problems)}};
  }
  std::vector<std::pair<std::size_t, std::string>> columns;  // position -> field
  for (std::size_t i = 0; i < table.header().size(); ++i) {
    auto key = column_key(table.header()[i]);
    // Computed columns an export carries are read past: a cost is never typed in.
    if (key == "id" || key == "cost_per_pupil" || key == "staff_hours_per_pupil" || key == "retired_on") continue;
    if (std::find(kColumns.begin(), kColumns.end(), key) == kColumns.end()) {
      problem(1, table.header()[i], "unknown column (the columns are the provision.create fields)");
      continue;
    }
    columns.emplace_back(i, key);
  }
  std::size_t created = 0;
  // One transaction: every row goes in, or none (each row's create is a savepoint inside it).
  store::Transaction tx(context.db);
  for (const auto& row : table.rows()) {
    json::object request;
    for (const auto& [at, key] : columns) {
      if (at >= row.fields.size() || row.fields[at].empty()) continue;
      const auto& text = row.fields[at];
      if (key == "areas") {
        json::array areas;
        std::stringstream list(text);
        for (std::string area; std::getline(list, area, ';');) {
          while (!area.empty() && area.front() == ' ') area.erase(area.begin());
          while (!area.empty() && area.back() == ' ') area.pop_back();
          if (!area.empty()) areas.push_back(json::value(area));
        }
        request[key] = std::move(areas);
      } else if (std::find(kNumbers.begin(), kNumbers.end(), key) != kNumbers.end()) {
        json::error_code ec;
        auto number = json::parse(text, ec);
        if (ec || !number.is_number()) {
          problem(row.line, key, "must be a number");
          continue;
        }
        request[key] = number;
      } else {
        request[key] = text;
      }
    }
    auto result = call(context, "provision.create", json::serialize(request));
    if (result.status != CallResult::Status::ok) {
      for (const auto& e : result.response.at("errors").as_array())
        problem(row.line, std::string(e.at("field").as_string()), std::string(e.at("rule").as_string()));
      continue;
    }
    ++created;
  }
  if (!problems.empty()) return json::object{{"created", 0}, {"problems", std::move(problems)}};  // rolled back
  tx.commit();
  return json::object{{"created", created}, {"problems", json::array()}};
}

report::Table provision_table(const json::value& list) {
  report::Table table;
  table.title = "Provision catalogue";
  table.headers = kColumns;
  table.headers.push_back("cost_per_pupil");
  for (const auto& p : list.at("provisions").as_array()) {
    std::vector<std::string> row;
    for (const auto& key : table.headers) {
      const auto& v = p.at(key);
      if (key == "areas") {
        std::string areas;
        for (const auto& a : v.as_array()) areas += (areas.empty() ? "" : "; ") + std::string(a.as_string());
        row.push_back(areas);
      } else if (v.is_string()) {
        row.emplace_back(v.as_string());
      } else if (v.is_null()) {
        row.emplace_back();
      } else if (v.is_double()) {
        std::ostringstream number;
        number << v.as_double();  // 15.5, not 1.55E1
        row.push_back(number.str());
      } else {
        row.push_back(json::serialize(v));
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace sm::ops
