// The SEND budget as a page: the year's income as entered against what the costed provision map
// spends, by wave and area of need, and per pupil on the register (report.budget). Money only,
// no pupil named: governors read it as well as the SENCO and senior leaders; a teacher does not.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "model/number_text.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string money(const json::value& v) {
  return v.is_number() ? pages::escape(model::money_text(v.to_number<double>())) : pages::none();
}

std::string row(const std::string& what, const json::value& pupils, const json::value& amount) {
  return "<tr><th scope=\"row\">" + pages::escape(what) + "</th><td>" +
         (pupils.is_null() ? pages::none() : pages::value_html(pupils)) + "</td><td>" + money(amount) + "</td></tr>\n";
}

std::string table(const std::string& caption, const std::string& rows) {
  return "<table><caption>" + pages::escape(caption) +
         "</caption>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Pupils</th><th "
         "scope=\"col\">Amount</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n";
}

Response budget_page(Call& call) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  if (!allowed(call, "report.budget", fields)) return forbidden_page(role_may_not(actor.role, "read the SEND budget"));
  auto report = read(call, "report.budget", fields);
  if (!report) return hidden_page();
  const auto& b = report->as_object();
  const auto& income = b.at("income").as_object();
  const auto& spend = b.at("spend").as_object();
  std::string main = "<h1>SEND budget " + pages::escape(pages::text_of(b.at("academic_year"))) +
                     "</h1>\n<p class=\"lede\">" + pages::escape(pages::text_of(b.at("note"))) + "</p>\n";
  main += "<ul class=\"headline\"><li><span class=\"figure\">" + money(income.at("total")) +
          "</span> income</li><li><span class=\"figure\">" + money(spend.at("total")) +
          "</span> spent on provision</li><li><span class=\"figure\">" + money(b.at("balance")) +
          "</span> balance</li><li><span class=\"figure\">" + money(b.at("spend_per_pupil_on_register")) +
          "</span> spent per pupil on the register (" + pages::value_html(b.at("register_pupils")) +
          " pupils)</li></ul>\n";
  std::string in = row("Notional SEN budget", nullptr, income.at("notional_sen_budget")) +
                   row("EHC plan top-ups", income.at("top_up").at("plans_funded"), income.at("top_up").at("total"));
  for (const auto& o : income.at("other").as_array())
    in += row(pages::text_of(o.at("description")), nullptr, o.at("amount"));
  in += row("Total", nullptr, income.at("total"));
  main += table("Income " + pages::text_of(b.at("academic_year")), in);
  if (b.at("ehc_plans_without_top_up").to_number<std::int64_t>() > 0)
    main += "<p>" + pages::value_html(b.at("ehc_plans_without_top_up")) + " of " +
            pages::value_html(b.at("ehc_plans")) + " EHC plans have no top-up entered for the year.</p>\n";
  std::string waves, areas;
  for (const auto& w : spend.at("by_wave").as_array())
    waves += row("Wave " + pages::text_of(w.at("wave")), w.at("pupils"), w.at("spend"));
  for (const auto& a : spend.at("by_area").as_array())
    areas += row(pages::text_of(a.at("area")), a.at("pupils"), a.at("spend"));
  main += table("Spend by wave", waves + row("Total", nullptr, spend.at("total")));
  main += table("Spend by area of need (the pupil's primary need)", areas);
  return framed_page(call, "SEND budget", main, "budget");
}

}  // namespace

RouteList budget_routes() {
  return {
      {.method = "GET",
       .path = "/budget",
       .summary = "The SEND budget as a page: income entered for the year against the costed provision map's spend, "
                  "by wave and area of need (SENCO, senior leader, governor: money only)",
       .handler = budget_page,
       .answers = ok(B::html, "the SEND budget") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
