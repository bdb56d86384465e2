// A writeback target: somewhere the MIS learns what senmap knows (a CSV file, the host's callback,
// Arbor's REST API). Each answers the same questions (and may throw NoAnswer, or anything else,
// which is a failure): does it already hold this item (for targets that take no idempotency key,
// checked before every write so a retry after a lost acknowledgement never makes a duplicate), and
// deliver it.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>

#include "writeback/outbox.hpp"

namespace sm::writeback {

struct Delivery {
  bool ok = false;
  std::string error;                       // why not, for the outbox and the dead-letter list
  std::optional<int> retry_after_seconds;  // the target asked to wait (HTTP Retry-After)
  // No answer came (a timeout, a connection lost after the write was sent): the target may have
  // applied it. Retried like a failure; the next attempt asks holds() first, or resends the key.
  bool may_have_applied = false;
};

// A target that gave no answer in time throws this (REST targets: the socket's deadline).
class NoAnswer : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Target {
 public:
  virtual ~Target() = default;
  virtual bool holds(const OutboxItem& item) = 0;
  virtual Delivery deliver(const OutboxItem& item) = 0;
};

}  // namespace sm::writeback
