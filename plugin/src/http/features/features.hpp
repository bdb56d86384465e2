// Each feature's routes (features.def lists them): RouteList NAME_routes() for each.
#pragma once
#include "http/routes.hpp"

namespace sm::http {
#define SENMAP_FEATURE(name) RouteList name##_routes();
#include "http/features/features.def"
#undef SENMAP_FEATURE
}  // namespace sm::http
