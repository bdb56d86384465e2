// A spreadsheet whose rows are each recorded through one operation (the EHC plans a school holds,
// the exclusions it has recorded): headings matched to the operation's fields, each row's cells as
// a request, every refusal named by file, line, UPN, field and rule, and all rows or none.
#pragma once
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ops/operation.hpp"

namespace sm::ops {

struct SheetImport {
  std::string operation;                       // what records one row, e.g. "ehcp.record_existing"
  std::vector<std::string> columns;            // the fields a heading may name, in the order listed
  std::map<std::string, std::string> aliases;  // other headings (as column_key makes them) -> field
  std::vector<std::string> required;           // columns the sheet must have
  // A non-empty cell as the request's value. Problems it adds are the row's, under the field.
  // Unset: date fields (ending _date or _on) read as sheet_date, the rest as text.
  std::function<boost::json::value(const std::string& field, const std::string& cell,
                                   std::vector<std::string>& problems)>
      cell;
};

// {"recorded", "problems":[{"file","line","upn","field","rule"}]}; nothing is kept when there are
// problems.
boost::json::value import_sheet_rows(Context& context, const std::string& path, const SheetImport& how);

// A date cell as YYYY-MM-DD: YYYY-MM-DD, DD/MM/YYYY or a spreadsheet's date (a day count from 30
// December 1899, as Excel and LibreOffice keep them). Returned unchanged when it is none of them,
// so the operation refuses it naming the field.
std::string sheet_date(const std::string& cell);

// A cell without the spaces and tabs around it.
std::string trimmed_cell(std::string text);

}  // namespace sm::ops
