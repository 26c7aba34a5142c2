#!/usr/bin/env bash
# Takes the README's screenshots of the real app in a virtual X display (Xvfb): the sample
# campaign, its preview, the account page, the CSV import dialog, and a rehearsal's send view,
# connection view, outbox and log, in English and in Simplified Chinese.
#   tests/screenshots/take-screenshots.sh [BUILD_DIR] [OUTPUT_DIR]
# Needs xvfb, xauth and fonts-noto-cjk (.ci/install-deps.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
output=${2:-$root/resources/screenshots}
app=$build/app/bulkmail/bulkmail
[ -x "$app" ] || { echo "build $app first (cmake --build $build --target bulkmail)" >&2; exit 1; }
mkdir -p "$output"

# Throwaway homes: the app's settings, recovery copies and logs stay out of the user's, and each
# language starts as a first start.
homes=$(mktemp -d)
trap 'rm -rf "$homes"' EXIT

for language in en_US zh_CN; do
    home=$homes/$language
    mkdir -p "$home" && mkdir -m 0700 "$home/runtime"
    dir=$output
    [ "$language" = en_US ] || dir=$output/$language
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/runtime \
        LANG=$language.UTF-8 LANGUAGE=${language%_*} QT_QPA_PLATFORM=xcb \
        timeout 300 xvfb-run -a -s "-screen 0 1440x900x24" "$app" --screenshots "$dir"
done
