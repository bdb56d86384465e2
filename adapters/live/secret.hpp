// Where a live source's secret comes from: a file only its owner can read, or an environment
// variable. Never the config itself, and never copied into logs, runs, errors or the audit.
#pragma once
#include <string>

namespace sm::live {

struct SecretRef {
  std::string file;  // secret_file / token_file / password_file
  std::string env;   // secret_env / token_env / password_env: the variable's name
  std::string key;   // which config key it came from, for messages
};

// The secret with surrounding whitespace trimmed. Throws std::runtime_error naming the file (a
// file others can read or write, a missing or empty file) or the variable: never the secret.
std::string read_secret(const SecretRef& ref);

}  // namespace sm::live
