#!/usr/bin/env bash
# Installs everything Bulkmail needs to build, test and benchmark on Debian 12, as root.
# Node.js and npm are not touched (some machines have them from outside Debian).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
    # build
    cmake ninja-build g++ pkg-config clang-format
    # links Debug test executables five times faster than GNU ld (CMakeLists.txt)
    lld
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev libxkbcommon-dev
    qtkeychain-qt6-dev libspdlog-dev libexpected-dev
    # the suppression list: Qt SQL's SQLite driver, a plugin (qt6-base-dev does not pull it in)
    libqt6sql6-sqlite
    libkainjow-mustache-dev libgmime-3.0-dev libcsv-dev libuchardet-dev libssl-dev libqpdf-dev
    # workbooks as recipient lists: .xlsx (liborcus), .xls (FreeXL); the tests write them with
    # openpyxl, odfpy and xlwt
    liborcus-dev libfreexl-dev libdeflate-dev zlib1g-dev python3-openpyxl python3-odf python3-xlwt
    # the package (cpack -G DEB): dpkg-shlibdeps computes its dependencies, `file` finds the binaries
    dpkg-dev file
    # sanitizers and the fuzz target
    clang-14 libclang-rt-14-dev
    # real SMTP servers for the tests and the demo: aiosmtpd, and Postfix's smtp-sink/smtp-source
    python3 python3-aiosmtpd postfix openssl ca-certificates
    # SASL for the private Postfix test fixture: saslpasswd2, AUTH PLAIN/LOGIN, sasldb
    sasl2-bin libsasl2-modules libsasl2-modules-db
    # a real IMAP server for the IMAP client's tests (tests/support/privatedovecot)
    dovecot-imapd
    # GUI tests and screenshots: a Secret Service for the keychain, a virtual X server, fonts
    dbus dbus-x11 gnome-keyring libsecret-tools xvfb xauth imagemagick fonts-noto-cjk
    # the screen-reader suite: the accessibility bus and the library Orca reads apps with
    at-spi2-core python3-pyatspi
    qt6-svg-dev qt6-qpa-plugins qt6-translations-l10n
    # OAuth2 sign-in (QOAuth2AuthorizationCodeFlow, loopback redirect)
    qt6-networkauth-dev
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

# Postfix is wanted for smtp-sink, smtp-source and the tests' private instances (each with its own
# configuration directory, tests/support/privatepostfix): answer its question so that the system's
# own MTA is neither configured nor started.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
