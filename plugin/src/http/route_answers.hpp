// The answers routes give, as their rows list them for the document (routes.hpp), and the rows of
// an operation's routes: what each feature's file (http/features/) builds its rows from.
#pragma once
#include <string>
#include <vector>

#include "http/routes.hpp"
#include "ops/operation.hpp"

namespace sm::http::answers {

using Answers = std::vector<RouteAnswer>;
using B = AnswerBody;

Answers operator+(Answers a, const Answers& b);
Answers ok(B body, std::string what);
// A page's form that did its work: back to the page it came from.
Answers back_to_page();
// Every route behind a token or a browser session: 401 and 500.
Answers signed_in();
// 403: the caller's role may not do this (says nothing about any object).
Answers role(B body);
// 404: missing or not the caller's to see, answered alike.
Answers missing(B body);
// 422 from a page's form: the page again with the refusal.
Answers refused_form(std::string what);
// A page's form: back to its page, or the page again with the refusal.
Answers form(std::string what);

// The answers of an operation's route, from what the operation is: every operation checks its fields
// (422, a repeat such as a second review of one cycle included); one naming an object answers a
// missing or hidden one with 404; every one but a catalogue read is refused to some roles (403).
Answers of_operation(const ops::Operation& op, bool post);

}  // namespace sm::http::answers

namespace sm::http {
// GET path: a read of the operations layer, its query and path parameters the operation's fields
// (features/operation_routes.cpp answers it).
Route operation_read(std::string path, const std::string& operation, bool keep = false);
}  // namespace sm::http
