#!/usr/bin/env bash
# Fuzzes senmap's input readers with libFuzzer (clang-14, ASan + UBSan): builds the fuzz targets in
# their own build folder (SENMAP_FUZZ=ON) and runs each for a set time, starting from its corpus in
# tests/fuzz/corpus/<target>. New inputs go to an output folder outside the repository; a crash's
# input is written beside them and the script exits 1. Needs: bash packaging/setup-debian.sh --fuzz.
#
#   tests/fuzz/run_fuzz.sh [-t SECONDS] [-o OUT_DIR] [-b BUILD_DIR] [-j JOBS] [TARGET...]
#     -t  seconds per target (default 20: libFuzzer's -max_total_time)
#     -o  where new inputs and crashes go (default ${TMPDIR:-/tmp}/senmap-fuzz/<date>)
#     -b  build folder (default build-fuzz in the repository, ignored by git)
#     -j  build jobs (default 2)
#   TARGET: ctf_reader ctf_import oneroster_folder oneroster_zip csv xlsx toml_config ops_json
#   http_request (default: every target in tests/fuzz/CMakeLists.txt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=20
out="${TMPDIR:-/tmp}/senmap-fuzz/$(date -u +%Y%m%dT%H%M%SZ)"
build="$root/build-fuzz"
jobs=2
while getopts "t:o:b:j:h" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    o) out="$OPTARG" ;;
    b) build="$OPTARG" ;;
    j) jobs="$OPTARG" ;;
    *) sed -n '2,14p' "$0"; exit 64 ;;
  esac
done
shift $((OPTIND - 1))

all_targets=$(sed -n '/^set(SENMAP_FUZZ_TARGETS/,/)/p' "$here/CMakeLists.txt" | sed 's/set(SENMAP_FUZZ_TARGETS//; s/)//' |
              tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$all_targets"
for t in "${targets[@]}"; do
  case " $all_targets " in *" $t "*) ;; *) echo "run_fuzz.sh: no target $t (targets: $all_targets)" >&2; exit 64 ;; esac
done

for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || { echo "run_fuzz.sh: $tool not found: bash packaging/setup-debian.sh --fuzz" >&2; exit 1; }
done

# One build for every target: -O1 with line tables, as the sanitize preset; coverage on every file.
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DSENMAP_FUZZ=ON -DSENMAP_BUILD_BENCHES=OFF \
  -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_C_FLAGS_FUZZ="-O1 -g1" -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g1" >/dev/null
cmake --build "$build" -j "$jobs" --target $(printf 'senmap_fuzz_%s ' "${targets[@]}")

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$out"
echo "run_fuzz.sh: ${seconds}s per target; new inputs and crashes in $out"
printf '%-18s %10s %10s %8s %s\n' target execs execs/s corpus result
crashed=0
for t in "${targets[@]}"; do
  mkdir -p "$out/$t/new" "$out/$t/crashes"
  dict=()
  case "$t" in
    ctf_reader | ctf_import) dict=(-dict="$here/xml.dict") ;;
    ops_json) dict=(-dict="$here/ops_json.dict") ;;
  esac
  log="$out/$t/fuzz.log"
  # The first corpus folder gets what libFuzzer finds; the repository's seeds are only read.
  set +e
  "$build/fuzz/senmap_fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/$t/crashes/" "${dict[@]}" "$out/$t/new" "$here/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  found=$(find "$out/$t/new" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then
    result=ok
  else
    crashed=1
    result="CRASH (exit $rc): $(ls "$out/$t/crashes" | head -3 | tr '\n' ' ')see $log"
  fi
  printf '%-18s %10s %10s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" "+$found" "$result"
done
if [ "$crashed" -ne 0 ]; then
  echo "run_fuzz.sh: a target crashed; replay one with: $build/fuzz/senmap_fuzz_<target> <crash file>" >&2
  exit 1
fi
