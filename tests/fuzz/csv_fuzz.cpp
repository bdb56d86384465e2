// CSV as imports read it (libcsv, then the header mapped to columns), and the provision catalogue
// import that takes it (every row checked, all or nothing) into a fresh database.
#include "csv/csv_table.hpp"
#include "fuzz_support.hpp"
#include "ops/operation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = sm::fuzz::as_text(data, size);
  auto table = sm::csv::CsvTable::parse(bytes);
  if (!table.error()) {
    for (const auto& name : table.header())
      if (!table.column(name)) __builtin_trap();  // every heading has its column
  }
  sm::fuzz::FreshDatabase fresh([](sm::store::Database&) {});
  sm::ops::Context context{fresh.db(), "senco:fuzz", *sm::model::parse_date("2025-06-02"), {}};
  auto file = sm::fuzz::write_scratch("catalogue.csv", bytes);
  auto report = sm::ops::import_provisions(context, file.string());
  (void)report;
  return 0;
}
