// A report as a document a person reads and prints: headed sections of paragraphs and tables,
// already in words (the governors' report, later the SEN Information Report and the handover
// pack). One form, two renderings: an <article> a page frames, and a whole HTML file with its own
// print styles that opens anywhere and prints (or saves as PDF) from any browser.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace sm::report {

struct DocumentTable {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // the first cell of each row heads it
};

struct DocumentSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<DocumentTable> tables;
  std::vector<std::string> notes;  // sources and rules, in small type after the tables
};

struct Document {
  std::string title;
  std::string subtitle;              // the school, the period, the day it was made
  std::string summary_heading;       // e.g. "What moved"
  std::vector<std::string> summary;  // a list at the top
  std::vector<DocumentSection> sections;
  std::vector<std::string> notes;  // the document's own notes (what is suppressed, and why)
};

// <article class="document">: the title as <h1>, sections as <h2>; every text escaped.
std::string document_article(const Document& document);
// A self-contained HTML file: the article with its own styles for screen and A4 print.
std::string document_file(const Document& document);
// document_file written to `out`, readable by its owner only (a handover pack names pupils).
void write_document(const Document& document, const std::filesystem::path& out);

}  // namespace sm::report
