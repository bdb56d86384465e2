#include "http/address_shares.hpp"

#include <iostream>
#include <utility>

namespace sm::http {

bool AddressShares::take(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto& held = held_[address];
  if (held.connections < per_address_) {
    ++held.connections;
    return true;
  }
  ++held.refused;
  auto now = std::chrono::steady_clock::now();
  if (held.told == std::chrono::steady_clock::time_point{} || now - held.told >= std::chrono::minutes(1)) {
    // Once a minute at most: a flood must not flood the log too.
    std::cerr << "senmap serve: " << address << " holds " << held.connections
              << " connections, the most one address may (--max-connections-per-address): " << held.refused
              << " more from it closed as they arrived\n";
    held.told = now;
    held.refused = 0;
  }
  return false;
}

void AddressShares::give_back(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(address);
  if (it != held_.end() && --it->second.connections <= 0) held_.erase(it);  // forgotten once it holds none
}

int AddressShares::held(const std::string& address) const {
  std::lock_guard lock(mutex_);
  auto it = held_.find(address);
  return it == held_.end() ? 0 : it->second.connections;
}

AddressPlace::AddressPlace(AddressPlace&& other) noexcept
    : shares_(std::exchange(other.shares_, nullptr)), address_(std::move(other.address_)) {}

AddressPlace::~AddressPlace() {
  if (shares_) shares_->give_back(address_);
}

}  // namespace sm::http
