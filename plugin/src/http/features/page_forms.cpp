#include "http/features/page_forms.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <sstream>

#include "http/access.hpp"
#include "http/request_fields.hpp"
#include "rules/rule.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

// The form's fields as the operation's request: the path's ids, then every field the operation
// takes (empty ones left out, so an optional field stays absent); a review's per-target results;
// the needs agreed, ranked by their field (need_1 the primary need); an annual review's outcomes
// judged (outcome_N with progress_N and onote_N), in the order of their ids as the page lists them.
json::object form_request(const Call& call, const ops::Operation& op, pages::Submitted& submitted) {
  json::object request;
  std::map<std::string, json::object> targets;
  std::map<std::int64_t, json::object> judged;
  json::array needs;
  for (const auto& [name, value] : form_fields(call.request.body)) {
    if (name == "csrf_token") continue;
    auto& kept = submitted[name];
    kept += (kept.empty() ? "" : "\n") + value;
    if (value.empty()) continue;
    if (name.starts_with("target_") || name.starts_with("criteria_")) {
      // A plan's targets: target_N with criteria_N.
      auto& target = targets["plan-" + name.substr(name.find('_') + 1)];
      target[name.starts_with("target_") ? "target" : "success_criteria"] = value;
    } else if (op.name == "ehcp.review_outcomes" &&
               (name.starts_with("outcome_") || name.starts_with("progress_") || name.starts_with("onote_"))) {
      auto id = ops::number_of(name.substr(name.find('_') + 1));
      if (!id) continue;
      auto& outcome = judged[static_cast<std::int64_t>(*id)];
      outcome["outcome_id"] = static_cast<std::int64_t>(*id);
      if (!name.starts_with("outcome_")) outcome[name.starts_with("progress_") ? "progress" : "note"] = value;
    } else if (name == "scores" && op.name == "access.add") {
      // Standardised scores typed one a line, "WRAT5 reading = 82": a line without "= score" goes
      // on without one, so the operation names it.
      json::array scores;
      std::stringstream lines(value);
      for (std::string line; std::getline(lines, line);) {
        auto [test, score] = ops::labelled_number(line);
        if (test.empty() && !score) continue;
        json::object item{{"test", test}};
        if (score) item["score"] = *score;
        scores.push_back(std::move(item));
      }
      if (!scores.empty()) request["scores"] = std::move(scores);
    } else if (name.starts_with("need_") && op.name == "needs.set") {
      auto rank = ops::number_of(name.substr(5));
      needs.push_back({{"code", value}, {"rank", rank ? static_cast<std::int64_t>(*rank) : 0}});
    } else if (name.starts_with("result_") || name.starts_with("evidence_")) {
      auto id = name.substr(name.find('_') + 1);
      auto& target = targets[id];
      target["id"] = ops::number_of(id) ? json::value(static_cast<std::int64_t>(*ops::number_of(id))) : json::value(id);
      target[name.starts_with("result_") ? "result" : "evidence"] = value;
    } else {
      for (const auto& f : op.fields)
        if (f.name == name) add_field(op, request, name, value);
    }
  }
  if (!targets.empty()) {
    json::array list;
    for (auto& [id, target] : targets) list.push_back(std::move(target));
    request["targets"] = std::move(list);
  }
  if (op.name == "needs.set") request["needs"] = std::move(needs);
  if (op.name == "ehcp.review_outcomes") {
    json::array list;
    for (auto& [id, outcome] : judged) list.push_back(std::move(outcome));
    request["outcomes"] = std::move(list);
  }
  // The page's pupil, for the operations that name one (a review or a plan names its cycle instead).
  const bool takes_upn = std::any_of(op.fields.begin(), op.fields.end(), [](const auto& f) { return f.name == "upn"; });
  if (call.params.count("upn") && takes_upn) request["upn"] = call.params.at("upn");
  if (call.params.count("provision_id")) add_field(op, request, "provision_id", call.params.at("provision_id"));
  if (call.params.count("flag_id")) add_field(op, request, "flag_id", call.params.at("flag_id"));
  // Every present pupil unticked is still a register: an empty list says "nobody came".
  if (op.name == "session.record" && !request.contains("present")) request["present"] = json::array{};
  if (op.name == "ehcp.review_attendance" && !request.contains("attended")) request["attended"] = json::array{};
  return request;
}

}  // namespace

std::vector<pages::Choice> rule_choices() {
  std::vector<pages::Choice> out;
  for (const auto& rule : rules::all_rules()) out.push_back({rule.id, rule.title});
  return out;
}

Response framed_form_page(const Call& call, const std::string& title, const std::string& main_html,
                          const std::string& object, const FormRefusal* refused) {
  auto r = framed_page(call, title, main_html, object);
  if (!refused) return r;
  r.status = 422;
  return with_outcome(std::move(r), "invalid");
}

std::string notice_for(const std::string& recorded) {
  if (recorded == "review") return "The review was recorded.";
  if (recorded == "placement") return "The pupil was placed on the provision.";
  if (recorded == "session") return "The session was recorded.";
  if (recorded == "meeting") return "The meeting with the parents was recorded.";
  if (recorded == "placement_end") return "The placement was ended.";
  if (recorded == "contribution") return "Added: the SENCO will see it in the pupil's cycle.";
  if (recorded == "assessment") return "The assessment was recorded: plan the cycle below.";
  if (recorded == "plan") return "The plan was recorded: the cycle is running, to be reviewed.";
  if (recorded == "passport") return "The passport was recorded; the class provision maps show its strategies.";
  if (recorded == "access") return "The access arrangement was recorded.";
  if (recorded == "access_approved") return "The approval was recorded: it lasts 26 months.";
  if (recorded == "note") return "The note was added.";
  if (recorded == "agency") return "The agency's involvement was recorded.";
  if (recorded == "directory") return "The agency's entry was saved.";
  if (recorded == "information") return "The section's text was kept.";
  if (recorded == "confidence") return "Your confidence ratings were saved.";
  if (recorded == "needs") return "The needs were recorded: they apply from the date given.";
  if (recorded == "ehc_request") return "The request for an EHC needs assessment was recorded.";
  if (recorded == "ehc_decision") return "The LA's decision was recorded.";
  if (recorded == "ehc_existing") return "The plan was recorded: its annual review is now on the clock.";
  if (recorded == "ehc_issue") return "The plan's issue was recorded: its annual review is now counted from it.";
  if (recorded == "ehc_review") return "The annual review meeting was recorded.";
  if (recorded == "ehc_invite") return "The invitation was recorded.";
  if (recorded == "ehc_advice") return "The request for advice was recorded.";
  if (recorded == "ehc_advice_received") return "The advice was recorded as received.";
  if (recorded == "ehc_report") return "The review report was recorded as sent to the LA.";
  if (recorded == "ehc_la_decision") return "The LA's decision after the review was recorded.";
  if (recorded == "section_f") return "The Section F line was added.";
  if (recorded == "ehc_outcome") return "The outcome was added to the plan.";
  if (recorded == "ehc_outcome_end") return "The outcome was recorded as having left the plan.";
  if (recorded == "ehc_views") return "The views were recorded for the review.";
  if (recorded == "ehc_attendance") return "Who came to the meeting was recorded.";
  if (recorded == "ehc_judgements") return "The outcomes, amendments and recommendation were recorded.";
  if (recorded == "ehc_amendment_notice") return "The amendment notice was recorded: the parents' 15 days run from it.";
  if (recorded == "ehc_amendment_response") return "The parents' response was recorded.";
  if (recorded == "ehc_amended_plan") return "The amended plan's issue was recorded.";
  if (recorded == "acknowledge") return "The flag was acknowledged.";
  if (recorded == "snooze") return "The flag was snoozed.";
  if (recorded == "assign") return "The flag was assigned.";
  if (recorded == "resolve") return "The flag was resolved.";
  return {};
}

Response run_form(Call& call, const PageForm& form) {
  const auto* op = operation_named(call.route.operation);
  if (!op) return hidden_page();
  pages::Submitted submitted;
  auto request = form_request(call, *op, submitted);
  auto d = decide(call.db, *call.actor, op->name, request, call.today());
  auto finish = [&](Response r) {
    if (r.upn.empty()) {
      auto upn = call.params.find("upn");
      r.upn = !d.upn.empty() ? d.upn : upn != call.params.end() ? upn->second : std::string();
    }
    if (r.object.empty()) r.object = d.object;
    return r;
  };
  if (d.verdict == Verdict::hidden) return finish(hidden_page());
  if (d.verdict == Verdict::forbidden) return finish(forbidden_page(d.why));
  if (form.belongs && !form.belongs(call, request)) return finish(hidden_page());
  auto context = call.context();
  auto result = ops::call(context, op->name, json::serialize(request));
  using Status = ops::CallResult::Status;
  if (result.status == Status::not_found) return finish(hidden_page());
  if (result.status == Status::ok) return finish(see_other(form.page + "?recorded=" + form.recorded));
  FormRefusal refusal{std::move(result.response), std::move(submitted), form.recorded};
  return finish(form.page_again(call, &refusal));
}

}  // namespace sm::http
