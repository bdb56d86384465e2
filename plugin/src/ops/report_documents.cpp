#include "ops/report_documents.hpp"

#include "ops/operation.hpp"

namespace sm::ops {

std::optional<report::Document> report_document(std::string_view report, const boost::json::value& response) {
  if (report == "report.governors") return governors_document(response);
  if (report == "report.handover") return handover_document(response);
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
