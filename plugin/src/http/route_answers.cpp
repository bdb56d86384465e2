#include "http/route_answers.hpp"

#include "http/access.hpp"
#include "http/request_fields.hpp"

namespace sm::http::answers {

Answers operator+(Answers a, const Answers& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Answers ok(B body, std::string what) {
  return {{200, std::move(what), body}};
}

Answers back_to_page() {
  return {{303, "done: back to the page (Location)", B::none}};
}

Answers signed_in() {
  return {{401, "no valid API token or browser session (missing, malformed, expired or revoked)", B::errors},
          {500, "internal error (the server's log says where), or the request could not be written to the audit log",
           B::errors}};
}

Answers role(B body) {
  return {{403, "the caller's role may not do this (says nothing about any object)", body}};
}

Answers missing(B body) {
  return {{404, "missing or not yours: the two are answered alike", body}};
}

Answers refused_form(std::string what) {
  return {{422, std::move(what), B::html}};
}

Answers form(std::string what) {
  return back_to_page() + signed_in() + role(B::html) + missing(B::html) + refused_form(std::move(what));
}

Answers of_operation(const ops::Operation& op, bool post) {
  auto answers = ok(B::json, "the result (what senmap_call returns for the operation)") + signed_in();
  if (post) answers.push_back({400, "the body is not valid JSON, or not a JSON object", B::errors});
  if (post || scope_of(op.name) != Scope::catalogue_read) answers = answers + role(B::errors);
  bool names_object = false;
  for (const auto& f : op.fields)
    names_object =
        names_object || f.name == "upn" || f.name == "id" || f.name.ends_with("_id") || f.name.ends_with("_ids");
  if (names_object) answers = answers + missing(B::errors);
  answers.push_back(
      {422, "refused: every field and the rule it breaks (a repeat, such as a second review, too)", B::errors});
  return answers;
}

}  // namespace sm::http::answers
