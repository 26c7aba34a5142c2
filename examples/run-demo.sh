#!/usr/bin/env bash
# Sends the example campaign to a local mail server, so a newcomer sees Bulkmail create, reuse and
# close SMTP connections without a mail server of their own. The server is Debian's aiosmtpd,
# started on 127.0.0.1 with a free port and stopped afterwards; it accepts and drops the mail.
#
#   examples/run-demo.sh [path/to/bulkmail-cli] [campaign.bulkmail]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cli=${1:-$root/build/app/bulkmail-cli/bulkmail-cli}
campaign=${2:-$here/welcome.bulkmail}
python=/usr/bin/python3 # Debian's python3-aiosmtpd is importable only by this interpreter

[ -x "$cli" ] || { echo "run-demo: no bulkmail-cli at $cli (build first)" >&2; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$python" "$root/tests/support/aiosmtpd_server.py" --tls none --quiet >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
    grep -q '^READY ' "$work/server.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.1
done
port=$(awk '/^READY /{print $2}' "$work/server.out")
[ -n "$port" ] || { echo "run-demo: the local mail server did not start" >&2; exit 1; }

# The same campaign, pointed at the local server's port.
"$python" - "$campaign" "$work/demo.bulkmail" "$port" <<'PY'
import json, sys
source, target, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, encoding="utf-8") as f:
    campaign = json.load(f)
campaign["server"].update({"host": "127.0.0.1", "port": port, "security": "none"})
campaign["server"].pop("username", None)
with open(target, "w", encoding="utf-8") as f:
    json.dump(campaign, f, ensure_ascii=False, indent=2)
PY

echo "Sending \"$(basename "$campaign")\" to a local test server on 127.0.0.1:$port (nothing leaves this machine)."
"$cli" send "$work/demo.bulkmail"
