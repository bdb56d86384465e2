#include "config/sync_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>
#include <type_traits>

#include "config/live_source_config.hpp"
#include "config/serve_config.hpp"
#include "config/table_reader.hpp"
#include "config/toml_guard.hpp"
#include "rules/rule.hpp"

namespace sm::config {
namespace {

// [clock] assessment_decision = "6 weeks", ..., phase_transfer_by = "02-15", post16_transfer_by = "03-31",
// transfer_years = ["6"].
void read_clock(const toml::table& table, ConfigResult& out, const std::filesystem::path& file) {
  TableReader reader(table, "clock", out, file);
  auto& rules = out.config.clock;
  struct Entry {
    std::string_view key;
    model::Duration* duration;
  };
  const Entry durations[] = {{"assessment_decision", &rules.assessment_decision},
                             {"final_plan", &rules.final_plan},
                             {"annual_review", &rules.annual_review},
                             {"review_invitations", &rules.review_invitations},
                             {"review_report", &rules.review_report},
                             {"la_review_decision", &rules.la_review_decision},
                             {"amendment_response", &rules.amendment_response},
                             {"amended_plan", &rules.amended_plan},
                             {"access_approval", &rules.access_approval}};
  reader.allow({"assessment_decision", "final_plan", "annual_review", "review_invitations", "review_report",
                "la_review_decision", "amendment_response", "amended_plan", "access_approval", "phase_transfer_by",
                "post16_transfer_by", "access_applications_by", "transfer_years"});
  auto source_of = [&](const toml::node& node) {
    return "config " + file.string() + " line " + std::to_string(TableReader::line_of(node));
  };
  for (const auto& entry : durations) {
    auto text = reader.text(entry.key, false);
    if (text.empty()) continue;
    auto parsed = model::parse_duration(text, source_of(*table.get(entry.key)));
    if (!parsed)
      reader.problem(*table.get(entry.key), entry.key,
                     "must be a duration such as \"6 weeks\", \"10 working days\" or \"12 months\"");
    else
      *entry.duration = *parsed;
  }
  // A day of the year (MM-DD), when the key is given; a problem naming the line when it is not one.
  auto day_of_year = [&](const char* key, const std::string& example,
                         const std::string& source_note) -> std::optional<model::DayOfYear> {
    auto text = reader.text(key, false);
    if (text.empty()) return std::nullopt;
    auto parsed = model::parse_day_of_year(text, source_of(*table.get(key)) + source_note);
    if (!parsed) reader.problem(*table.get(key), key, "must be a month and day as MM-DD (" + example + ")");
    return parsed;
  };
  if (auto by = day_of_year("phase_transfer_by", "02-15 is 15 February", "")) rules.phase_transfer_by = *by;
  if (auto by = day_of_year("post16_transfer_by", "02-15 is 15 February", "")) rules.post16_transfer_by = *by;
  if (auto by = day_of_year("access_applications_by", "03-21 is 21 March", ", JCQ key dates"))
    rules.access_applications_by = *by;
  if (const auto* node = table.get("transfer_years")) {
    const auto* years = node->as_array();
    std::vector<std::string> parsed;
    bool ok = years != nullptr;
    for (std::size_t i = 0; ok && i < years->size(); ++i) {
      const auto& y = (*years)[i];
      std::string text = y.is_integer()  ? std::to_string(y.as_integer()->get())
                         : y.is_string() ? y.as_string()->get()
                                         : "";
      ok = !text.empty() && (text == "R" || digits(text, 1) || digits(text, 2));
      parsed.push_back(text);
    }
    if (!ok)
      reader.problem(*node, "transfer_years", "must be a list of NC years, e.g. [6, 11] or [\"4\", \"8\"]");
    else {
      rules.transfer_years = std::move(parsed);
      rules.transfer_years_source = source_of(*node);
    }
  }
}

// [rules] off = ["parent_meetings_behind"], on = ["review_due_soon"], persistent_absence_percent = 92, ...
void read_rules(const toml::table& table, ConfigResult& out, const std::filesystem::path& file) {
  TableReader reader(table, "rules", out, file);
  auto& settings = out.config.rules;
  std::vector<std::string_view> keys{"off", "on"};
  model::each_threshold(settings.thresholds, [&](const char* key, auto&) { keys.push_back(key); });
  for (const auto& [key, node] : table) {
    if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
      std::string allowed;
      for (auto k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      reader.problem(node, key.str(), "unknown key (allowed here: " + allowed + ")");
    }
  }
  model::each_threshold(settings.thresholds, [&](const char* key, auto& value) {
    const auto* node = table.get(key);
    if (!node) return;
    auto number = node->value<double>();
    if (!number || *number < 0 || *number > 1000) {
      reader.problem(*node, key, "must be a number from 0 to 1000");
      return;
    }
    value = static_cast<std::remove_reference_t<decltype(value)>>(*number);
  });
  // A list of rule ids; each is switched off, or on (from off by default), as `apply` does.
  auto rule_list = [&](const char* key, auto apply) {
    const auto* node = table.get(key);
    if (!node) return;
    const auto* list = node->as_array();
    bool ok = list != nullptr;
    for (std::size_t i = 0; ok && i < list->size(); ++i) {
      const auto* id = (*list)[i].as_string();
      ok = id != nullptr;
      if (!ok) break;
      const auto& rules = rules::all_rules();
      bool known = std::any_of(rules.begin(), rules.end(), [&](const rules::Rule& r) { return r.id == id->get(); });
      if (!known) {
        reader.problem(*node, key, "no rule called '" + id->get() + "' (senmap flags --rules lists them)");
        return;
      }
      apply(id->get());
    }
    if (!ok)
      reader.problem(*node, key,
                     std::string("must be a list of rule ids, e.g. [\"") +
                         (std::string_view(key) == "on" ? "review_due_soon" : "parent_meetings_behind") +
                         "\"] (senmap flags --rules lists them)");
  };
  rule_list("on", [&](const std::string& id) { settings.off.erase(id); });
  rule_list("off", [&](const std::string& id) { settings.off.insert(id); });
}

}  // namespace

ConfigResult load_sync_config(const std::filesystem::path& file) {
  ConfigResult out;
  out.config.file = file;
  toml::table root;
  std::string text;
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      out.problems.push_back(
          {file.string(), 0, "", "cannot read the config: " + std::generic_category().message(errno)});
      return out;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (auto refused = guard_toml(text)) {
    out.problems.push_back({file.string(), refused->line, "", "not valid TOML: " + refused->rule});
    return out;
  }
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    out.problems.push_back(
        {file.string(), e.source().begin.line, "", std::string("not valid TOML: ") + std::string(e.description())});
    return out;
  }
  auto base = std::filesystem::absolute(file).parent_path();
  TableReader top(root, "", out, file);
  top.allow({"database", "schools", "clock", "rules", "writeback", "serve"});
  auto database = top.text("database", true);
  if (!database.empty()) out.config.database = resolve(base, database);

  if (const auto* clock = root.get("clock")) {
    if (const auto* table = clock->as_table())
      read_clock(*table, out, file);
    else
      top.problem(*clock, "clock", "must be a table ([clock])");
  }

  if (const auto* rules = root.get("rules")) {
    if (const auto* table = rules->as_table())
      read_rules(*table, out, file);
    else
      top.problem(*rules, "rules", "must be a table ([rules])");
  }

  if (const auto* serve = root.get("serve")) {
    if (const auto* table = serve->as_table())
      read_serve(*table, base, out, file);
    else
      top.problem(*serve, "serve", "must be a table ([serve])");
  }

  if (const auto* targets = top.array("writeback", false)) {
    for (std::size_t i = 0; i < targets->size(); ++i) {
      std::string path = "writeback[" + std::to_string(i + 1) + "]";
      const auto* table = (*targets)[i].as_table();
      if (!table) continue;
      TableReader reader(*table, path, out, file);
      reader.allow({"name", "kind", "path"});
      WritebackTarget target;
      target.kind = reader.text("kind", true);
      target.name = reader.text("name", false);
      if (target.name.empty()) target.name = target.kind;
      auto where = reader.text("path", true);
      if (!target.kind.empty() && target.kind != "csv")
        reader.problem(*table->get("kind"), "kind", "must be csv (REST MIS targets come later)");
      if (!where.empty()) target.path = resolve(base, where);
      for (const auto& other : out.config.writeback)
        if (other.name == target.name)
          reader.problem(*table, "name", "two writeback targets are called '" + target.name + "'");
      out.config.writeback.push_back(std::move(target));
    }
  }

  const auto* schools = top.array("schools", true);
  std::set<std::string> seen;
  for (std::size_t i = 0; schools && i < schools->size(); ++i) {
    std::string path = "schools[" + std::to_string(i + 1) + "]";
    const auto* table = (*schools)[i].as_table();
    if (!table) {
      out.problems.push_back(
          {file.string(), TableReader::line_of((*schools)[i]), path, "must be a table ([[schools]])"});
      continue;
    }
    TableReader reader(*table, path, out, file);
    reader.allow({"la", "estab", "name", "urn", "terms", "sources"});
    School school;
    school.ref.la = reader.text("la", true);
    school.ref.estab = reader.text("estab", true);
    school.ref.name = reader.text("name", false);
    school.ref.urn = reader.text("urn", false);
    if (!school.ref.la.empty() && !digits(school.ref.la, 3))
      reader.problem(*table->get("la"), "la", "must be the 3-digit LA code");
    if (!school.ref.estab.empty() && !digits(school.ref.estab, 4))
      reader.problem(*table->get("estab"), "estab", "must be the 4-digit establishment number");
    if (!seen.insert(school.ref.la + school.ref.estab).second)
      reader.problem(*table, "estab",
                     "this school (" + school.ref.la + " " + school.ref.estab + ") is configured twice");

    if (const auto* terms = reader.array("terms", false)) {
      for (std::size_t t = 0; t < terms->size(); ++t) {
        std::string term_path = path + ".terms[" + std::to_string(t + 1) + "]";
        const auto* term = (*terms)[t].as_table();
        if (!term) continue;
        TableReader term_reader(*term, term_path, out, file);
        term_reader.allow({"name", "start", "end"});
        Term parsed;
        parsed.name = term_reader.text("name", true);
        auto start = term_reader.date(*term, "start", term_path);
        auto end = term_reader.date(*term, "end", term_path);
        if (start && end && *end < *start) term_reader.problem(*term, "end", "a term cannot end before it starts");
        if (start && end) school.terms.push_back({parsed.name, *start, *end});
      }
    }

    if (const auto* sources = reader.array("sources", true)) {
      for (std::size_t s = 0; s < sources->size(); ++s) {
        std::string source_path = path + ".sources[" + std::to_string(s + 1) + "]";
        const auto* source = (*sources)[s].as_table();
        if (!source) continue;
        TableReader source_reader(*source, source_path, out, file);
        Source parsed;
        auto kind = source_reader.text("kind", true);
        if (is_live_kind(kind)) {
          read_live_source(source_reader, kind, school, parsed, base);
          parsed.name = school.ref.la + "-" + school.ref.estab + " " + kind;
          for (const auto& other : school.sources)
            if (other.kind == parsed.kind)
              source_reader.problem(*source, "kind", "this school has two " + kind + " sources: one is enough");
          school.sources.push_back(std::move(parsed));
          continue;
        }
        if (kind == "host") {
          source_reader.allow({"kind", "lenient"});
          parsed.kind = SourceKind::host;
          parsed.lenient = source_reader.flag("lenient");
          parsed.name = school.ref.la + "-" + school.ref.estab + " host";
          for (const auto& other : school.sources)
            if (other.kind == SourceKind::host)
              source_reader.problem(*source, "kind", "this school has two host sources: one is enough");
          school.sources.push_back(std::move(parsed));
          continue;
        }
        source_reader.allow({"kind", "path", "archive", "quarantine", "lenient"});
        if (kind == "ctf-folder")
          parsed.kind = SourceKind::ctf_folder;
        else if (kind == "oneroster")
          parsed.kind = SourceKind::oneroster;
        else if (!kind.empty())
          source_reader.problem(*source->get("kind"), "kind",
                                "must be ctf-folder, oneroster, xporter, wonde, arbor or host");
        auto where = source_reader.text("path", true);
        if (!where.empty()) parsed.path = resolve(base, where);
        auto archive = source_reader.text("archive", false);
        auto quarantine = source_reader.text("quarantine", false);
        if (parsed.kind == SourceKind::oneroster && (!archive.empty() || !quarantine.empty()))
          source_reader.problem(*source, "archive", "archive and quarantine apply to ctf-folder sources only");
        parsed.archive = archive.empty() ? parsed.path / "archive" : resolve(base, archive);
        parsed.quarantine = quarantine.empty() ? parsed.path / "quarantine" : resolve(base, quarantine);
        parsed.lenient = source_reader.flag("lenient");
        parsed.name = school.ref.la + "-" + school.ref.estab + " " + kind;
        school.sources.push_back(std::move(parsed));
      }
    }
    out.config.schools.push_back(std::move(school));
  }
  return out;
}

}  // namespace sm::config
