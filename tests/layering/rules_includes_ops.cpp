// Must NOT compile: rules/ sits below ops/ (plugin/README.md), so an include of an operations
// header from a flag rule is refused by the build. tests/layering/CMakeLists.txt builds this file
// with the rules layer's include paths and expects the build to fail.
#include "ops/operation.hpp"
#include "rules/rule.hpp"

int senmap_layering_probe() {
  return 0;
}
