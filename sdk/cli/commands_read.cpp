// senmap register [--json|--csv], senmap pupil UPN [--json]
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

std::string text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  return people_text(v);
}

void print_pupil(std::ostream& out, const json::value& p) {
  out << text(p.at("forename")) << ' ' << text(p.at("surname")) << "  UPN " << text(p.at("upn")) << "  Year "
      << text(p.at("nc_year")) << "  born " << text(p.at("dob")) << "\n";
  out << "SEN status: " << text(p.at("status")) << " since " << text(p.at("status_since")) << "\n";
  out << "History:";
  for (const auto& h : p.at("status_history").as_array())
    out << "  " << text(h.at("status")) << " from " << text(h.at("start"));
  out << "\nNeeds:";
  for (const auto& n : p.at("needs").as_array())
    if (n.at("current").as_bool())
      out << "  " << text(n.at("rank")) << ". " << text(n.at("code")) << " (" << text(n.at("description")) << ")";
  out << "\nAttendance:";
  for (const auto& y : p.at("attendance").at("years").as_array())
    out << "  " << text(y.at("year")) << ": "
        << (y.at("attendance_percent").is_number() ? percent_text(y.at("attendance_percent")) : "-")
        << (y.at("persistent_absence").as_bool() ? " (persistent absence)" : "");
  out << "\nAssessments: " << p.at("assessments").as_array().size() << " results\n";
}

}  // namespace

void add_read_commands(CLI::App& app, const Globals& globals, int& exit_code) {
  struct RegisterArgs {
    bool as_json = false, as_csv = false, summary = false;
  };
  auto reg = std::make_shared<RegisterArgs>();
  auto* register_cmd = app.add_subcommand("register", "Show the SEN register (pupils with status K or E)");
  auto* json_flag = register_cmd->add_flag("--json", reg->as_json, "print a JSON array");
  register_cmd->add_flag("--csv", reg->as_csv, "print CSV for a spreadsheet")->excludes(json_flag);
  register_cmd->add_flag("--summary", reg->summary, "counts and % of roll by status, need and year, against England");
  register_cmd->callback([&globals, &exit_code, reg] {
    auto db = globals.open();
    if (reg->summary) {
      auto summary = json::parse(db.register_summary_json());
      if (reg->as_json)
        std::cout << json_text(summary) << '\n';
      else
        print_summary(std::cout, summary);
      exit_code = kExitOk;
      return;
    }
    auto text_json = db.register_json();
    if (reg->as_json) {
      std::cout << text_json << '\n';
    } else if (reg->as_csv) {
      write_csv(std::cout, register_headers(), register_rows(json::parse(text_json)));
    } else {
      print_table(std::cout, register_headers(), register_rows(json::parse(text_json)));
    }
    exit_code = kExitOk;
  });

  auto classes_json = std::make_shared<bool>(false);
  auto* classes_cmd = app.add_subcommand("classes", "Show classes with their teachers and pupils (from OneRoster)");
  classes_cmd->add_flag("--json", *classes_json, "print a JSON array");
  classes_cmd->callback([&globals, &exit_code, classes_json] {
    auto db = globals.open();
    auto text_json = db.classes_json();
    if (*classes_json) {
      std::cout << text_json << '\n';
    } else {
      std::vector<Row> rows;
      auto classes = json::parse(text_json);
      for (const auto& c : classes.as_array()) {
        std::string teachers;
        for (const auto& t : c.at("teachers").as_array())
          teachers += (teachers.empty() ? "" : ", ") + std::string(t.at("name").as_string());
        rows.push_back({std::string(c.at("id").as_string()), std::string(c.at("title").as_string()),
                        std::string(c.at("code").as_string()), teachers,
                        std::to_string(c.at("pupils").as_array().size())});
      }
      print_table(std::cout, {"Id", "Class", "Code", "Teachers", "Pupils"}, rows);
    }
    exit_code = kExitOk;
  });

  struct PupilArgs {
    std::string upn;
    bool as_json = false;
  };
  auto pupil = std::make_shared<PupilArgs>();
  auto* pupil_cmd = app.add_subcommand("pupil", "Show one pupil's record (audit-logged)");
  pupil_cmd->add_option("UPN", pupil->upn, "the pupil's unique pupil number")->required();
  pupil_cmd->add_flag("--json", pupil->as_json, "print the whole record as JSON");
  pupil_cmd->callback([&globals, &exit_code, pupil] {
    auto db = globals.open();
    auto record = db.pupil_json(pupil->upn);
    if (pupil->as_json)
      std::cout << record << '\n';
    else
      print_pupil(std::cout, json::parse(record));
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
