#include "live/secret.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace sm::live {
namespace {
std::string trimmed(std::string_view text) {
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  return std::string(text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1));
}
}  // namespace

std::string read_secret(const SecretRef& ref) {
  if (!ref.env.empty()) {
    const char* value = std::getenv(ref.env.c_str());
    if (!value || trimmed(value).empty())
      throw std::runtime_error("the environment variable " + ref.env + " (" + ref.key + ") is not set or empty");
    return trimmed(value);
  }
  if (ref.file.empty()) throw std::runtime_error(ref.key + ": no secret file or environment variable is configured");
  struct stat info {};
  if (::stat(ref.file.c_str(), &info) != 0)
    throw std::runtime_error("cannot read the secret file " + ref.file + " (" + ref.key + "): " + std::strerror(errno));
  if (!S_ISREG(info.st_mode))
    throw std::runtime_error("the secret file " + ref.file + " (" + ref.key + ") is not a file");
  // A secret others can read is a secret others may have: refuse it rather than use it.
  if (info.st_mode & (S_IRWXG | S_IRWXO))
    throw std::runtime_error("the secret file " + ref.file + " (" + ref.key +
                             ") can be read or changed by others than its owner: run chmod 600 " + ref.file);
  std::ifstream in(ref.file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the secret file " + ref.file + " (" + ref.key + ")");
  auto secret = trimmed(std::string(std::istreambuf_iterator<char>(in), {}));
  if (secret.empty()) throw std::runtime_error("the secret file " + ref.file + " (" + ref.key + ") is empty");
  return secret;
}

}  // namespace sm::live
