#include "http/pages/calendar_page.hpp"

namespace sm::http::pages {

std::string calendar_page(const CalendarView& view) {
  auto frame = view.frame;
  frame.title = view.new_address ? "Your calendar address" : "Your review calendar";
  std::string main;
  if (view.new_address) {
    main += "<h1>Your calendar address</h1>\n";
    main +=
        "<p>Add this address to your calendar as a subscription (Outlook: Add calendar, From internet; Google: Other "
        "calendars, From URL; Apple: New Calendar Subscription):</p>\n";
    main +=
        "<label for=\"feed-address\">Calendar address</label>\n<input id=\"feed-address\" type=\"text\" readonly "
        "value=\"" +
        escape(*view.new_address) + "\">\n";
    main +=
        "<p class=\"warning\">Anyone who has this address can see the review dates and pupils' first names in it, "
        "without signing in. Keep it to your own calendar: do not share, email or post it.</p>\n";
    main +=
        "<p>senmap shows it only now: it keeps a fingerprint, not the address. If it gets out, or you lose it, make a "
        "new "
        "one on <a href=\"/calendar\">your review calendar page</a>: the old address stops working at once.</p>\n";
    return page(frame, main);
  }
  main += "<h1>Your review calendar</h1>\n";
  if (!view.sees_pupils) {
    main +=
        "<p>Your role shows you figures for the whole school, never a named pupil, so there are no review dates to put "
        "in a calendar.</p>\n";
    return page(frame, main);
  }
  main +=
      "<p class=\"lede\">A calendar feed puts the review dates of the pupils you work with into your own calendar, and "
      "keeps them up to date.</p>\n";
  main +=
      "<ul>\n<li>SEN support review due dates and EHC plan annual review due dates.</li>\n"
      "<li>Each pupil by first name and surname initial only: no needs, targets or notes.</li>\n"
      "<li>The pupils you may see in senmap on the day your calendar fetches it: when your classes or the pupils you "
      "support change, so does the feed.</li>\n</ul>\n";
  main +=
      "<section class=\"panel\" aria-labelledby=\"feed-heading\"><h2 id=\"feed-heading\">Your calendar address</h2>\n";
  if (view.made_at)
    main += "<p>You made a calendar address on " + escape(view.made_at->substr(0, 10)) +
            ". senmap cannot show it again. Making a new one stops the old one working.</p>\n";
  else
    main += "<p>You have no calendar address yet.</p>\n";
  if (view.can_make)
    main += "<form method=\"post\" action=\"/calendar/feed\"><input type=\"hidden\" name=\"csrf_token\" value=\"" +
            escape(frame.csrf_token) + "\"><button type=\"submit\">" +
            (view.made_at ? "Make a new calendar address" : "Make my calendar address") + "</button></form>\n";
  if (view.can_make && view.made_at)
    main += "<form method=\"post\" action=\"/calendar/feed\"><input type=\"hidden\" name=\"csrf_token\" value=\"" +
            escape(frame.csrf_token) +
            "\"><input type=\"hidden\" name=\"action\" value=\"stop\">"
            "<button type=\"submit\" class=\"secondary\">Stop my calendar address</button></form>\n";
  main += "</section>\n";
  return page(frame, main);
}

}  // namespace sm::http::pages
