#include "store/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace sm::store {

void prepare_private_file(const std::filesystem::path& file) {
  // open(2) with the mode, not create-then-chmod: the file never exists readable by others.
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0 || ::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
    int error = errno;
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write " + file.string() + ": " + std::generic_category().message(error));
  }
  ::close(fd);
}

}  // namespace sm::store
