#include "writeback/csv_target.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "csv/csv_table.hpp"
#include "report/table_export.hpp"
#include "store/private_file.hpp"

namespace sm::writeback {
namespace {

const char* kHeader = "idempotency_key,kind,upn,date,rule,severity,text";

std::string string_field(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

// Check-then-create: the keys already in the file (written by an earlier run whose
// acknowledgement was lost) are read before anything is appended.
void CsvTarget::read_keys() {
  repair_torn_row();
  read_ = true;
  keys_.clear();
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto text = bytes.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  auto table = csv::CsvTable::parse(text);
  // Unreadable: no item can be known to be absent, so none is written (it fails and waits).
  if (table.error()) {
    read_ = false;
    throw std::runtime_error("cannot read " + file_.string() + " to check what it holds: " + *table.error());
  }
  for (const auto& row : table.rows())
    if (!row.fields.empty()) keys_.insert(row.fields.front());
}

// senmap is the file's only writer: a last line without its line end is a row a killed run
// was writing. It is cut off (its item was never acknowledged, so it is written again whole).
void CsvTarget::repair_torn_row() {
  std::error_code ec;
  auto size = std::filesystem::file_size(file_, ec);
  if (ec || size == 0) return;
  std::ifstream in(file_, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  if (text.back() == '\n') return;
  auto keep = text.rfind('\n');
  std::filesystem::resize_file(file_, keep == std::string::npos ? 0 : keep + 1, ec);
  read_ = false;  // the keys are read again from what stays
}

bool CsvTarget::holds(const OutboxItem& item) {
  if (!read_) read_keys();
  return keys_.count(item.idempotency_key) > 0;
}

Delivery CsvTarget::deliver(const OutboxItem& item) {
  boost::json::error_code ec;
  auto payload = boost::json::parse(item.payload, ec);
  if (ec || !payload.is_object()) return {false, "the queued item is not a JSON object", std::nullopt};
  const auto& p = payload.as_object();
  bool fresh = !std::filesystem::exists(file_) || std::filesystem::file_size(file_) == 0;
  if (!fresh) repair_torn_row();
  // Owner-only once per run, and again whenever the file is new (made again since, perhaps).
  if (!private_ || fresh) {
    try {
      store::prepare_private_file(file_);
    } catch (const std::exception& e) {
      return {false, e.what(), std::nullopt};
    }
    private_ = true;
  }
  std::ofstream out(file_, std::ios::binary | std::ios::app);
  if (!out) return {false, "cannot open " + file_.string() + " to append", std::nullopt};
  if (fresh) out << "\xEF\xBB\xBF" << kHeader << "\r\n";
  std::string text = item.kind == "note" ? string_field(p, "body") : string_field(p, "explanation");
  if (item.kind == "flag_cleared") text = "cleared: " + string_field(p, "why");
  if (item.kind == "status_change") text = "SEN status " + string_field(p, "status") + ": " + string_field(p, "reason");
  if (item.kind == "needs_changed") {
    text = "needs agreed:";
    if (const auto* needs = p.if_contains("needs"); needs && needs->is_array())
      for (const auto& n : needs->as_array())
        text += " " + std::string(n.at("code").as_string()) + " (" + boost::json::serialize(n.at("rank")) + ")";
  }
  std::vector<std::string> cells{
      item.idempotency_key,        item.kind, item.upn, string_field(p, "date"), string_field(p, "rule"),
      string_field(p, "severity"), text};
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << report::csv_cell(cells[i]);
  out << "\r\n";
  out.flush();
  if (!out) return {false, "cannot write " + file_.string(), std::nullopt};
  keys_.insert(item.idempotency_key);
  return {true, "", std::nullopt};
}

}  // namespace sm::writeback
