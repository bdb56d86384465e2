// The SEN Information Report as a page (report.sen_information): each statutory section as it
// will be published, senmap's draft or the SENCO's own text, with a form under each for the SENCO
// to edit it (kept per school year); the finished report prints, or downloads as one HTML file
// for the school's website. It names no pupil: governors read it too.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/forms.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string paragraphs_html(const std::string& text) {
  std::string out, line;
  auto flush = [&] {
    if (!line.empty()) out += "<p>" + pages::escape(line) + "</p>\n";
    line.clear();
  };
  for (char c : text) {
    if (c == '\n')
      flush();
    else
      line += c;
  }
  flush();
  return out;
}

Response information_page_with(Call& call, const FormRefusal* refused) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  if (!allowed(call, "report.sen_information", fields))
    return forbidden_page(role_may_not(actor.role, "read the SEN Information Report"));
  auto report = read(call, "report.sen_information", fields);
  if (!report) return hidden_page();
  const auto& r = report->as_object();
  const bool may_edit =
      allowed(call, "sen_information.edit", {{"school", actor.staff.school}, {"section", "complaints"}});
  const auto token = frame_for(call).csrf_token;
  std::string main = "<h1>SEN Information Report " + pages::escape(pages::text_of(r.at("academic_year"))) + "</h1>\n";
  if (auto said = notice_for(call.query_value("recorded")); !said.empty()) main += pages::notice(said);
  main += "<p class=\"lede\">" + pages::escape(pages::text_of(r.at("note"))) + ". " +
          pages::escape(pages::text_of(r.at("sections_edited"))) + " of " +
          std::to_string(r.at("sections").as_array().size()) +
          " sections edited so far.</p>\n<p class=\"exports screen-only\">To print it or save it as a PDF, use the "
          "browser's Print. <a href=\"/sen-information.html\" download>Download it as one HTML file</a> for the "
          "school's website.</p>\n";
  for (const auto& s : r.at("sections").as_array()) {
    const auto& section = s.as_object();
    const auto key = pages::text_of(section.at("section"));
    const auto id = "info-" + key;
    main += "<section class=\"information\" aria-labelledby=\"" + id + "\">";
    main += "<h2 id=\"" + id + "\">" + pages::escape(pages::text_of(section.at("heading"))) + "</h2>\n";
    main += paragraphs_html(pages::text_of(section.at("text")));
    main += section.at("edited").as_bool()
                ? "<p class=\"hint screen-only\">The SENCO's text, edited " +
                      pages::escape(pages::text_of(section.at("edited_on"))) + ".</p>\n"
                : "<p class=\"hint screen-only\">senmap's draft from the school's figures: not yet edited.</p>\n";
    if (may_edit) {
      const bool this_refused =
          refused && refused->submitted.count("section") && refused->submitted.at("section") == key;
      pages::Submitted current{{"text", pages::text_of(section.at("text"))}};
      const auto& sent = this_refused ? refused->submitted : current;
      pages::FormBuilder form("/sen-information", token, sent, "f-" + key + "-");
      form.hidden("school", actor.staff.school)
          .hidden("section", key)
          .textarea("text", "Edit: " + pages::text_of(section.at("heading")),
                    "what will be published; empty it to go back to senmap's draft");
      main += "<details class=\"screen-only\"" + std::string(this_refused ? " open" : "") +
              "><summary>Edit this "
              "section</summary>\n";
      if (this_refused) main += pages::error_summary(refused->errors, "The section", form.labels(), "f-" + key + "-");
      main += form.finish("Keep this text") + "</details>\n";
    }
    main += "</section>\n";
  }
  return framed_form_page(call, "SEN Information Report", main, "sen-information", refused);
}

Response information_page(Call& call) {
  return information_page_with(call, nullptr);
}

Response information_form(Call& call) {
  return run_form(call, {"/sen-information", "information", information_page_with});
}

}  // namespace

RouteList sen_information_routes() {
  return {
      {.method = "GET",
       .path = "/sen-information",
       .summary = "The SEN Information Report as a page: each statutory section drafted from the school's figures "
                  "or as the SENCO edited it, with the SENCO's forms to edit each (no pupil named)",
       .handler = information_page,
       .answers = ok(B::html, "the SEN Information Report") + signed_in() + role(B::html)},
      {.method = "POST",
       .path = "/sen-information",
       .summary = "The SEN Information Report page's form (csrf_token in the form body): keep the SENCO's text for "
                  "one section; back to the page",
       .form = true,
       .operation = "sen_information.edit",
       .handler = information_form,
       .answers = form("refused: the page again, with the section's text and the rule it breaks")},
      operation_read("/api/reports/sen-information", "report.sen_information"),
  };
}

}  // namespace sm::http
