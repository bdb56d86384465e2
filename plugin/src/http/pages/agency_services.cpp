#include "http/pages/agency_services.hpp"

namespace sm::http::pages {

const std::vector<Choice>& agency_services() {
  static const std::vector<Choice> all{{"educational_psychology", "Educational psychology"},
                                       {"speech_and_language_therapy", "Speech and language therapy"},
                                       {"occupational_therapy", "Occupational therapy"},
                                       {"physiotherapy", "Physiotherapy"},
                                       {"camhs", "CAMHS (children's mental health)"},
                                       {"specialist_teaching", "Specialist teaching service"},
                                       {"sensory_support", "Sensory support (hearing, vision)"},
                                       {"social_care", "Social care"},
                                       {"school_nursing", "School nursing"},
                                       {"paediatrics", "Paediatrics"},
                                       {"early_help", "Early help"},
                                       {"send_information_advice", "SEND information, advice and support"},
                                       {"other", "Other"}};
  return all;
}

std::string agency_service_label(const std::string& service) {
  for (const auto& s : agency_services())
    if (s.value == service) return s.label;
  return service;
}

}  // namespace sm::http::pages
