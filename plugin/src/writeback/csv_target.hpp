// The CSV writeback file for MIS bulk-import tools: one row per flag raised or cleared and per
// note, keyed by UPN, with the item's idempotency key first so a retry finds what it wrote.
// Cells a spreadsheet would run as a formula are neutralised.
#pragma once
#include <filesystem>
#include <set>

#include "writeback/target.hpp"

namespace sm::writeback {

class CsvTarget : public Target {
 public:
  explicit CsvTarget(std::filesystem::path file) : file_(std::move(file)) {}
  bool holds(const OutboxItem& item) override;
  Delivery deliver(const OutboxItem& item) override;

 private:
  void read_keys();
  void repair_torn_row();
  std::filesystem::path file_;
  std::set<std::string> keys_;
  bool read_ = false;
  bool private_ = false;  // the file was made owner-only by this target
};

}  // namespace sm::writeback
