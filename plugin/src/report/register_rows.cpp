#include "report/register_rows.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "model/name_order.hpp"
#include "report/register_report.hpp"
#include "report/review_dates.hpp"

namespace sm::report {
namespace {

// Fills each row's classes, key workers, next review, flags and provision from the store.
void add_working_facts(store::Database& db, const model::ClockRules& clock, model::Date today,
                       std::optional<std::int64_t> school, std::vector<RegisterRow>& rows) {
  const auto day = model::format_date(today);
  std::unordered_map<std::int64_t, RegisterRow*> by_pupil;
  for (auto& r : rows) by_pupil.emplace(r.pupil.id, &r);
  auto each = [&](store::Statement& s, auto add) {
    while (s.step())
      if (auto it = by_pupil.find(s.integer(0)); it != by_pupil.end()) add(*it->second, s);
    s.reset();
  };

  auto& classes = db.cached(
      "SELECT m.pupil_id, c.sourced_id, c.title FROM class_member m JOIN school_class c ON c.id = m.class_id "
      "WHERE m.pupil_id IS NOT NULL AND c.ended_on IS NULL AND (m.begin_date IS NULL OR m.begin_date <= ?1) "
      "AND (m.end_date IS NULL OR m.end_date >= ?1) ORDER BY c.title");
  classes.bind(1, day);
  each(classes, [](RegisterRow& r, store::Statement& s) { r.classes.push_back({s.text(1), s.text(2)}); });

  auto& workers = db.cached(
      "SELECT a.pupil_id, st.given_name || ' ' || st.family_name FROM ta_assignment a JOIN staff st ON st.id = "
      "a.staff_id ORDER BY st.family_name, st.given_name");
  each(workers, [](RegisterRow& r, store::Statement& s) { r.key_workers.push_back(s.text(1)); });

  // Snoozed flags come back on the day the snooze ends; resolved ones stay out until the rules clear them.
  auto& flags = db.cached(
      "SELECT pupil_id, rule, severity FROM flag WHERE cleared_on IS NULL AND resolved_on IS NULL "
      "AND (snoozed_until IS NULL OR snoozed_until <= ?1) ORDER BY pupil_id, rule");
  flags.bind(1, day);
  each(flags, [](RegisterRow& r, store::Statement& s) {
    ++r.open_flags;
    auto rule = s.text(1);
    if (std::find(r.flag_rules.begin(), r.flag_rules.end(), rule) == r.flag_rules.end()) r.flag_rules.push_back(rule);
    if (s.text(2) == "high") r.high_flag = true;
  });

  auto& placements = db.cached(
      "SELECT pl.pupil_id, COUNT(*), MAX(pr.wave) FROM placement pl JOIN provision pr ON pr.id = pl.provision_id "
      "WHERE pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date >= ?1) GROUP BY pl.pupil_id");
  placements.bind(1, day);
  each(placements, [](RegisterRow& r, store::Statement& s) {
    r.provisions = static_cast<int>(s.integer(1));
    r.wave = static_cast<int>(s.integer(2));
  });

  // Earliest first: the first date met for a pupil is their next review.
  for (const auto& d : load_review_dates(db, clock, school)) {
    auto it = by_pupil.find(d.pupil_id);
    if (it == by_pupil.end() || !it->second->next_review.empty()) continue;
    if (is_paperwork(d.kind)) continue;  // a step around a review, not the review
    it->second->next_review = d.date;
    it->second->next_review_what = what_is_due(d.kind);
  }
}

bool passes(const RegisterRow& r, const RegisterQuery& q) {
  if (!q.filter.matches(r.pupil)) return false;
  if (q.wave && r.wave != *q.wave) return false;
  if (q.flag == "any" && r.open_flags == 0) return false;
  if (!q.flag.empty() && q.flag != "any" &&
      std::find(r.flag_rules.begin(), r.flag_rules.end(), q.flag) == r.flag_rules.end())
    return false;
  return q.search.empty() || matches_search(r.pupil, q.search);
}

// Surname then forename as a reader orders them (Ömer with the Os), each pupil's key made once.
class ByName {
 public:
  bool operator()(const PupilFacts& a, const PupilFacts& b) {
    return std::tie(key(a), a.upn) < std::tie(key(b), b.upn);
  }

 private:
  const std::string& key(const PupilFacts& p) {
    auto [it, added] = keys_.try_emplace(p.id);
    // Each key ends without a zero byte, so the surname's decides before the forename's begins.
    if (added) it->second = model::name_sort_key(p.surname) + '\x01' + model::name_sort_key(p.forename);
    return it->second;
  }
  std::unordered_map<std::int64_t, std::string> keys_;
};

// The sort the SENCO asked for, then by name so equal keys keep a stable, readable order. Pupils
// with no review due sort after every date, whichever the direction.
void sort_rows(std::vector<RegisterRow>& rows, const std::string& sort, bool descending) {
  ByName by_name;
  auto key_less = [&](const RegisterRow& a, const RegisterRow& b) -> int {  // -1 a first, 1 b first, 0 equal
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
    if (sort == "name") return by_name(a.pupil, b.pupil) ? -1 : by_name(b.pupil, a.pupil) ? 1 : 0;
    if (sort == "upn") return cmp(a.pupil.upn, b.pupil.upn);
    if (sort == "year") return cmp(year_order(a.pupil.nc_year), year_order(b.pupil.nc_year));
    if (sort == "status") return cmp(a.pupil.status, b.pupil.status);
    if (sort == "need")
      return cmp(a.pupil.needs.empty() ? "" : a.pupil.needs.front(),
                 b.pupil.needs.empty() ? "" : b.pupil.needs.front());
    if (sort == "next_review")
      return cmp(a.next_review.empty() ? "9999" : a.next_review, b.next_review.empty() ? "9999" : b.next_review);
    if (sort == "flags") return cmp(a.open_flags, b.open_flags);
    if (sort == "provisions") return cmp(a.provisions, b.provisions);
    if (sort == "wave") return cmp(a.wave, b.wave);
    return 0;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const RegisterRow& a, const RegisterRow& b) {
    if (sort == "next_review" && a.next_review.empty() != b.next_review.empty()) return b.next_review.empty();
    int c = key_less(a, b);
    if (c != 0) return descending ? c > 0 : c < 0;
    return by_name(a.pupil, b.pupil);
  });
}

}  // namespace

const std::vector<std::string>& register_sorts() {
  static const std::vector<std::string> sorts{"name",        "upn",   "year",       "status", "need",
                                              "next_review", "flags", "provisions", "wave"};
  return sorts;
}

bool matches_search(const PupilFacts& pupil, const std::string& search) {
  // Case and accents ignored on both sides: "zoe" finds Zoë, "Zoë" finds Zoe.
  auto wanted = model::folded_for_search(search);
  if (wanted.empty()) return true;
  if (model::folded_for_search(pupil.upn).rfind(wanted, 0) == 0) return true;
  auto forename = model::folded_for_search(pupil.forename), surname = model::folded_for_search(pupil.surname);
  // "amy smi" and "smith, amy" find Amy Smith as well as "smi" does.
  auto joined = [](const std::string& first, std::string_view between, const std::string& second) {
    std::string out = first;
    out.append(between).append(second);
    return out;
  };
  for (const auto& name :
       {joined(forename, " ", surname), joined(surname, ", ", forename), joined(surname, " ", forename)})
    if (name.find(wanted) != std::string::npos) return true;
  return false;
}

RegisterList load_register_list(store::Database& db, const model::ClockRules& clock, model::Date today,
                                const RegisterQuery& query, std::size_t off_register_limit) {
  RegisterList out;
  for (auto& [id, facts] : load_pupil_facts(db, today)) {
    if (!facts.on_roll) continue;
    if (query.filter.school_id && facts.school_id != *query.filter.school_id) continue;
    if (facts.status != "N") {
      RegisterRow row;
      row.pupil = std::move(facts);
      out.rows.push_back(std::move(row));
    } else if (!query.search.empty() && matches_search(facts, query.search)) {
      out.off_register.push_back(std::move(facts));
    }
  }
  add_working_facts(db, clock, today, query.filter.school_id, out.rows);
  std::erase_if(out.rows, [&](const RegisterRow& r) { return !passes(r, query); });
  sort_rows(out.rows, query.sort, query.descending);
  ByName by_name;
  std::sort(out.off_register.begin(), out.off_register.end(), std::ref(by_name));
  if (out.off_register.size() > off_register_limit) out.off_register.resize(off_register_limit);
  return out;
}

}  // namespace sm::report
