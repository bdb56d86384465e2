// A writeback target: somewhere the MIS learns what senmap knows. REST MIS targets come later;
// each answers the same questions: does it already hold this item (for targets that take no
// idempotency key, checked before every write so a retry after a lost acknowledgement never makes
// a duplicate), and deliver it.
#pragma once
#include <optional>
#include <string>

#include "writeback/outbox.hpp"

namespace sm::writeback {

struct Delivery {
  bool ok = false;
  std::string error;                      // why not, for the outbox and the dead-letter list
  std::optional<int> retry_after_seconds;  // the target asked to wait (HTTP Retry-After)
};

class Target {
 public:
  virtual ~Target() = default;
  virtual bool holds(const OutboxItem& item) = 0;
  virtual Delivery deliver(const OutboxItem& item) = 0;
};

}  // namespace sm::writeback
