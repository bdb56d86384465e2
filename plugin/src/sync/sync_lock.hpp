// Only one sync at a time per database: an advisory lock file beside it (flock), released by
// the kernel if the process dies, so a killed run never blocks the next night's.
#pragma once
#include <filesystem>
#include <string>

namespace sm::sync {

class SyncLock {
 public:
  // Tries once, never waits. held() says whether this process now has it.
  explicit SyncLock(const std::filesystem::path& database);
  ~SyncLock();
  SyncLock(const SyncLock&) = delete;
  SyncLock& operator=(const SyncLock&) = delete;

  bool held() const { return held_; }
  // Why not: "another senmap sync is running (pid 123, since 2026-...)".
  const std::string& refusal() const { return refusal_; }

 private:
  int fd_ = -1;
  bool held_ = false;
  std::string refusal_;
};

}  // namespace sm::sync
