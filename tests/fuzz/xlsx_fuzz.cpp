// An XLSX workbook's first sheet (libzip, then pugixml on its parts) from fuzzed bytes, and the
// provision catalogue import that takes it into a fresh database.
#include "fuzz_support.hpp"
#include "ops/operation.hpp"
#include "xlsx/xlsx_sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = sm::fuzz::write_scratch("catalogue.xlsx", sm::fuzz::as_text(data, size));
  auto sheet = sm::xlsx::XlsxSheet::read(file);
  (void)sheet;
  sm::fuzz::FreshDatabase fresh([](sm::store::Database&) {});
  sm::ops::Context context{fresh.db(), "senco:fuzz", *sm::model::parse_date("2025-06-02"), {}};
  auto report = sm::ops::import_provisions(context, file.string());
  (void)report;
  return 0;
}
