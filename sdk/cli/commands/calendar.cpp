// senmap calendar feed: a member of staff's secret calendar feed address (their pupils' review
// dates, fetched by their own calendar), made, replaced or stopped on the server's command line.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_calendar_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* calendar = app.add_subcommand("calendar", "Calendar feeds of review dates for staff's own calendars");
  calendar->require_subcommand(1);
  struct FeedArgs {
    std::string staff, base;
    bool rotate = false, revoke = false;
  };
  auto args = std::make_shared<FeedArgs>();
  auto* feed = calendar->add_subcommand(
      "feed",
      "Make a member of staff's secret feed address (printed once: senmap keeps only its hash); --rotate replaces it, "
      "--revoke stops it");
  feed->add_option("STAFF_ID", args->staff, "the member of staff (they need a role that sees pupils)")->required();
  auto* rotate = feed->add_flag("--rotate", args->rotate, "make a new address: the old one stops working");
  feed->add_flag("--revoke", args->revoke, "stop their feed, making no new one")->excludes(rotate);
  feed->add_option("--base", args->base, "the server's URL to print in front, e.g. https://senmap.school.example:8443");
  feed->callback([&globals, &exit_code, args] {
    json::object request{{"staff_id", args->staff}};
    if (args->rotate) request["rotate"] = true;
    if (args->revoke) request["revoke"] = true;
    auto db = globals.open();
    auto r = json::parse(db.call_operation("calendar.feed", json::serialize(request))).as_object();
    auto who = std::string(r.at("staff_id").as_string());
    if (args->revoke) {
      std::cout << (r.at("revoked").as_bool() ? "stopped the calendar feed of " : "no calendar feed to stop for ")
                << who << "\n";
    } else {
      std::cout << args->base << std::string(r.at("path").as_string()) << "\n";
      std::cerr
          << "calendar feed for " << who << (r.at("replaced").as_bool() ? " (the old address no longer works)" : "")
          << ". It is shown only now: senmap keeps its hash. Anyone with the address sees the review dates in it.\n";
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
