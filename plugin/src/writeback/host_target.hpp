// The embedding MIS as a writeback target: a function registered through the C ABI receives each
// item as JSON and acknowledges it. It takes the idempotency key, so it is asked, not checked.
#pragma once
#include <string>

#include "writeback/target.hpp"

namespace sm::writeback {

using HostFunction = int (*)(const char* item_json, void* payload);

class HostTarget : public Target {
 public:
  HostTarget(HostFunction fn, void* payload) : fn_(fn), payload_(payload) {}
  bool holds(const OutboxItem&) override { return false; }
  Delivery deliver(const OutboxItem& item) override;

 private:
  HostFunction fn_;
  void* payload_;
};

}  // namespace sm::writeback
