#!/usr/bin/env bash
# The Debian packages as an IT technician meets them (CTest package.deb, label package):
# `cpack -G DEB` in the build folder, install them on this machine, `systemd-analyze verify` the units,
# the senmap user and the owner-only state folder, `senmap demo` from /usr/bin, only senmap_* exported
# by the installed library, the network drop-in only for a live MIS config, then remove them cleanly.
# Needs root (dpkg); skipped (77) without it. Usage: deb_test.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
if [ "$(id -u)" -ne 0 ] || ! command -v dpkg >/dev/null || ! command -v cpack >/dev/null; then
  echo "package.deb needs root and dpkg (it installs the packages): skipped"
  exit 77
fi
fail() {
  echo "FAIL: $*"
  exit 1
}
work="$(mktemp -d)"
cleanup() {
  # Purged, not only removed: the machine is left as it was (the senmap user and /var/lib/senmap stay,
  # as a package's would).
  dpkg -P senmap libsenmap-dev libsenmap0 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
installed="$(dpkg-query -W -f='${Status}' senmap 2>/dev/null || true)"
if [ "$installed" = "install ok installed" ]; then fail "a senmap package is already installed: remove it first"; fi

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
ls -l "$work/packages"/*.deb "$work/packages"/*.ddeb 2>/dev/null || true
lib_deb="$work/packages/libsenmap0_${version}_amd64.deb"
dev_deb="$work/packages/libsenmap-dev_${version}_amd64.deb"
cli_deb="$work/packages/senmap_${version}_amd64.deb"
for deb in "$lib_deb" "$dev_deb" "$cli_deb"; do [ -f "$deb" ] || fail "no $(basename "$deb")"; done
ls "$work/packages"/*dbgsym* >/dev/null 2>&1 || fail "no -dbgsym package with the split debug symbols"

echo "== what the packages hold and need"
# Listed to files first: grep -q stopping early would kill dpkg-deb with SIGPIPE under pipefail.
for deb in lib dev cli; do
  var="${deb}_deb"
  dpkg-deb -c "${!var}" >"$work/$deb.list"
done
grep -q 'libsenmap.so.0 -> ' "$work/lib.list" || fail "libsenmap0 lacks the SONAME link"
grep -q 'usr/include/senmap/senmap.h' "$work/dev.list" || fail "libsenmap-dev lacks senmap.h"
grep -q 'usr/include/senmap/senmap_version.h' "$work/dev.list" || fail "libsenmap-dev lacks senmap_version.h"
grep -q 'senmapConfig.cmake' "$work/dev.list" || fail "libsenmap-dev lacks the CMake package"
grep -q 'pkgconfig/senmap.pc' "$work/dev.list" || fail "libsenmap-dev lacks senmap.pc"
grep -q 'lib/systemd/system/senmap-serve.service' "$work/cli.list" || fail "senmap lacks the serve unit"
grep -q 'usr/share/doc/senmap/README.md' "$work/cli.list" || fail "senmap lacks the README"
grep -q 'etc/senmap/senmap.example.toml' "$work/cli.list" || fail "senmap lacks the example config"
dpkg-deb -e "$cli_deb" "$work/cli-control"
grep -q '^/etc/senmap/senmap.example.toml$' "$work/cli-control/conffiles" || fail "the example config is not a conffile"
depends="$(dpkg-deb -f "$lib_deb" Depends)"
echo "libsenmap0 Depends: $depends"
for need in libc6 libsqlite3 libssl; do
  [[ "$depends" == *"$need"* ]] || fail "libsenmap0 does not depend on $need (dpkg-shlibdeps)"
done
[[ "$(dpkg-deb -f "$cli_deb" Depends)" == *"libsenmap0 (= ${version})"* ]] || fail "senmap does not depend on libsenmap0 (= ${version})"

echo "== install"
dpkg -i "$lib_deb" "$dev_deb" "$cli_deb" || apt-get install -f -y -qq || fail "dpkg -i"
[ -x /usr/bin/senmap ] || fail "/usr/bin/senmap missing"
getent passwd senmap >/dev/null || fail "postinst did not create the senmap user"
[ "$(stat -c '%a %U' /var/lib/senmap)" = "700 senmap" ] || fail "/var/lib/senmap is not senmap's alone: $(stat -c '%a %U' /var/lib/senmap)"
lib="$(readlink -f /usr/lib/libsenmap.so.0)"
others="$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^senmap_' || true)"
[ -z "$others" ] || fail "the installed library exports non-senmap symbols: $(echo "$others" | head -5)"
echo "installed library: $(nm -D --defined-only "$lib" | wc -l) exported symbols, $(stat -c %s "$lib") bytes stripped"
file "$lib" >"$work/file.txt"
grep -q ", stripped" "$work/file.txt" || fail "the installed library is not stripped: $(cat "$work/file.txt")"

echo "== systemd-analyze verify"
if command -v systemd-analyze >/dev/null; then
  for unit in senmap-sync.service senmap-sync.timer senmap-serve.service; do
    systemd-analyze verify "/lib/systemd/system/$unit" >"$work/verify.txt" 2>&1 || true
    # Without a booted systemd (a container) verify still parses the unit; any line naming our unit is a problem.
    if grep "$unit" "$work/verify.txt" >/dev/null; then
      cat "$work/verify.txt"
      fail "systemd-analyze verify $unit"
    fi
  done
else
  fail "systemd-analyze missing (Debian package systemd)"
fi

echo "== the network drop-in follows the config"
gen=/lib/systemd/system-generators/senmap-network-generator
printf 'database = "x.db"\n[[schools]]\n[[schools.sources]]\nkind = "ctf-folder"\n' >"$work/files.toml"
printf 'database = "x.db"\n[[schools]]\n[[schools.sources]]\nkind = "wonde"\n' >"$work/live.toml"
SENMAP_NETWORK_GENERATOR_CONFIG="$work/files.toml" "$gen" "$work/gen-files"
[ ! -e "$work/gen-files/senmap-sync.service.d" ] || fail "a drop-folder config got network access"
SENMAP_NETWORK_GENERATOR_CONFIG="$work/live.toml" "$gen" "$work/gen-live"
grep -q 'PrivateNetwork=no' "$work/gen-live/senmap-sync.service.d/50-live-mis.conf" || fail "a live MIS config got no network"

echo "== senmap demo from the installed binary"
(cd "$work" && /usr/bin/senmap demo --dir "$work/demo" >"$work/demo.log" 2>&1) || { tail -20 "$work/demo.log"; fail "senmap demo"; }
grep -qi "register" "$work/demo.log" || fail "the demo printed no register"
/usr/bin/senmap --version >"$work/version.txt"
grep -q "senmap ${version}" "$work/version.txt" || fail "/usr/bin/senmap --version: $(cat "$work/version.txt")"

echo "== remove"
dpkg -r senmap libsenmap-dev libsenmap0 || fail "dpkg -r"
for gone in /usr/bin/senmap /usr/lib/libsenmap.so.0 /usr/include/senmap/senmap.h /lib/systemd/system/senmap-sync.service; do
  [ ! -e "$gone" ] || fail "$gone is still there after removal"
done
# Removal keeps the edited config (a conffile), as Debian does; purging takes it.
dpkg -P senmap >/dev/null || fail "dpkg -P senmap"
[ ! -e /etc/senmap/senmap.example.toml ] || fail "/etc/senmap/senmap.example.toml is still there after purge"
echo "ok"
