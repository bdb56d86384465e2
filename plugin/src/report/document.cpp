#include "report/document.hpp"

#include <fstream>
#include <stdexcept>

#include "model/html_text.hpp"
#include "store/private_file.hpp"

namespace sm::report {
namespace {

std::string escaped(const std::string& text) {
  return model::html_escape(text);
}

// A document prints as itself: A4 portrait, a table never split from its caption where it fits,
// the sections' headings kept with what follows.
constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b;
       line-height: 1.45; margin: 0; padding: 1.5rem; }
article.document { max-width: 60rem; margin: 0 auto; }
article.document h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
article.document p.subtitle { color: #454545; margin: 0 0 1rem; }
article.document h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #1d4f91; }
article.document table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
article.document caption { text-align: left; font-weight: 600; padding: .25rem 0; }
article.document th, article.document td { border: 1px solid #b1b4b6; padding: .25rem .5rem; text-align: left;
                                           vertical-align: top; }
article.document thead th { background: #f3f2f1; }
article.document p.note { font-size: .85rem; color: #454545; }
@media print {
  @page { size: A4 portrait; margin: 15mm; }
  body { padding: 0; font-size: 10pt; }
  article.document h2 { break-after: avoid; }
  article.document table { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
)css";

}  // namespace

std::string document_article(const Document& d) {
  std::string out = "<article class=\"document\">\n<h1>" + escaped(d.title) + "</h1>\n";
  if (!d.subtitle.empty()) out += "<p class=\"subtitle\">" + escaped(d.subtitle) + "</p>\n";
  if (!d.summary.empty()) {
    out += "<section aria-labelledby=\"doc-summary\"><h2 id=\"doc-summary\">" + escaped(d.summary_heading) +
           "</h2>\n<ul>\n";
    for (const auto& line : d.summary) out += "<li>" + escaped(line) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  int n = 0;
  for (const auto& s : d.sections) {
    const auto id = "doc-section-" + std::to_string(++n);
    out += "<section aria-labelledby=\"" + id + "\"><h2 id=\"";
    out += id + "\">" + escaped(s.heading) + "</h2>\n";
    for (const auto& p : s.paragraphs) out += "<p>" + escaped(p) + "</p>\n";
    for (const auto& t : s.tables) {
      out += "<table><caption>" + escaped(t.caption) + "</caption>\n<thead><tr>";
      for (const auto& c : t.columns) out += "<th scope=\"col\">" + escaped(c) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
          out += i == 0 ? "<th scope=\"row\">" + escaped(row[i]) + "</th>" : "<td>" + escaped(row[i]) + "</td>";
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
    }
    for (const auto& note : s.notes) out += "<p class=\"note\">" + escaped(note) + "</p>\n";
    out += "</section>\n";
  }
  for (const auto& note : d.notes) out += "<p class=\"note\">" + escaped(note) + "</p>\n";
  return out + "</article>\n";
}

std::string document_file(const Document& d) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\">\n<title>" +
         escaped(d.title + (d.subtitle.empty() ? "" : ": " + d.subtitle)) + "</title>\n<style>" + kStyle +
         "</style></head>\n<body>\n<main>\n" + document_article(d) + "</main>\n</body></html>\n";
}

void write_document(const Document& document, const std::filesystem::path& out) {
  store::prepare_private_file(out);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot write " + out.string());
  file << document_file(document);
  if (!file.flush()) throw std::runtime_error("cannot write " + out.string());
}

}  // namespace sm::report
