// Small helpers over a parsed CTF: element text, element paths and located problems.
#pragma once
#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/problem.hpp"

namespace sm::ctf {

// A problem whose line is still a byte offset; lines are resolved once, at the end.
struct LocatedProblem {
  model::Problem problem;
  std::ptrdiff_t offset = -1;
};

// The first child element called `name` (an empty node when absent).
pugi::xml_node child(pugi::xml_node parent, const char* name);

// The trimmed text of an element (empty for an empty node).
std::string_view trimmed_value(pugi::xml_node element);

// The trimmed text of `parent`'s child `name` (empty when absent).
std::string_view child_text(pugi::xml_node parent, const char* name);

// `CTfile/CTFpupilData/Pupil[3]/SEN[2]` style path of a node (1-based among same-named siblings).
// Given `anchor` (an ancestor) and its path, counts siblings only below it: a file with a
// problem in every one of 40,000 pupils must not take minutes to report.
std::string element_path(pugi::xml_node node, pugi::xml_node anchor = {}, const std::string& anchor_path = {});

// Values are quoted in messages; keep a huge value from flooding a report.
std::string clip_value(std::string_view value);

// Collects problems for one scope (the header or one pupil).
class ProblemList {
 public:
  ProblemList(std::string file, std::vector<LocatedProblem>& out) : file_(std::move(file)), out_(out) {}
  void set_upn(std::string upn) { upn_ = std::move(upn); }
  // The pupil element problems fall under, and its path (known from the read loop's count).
  // `offset_base`: where the anchor's buffer starts in the file, when pupils are parsed one by one.
  void set_anchor(pugi::xml_node anchor, std::string path, std::ptrdiff_t offset_base = 0) {
    anchor_ = anchor;
    anchor_path_ = std::move(path);
    offset_base_ = offset_base;
  }
  // `at` locates the problem; `path` defaults to the element path of `at`.
  void add(pugi::xml_node at, std::string_view value, std::string rule);
  void add_missing(pugi::xml_node parent, const char* child_name, std::string rule = {});
  std::size_t count() const { return count_; }

 private:
  std::string file_;
  std::string upn_;
  pugi::xml_node anchor_;
  std::string anchor_path_;
  std::ptrdiff_t offset_base_ = 0;
  std::vector<LocatedProblem>& out_;
  std::size_t count_ = 0;
};

}  // namespace sm::ctf
