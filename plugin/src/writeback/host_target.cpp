#include "writeback/host_target.hpp"

#include <boost/json.hpp>

namespace sm::writeback {

Delivery HostTarget::deliver(const OutboxItem& item) {
  boost::json::error_code ec;
  auto payload = boost::json::parse(item.payload, ec);
  auto text = boost::json::serialize(boost::json::object{{"idempotency_key", item.idempotency_key},
                                                         {"kind", item.kind},
                                                         {"upn", item.upn},
                                                         {"payload", ec ? nullptr : payload}});
  int answer = fn_(text.c_str(), payload_);
  if (answer == 1) return {true, "", std::nullopt};  // SENMAP_WRITEBACK_ACK
  return {false, "the host did not acknowledge the item (returned " + std::to_string(answer) + ")", std::nullopt};
}

}  // namespace sm::writeback
