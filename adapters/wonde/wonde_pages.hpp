// Wonde's paged lists: `meta.pagination.next` followed to the end, one page of every list in
// flight at once, with the checks that keep a misbehaving server from steering or hanging a sync.
#pragma once
#include <boost/json/object.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "live/https_client.hpp"
#include "wonde/wonde_reader.hpp"

namespace sm::wonde {

struct ListSpec {
  std::string key;                                          // "students": names the list in messages
  std::string path;                                         // below schools/{school_id}/, e.g. "students/"
  std::vector<std::pair<std::string, std::string>> params;  // include, updated_after, type
  std::size_t max_pages = 0;                                // 0: the settings' cap
  // Set: each record is handed here as its page arrives and none is kept (a year of session marks).
  std::function<void(const boost::json::object&)> take = {};
};

struct ListPages {
  std::vector<boost::json::object> items;
  std::size_t pages = 0;
};

// Reads every list to its end (results in the order of `lists`). Throws live::LiveError when the
// service refuses, a page is not Wonde's JSON, a `next` link leaves the base URL's host or comes
// round again, or a list outruns settings.max_pages.
std::vector<ListPages> read_lists(live::Fetcher& fetcher, const WondeSettings& settings,
                                  const std::vector<ListSpec>& lists);

// The error for a reply that is not a success, in a technician's words; never the token.
live::LiveError refusal(const live::Response& response, const WondeSettings& settings, const std::string& list);

}  // namespace sm::wonde
