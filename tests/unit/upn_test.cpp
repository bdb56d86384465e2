#include "model/upn.hpp"

#include <catch2/catch.hpp>

using sm::model::upn_check_letter;
using sm::model::upn_is_valid;

TEST_CASE("UPN check letter follows the DfE algorithm", "[unit]") {
  // The worked examples in shared/formats.md.
  CHECK(upn_is_valid("A938412323001"));
  CHECK_FALSE(upn_is_valid("B938412323004"));
  CHECK(upn_check_letter("938412323004") == 'T');
  CHECK(upn_is_valid("T938412323004"));
}

TEST_CASE("UPN shape is enforced", "[unit]") {
  CHECK_FALSE(upn_is_valid(""));
  CHECK_FALSE(upn_is_valid("A93841232300"));      // 12 characters
  CHECK_FALSE(upn_is_valid("A9384123230011"));    // 14 characters
  CHECK_FALSE(upn_is_valid("A93841232X001"));     // a letter inside the digits
  CHECK_FALSE(upn_check_letter("93841232300I"));  // I is not one of the 23 letters
}

TEST_CASE("Temporary UPNs end in a letter that counts by its index", "[unit]") {
  auto letter = upn_check_letter("93841232300A");
  REQUIRE(letter);
  CHECK(upn_is_valid(std::string(1, *letter) + "93841232300A"));
}
