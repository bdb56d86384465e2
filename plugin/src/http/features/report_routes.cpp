// The whole-school reads: every pupil's flags, and the reports a SENCO, a senior leader or a
// governor reads (each an operation; who may read which is the access decision's).
#include "http/features/features.hpp"
#include "http/route_answers.hpp"

namespace sm::http {

RouteList report_routes() {
  return {
      operation_read("/api/flags", "flags.list"),
      operation_read("/api/reports/provision-map", "report.provision_map"),
      operation_read("/api/reports/costs", "report.costs"),
      operation_read("/api/reports/impact", "report.impact"),
      operation_read("/api/reports/register-analytics", "report.register_analytics"),
      operation_read("/api/reports/exclusions", "report.exclusions"),
      operation_read("/api/reports/attainment-gaps", "report.attainment_gaps"),
      operation_read("/api/reports/budget", "report.budget"),
      operation_read("/api/reports/senco-time", "report.senco_time"),
      operation_read("/api/reports/review-calendar", "report.review_calendar"),
  };
}

}  // namespace sm::http
