#include "sync/sync_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/audit.hpp"

namespace sm::sync {

SyncLock::SyncLock(const std::filesystem::path& database) {
  auto path = database.string() + ".sync.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    refusal_ = "cannot open the lock file " + path + ": " + std::strerror(errno);
    return;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char holder[128] = {};
    auto got = ::pread(fd_, holder, sizeof holder - 1, 0);
    std::string who = got > 0 ? std::string(holder, static_cast<std::size_t>(got)) : "";
    while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
    refusal_ = "another senmap sync is already running on " + database.string() +
               (who.empty() ? std::string() : " (" + who + ")") + ": try again when it has finished";
    return;
  }
  held_ = true;
  auto line = "pid " + std::to_string(::getpid()) + ", since " + store::utc_timestamp() + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    auto written = ::pwrite(fd_, line.data(), line.size(), 0);
    (void)written;  // only informs the message another run prints
  }
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace sm::sync
