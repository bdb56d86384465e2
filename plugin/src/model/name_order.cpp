#include "model/name_order.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace sm::model {
namespace {

// One collator a thread: ICU's collators are cheap to use and not to be shared while in use.
const icu::Collator& uk_collator() {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale::getUK(), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU has no collation for en-GB");
    return c;
  }();
  return *collator;
}

}  // namespace

std::string name_sort_key(std::string_view utf8) {
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::vector<uint8_t> key(utf8.size() * 4 + 16);
  auto length = uk_collator().getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(length));
    length = uk_collator().getSortKey(text, key.data(), length);
  }
  // The key ends with a zero byte, which the string leaves out: "Ann" then sorts before "Anna".
  return {key.begin(), key.begin() + (length > 0 ? length - 1 : 0)};
}

std::string folded_for_search(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no NFD normaliser");
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  auto decomposed = nfd->normalize(text.foldCase(), status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    auto c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  return bare.toUTF8String(out);
}

}  // namespace sm::model
