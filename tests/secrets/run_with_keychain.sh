#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked GNOME Keyring (the Secret Service
# QtKeychain talks to on Linux), with HOME and the XDG directories in a temporary directory, so
# that the user's own keychain is never touched (DEPENDENCIES.md, "Keychain without a desktop").
# Usage: run_with_keychain.sh <test executable> [arguments...]
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bulkmail-keychain.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock creates the login keyring with this password and unlocks it; the daemon ends with the
# session bus when dbus-run-session returns.
dbus-run-session -- sh -c \
    'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
    sh "$@"
