// A pupil's EHC annual review: its page (where each step stands, the plan's outcomes, the views,
// who came, the outcomes judged, the recommendation, the amendments that follow), the page's forms,
// and the review's report for the LA as a printable document.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/annual_review_page.hpp"
#include "http/route_answers.hpp"
#include "report/pupil_record.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

// The forms of the review page, by the operation each runs and the word its notice says it by.
constexpr std::pair<const char*, const char*> kReviewForms[] = {
    {"ehcp.outcome", "ehc_outcome"},
    {"ehcp.outcome_end", "ehc_outcome_end"},
    {"ehcp.review_views", "ehc_views"},
    {"ehcp.review_attendance", "ehc_attendance"},
    {"ehcp.review_outcomes", "ehc_judgements"},
    {"ehcp.amendment_notice", "ehc_amendment_notice"},
    {"ehcp.amendment_response", "ehc_amendment_response"},
    {"ehcp.amended_plan", "ehc_amended_plan"},
};

// The pupil's record and plan as the review's pages need them; none when the caller may not see them.
std::optional<pages::PupilView> review_view(Call& call, const char* audit_action) {
  const auto& upn = call.params.at("upn");
  auto d = decide_pupil(call.db, *call.actor, upn, call.today());
  if (d.verdict != Verdict::allowed) return std::nullopt;
  auto record = report::pupil_record_json(call.db, upn, call.day);
  call.db.reset_cached();
  if (!record) return std::nullopt;
  store::audit(call.db, call.actor->audit_name(), audit_action, upn);
  pages::PupilView view;
  view.frame = frame_for(call);
  view.record = std::move(record->as_object());
  view.today = call.today();
  if (auto plan = read(call, "ehcp.get", {{"upn", upn}})) view.ehcp = std::move(plan->as_object());
  return view;
}

Response review_page_with(Call& call, const FormRefusal* refused) {
  auto view = review_view(call, "annual_review.page");
  if (!view) return hidden_page();
  json::object by_upn{{"upn", call.params.at("upn")}};
  for (const auto& [op, recorded] : kReviewForms)
    if (allowed(call, op, by_upn)) view->may.insert(op);
  view->notice = notice_for(call.query_value("recorded"));
  if (refused) {
    view->errors = refused->errors;
    view->submitted = refused->submitted;
    view->failed_form = refused->form;
  }
  auto r = with_outcome(html_response(refused ? 422 : 200, pages::annual_review_page(*view)),
                        refused ? "invalid" : "allowed");
  r.upn = call.params.at("upn");
  return r;
}

Response show_review(Call& call) {
  return review_page_with(call, nullptr);
}

Response report_page(Call& call) {
  auto view = review_view(call, "annual_review.report");
  if (!view) return hidden_page();
  auto r = html_response(200, pages::review_report_page(*view));
  r.upn = call.params.at("upn");
  return r;
}

Response review_form(Call& call) {
  for (const auto& [op, recorded] : kReviewForms)
    if (call.route.operation == op)
      return run_form(
          call, {"/pupils/" + pages::url_part(call.params.at("upn")) + "/annual-review", recorded, review_page_with});
  return hidden_page();
}

Route form_route(const char* tail, const char* operation, const char* what) {
  return {.method = "POST",
          .path = std::string("/pupils/{upn}/annual-review") + tail,
          .summary = std::string("The annual review page's form (csrf_token in the form body): ") + what +
                     "; back to the annual review page",
          .form = true,
          .operation = operation,
          .handler = review_form,
          .answers = form("refused: the annual review page again, with every field and the rule it breaks")};
}

}  // namespace

RouteList annual_review_routes() {
  return {
      {.method = "GET",
       .path = "/pupils/{upn}/annual-review",
       .summary = "A pupil's EHC annual review as a page: each step against the clock, the plan's outcomes, views, "
                  "who came, outcomes judged, the recommendation and amendments (audit-logged)",
       .handler = show_review,
       .answers = ok(B::html, "the annual review page") + signed_in() + missing(B::html)},
      {.method = "GET",
       .path = "/pupils/{upn}/annual-review/report",
       .summary = "The last annual review's report for the LA, as a document to print or save as PDF (audit-logged)",
       .handler = report_page,
       .answers = ok(B::html, "the review report") + signed_in() + missing(B::html)},
      form_route("/outcomes", "ehcp.outcome", "add an outcome (Section E) to the plan"),
      form_route("/outcomes/end", "ehcp.outcome_end", "record an outcome leaving the plan"),
      form_route("/views", "ehcp.review_views", "record the pupil's or the parents' views for the review"),
      form_route("/attendance", "ehcp.review_attendance", "record who came to the meeting"),
      form_route("/judgements", "ehcp.review_outcomes",
                 "record each outcome judged, the amendments proposed and the recommendation"),
      form_route("/amendment-notice", "ehcp.amendment_notice", "record the amendment notice sent to the parents"),
      form_route("/amendment-response", "ehcp.amendment_response", "record the parents' response to it"),
      form_route("/amended-plan", "ehcp.amended_plan", "record the amended plan's issue"),
  };
}

}  // namespace sm::http
