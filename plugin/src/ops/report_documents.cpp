#include "ops/report_documents.hpp"

#include "ops/document_words.hpp"
#include "ops/operation.hpp"

namespace sm::ops {

report::Document sen_information_document(const boost::json::value& r) {
  report::Document d;
  d.title = words::text(r.at("title")) + " " + words::text(r.at("academic_year"));
  d.subtitle = words::text(r.at("school_name"));
  for (const auto& s : r.at("sections").as_array()) {
    report::DocumentSection section;
    section.heading = words::text(s.at("heading"));
    std::string line;
    for (char c : std::string(s.at("text").as_string())) {  // a line typed is a paragraph published
      if (c != '\n') {
        line += c;
      } else if (!line.empty()) {
        section.paragraphs.push_back(std::move(line));
        line.clear();
      }
    }
    if (!line.empty()) section.paragraphs.push_back(std::move(line));
    d.sections.push_back(std::move(section));
  }
  return d;
}

std::optional<report::Document> report_document(std::string_view report, const boost::json::value& response) {
  if (report == "report.governors") return governors_document(response);
  if (report == "report.handover") return handover_document(response);
  if (report == "report.sen_information") return sen_information_document(response);
  return std::nullopt;
}

report::Table document_table(const report::Document& d) {
  report::Table t;
  t.title = d.title;
  t.columns = {{"Section", report::ColumnType::text},
               {"Table", report::ColumnType::text},
               {"Row", report::ColumnType::text},
               {"Column", report::ColumnType::text},
               {"Value", report::ColumnType::text}};
  for (const auto& s : d.sections)
    for (const auto& table : s.tables)
      for (const auto& row : table.rows)
        for (std::size_t i = 1; i < row.size() && i < table.columns.size(); ++i)
          report::add_row(t, {s.heading, table.caption, row[0], table.columns[i], row[i]});
  return t;
}

}  // namespace sm::ops
