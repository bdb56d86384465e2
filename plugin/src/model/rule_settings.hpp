// What a school may change about its flag rules ([rules] in the config): switch rules off, and
// the thresholds, each defaulting to the Code's or the DfE's figure.
#pragma once
#include <set>
#include <string>

namespace sm::model {

struct Thresholds {
  int review_due_soon_days = 14;
  int ehc_review_due_weeks = 6;
  double persistent_absence_percent = 90;  // DfE: below 90% is persistent absence
  double severe_absence_percent = 50;      // DfE: below 50% is severe absence
  double fidelity_percent = 80;            // sessions delivered against planned
  double section_f_percent = 90;           // Section F hours delivered against specified
  int nsa_days = 120;                      // NSA held for more than about a term
  double low_score = 85;                   // a standardised score below this is low
  // A fall smaller than this is within a standardised test's measurement error (about 3 to 5
  // points either way): flagging it raised most low attainers each term, not the ones falling.
  double score_fall_points = 5;
};

// Rules a school switches on ([rules] on = [...]) rather than off. review_due_soon: a review
// coming up is a date, not a problem (the dashboard and the review calendar list the week's
// reviews); as a flag it is raised for the whole register in the last fortnight of every term
// in a school that reviews termly.
inline const std::set<std::string>& off_by_default() {
  static const std::set<std::string> ids{"review_due_soon"};
  return ids;
}

struct RuleSettings {
  Thresholds thresholds;
  std::set<std::string> off = off_by_default();  // rule ids switched off (by the school, or by default)
};

// The thresholds by their config key, for reading, saving and listing them in one place.
template <typename Settings, typename Visit>
void each_threshold(Settings& t, Visit visit) {
  visit("review_due_soon_days", t.review_due_soon_days);
  visit("ehc_review_due_weeks", t.ehc_review_due_weeks);
  visit("persistent_absence_percent", t.persistent_absence_percent);
  visit("severe_absence_percent", t.severe_absence_percent);
  visit("fidelity_percent", t.fidelity_percent);
  visit("section_f_percent", t.section_f_percent);
  visit("nsa_days", t.nsa_days);
  visit("low_score", t.low_score);
  visit("score_fall_points", t.score_fall_points);
}

}  // namespace sm::model
