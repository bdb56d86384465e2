// A stand-in for one school's Arbor service (rest-v2), as its SDK documents it: HTTP Basic,
// lists that answer references only and end on a short page, one GET per record, changelogs
// with revisions, creates as {"request":{"<type>":{...}}}, tag filters, a 422 sent as an
// ordinary 200 payload, permission refusals. Faults are switched on by the test.
#pragma once
#include <boost/json.hpp>
#include <boost/url/url_view.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "live/https_client.hpp"

namespace sm::test {

class FakeArbor : public live::Fetcher {
 public:
  std::string base = "https://example-school.uk.arbor.sc";
  std::string authorization = "Basic c2VubWFwLWFwcDpjb3JyZWN0IGhvcnNl";  // senmap-app:correct horse

  // Faults.
  bool endless_lists = false;                // every page full, for ever (a looping server)
  std::map<std::string, int> refuse_writes;  // resource -> 422 (as a 200 payload) or 403
  std::set<std::string> forbidden_reads;     // resource -> 403 on GET
  bool lose_next_ack = false;                // apply the next POST, then time out

  // What was asked.
  std::vector<std::string> log;     // "GET /rest-v2/students?page-number=1&page-size=2"
  std::vector<std::string> single;  // the same, for requests sent one at a time (not through send_all)
  std::size_t batches = 0, batched_requests = 0;

  long long add(const std::string& res, boost::json::object fields) {
    auto id = ++next_id_;
    fields["id"] = id;
    fields["entityType"] = entity_type(res);
    fields["href"] = "/rest-v2/" + res + "/" + std::to_string(id);
    fields["revisionId"] = ++revision_;
    changes_[res].push_back({{"changedObject", ref(res, id)},
                             {"changeType", "create"},
                             {"fromRevision", revision_ - 1},
                             {"toRevision", revision_}});
    records_[res][id] = std::move(fields);
    return id;
  }
  void update(const std::string& res, long long id, const boost::json::object& fields) {
    auto& r = records_[res].at(id);
    for (const auto& [k, v] : fields) r[k] = v;
    r["revisionId"] = ++revision_;
    changes_[res].push_back({{"changedObject", ref(res, id)},
                             {"changeType", "update"},
                             {"fromRevision", revision_ - 1},
                             {"toRevision", revision_}});
  }
  void remove(const std::string& res, long long id) {
    auto object = ref(res, id);
    if (auto student = records_[res].at(id).if_contains("student")) object["student"] = *student;
    records_[res].erase(id);
    ++revision_;
    changes_[res].push_back({{"changedObject", object},
                             {"changeType", "delete"},
                             {"fromRevision", revision_ - 1},
                             {"toRevision", revision_}});
  }
  const std::map<long long, boost::json::object>& all(const std::string& res) { return records_[res]; }
  long long revision() const { return revision_; }
  boost::json::object ref(const std::string& res, long long id) const {
    return {{"entityType", entity_type(res)}, {"href", "/rest-v2/" + res + "/" + std::to_string(id)}};
  }
  std::size_t count(const std::string& prefix, bool singly = false) const {
    std::size_t n = 0;
    for (const auto& l : singly ? single : log) n += l.rfind(prefix, 0) == 0;
    return n;
  }

  live::Response send(const live::Request& request) override {
    ++made_;
    live::Response out;
    out.url = request.url;
    out.status = 200;
    auto path_query = request.url.substr(base.size());
    log.push_back(request.method + " " + path_query);
    if (!in_batch_) single.push_back(log.back());
    std::string auth;
    for (const auto& [k, v] : request.headers)
      if (k == "Authorization") auth = v;
    if (auth != authorization) return envelope(401, "Unauthorized", "AuthenticationException", "Invalid credentials");
    boost::urls::url_view url(request.url);
    std::string path = url.path();
    const std::string root = "/rest-v2/";
    if (path.rfind(root, 0) != 0) return envelope(404, "Not Found", "NotFound", "no such route");
    auto rest = path.substr(root.size());
    auto slash = rest.find('/');
    std::string res = rest.substr(0, slash);
    std::string tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
    std::map<std::string, std::string> params;
    for (auto p : url.params()) params[p.key] = p.value;

    if (request.method == "GET" && forbidden_reads.contains(res))
      return envelope(403, "Forbidden", "PermissionException", "The application may not read " + res);
    if (request.method == "GET" && tail == "changelog") {
      long long from = std::stoll(params["from-revision"]);
      boost::json::array changes;
      for (const auto& c : changes_[res])
        if (c.at("toRevision").as_int64() > from) changes.push_back(c);
      out.body = boost::json::serialize(boost::json::object{{"changes", changes}});
      return out;
    }
    if (request.method == "GET" && !tail.empty()) {
      auto it = records_[res].find(std::stoll(tail));
      if (it == records_[res].end()) return envelope(404, "Not Found", "ResourceNotFoundException", "no record");
      out.body = boost::json::serialize(boost::json::object{{key_of(res), it->second}});
      return out;
    }
    if (request.method == "GET") return list(res, params);
    if (request.method == "POST" || request.method == "PUT") {
      if (auto r = refuse_writes.find(res); r != refuse_writes.end()) {
        if (r->second == 422) {  // Arbor sends a validation failure as an ordinary payload
          auto e =
              envelope(422, "Unprocessable Entity", "ValidationException", "noteDate: The date cannot be after today");
          e.status = 200;
          return e;
        }
        return envelope(403, "Forbidden", "PermissionException",
                        "The application has no permission to create " + entity_type(res));
      }
      auto body = boost::json::parse(request.body).as_object().at("request").as_object().at(key_of(res)).as_object();
      long long id = 0;
      if (request.method == "POST") {
        id = add(res, body);
      } else {
        id = std::stoll(tail);
        update(res, id, body);
      }
      if (request.method == "POST" && lose_next_ack) {
        lose_next_ack = false;
        throw live::LiveError(live::LiveError::Kind::timeout, "no answer from example-school.uk.arbor.sc within 60 s");
      }
      out.body = boost::json::serialize(boost::json::object{{key_of(res), records_[res][id]}});
      return out;
    }
    return envelope(405, "Method Not Allowed", "MethodException", "no");
  }

  std::vector<live::Response> send_all(const std::vector<live::Request>& requests) override {
    ++batches;
    batched_requests += requests.size();
    std::vector<live::Response> out;
    in_batch_ = true;
    try {
      for (const auto& r : requests) out.push_back(send(r));
    } catch (...) {
      in_batch_ = false;
      throw;
    }
    in_batch_ = false;
    return out;
  }
  std::size_t requests_made() const override { return made_; }

 private:
  static std::string entity_type(const std::string& res) {
    static const std::map<std::string, std::string> types{{"students", "Student"},
                                                          {"people", "Person"},
                                                          {"uk-dfe_upn-assignments", "UkDfe_UpnAssignment"},
                                                          {"sen-status-assignments", "SenStatusAssignment"},
                                                          {"sen-needs", "SenNeed"},
                                                          {"sen-statuses", "SenStatus"},
                                                          {"sen-need-types", "SenNeedType"},
                                                          {"sen-notes", "SenNote"},
                                                          {"user-defined-records", "UserDefinedRecord"},
                                                          {"staff", "Staff"},
                                                          {"academic-units", "AcademicUnit"},
                                                          {"academic-unit-enrolments", "AcademicUnitEnrolment"},
                                                          {"academic-unit-leads", "AcademicUnitLead"}};
    auto it = types.find(res);
    return it == types.end() ? "Thing" : it->second;
  }
  static std::string key_of(const std::string& res) {
    auto t = entity_type(res);
    t[0] = static_cast<char>(std::tolower(t[0]));
    return t;
  }
  static std::string text(const boost::json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64()) return std::to_string(v.as_int64());
    if (v.is_object())
      if (const auto* h = v.as_object().if_contains("href")) {
        std::string href(h->as_string());
        return href.substr(href.rfind('/') + 1);  // a reference matches the id it names
      }
    return {};
  }

  live::Response list(const std::string& res, std::map<std::string, std::string>& params) {
    std::size_t size = std::stoul(params["page-size"]), page = std::stoul(params["page-number"]);
    std::vector<long long> ids;
    for (const auto& [id, r] : records_[res]) {
      bool match = true;
      for (const auto& [k, v] : params) {
        if (k.rfind("filters.tags.", 0) == 0) {
          const auto* tags = r.if_contains("tags");
          const auto* t = tags && tags->is_object() ? tags->as_object().if_contains(k.substr(13)) : nullptr;
          match = match && t && text(*t) == v;
        } else if (k.rfind("filters.", 0) == 0) {
          auto prop = k.substr(8, k.rfind('.') - 8);
          const auto* value = r.if_contains(prop);
          match = match && value && text(*value) == v;
        }
      }
      if (match) ids.push_back(id);
    }
    boost::json::array refs;
    if (endless_lists) {
      for (std::size_t i = 0; i < size; ++i) refs.push_back(ref(res, 1));
    } else {
      for (std::size_t i = (page - 1) * size; i < ids.size() && i < page * size; ++i) refs.push_back(ref(res, ids[i]));
    }
    live::Response out;
    out.status = 200;
    out.body = boost::json::serialize(boost::json::object{{key_of(res) + "s", refs}});
    return out;
  }

  static live::Response envelope(int code, const std::string& reason, const std::string& exception,
                                 const std::string& message) {
    live::Response out;
    out.status = code;
    out.body = boost::json::serialize(
        boost::json::object{{"response",
                             {{"code", code},
                              {"reason", reason},
                              {"errors", boost::json::array{{{"exception", exception}, {"message", message}}}}}}});
    return out;
  }

  std::map<std::string, std::map<long long, boost::json::object>> records_;
  std::map<std::string, std::vector<boost::json::object>> changes_;
  long long next_id_ = 0, revision_ = 1000;
  std::size_t made_ = 0;
  bool in_batch_ = false;
};

inline boost::json::object arbor_date(const char* ymd) {
  return {{"entityType", "date"}, {"date", std::string(ymd) + " 00:00:00"}};
}

// Arbor's SEN statuses and need types with their census codes (DfE items d00229 and d00237).
struct ArborCodes {
  long long support = 0, ehcp = 0, spld = 0, semh = 0, asd = 0;
};
inline ArborCodes add_codes(FakeArbor& a) {
  ArborCodes c;
  c.support = a.add("sen-statuses", {{"code", "SEN_SUPPORT"}, {"d00229", "K"}});
  c.ehcp = a.add("sen-statuses", {{"code", "EHC_PLAN"}, {"d00229", "E"}});
  c.spld = a.add("sen-need-types", {{"code", "SPLD"}, {"d00237", "SPLD"}});
  c.semh = a.add("sen-need-types", {{"code", "SEMH"}, {"d00237", "SEMH"}});
  c.asd = a.add("sen-need-types", {{"code", "ASD"}, {"d00237", "ASD"}});
  return c;
}

// A student with a person (names, birth date, gender) and, when `upn` is given, a UPN assignment.
inline long long add_pupil(FakeArbor& a, const std::string& upn, const std::string& first, const std::string& last,
                           const char* dob = "2015-03-04", const char* gender = "FEMALE") {
  auto person =
      a.add("people", {{"legalFirstName", first},
                       {"legalLastName", last},
                       {"dateOfBirth", arbor_date(dob)},
                       {"gender", {{"entityType", "Gender"}, {"href", std::string("/rest-v2/genders/") + gender}}}});
  auto student = a.add("students", {{"person", a.ref("people", person)}});
  if (!upn.empty())
    a.add("uk-dfe_upn-assignments", {{"student", a.ref("students", student)},
                                     {"upn", upn},
                                     {"isTemporary", false},
                                     {"startDatetime", arbor_date("2019-09-01")}});
  return student;
}

}  // namespace sm::test
