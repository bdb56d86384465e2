#!/usr/bin/env bash
# Installs every Debian package senmap needs to build, test and run its demo.
# Idempotent: a machine that already has them only pays for the dpkg check.
#   --fuzz  also what tests/fuzz/run_fuzz.sh needs (clang 14 with its libFuzzer and sanitizer runtimes)
set -euo pipefail

fuzz=0
for arg in "$@"; do
  case "$arg" in
    --fuzz) fuzz=1 ;;
    *) echo "usage: $0 [--fuzz]" >&2; exit 64 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  clang-format                             # tests/format: the checked-in .clang-format (format.check)
  clang-tidy                               # tests/tidy: the checked-in .clang-tidy (tidy.check)
  abigail-tools                            # tests/abi: abidiff against the last release's ABI dump
  dpkg-dev file                            # cpack -G DEB: dpkg-shlibdeps works out the package's dependencies
  systemd                                  # systemd-analyze verify on the packaged units
  libboost1.81-dev libboost-json1.81-dev   # Boost.JSON, Beast/Asio (headers)
  libboost-url1.81-dev                     # Boost.URL: the server's request targets
  libssl-dev                               # OpenSSL (TLS, HMAC, random)
  openssl                                  # the http tests' throwaway certificate and s_client checks
  libsqlite3-dev sqlite3                   # the embedded store
  libpugixml-dev                           # CTF XML
  libxxhash-dev                            # change detection (XXH3)
  libcsv-dev libzip-dev                    # OneRoster CSV bundles (folder or zip)
  zlib1g-dev                               # gzip replies from the live MIS services
  libicu-dev                               # ICU: names sorted and searched as people read them
  libtomlplusplus-dev                      # config files
  libcli11-dev                             # the command line
  libxlsxwriter-dev                        # Excel exports
  catch2                                   # tests
  python3                                  # ctypes host test, benchmark reference
  python3-icalendar                        # the calendar feed test parses the .ics it serves
  python3-openpyxl                         # the typed-exports test reads the XLSX back as Excel would
  time                                     # peak RSS in benchmarks (GNU time)
  wrk                                      # tests/bench/http_bench.py: senmap serve under load
  chromium                                 # the pages end to end in a real headless browser (tests/browser)
  fonts-dejavu-core                        # text in the browser tests' screenshots and PDFs
  poppler-utils                            # pdftotext: the printed class map has the pupils in it
  mono-mcs mono-runtime                    # a .NET host (C# P/Invoke) of the C ABI: tests/capi/dotnet
  faketime                                 # the demo's flags on days across its school year (tests/e2e/demo_flags_test.py)
)
# Node.js and npm drive Chromium (playwright-core) and run axe-core. A machine that already has
# them (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm) keeps its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

if [ "$fuzz" -eq 1 ]; then
  packages+=(
    clang-14 libclang-rt-14-dev            # libFuzzer, ASan and UBSan runtimes for clang
    llvm-14                                # llvm-symbolizer: file and line in a crash's stack
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The tests' npm packages, exactly as locked; each folder skipped when its lock is unchanged since:
# tests/browser (playwright-core, axe-core) and tests/openapi (the pinned OpenAPI linter).
tests_dir="$(cd "$(dirname "$0")/.." && pwd)/tests"
for npm_tests in "$tests_dir/browser" "$tests_dir/openapi"; do
  if ! cmp -s "$npm_tests/package-lock.json" "$npm_tests/node_modules/.senmap-installed-lock"; then
    (cd "$npm_tests" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$npm_tests/package-lock.json" "$npm_tests/node_modules/.senmap-installed-lock"
  fi
done
