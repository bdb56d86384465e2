// The kinds of agency service (agency.save's `service`) as the pages name them: the directory's
// form offers them, the directory and the pupil page's team show them.
#pragma once
#include <string>
#include <vector>

#include "http/pages/forms.hpp"

namespace sm::http::pages {

const std::vector<Choice>& agency_services();
// "Speech and language therapy" for speech_and_language_therapy; a code not listed as it is.
std::string agency_service_label(const std::string& service);

}  // namespace sm::http::pages
