// A whole synthetic trust on disk: one folder per school (a CTF in its drop folder and a
// OneRoster bundle) and a ready senmap config, for the nightly sync, its tests and benchmarks.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "generator/school_generator.hpp"

namespace sm::generator {

struct TrustSpec {
  int schools = 3;
  SchoolSpec school;  // pupils, seed, phase and year for every school; la/estab are assigned
};

// Writes `dir`/senmap.toml (database "senmap.db" beside it) and `dir`/<la>-<estab>/{ctf,oneroster}.
// Every school has its own LA code so no two pupils anywhere share a UPN.
void write_trust(const TrustSpec& spec, const std::filesystem::path& dir);

// Writes a OneRoster bundle (file name -> text) into `dir` (created).
void write_bundle(const std::map<std::string, std::string>& files, const std::filesystem::path& dir);

}  // namespace sm::generator
