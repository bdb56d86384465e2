// One provision of the provision map as a page: what it is, what it costs, who is on it now and
// how their sessions went; and, for whoever runs it, the form to record a session and who came.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct PlacedPupil {
  std::string upn, name, year;
  boost::json::object placement;  // placement.get
};

struct ProvisionSession {
  std::string date, status, staff;
  long long present = 0, placed = 0;
};

struct ProvisionView {
  Frame frame;                             // title is set from the provision
  boost::json::object provision;           // provision.get
  std::vector<PlacedPupil> pupils;         // placed now, only those the viewer may see
  long long hidden_pupils = 0;             // placed now, not the viewer's to see (counted, never named)
  std::vector<ProvisionSession> sessions;  // the latest, newest first
  bool can_record_session = false;
  std::string today, notice;
  boost::json::value errors;  // session.record's refusal of the form
  Submitted submitted;
};

std::string provision_page(const ProvisionView& view);

}  // namespace sm::http::pages
