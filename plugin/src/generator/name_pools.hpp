// Pools of common given names, family names, streets and towns for synthetic pupils. Names are
// drawn and combined at random, so no record describes a real person.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "generator/random.hpp"

namespace sm::generator {

// A family's naming tradition: where its forenames, surnames and home language come from.
enum class Heritage {
  english,
  irish,
  caribbean,
  polish,
  romanian,
  portuguese,
  spanish,
  turkish,
  indian,
  pakistani,
  bangladeshi,
  nepali_tamil,
  west_african,
  somali,
  chinese,
  arab,
};

struct NamePool {
  std::span<const std::string_view> boys;
  std::span<const std::string_view> girls;
  // "Kowalski|Kowalska": the surname changes with sex; a plain entry does not.
  std::span<const std::string_view> surnames;
  std::span<const std::string_view> mothers;  // parents' generation
  std::span<const std::string_view> fathers;
  std::span<const Weighted<std::string_view>> home_languages;  // DfE language codes
  double other_language_share;  // share of such families whose first language is not English
};

const NamePool& name_pool(Heritage heritage);

// DfE ethnicity codes with how a family of that background is usually named.
struct Lineage {
  Heritage forenames;
  Heritage surnames;
  double weight;
};
struct EthnicGroup {
  std::string_view code;
  double weight;  // share of pupils in England, roughly, in percent
  std::span<const Lineage> lineages;
  double language_factor;  // mixed heritage families speak English at home more often
};
std::span<const EthnicGroup> ethnic_groups();

// The form of a "male|female" surname entry for a person of the given sex.
std::string_view surname_form(std::string_view entry, bool female);

// A short form pupils often go by (Alexander -> Alex); empty when there is none in the table.
std::string_view usual_short_name(std::string_view forename);

// Place and street names for addresses and the school's name (invented combinations).
std::span<const std::string_view> town_names();
std::span<const std::string_view> street_stems();
std::span<const std::string_view> street_kinds();
std::span<const std::string_view> house_names();
std::span<const std::string_view> patron_saints();

// ASCII for e-mail addresses: drops accents from the letters the pools use.
std::string ascii_fold(std::string_view text);

}  // namespace sm::generator
