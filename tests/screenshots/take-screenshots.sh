#!/usr/bin/env bash
# Takes the README's screenshots of the real app in a virtual X display (Xvfb): the sample
# campaign, its preview, the account page, the import dialog over a CSV file and over a workbook
# (written by tests/screenshots/make-staff-workbook.py with openpyxl), a rehearsal's send view,
# connection view, outbox and log, and then the sample with a payslip per recipient (the
# Attachments page and the check), in English and in Simplified Chinese.
#   tests/screenshots/take-screenshots.sh [BUILD_DIR] [OUTPUT_DIR]
# Fails (non-zero) when the app fails (the rehearsal did not start, did not finish within a
# minute, or did not send; a picture could not be written), when a picture is missing, or when
# the translation that loaded is not the language asked for, read back from the window: CI runs
# it as the desktop app's smoke test.
# Needs xvfb, xauth, fonts-noto-cjk and python3-openpyxl (.ci/install-deps.sh installs them).
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

pictures="main-window preview account csv-import workbook-import personal-attachments personal-check
    send-view connection-view outbox log-panel"
workbook=$homes/staff-list.xlsx
/usr/bin/python3 "$root/tests/screenshots/make-staff-workbook.py" "$workbook"
failed=0
for language in en_US zh_CN; do
    home=$homes/$language
    mkdir -p "$home" && mkdir -m 0700 "$home/runtime"
    dir=$output
    [ "$language" = en_US ] || dir=$output/$language
    report=$homes/$language.out
    mkdir -p "$dir"
    for picture in $pictures; do rm -f "$dir/$picture.png"; done # no stale picture passes
    status=0
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/runtime \
        LANG=$language.UTF-8 LANGUAGE=${language%_*} QT_QPA_PLATFORM=xcb \
        timeout 300 xvfb-run -a -s "-screen 0 1440x900x24" "$app" --screenshots "$dir" \
        --screenshot-workbook "$workbook" \
        >"$report" || status=$?
    cat "$report"
    if [ "$status" -ne 0 ]; then
        echo "$language: bulkmail --screenshots exited with status $status" >&2
        failed=1
    fi
    for picture in $pictures; do
        if [ ! -s "$dir/$picture.png" ]; then
            echo "$language: $dir/$picture.png is missing" >&2
            failed=1
        fi
    done
    # The translation the app installed, and a label read back from its window.
    expected=en
    [ "$language" = en_US ] || expected=$language
    if ! grep -qx "translation: $expected" "$report"; then
        echo "$language: the app did not load the $expected translation" >&2
        failed=1
    fi
    if [ "$language" = zh_CN ] && ! grep '^tab: ' "$report" | LC_ALL=C.UTF-8 grep -qP '\p{Han}'; then
        echo "$language: the tab read back from the window is not in Chinese" >&2
        failed=1
    fi
done
exit $failed
