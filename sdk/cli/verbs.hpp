// Commands built on one operation (the graduated approach's verbs, staff and tokens): each flag
// fills a field of the operation's request, which runs through Database::call_operation exactly as
// `senmap call OP JSON` does: the same checks, the same change log.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "operation_call.hpp"

namespace senmap_cli {

enum class Kind { text, number, date, list, number_list, yes_no };  // yes_no: a boolean field

// One flag (or positional) and the request field it fills.
struct Binding {
  std::string flag, field;
  Kind kind = Kind::text;
  std::string value;
  std::vector<std::string> values;
};

// A verb: its operation, its flags, and how to say what it did in one line (or a few).
struct Verb {
  std::string operation;
  std::deque<Binding> bindings;  // a deque: CLI11 holds pointers to the values
  bool as_json = false;
  std::string request_file;                   // --request FILE|-: the whole request as JSON
  std::vector<std::string> targets, results;  // cycle plan / review
  std::vector<std::string> needs;             // needs set: codes in rank order
  std::vector<std::string> amounts;           // budget set --other: "DESCRIPTION=POUNDS", as [{description, amount}]
  std::string amounts_field;
  std::vector<std::string> judgements;  // ehcp review-outcomes: ID=progress[::note]
  bool list_may_be_empty = false;       // a list flag never given is sent as [] ("nobody came")
  std::function<void(const boost::json::value&)> say;
  bool creates = false;  // may make the database: the catalogue can be a school's first data
};

// A verb on `cmd` running `operation`; its callback sets the exit code. `say` prints the response
// for people (--json prints it as it is). Refusals print as `field: rule` (exit 2), a missing
// pupil or record exits 1.
std::shared_ptr<Verb> verb(CLI::App* cmd, const Globals& globals, int& exit_code, std::string operation,
                           std::function<void(const boost::json::value&)> say);

// A flag (or positional, when `flag` has no leading dash) filling the request's `field`.
// Not called bind: std::bind would win overload resolution by ADL for some argument types.
void add_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field, Kind kind,
               const std::string& help, bool required = false);

// Every date a verb takes is required by its operation (YYYY-MM-DD or today).
void add_date_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field, const std::string& help);

// A response's value for people: text as it is, null as "-", numbers as people read them.
std::string text_of(const boost::json::value& v);

// What place, placement end and placement show print: "<verb_text> UPN on PROVISION ...".
void say_placement(const char* verb_text, const boost::json::value& p);

// `senmap ... import FILE`: a spreadsheet (CSV or .xlsx) whose rows `run` records all or none (one
// of senmap_cpp::Database's imports). Prints "Recorded N <noun> from FILE"; on a refusal, each
// problem as FILE:ROW: UPN: field: rule on stderr and exit status 2.
struct SheetImportCommand {
  std::string description, row, footer, noun;
  std::function<std::string(senmap_cpp::Database&, const std::string&)> run;
};
void add_sheet_import(CLI::App* parent, const Globals& globals, int& exit_code, SheetImportCommand command);

// Runs an operation and returns its response (staff, token, ta, launch); a refusal throws.
boost::json::value call(const Globals& globals, const std::string& op, const boost::json::object& request);

}  // namespace senmap_cli
