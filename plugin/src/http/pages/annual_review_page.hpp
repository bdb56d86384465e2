// An EHC plan's annual review as the SENCO works through it: where each step stands against the
// statutory clock, the plan's outcomes (Section E), the pupil's and the parents' views, who came,
// each outcome judged with the amendments and the recommendation, and what follows a decision to
// amend; and the review's report for the LA as a document to print or save as PDF.
#pragma once
#include <string>

#include "http/pages/pupil_page.hpp"

namespace sm::http::pages {

// The review page (GET /pupils/{upn}/annual-review), its forms shown to whoever may use them
// (`v.may`). `v.ehcp` is ehcp.get's plan, if the pupil has one.
std::string annual_review_page(const PupilView& v);

// The report of the last meeting held (GET /pupils/{upn}/annual-review/report), laid out for A4.
std::string review_report_page(const PupilView& v);

// The words for an outcome's progress and a recommendation, as both pages say them.
std::string progress_name(const std::string& progress);
std::string recommendation_name(const std::string& recommendation);

}  // namespace sm::http::pages
