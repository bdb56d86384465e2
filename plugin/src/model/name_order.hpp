// Names as a person orders and finds them in a list: Ömer with the Os, Zoë found by "zoe", case
// ignored. Byte order would put every accented initial after Z. ICU does the Unicode work
// (collation for English as written in the UK, normalisation, case folding).
#pragma once
#include <string>
#include <string_view>

namespace sm::model {

// Bytes that compare (std::string's <) as the UTF-8 text sorts for a reader in the UK: letters
// before their accented forms only when all else is equal, case ignored before that.
std::string name_sort_key(std::string_view utf8);

// The text lower-cased and without accents (é -> e, Ö -> o), for matching what a person typed.
std::string folded_for_search(std::string_view utf8);

}  // namespace sm::model
