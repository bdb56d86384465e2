// Writes the OpenAPI document senmap serves at GET /api/openapi.json to a file (or stdout), with no
// server: the same function the route answers with, for the linter (lint_test.py) to read.
#include <fstream>
#include <iostream>

#include "http/routes.hpp"
#include "report/json_text.hpp"

int main(int argc, char** argv) {
  auto text = sm::report::json_text(sm::http::openapi_document());
  if (argc < 2) {
    std::cout << text << "\n";
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << text << "\n";
  return out ? 0 : 1;
}
