// The reports that are documents (report_document in operation.hpp dispatches to these): each
// operation's response put in words as a report::Document.
#pragma once
#include <boost/json/value.hpp>

#include "report/document.hpp"

namespace sm::ops {

// ops/governors_document.cpp: report.governors. A hidden small group reads "fewer than 5".
report::Document governors_document(const boost::json::value& response);
// ops/handover_document.cpp: report.handover.
report::Document handover_document(const boost::json::value& response);
// ops/report_documents.cpp: report.sen_information, each section's text as its paragraphs.
report::Document sen_information_document(const boost::json::value& response);

}  // namespace sm::ops
