// calendar.feed as an operation, for the server's own command line (senmap calendar feed): it
// makes a secret URL, so like API tokens it is refused over HTTP (http/access.cpp). Over HTTP a member
// of staff makes their own from the /calendar page.
#include <boost/json.hpp>

#include "ops/calendar_feeds.hpp"
#include "ops/operation.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

bool flag(const json::object& r, std::string_view name) {
  const auto* v = r.if_contains(name);
  return v && v->is_bool() && v->as_bool();
}

json::value calendar_feed(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  if (flag(r, "revoke")) {
    if (flag(r, "rotate")) throw InvalidRequest("rotate", "either rotate or revoke, not both");
    return json::object{{"staff_id", staff.reference()}, {"revoked", revoke_calendar_feed(context.db, staff.id)}};
  }
  // Its address was shown once and only a hash is kept: a second one replaces it only when asked.
  if (auto made = calendar_feed_made_at(context.db, staff.id); made && !flag(r, "rotate"))
    throw InvalidRequest(
        "rotate", staff.reference() + " has had a calendar feed since " + *made +
                      ": its address was shown when it was made; rotate makes a new one (the old one stops working)");
  auto feed = create_calendar_feed(context.db, staff);
  return json::object{
      {"staff_id", staff.reference()},
      {"path", feed.path},
      {"replaced", feed.replaced},
      {"note", "shown once: senmap keeps only its hash. Anyone with the address sees the review dates in it"}};
}

}  // namespace

void add_calendar_feed_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"calendar.feed",
                 "A member of staff's secret calendar feed address (their pupils' review dates, for their own "
                 "calendar): shown once",
                 true,
                 {{"staff_id", F::string, true,
                   "the member of staff's MIS id (stf-0003), or LA-ESTAB/id where schools share ids"},
                  {"rotate", F::boolean, false, "replace their feed: the old address stops working"},
                  {"revoke", F::boolean, false, "stop their feed, making no new one"}},
                 calendar_feed});
}

}  // namespace sm::ops
