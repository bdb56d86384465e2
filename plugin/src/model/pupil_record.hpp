// What an adapter hands to sync: one pupil as a source describes them. No I/O here.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"

namespace sm::model {

// One period of SEN provision status (census SENprovision: N, K, E; legacy S, A, P).
struct SenStatusPeriod {
  Date start;
  std::string provision;
};

// A ranked type of need (census SENtype); rank 1 is the primary need.
struct SenNeed {
  std::string type;
  int rank = 0;
  std::optional<Date> start;
  std::optional<Date> end;
};

struct FsmPeriod {
  Date start;
  std::optional<Date> end;
  std::string country;
};

// One academic year of attendance: the MIS's totals and the session marks themselves
// (one character per session, AM then PM, from `marks_start`).
struct AttendanceYear {
  int year = 0;
  std::string lea, estab, school_name;
  std::optional<int> sessions_possible, sessions_authorised, sessions_attended, sessions_unauthorised;
  std::optional<Date> marks_start;
  std::string marks;
};

struct AssessmentResult {
  std::string stage, locale, subject, method, component, result_status, result_qualifier, result;
  std::optional<int> year;
  std::optional<Date> result_date;
};

// The parts of a pupil's record a source speaks for. A CTF carries them all; a live source that
// holds fewer facts (Wonde has no need types) must not end what a richer source recorded.
struct RecordCarries {
  bool sen_status = true, needs = true, attendance = true, assessments = true, fsm = true;
  // false: the source knows only today's SEN status, not when it began (Wonde). The store then
  // adds a period only when the status differs from the one it holds, dated the day of the read.
  bool sen_status_history = true;
};

struct PupilRecord {
  std::string upn, uln, uci;
  std::string mis_id;  // the MIS's own id for the pupil (live sources); empty from a CTF
  RecordCarries carries;
  std::string surname, forename, preferred_surname, preferred_forename, middle_names;
  Date dob{};
  std::string sex;  // M or F (CTF 25 `Sex`, older `Gender`)
  std::string nc_year, ethnicity, first_language, enrol_status;
  std::optional<bool> medical_flag;
  bool looked_after = false;
  std::string care_authority;
  std::vector<FsmPeriod> fsm;
  bool has_sen_history = false;  // the source said something about SEN (even "none")
  std::vector<SenStatusPeriod> sen_status;
  std::vector<SenNeed> needs;
  std::vector<AttendanceYear> attendance;
  std::vector<AssessmentResult> assessments;
};

// The school a file comes from or is going to.
struct SchoolRef {
  std::string la, estab, urn, name;
  std::optional<int> academic_year;
};

}  // namespace sm::model
