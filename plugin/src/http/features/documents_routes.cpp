// The reports that are documents, each as a page to read and print (Print, or save as PDF, from
// the browser: the print styles drop the navigation) and as one HTML file to download and send:
// the governors' SEND report (aggregates only, small groups hidden: governors read it, as do the
// SENCO and senior leaders; a teacher does not) and the SENCO's handover pack (it names pupils:
// the SENCO's and senior leaders' only).
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "report/document.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

struct DocumentRoute {
  const char* operation;
  const char* file_name;  // the download's name
  const char* what;       // for a refusal: "read the governors' SEND report"
  const char* download;   // the page's own address with .html
};
constexpr DocumentRoute kGovernors{"report.governors", "send-report-to-governors.html",
                                   "read the governors' SEND report", "/governors.html"};
constexpr DocumentRoute kInformation{"report.sen_information", "sen-information-report.html",
                                     "read the SEN Information Report", "/sen-information.html"};
constexpr DocumentRoute kHandover{"report.handover", "senco-handover-pack.html", "read the SENCO's handover pack",
                                  "/handover.html"};

// The report of the viewer's own school, as a document; the refusal page when it cannot be read.
std::optional<report::Document> document_of(Call& call, const DocumentRoute& route, Response& refused) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  if (!allowed(call, route.operation, fields)) {
    refused = forbidden_page(role_may_not(actor.role, route.what));
    return std::nullopt;
  }
  auto response = read(call, route.operation, fields);
  if (!response) {
    refused = hidden_page();
    return std::nullopt;
  }
  return ops::report_document(route.operation, *response);
}

Response document_page(Call& call, const DocumentRoute& route) {
  Response refused;
  auto document = document_of(call, route, refused);
  if (!document) return refused;
  std::string main = std::string(
                         "<p class=\"exports screen-only\">To print it or save it as a PDF, use the browser's "
                         "Print. <a href=\"") +
                     route.download + "\" download>Download it as one HTML file</a>.</p>\n" +
                     report::document_article(*document);
  return framed_page(call, document->title, main, route.operation);
}

Response document_download(Call& call, const DocumentRoute& route) {
  Response refused;
  auto document = document_of(call, route, refused);
  if (!document) return refused;
  Response r;
  r.body = report::document_file(*document);
  r.headers = {{"Content-Type", "text/html; charset=utf-8"},
               {"Content-Disposition", std::string("attachment; filename=\"") + route.file_name + "\""}};
  r.object = route.operation;
  return r;
}

Response governors_page(Call& call) {
  return document_page(call, kGovernors);
}
Response governors_file(Call& call) {
  return document_download(call, kGovernors);
}
Response information_file(Call& call) {
  return document_download(call, kInformation);
}
Response handover_page(Call& call) {
  return document_page(call, kHandover);
}
Response handover_file(Call& call) {
  return document_download(call, kHandover);
}

}  // namespace

RouteList documents_routes() {
  return {
      {.method = "GET",
       .path = "/governors",
       .summary = "The governors' SEND report as a page to read and print: each governor question answered in "
                  "figures, with what moved; aggregates only, groups of fewer than 5 pupils hidden",
       .handler = governors_page,
       .answers = ok(B::html, "the governors' SEND report") + signed_in() + role(B::html)},
      {.method = "GET",
       .path = "/governors.html",
       .summary = "The governors' SEND report as one self-contained HTML file to download and send",
       .handler = governors_file,
       .answers = ok(B::html, "the report as a file (an attachment)") + signed_in() + role(B::html)},
      operation_read("/api/reports/governors", "report.governors"),
      {.method = "GET",
       .path = "/sen-information.html",
       .summary = "The SEN Information Report as one self-contained HTML file, for the school's website",
       .handler = information_file,
       .answers = ok(B::html, "the report as a file (an attachment)") + signed_in() + role(B::html)},
      {.method = "GET",
       .path = "/handover",
       .summary = "The SENCO's handover pack as a page to read and print: EHC plans and next dates, assessments, "
                  "reviews due, the register, spend against budget, flags, agencies, training gaps (SENCO, senior "
                  "leader, admin: it names pupils)",
       .handler = handover_page,
       .answers = ok(B::html, "the handover pack") + signed_in() + role(B::html)},
      {.method = "GET",
       .path = "/handover.html",
       .summary = "The SENCO's handover pack as one self-contained HTML file",
       .handler = handover_file,
       .answers = ok(B::html, "the pack as a file (an attachment)") + signed_in() + role(B::html)},
      operation_read("/api/reports/handover", "report.handover"),
  };
}

}  // namespace sm::http
