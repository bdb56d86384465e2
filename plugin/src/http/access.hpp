// Who may see and change what, decided in one place (domain.md, "Who may see what"):
//  - SENCO, senior leader, admin: every pupil of their school;
//  - teacher: pupils enrolled in classes they teach; TA: pupils assigned to them;
//  - governor and trust officer: aggregate reports of the schools they cover, never a named pupil;
//  - nobody: another school's pupils.
// Each operation is classified by what it touches (its Scope); each id in a request (UPN, class,
// placement, cycle, Section F line, teacher, staff) is resolved to the pupils or class it reaches.
// A refused object is answered exactly like a missing one, so a refusal never says it exists.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "ops/staff_identity.hpp"
#include "store/database.hpp"

namespace sm::http {

enum class Scope {
  pupil_read,       // one pupil's SEN record (by UPN, placement, cycle)
  pupil_write,      // a change to one pupil's record: SENCO, senior leader, admin
  pupil_note,       // a note: also the pupil's teachers and TA
  class_read,       // a class provision map
  teacher_read,     // a teacher's class maps (or, without a teacher, every class)
  school_named,     // a whole-school report naming pupils: SENCO, senior leader, admin
  school_write,     // a change to one school's own figures (its SEND budget): its SENCO, senior leader, admin
  staff_own,        // one member of staff's training and confidence: themselves, or their school's SENCO
  aggregate,        // counts and percentages only: governors and trust officers too
  catalogue_read,   // the provision catalogue and the flag rules: no pupil data
  catalogue_write,  // adding to the catalogue
  session_write,    // recording a session of a provision: every pupil placed on it
  system,           // running the rules now, the writeback
  ta_assignment,    // assigning a TA to a pupil: SENCO, admin
  local_only,       // staff roles and tokens: only on the server's own command line
};

// What an operation touches; nothing for an operation not classified (refused: deny by default).
std::optional<Scope> scope_of(std::string_view operation);
// The operations reachable over HTTP (classified and not local_only), in registry order.
bool exposed_over_http(std::string_view operation);

enum class Verdict {
  allowed,
  hidden,     // answered as not found: the object is missing or not the actor's to see
  forbidden,  // the actor's role may not do this at all (says nothing about any object)
};

struct Decision {
  Verdict verdict = Verdict::allowed;
  std::string why;     // for forbidden: what the role may not do
  std::string upn;     // the pupil asked about, for the access log
  std::string object;  // the class, placement, cycle... asked about, for the access log
};

// May `actor` run `operation` with this request? Ids the request does not carry (or carries in a
// malformed way) are left to the operation's own validation, which answers without reading data.
Decision decide(store::Database& db, const ops::Actor& actor, std::string_view operation,
                const boost::json::object& request, std::string_view today);

// May `actor` read the named pupil's record (the pupil route)?
Decision decide_pupil(store::Database& db, const ops::Actor& actor, std::string_view upn, std::string_view today);
// A whole-school list of named pupils (the register), filtered to the actor's school: allowed roles.
bool sees_whole_school(ops::Role role);
// Aggregates over the whole database: the actor must cover every school in it.
Decision decide_aggregate(store::Database& db, const ops::Actor& actor);

// A role's refusal, in the same words everywhere: "a teacher may not read the audit log".
std::string role_may_not(ops::Role role, std::string_view what);

// Removes what the actor may not read from an operation's response (notes kept for the SENCO).
void filter_response(std::string_view operation, const ops::Actor& actor, boost::json::value& response);

}  // namespace sm::http
