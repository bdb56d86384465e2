// The CTF adapter: reads a DfE Common Transfer File (CTF 23 to 26) into pupil records,
// validating every pupil and collecting every problem rather than stopping at the first.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/problem.hpp"
#include "model/pupil_record.hpp"

namespace sm::ctf {

struct CtfHeader {
  std::string version;    // e.g. "25.0"
  std::string datetime;   // YYYY-MM-DDTHH:MM:SS as written
  model::Date date{};     // the date part of DateTime
  std::string qualifier;  // full | partial
  std::string supplier;
  model::SchoolRef source, dest;
};

struct CtfReadResult {
  std::optional<CtfHeader> header;  // empty when the file is not a usable CTF at all
  std::string checksum;             // XXH3-128 of the file's bytes (hex)
  std::size_t file_bytes = 0;
  std::size_t pupils_seen = 0;
  std::size_t pupils_valid = 0;
  std::vector<std::string> upns_seen;  // every <UPN> in the file, valid or not: who is on roll
  bool file_rejected = false;          // a problem with the file itself (not one pupil's)
  std::vector<model::Problem> problems;
};

// Called for each pupil that passed validation, in file order.
using PupilSink = std::function<void(model::PupilRecord&&)>;

// What the caller wants to hear about, in the order it happens. A hook that returns false
// stops the read there (e.g. a file whose checksum was already imported is never parsed).
struct ReadHooks {
  std::function<bool(const std::string& checksum)> on_checksum;
  std::function<bool(const CtfHeader&)> on_header;
  PupilSink on_pupil;
};

// Reads `file`. Never throws for bad input: every problem lands in the result.
CtfReadResult read_ctf(const std::filesystem::path& file, const ReadHooks& hooks);

// The CTF versions this build accepts, for messages ("23.0 to 26.x").
inline constexpr int kOldestCtfVersion = 23;
inline constexpr int kNewestCtfVersion = 26;

}  // namespace sm::ctf
