// senmap generate: a synthetic school (CTF 25, optionally OneRoster) or trust, deterministic
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "generate_options.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_generate_command(CLI::App& app, const Globals& /*globals*/, int& exit_code) {
  auto gen = std::make_shared<GenerateArgs>();
  auto* generate = app.add_subcommand("generate", "Write a synthetic school as a CTF 25 file (deterministic)");
  generate->add_option("--pupils", gen->pupils, "pupils on roll")->check(CLI::Range(1, 20000))->capture_default_str();
  generate->add_option("--seed", gen->seed, "random seed: same arguments, same bytes")->capture_default_str();
  generate->add_option("--phase", gen->phase, "primary or secondary")
      ->check(CLI::IsMember({"primary", "secondary"}))
      ->capture_default_str();
  generate->add_option("--year", gen->year, "academic year it starts in (2025 = 2025/26), up to the current one")
      ->check(CLI::Range(2023, latest_generated_year()))
      ->capture_default_str();
  generate->add_option("--out", gen->out, "the CTF file to write (with --schools: the trust's folder)")->required();
  generate->add_option("--oneroster", gen->oneroster,
                       "also write the same school as a OneRoster 1.2 bundle in this folder");
  generate->add_option("--schools", gen->schools, "write a whole trust of this many schools, with a ready senmap.toml")
      ->check(CLI::Range(1, 200));
  generate->callback([&exit_code, gen] {
    auto options = to_options(*gen);
    if (gen->schools > 0) {
      senmap_cpp::generate_trust(gen->out, gen->schools, options);
      std::cout << "Wrote a synthetic trust of " << gen->schools << " schools to " << gen->out
                << "\nSync it: senmap sync --config " << gen->out << "/senmap.toml\n";
    } else {
      if (!gen->oneroster.empty()) options.oneroster_dir = gen->oneroster.c_str();
      senmap_cpp::generate_ctf(gen->out, options);
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
