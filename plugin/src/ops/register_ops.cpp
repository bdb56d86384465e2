// Reading the SEN register and one pupil's whole record: the reads every door offers (the C ABI's
// senmap_register_json and senmap_pupil_json, GET /api/register and /api/pupils/{upn}, the CLI's
// register and pupil), so each is one operation with one audit row.
#include <boost/json.hpp>
#include <unordered_set>

#include "ops/operation.hpp"
#include "report/pupil_record.hpp"
#include "report/register_report.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value list_register(Context& context, const json::object& r) {
  auto entries = report::load_register(context.db, context.today);
  if (auto school = school_of_request(context.db, r)) {
    // One school's pupils in a trust's database.
    std::unordered_set<std::string> theirs;
    auto s = context.db.prepare("SELECT upn FROM pupil WHERE school_id = ?1");
    s.bind(1, *school);
    while (s.step()) theirs.insert(s.text(0));
    std::erase_if(entries, [&](const report::RegisterEntry& e) { return !theirs.count(e.upn); });
  }
  return report::register_json(entries);
}

json::value get_pupil(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto record = report::pupil_record_json(context.db, upn, context.today);
  if (!record) throw NotFound("no pupil with UPN " + upn);
  return std::move(*record);
}

}  // namespace

void add_register_operations(std::vector<Operation>& out) {
  out.push_back({"register.list",
                 "The SEN register: every pupil with status K or E, their needs, year and class",
                 false,
                 {school_field()},
                 list_register,
                 "register.read"});
  // The UPN is taken as text: a malformed one is answered like an unknown one, saying nothing more.
  out.push_back({"pupil.get",
                 "One pupil's whole record: identity, SEN status and needs, attendance, assessments, classes",
                 false,
                 {{"upn", FieldType::string, true, "the pupil's UPN"}},
                 get_pupil,
                 "pupil.read"});
}

}  // namespace sm::ops
