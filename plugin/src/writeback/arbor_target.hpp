// Arbor as a writeback target: flags raised and cleared and notes become SEN notes on the
// pupil's Arbor record; SEN status and needs agreed at a review become SenStatusAssignment and
// SenNeed records (with a SEN note saying so). Optionally one user-defined record per pupil holds
// senmap's current flags. Every record it creates carries the item's idempotency key as the Arbor
// tag `senmapKey`, which holds() (and each step of a re-sent item) looks up before writing.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "arbor/arbor_api.hpp"
#include "arbor/arbor_codes.hpp"
#include "live/https_client.hpp"
#include "writeback/target.hpp"

namespace sm::writeback {

// The Arbor tag every senmap write carries: filters.tags.senmapKey=<idempotency key> finds it.
inline constexpr const char* kArborKeyTag = "senmapKey";

struct ArborTargetOptions {
  arbor::ArborSettings settings;
  // The Arbor student id senmap holds for a UPN (pupils synced from Arbor); empty: looked up by UPN.
  std::function<std::string(const std::string& upn)> student_id_of;
  // A UserDefinedField (related to Student) for senmap's current flags, with what to put in it;
  // empty href: no user-defined record is written.
  std::string flags_field_href;
  std::function<std::string(const std::string& upn)> current_flags_of;
};

class ArborTarget : public Target {
 public:
  ArborTarget(live::Fetcher& fetcher, ArborTargetOptions options);
  bool holds(const OutboxItem& item) override;
  Delivery deliver(const OutboxItem& item) override;

 private:
  std::string student_href(const std::string& upn);
  bool tagged(std::string_view res, const std::string& key);
  void create_once(std::string_view res, std::string_view type, const std::string& key, boost::json::object fields,
                   std::string_view what);
  void write(const OutboxItem& item, const boost::json::object& payload, const std::string& student);

  ArborTargetOptions options_;
  arbor::ArborApi api_;
  arbor::CodeTable statuses_, need_types_;
  std::map<std::string, std::string> students_;  // UPN -> student href
};

}  // namespace sm::writeback
