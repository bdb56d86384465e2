// Must compile: rules/ may use report/ below it. The control for rules_includes_ops.cpp, so the
// refusal there is the layering rule and not a broken probe.
#include "report/pupil_lookups.hpp"
#include "rules/rule.hpp"

int senmap_layering_probe() {
  return 0;
}
