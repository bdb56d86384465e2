#!/usr/bin/env bash
# A live sync without an account: a synthetic school served by the loopback fake of a vendor's
# API over TLS, synced by `senmap sync`, then its register and a class provision map shown.
#   bash tests/fakes/demo_live.sh xporter|wonde|arbor [folder]   (after building: build/bin/senmap)
set -euo pipefail
vendor="${1:-xporter}"
dir="${2:-senmap-live-demo}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
senmap="${SENMAP:-$here/../../build/bin/senmap}"
case "$vendor" in xporter|wonde|arbor) ;; *) echo "usage: $0 xporter|wonde|arbor [folder]" >&2; exit 2 ;; esac
mkdir -p "$dir"
cd "$dir"
umask 077  # the secret and the database are the owner's only

"$senmap" generate --pupils 600 --phase secondary --out school.xml --oneroster roster >/dev/null
# A throwaway certificate for 127.0.0.1, trusted through the config's ca_file only.
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 2>/dev/null
secret="demo-$(openssl rand -hex 8)"
printf '%s\n' "$secret" > "$vendor.secret"
chmod 600 "$vendor.secret"
rm -f port
python3 "$here/${vendor}_fake.py" --ctf school.xml --roster roster --port-file port --cert cert.pem --key key.pem \
  --secret "$secret" >fake.log 2>&1 &
fake=$!
trap 'kill $fake 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
port="$(cat port)"

{
  echo "database = \"senmap.db\""
  echo "[[schools]]"
  echo "la = \"938\""
  echo "estab = \"4123\""
  # This school year's terms, around today.
  y=$(date +%Y); [ "$(date +%m)" -lt 9 ] && y=$((y - 1))
  printf '[[schools.terms]]\nname = "autumn"\nstart = %s-09-03\nend = %s-12-18\n' "$y" "$y"
  printf '[[schools.terms]]\nname = "spring"\nstart = %s-01-05\nend = %s-03-27\n' $((y + 1)) $((y + 1))
  printf '[[schools.terms]]\nname = "summer"\nstart = %s-04-13\nend = %s-07-22\n' $((y + 1)) $((y + 1))
  echo "[[schools.sources]]"
  echo "kind = \"$vendor\""
  echo "ca_file = \"cert.pem\""
  case "$vendor" in
    xporter) echo "url = \"https://127.0.0.1:$port\""; echo 'estab = "9384123"'; echo 'relying_party = "senmap"'
             echo 'secret_file = "xporter.secret"' ;;
    wonde) school_id="$(python3 -c 'import json,ssl,sys,urllib.request as u; c=ssl.create_default_context(cafile="cert.pem"); print(json.load(u.urlopen("https://127.0.0.1:'"$port"'/__fake__/info", context=c)).get("school_id",""))')"
           echo "url = \"https://127.0.0.1:$port/v1.0\""; echo "school_id = \"$school_id\""
           echo 'token_file = "wonde.token"'; mv wonde.secret wonde.token ;;
    arbor) echo "url = \"https://127.0.0.1:$port\""; echo 'user = "senmap-app"'; echo 'password_file = "arbor.secret"' ;;
  esac
} > senmap.toml

echo "Serving a synthetic 600-pupil school from a loopback $vendor fake on port $port (no real pupil data)."
"$senmap" --config senmap.toml sync
echo
"$senmap" --config senmap.toml register | head -12 || true
# The class with most pupils on the register: the map a form tutor would open.
class="$("$senmap" --config senmap.toml classes --json | python3 -c '
import json, sqlite3, sys
on_register = {u for (u,) in sqlite3.connect("senmap.db").execute(
    "SELECT p.upn FROM pupil p JOIN sen_status_period s ON s.pupil_id = p.id WHERE s.provision IN (\"K\", \"E\")")}
classes = json.load(sys.stdin)
best = max(classes, key=lambda c: len(on_register & set(c["pupils"])), default=None)
print(best["id"] if best else "")')"
if [ -n "$class" ]; then
  echo
  "$senmap" --config senmap.toml report class-map --class "$class" | head -20 || true
fi
echo
echo "The database is $dir/senmap.db (senmap --db $dir/senmap.db register). The fake stops with this script;"
echo "tests/e2e/live_sync_test.py drives it further: deltas, 429s, hangs, refused tokens, missing scopes."
