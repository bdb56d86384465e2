#include "sync/record_fingerprint.hpp"

#include "model/content_hash.hpp"

namespace sm::sync {
namespace {

// Feeds fields to the hash with a separator no CTF text contains, so ("ab","c") != ("a","bc").
class Digest {
 public:
  Digest& operator<<(std::string_view s) {
    hash_.update(s);
    hash_.update("\x1f", 1);
    return *this;
  }
  Digest& operator<<(const std::string& s) { return *this << std::string_view(s); }
  Digest& operator<<(const char* s) { return *this << std::string_view(s); }
  Digest& operator<<(int n) { return *this << std::string_view(std::to_string(n)); }
  Digest& operator<<(bool b) { return *this << std::string_view(b ? "1" : "0"); }
  Digest& operator<<(const model::Date& d) { return *this << std::string_view(model::format_date(d)); }
  template <class T>
  Digest& operator<<(const std::optional<T>& v) {
    if (v) return *this << *v;
    return *this << std::string_view("\x1e");
  }
  std::string hex() const { return hash_.hex(); }

 private:
  model::ContentHash hash_;
};

}  // namespace

std::string record_fingerprint(const model::PupilRecord& r) {
  Digest d;
  d << r.upn << r.uln << r.uci << r.surname << r.forename << r.preferred_surname << r.preferred_forename
    << r.middle_names << r.dob << r.sex << r.nc_year << r.ethnicity << r.first_language << r.enrol_status
    << r.medical_flag << r.looked_after << r.care_authority << r.has_sen_history;
  d << "fsm" << static_cast<int>(r.fsm.size());
  for (const auto& f : r.fsm) d << f.start << f.end << f.country;
  d << "sen" << static_cast<int>(r.sen_status.size());
  // An undated current status is the same fact every night: its read date is not part of it.
  for (const auto& s : r.sen_status) {
    if (r.carries.sen_status_history) d << s.start;
    d << s.provision;
  }
  d << "needs" << static_cast<int>(r.needs.size());
  for (const auto& n : r.needs) d << n.type << n.rank << n.start << n.end;
  d << "attendance" << static_cast<int>(r.attendance.size());
  for (const auto& a : r.attendance)
    d << a.year << a.lea << a.estab << a.school_name << a.sessions_possible << a.sessions_authorised
      << a.sessions_attended << a.sessions_unauthorised << a.marks_start << a.marks;
  d << "assessments" << static_cast<int>(r.assessments.size());
  for (const auto& a : r.assessments)
    d << a.stage << a.locale << a.year << a.subject << a.method << a.component << a.result_status << a.result_qualifier
      << a.result << a.result_date;
  return d.hex();
}

}  // namespace sm::sync
