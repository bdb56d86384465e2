// How many connections each client address holds (issue 14): one client keeping idle connections
// or never finishing its handshakes must not take every place and starve the rest. No Beast here:
// the server takes a place as it accepts a connection and gives it back as the connection ends.
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sm::http {

class AddressShares {
 public:
  explicit AddressShares(int per_address = 64) : per_address_(per_address) {}
  void set_share(int per_address) { per_address_ = per_address; }  // before serving

  // A place for one more connection from `address`; false when it holds its share already (then
  // stderr says so, at most once a minute per address, with how many were turned away).
  bool take(const std::string& address);
  void give_back(const std::string& address);
  // Connections `address` holds now.
  int held(const std::string& address) const;

 private:
  struct Held {
    int connections = 0;
    int refused = 0;                               // since stderr last said so
    std::chrono::steady_clock::time_point told{};  // when it did
  };
  int per_address_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Held> held_;
};

// One connection's place in its address's share: given back however the connection ends.
class AddressPlace {
 public:
  AddressPlace(AddressShares& shares, std::string address) : shares_(&shares), address_(std::move(address)) {}
  AddressPlace(AddressPlace&& other) noexcept;
  AddressPlace(const AddressPlace&) = delete;
  AddressPlace& operator=(const AddressPlace&) = delete;
  AddressPlace& operator=(AddressPlace&&) = delete;
  ~AddressPlace();
  const std::string& address() const { return address_; }

 private:
  AddressShares* shares_;
  std::string address_;
};

}  // namespace sm::http
