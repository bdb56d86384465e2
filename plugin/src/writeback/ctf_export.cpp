#include "writeback/ctf_export.hpp"

#include <stdexcept>
#include <vector>

#include "ctf/ctf_writer.hpp"
#include "model/dates.hpp"
#include "model/reference_data.hpp"

namespace sm::writeback {
namespace {

using ctf::add_text;

struct School {
  std::int64_t id;
  std::string la, estab, name;
};

School pick_school(store::Database& db, const std::string& wanted) {
  auto s = db.prepare("SELECT id, la, estab, COALESCE(name, '') FROM school ORDER BY la, estab");
  std::vector<School> all;
  while (s.step()) all.push_back({s.integer(0), s.text(1), s.text(2), s.text(3)});
  if (all.empty()) throw std::invalid_argument("the store holds no school yet: import a CTF first");
  if (wanted.empty()) {
    if (all.size() > 1)
      throw std::invalid_argument("the store holds " + std::to_string(all.size()) + " schools: say which (LA-ESTAB)");
    return all.front();
  }
  for (const auto& school : all)
    if (school.la + "-" + school.estab == wanted) return school;
  throw std::invalid_argument("no school " + wanted + " in the store (give it as LA-ESTAB, e.g. 938-4123)");
}

}  // namespace

CtfExport export_ctf(store::Database& db, const std::string& wanted, const std::string& date_time) {
  auto school = pick_school(db, wanted);
  auto day = *model::parse_date(date_time.substr(0, 10));
  int year = model::academic_year_of(day);

  pugi::xml_document doc;
  // Partial: it carries SEN data only, so the MIS must not take absent sections as deletions.
  auto root = ctf::write_ctf_start(doc, {date_time, "partial", "SEN register from senmap", school.la, school.estab, "",
                                         school.name, std::to_string(year) + "/" + std::to_string(year + 1).substr(2)});

  CtfExport out;
  auto pupils = root.append_child("CTFpupilData");
  auto list = db.prepare(
      "SELECT id, upn, surname, forename, dob, sex, COALESCE(nc_year, '') FROM pupil WHERE school_id = ?1 AND left_on "
      "IS NULL "
      "ORDER BY surname, forename, upn");
  list.bind(1, school.id);
  auto periods =
      db.prepare("SELECT start_date, provision FROM sen_status_period WHERE pupil_id = ?1 ORDER BY start_date");
  auto needs = db.prepare(
      "SELECT need_type, rank, start_date FROM sen_need WHERE pupil_id = ?1 AND (end_date IS NULL OR end_date > ?2) "
      "ORDER BY rank");
  while (list.step()) {
    auto pupil = pupils.append_child("Pupil");
    add_text(pupil, "UPN", list.text(1));
    add_text(pupil, "Surname", list.text(2));
    add_text(pupil, "Forename", list.text(3));
    add_text(pupil, "DOB", list.text(4));
    add_text(pupil, "Sex", list.text(5));
    if (!list.text(6).empty()) add_text(pupil.append_child("BasicDetails"), "NCyearActual", list.text(6));
    periods.reset();
    periods.bind(1, list.integer(0));
    pugi::xml_node history;
    while (periods.step()) {
      // Legacy statuses (statements, School Action) are read in history, never written.
      const auto* code = model::find_sen_provision(periods.text(1));
      if (!code || code->legacy) continue;
      if (!history) history = pupil.append_child("SENhistory");
      auto sen = history.append_child("SEN");
      add_text(sen, "StartDate", periods.text(0));
      add_text(sen, "SENprovision", periods.text(1));
    }
    needs.reset();
    needs.bind(1, list.integer(0)).bind(2, model::format_date(day));
    pugi::xml_node list_of_needs;
    while (needs.step()) {
      if (!history) history = pupil.append_child("SENhistory");
      if (!list_of_needs) list_of_needs = history.append_child("SENneeds");
      auto need = list_of_needs.append_child("SENneed");
      if (!needs.is_null(2)) add_text(need, "NeedStartDate", needs.text(2));
      add_text(need, "SENtypeRank", std::to_string(needs.integer(1)));
      add_text(need, "SENtype", needs.text(0));
    }
    ++out.pupils;
  }
  out.xml = ctf::ctf_text(doc);
  return out;
}

}  // namespace sm::writeback
