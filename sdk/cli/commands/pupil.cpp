// senmap pupil UPN [--json]: one pupil's record (audit-logged)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

std::string shown(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  return people_text(v);
}

void print_pupil(std::ostream& out, const json::value& p) {
  out << shown(p.at("forename")) << ' ' << shown(p.at("surname")) << "  UPN " << shown(p.at("upn")) << "  Year "
      << shown(p.at("nc_year")) << "  born " << shown(p.at("dob")) << "\n";
  out << "SEN status: " << shown(p.at("status")) << " since " << shown(p.at("status_since")) << "\n";
  out << "History:";
  for (const auto& h : p.at("status_history").as_array())
    out << "  " << shown(h.at("status")) << " from " << shown(h.at("start"));
  out << "\nNeeds:";
  for (const auto& n : p.at("needs").as_array())
    if (n.at("current").as_bool())
      out << "  " << shown(n.at("rank")) << ". " << shown(n.at("code")) << " (" << shown(n.at("description")) << ")";
  out << "\nAttendance:";
  for (const auto& y : p.at("attendance").at("years").as_array())
    out << "  " << shown(y.at("year")) << ": "
        << (y.at("attendance_percent").is_number() ? percent_text(y.at("attendance_percent")) : "-")
        << (y.at("persistent_absence").as_bool() ? " (persistent absence)" : "");
  out << "\nAssessments: " << p.at("assessments").as_array().size() << " results\n";
}

}  // namespace

void add_pupil_command(CLI::App& app, const Globals& globals, int& exit_code) {
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
