// Synthetic schools and trusts (no real pupil data) for demos, tests and benchmarks.
#include <fstream>
#include <stdexcept>

#include "capi/shim.hpp"
#include "generator/school_calendar.hpp"
#include "generator/school_generator.hpp"
#include "generator/trust_generator.hpp"
#include "store/private_file.hpp"

using sm::capi::Entry;

namespace {

constexpr std::size_t first_generate_size = offsetof(senmap_generate_options, academic_year) + sizeof(int);

// Checks generator options (any struct version) and turns them into a school spec.
int school_spec(const Entry& entry, const senmap_generate_options* options, sm::generator::SchoolSpec& spec,
                const char** oneroster_dir) {
  senmap_generate_options opts = SENMAP_GENERATE_OPTIONS_INIT;
  if (int rc = sm::capi::read_options(entry, options, opts, first_generate_size)) return rc;
  if (opts.pupils < 1 || opts.pupils > 20000) return entry.failed(SENMAP_EINVAL, "pupils must be from 1 to 20000");
  if (opts.phase != SENMAP_PHASE_PRIMARY && opts.phase != SENMAP_PHASE_SECONDARY)
    return entry.failed(SENMAP_EINVAL, "phase must be SENMAP_PHASE_PRIMARY or SENMAP_PHASE_SECONDARY");
  // Up to the year holding today: a school can be generated for the year it is in (past the
  // reference data's bank holidays, the calendar uses England's standing pattern).
  const auto today = sm::capi::today();
  const int latest = sm::model::academic_year_of(today);
  if (opts.academic_year < 2023 || opts.academic_year > latest)
    return entry.failed(SENMAP_EINVAL,
                        "academic_year must be 2023 to " + std::to_string(latest) + " (the school year holding today)");
  spec.pupils = opts.pupils;
  spec.seed = opts.seed;
  spec.phase = opts.phase == SENMAP_PHASE_PRIMARY ? sm::generator::Phase::primary : sm::generator::Phase::secondary;
  spec.academic_year = opts.academic_year;
  if (opts.as_of) {
    spec.as_of = sm::model::parse_date(opts.as_of);
    if (!spec.as_of) return entry.failed(SENMAP_EINVAL, "as_of must be a date, YYYY-MM-DD");
    if (*spec.as_of > today) return entry.failed(SENMAP_EINVAL, "as_of cannot be in the future");
  } else if (sm::generator::school_calendar_for(opts.academic_year).last_day() > today) {
    spec.as_of = today;  // the year is still running: exported today, never from the future
  }
  if (oneroster_dir) *oneroster_dir = opts.oneroster_dir;
  return SENMAP_OK;
}

}  // namespace

extern "C" {

SENMAP_API int senmap_generate_options_init(senmap_generate_options* options, uint32_t struct_size) {
  return sm::capi::guarded([&]() -> int {
    return sm::capi::init_options<senmap_generate_options>("senmap_generate_options_init", options, struct_size,
                                                           SENMAP_GENERATE_OPTIONS_INIT, first_generate_size);
  });
}

SENMAP_API int senmap_generate_ctf(const char* out_path, const senmap_generate_options* options) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_generate_ctf");
    if (!entry.text(out_path, "out_path")) return entry.refused();
    sm::generator::SchoolSpec spec;
    const char* oneroster_dir = nullptr;
    if (int rc = school_spec(entry, options, spec, &oneroster_dir); rc != SENMAP_OK) return rc;
    auto xml = sm::generator::generate_ctf(spec);
    sm::store::prepare_private_file(out_path);
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    if (!out.write(xml.data(), static_cast<std::streamsize>(xml.size())) || !out.flush())
      return sm::capi::fail(SENMAP_EIO, std::string("cannot write ") + out_path);
    if (oneroster_dir && *oneroster_dir)
      sm::generator::write_bundle(sm::generator::generate_oneroster(spec), oneroster_dir);
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_generate_trust(const char* out_dir, int schools, const senmap_generate_options* options) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_generate_trust");
    if (!entry.text(out_dir, "out_dir")) return entry.refused();
    if (schools < 1 || schools > 200) return entry.failed(SENMAP_EINVAL, "schools must be from 1 to 200");
    sm::generator::TrustSpec trust;
    trust.schools = schools;
    if (int rc = school_spec(entry, options, trust.school, nullptr); rc != SENMAP_OK) return rc;
    try {
      sm::generator::write_trust(trust, out_dir);
    } catch (const std::runtime_error& e) {
      return sm::capi::fail(SENMAP_EIO, e.what());
    }
    return SENMAP_OK;
  });
}

}  // extern "C"
