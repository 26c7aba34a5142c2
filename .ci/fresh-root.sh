#!/usr/bin/env bash
# CI: the README's commands on a fresh Debian 12, so that a package missing from
# .ci/install-deps.sh fails CI instead of a newcomer. Builds a minimal root with
# `debootstrap --variant=minbase bookworm` (cached as a tarball for a week on this machine), gives
# it the host's apt sources, keyrings and proxy settings, and in it, under chroot with its own
# /proc and /dev and a clean environment, from a clean clone of this checkout's HEAD:
#   1. bash .ci/install-deps.sh
#   2. configure (Debug, without the sanitizers: the package is made from this build), build
#      bulkmail, bulkmail-cli and the core suites (every suite outside tests/ui), the headless demo
#      examples/run-demo.sh, those suites with ctest, two at a time
#   3. cpack -G DEB
# then, in a second root unpacked from the same tarball (nothing of the build in it, so the
# package's computed dependencies are really tested): apt-get install ./bulkmail_*.deb, both
# programs, a sandbox + send of the example, desktop-file-validate and appstreamcli validate.
# Every process left in a root is stopped by PID and every mount undone, also on failure.
# Runs as root.
#
#   .ci/fresh-root.sh [OUTPUT_DIR]    (OUTPUT_DIR receives the .deb; default: no copy kept)
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)
output=${1:-}

cache=${BULKMAIL_CI_CACHE:-/var/cache/bulkmail-ci}
tarball=$cache/bookworm-minbase-$(date +%G-W%V).tar.gz # a new root each ISO week
# The host's Debian mirror and apt proxy (debootstrap reads neither from apt's configuration).
mirror=$(grep -h -o -E '^URIs: *[^ ]+/debian/?$|^deb +(\[[^]]*\] +)?[^ ]+/debian/? +bookworm ' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    grep -o -E '(https?|file)://[^ ]+' | head -1) || true
mirror=${mirror:-http://deb.debian.org/debian}
eval "$(apt-config shell apt_proxy Acquire::http::Proxy)"
if [ -n "${apt_proxy:-}" ] && [ -z "${http_proxy:-}" ]; then export http_proxy=$apt_proxy; fi

work=$(mktemp -d /var/tmp/bulkmail-freshroot.XXXXXX)
mounts=() # mount points, undone in reverse order
roots=()  # every root made, whose processes are stopped at the end

# Stops every process whose root directory is inside one of our roots, by PID.
stop_processes_in() {
    local root=$1 pid link pids=()
    for pid in /proc/[0-9]*; do
        link=$(readlink "$pid/root" 2>/dev/null) || continue
        [[ $link == "$root" || $link == "$root"/* ]] && pids+=("${pid#/proc/}")
    done
    ((${#pids[@]} == 0)) && return 0
    echo "fresh-root: stopping processes left in $root: ${pids[*]}" >&2
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 50); do
        local alive=()
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
        ((${#alive[@]} == 0)) && return 0
        sleep 0.1
    done
    kill -KILL "${alive[@]}" 2>/dev/null || true
}

cleanup() {
    local status=$? i root
    set +e
    for root in "${roots[@]}"; do stop_processes_in "$root"; done
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" || umount -l "${mounts[i]}" || status=1
    done
    # Only delete the roots once nothing is mounted in them any more.
    if ! grep -q " $work/" /proc/self/mounts; then
        rm -rf "$work"
    else
        echo "fresh-root: mounts left under $work, not deleted" >&2
        status=1
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The cached minimal root, made once a week.
if [ ! -f "$tarball" ]; then
    command -v debootstrap >/dev/null || {
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
    }
    mkdir -p "$cache"
    echo "fresh-root: debootstrap --variant=minbase bookworm (cached as $tarball)"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$work/bootstrap" "$mirror" \
        >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
    rm -f "$work"/bootstrap/var/cache/apt/archives/*.deb
    tar -C "$work/bootstrap" --numeric-owner -czf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    rm -rf "$work/bootstrap"
    find "$cache" -name 'bookworm-minbase-*.tar.gz' ! -path "$tarball" -delete
fi

# A root from the tarball, with the host's apt configuration, /proc, /dev and DNS.
make_root() {
    local root=$1 file
    mkdir -p "$root"
    roots+=("$root")
    tar -C "$root" --numeric-owner -xzf "$tarball"
    # apt sources, keyrings and the settings that make downloads work here (proxy, dates of a
    # snapshot mirror); nothing else of the host's apt (no hooks).
    rm -f "$root/etc/apt/sources.list" # debootstrap's own, which the host's may repeat
    cp -a /etc/apt/sources.list* /etc/apt/trusted.gpg* "$root/etc/apt/" 2>/dev/null || true
    [ -d /etc/apt/keyrings ] && cp -a /etc/apt/keyrings "$root/etc/apt/"
    for file in $(grep -l -E -i 'proxy|^Acquire' /etc/apt/apt.conf /etc/apt/apt.conf.d/* 2>/dev/null); do
        cp "$file" "$root/etc/apt/apt.conf.d/"
    done
    # Keyrings named by Signed-By that the root lacks (a host repository's own key).
    for file in $(grep -h -o -E 'Signed-By: */[^ ]+|signed-by=/[^] ]+' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
        2>/dev/null | sed -E 's/^(Signed-By: *|signed-by=)//'); do
        [ -f "$file" ] && [ ! -e "$root$file" ] && install -D -m 644 "$file" "$root$file"
    done
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc" && mounts+=("$root/proc")
    mount --bind /dev "$root/dev" && mounts+=("$root/dev")
    mount --make-private "$root/dev"
    mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm" && mounts+=("$root/dev/shm")
    mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" && mounts+=("$root/dev/pts")
}

# Runs a script in ROOT as root, with nothing of this environment but the proxy settings.
in_root() {
    local root=$1 script=$2 pass=() name
    for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
        [ -n "${!name:-}" ] && pass+=("$name=${!name}")
    done
    # In the background and waited for, so that a TERM or Ctrl+C runs the cleanup at once
    # instead of after the step.
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${pass[@]}" \
        /bin/bash -euo pipefail -c "$script" </dev/null &
    wait $!
}

timed() {
    local started=$SECONDS
    printf '\n--- fresh-root: %s (%s) ---\n' "$1" "$(date +%T)"
    shift
    "$@"
    printf -- '--- %d min %d s ---\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
}

build=$work/build
timed "unpack the build root" make_root "$build"
git clone --quiet --no-hardlinks "$checkout" "$build/src/bulkmail"
git -C "$build/src/bulkmail" log -1 --format='fresh-root: testing %h %s'

timed "install-deps.sh" in_root "$build" 'cd /src/bulkmail && bash .ci/install-deps.sh'

# The README's test configure without the sanitizers; then only what the demo, the core suites
# and the package need.
timed "configure and build" in_root "$build" '
    cd /src/bulkmail
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_COMPILE_WARNING_AS_ERROR=ON \
        -DBULKMAIL_BUILD_BENCH=OFF
    targets=(bulkmail bulkmail-cli)
    for dir in build/tests/*/; do
        area=$(basename "$dir")
        [ "$area" = ui ] || [ ! -f "$dir/CTestTestfile.cmake" ] && continue
        targets+=("tests/$area/all") # Ninja: FOLDER/all builds the targets of a folder
    done
    echo "targets: ${targets[*]}"
    cmake --build build -j2 --target "${targets[@]}"'

timed "headless demo" in_root "$build" \
    'cd /src/bulkmail && examples/run-demo.sh build/app/bulkmail-cli/bulkmail-cli'

# One run, two at a time, of every suite but those under tests/ui (not built here).
timed "core suites" in_root "$build" '
    cd /src/bulkmail
    ui_suites=$(ctest --test-dir build/tests/ui -N | sed -n "s/^ *Test *#[0-9]*: //p" | paste -sd "|")
    [ -n "$ui_suites" ]
    ctest --test-dir build -j2 --output-on-failure -E "^($ui_suites)\$"'

timed "package" in_root "$build" 'cd /src/bulkmail/build && cpack -G DEB && ls -l bulkmail_*.deb'
deb=$(ls "$build"/src/bulkmail/build/bulkmail_*_amd64.deb)
[ -n "$output" ] && mkdir -p "$output" && cp "$deb" "$output/"

# Install the package where nothing was built, and use it.
installed=$work/installed
timed "unpack the install root" make_root "$installed"
cp "$deb" "$installed/tmp/"
timed "install and run the package" in_root "$installed" '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q /tmp/bulkmail_*.deb
    bulkmail-cli --version
    QT_QPA_PLATFORM=offscreen bulkmail --version
    # The translations are found: the help text in Chinese.
    LANG=zh_CN.UTF-8 QT_QPA_PLATFORM=offscreen bulkmail --help | grep -F "准备并发送个性化的群发邮件"
    # The example campaign (127.0.0.1:2525, no login) sent to the built-in sandbox.
    bulkmail-cli sandbox --port 2525 --save-dir /tmp/outbox > /tmp/sandbox.log 2>&1 &
    sandbox=$!
    trap "kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null" EXIT
    for _ in $(seq 100); do grep -q "listening" /tmp/sandbox.log && break; sleep 0.1; done
    cp /usr/share/doc/bulkmail/examples/welcome.bulkmail /tmp/
    bulkmail-cli send /tmp/welcome.bulkmail
    captured=$(ls /tmp/outbox | wc -l)
    echo "sandbox captured $captured messages"
    [ "$captured" -gt 0 ]
    apt-get install -y -q --no-install-recommends desktop-file-utils appstream
    desktop-file-validate /usr/share/applications/bulkmail.desktop
    appstreamcli validate --no-net /usr/share/metainfo/*.metainfo.xml
    test -f /usr/share/man/man1/bulkmail-cli.1.gz
    test -f /usr/share/icons/hicolor/scalable/apps/bulkmail.svg
    test -f /usr/share/mime/packages/bulkmail.xml'

echo "fresh-root: all steps passed in $((SECONDS / 60)) min"
