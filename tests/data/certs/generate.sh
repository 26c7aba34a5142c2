#!/bin/sh
# Regenerates the test certificates in this folder (the output is committed; run only to replace it).
# Everything is valid for 36500 days, so the committed files never expire in practice.
#
# What each file is for:
#   ca.pem, ca.key                 test CA; clients trust ca.pem (QSslConfiguration::addCaCertificate)
#   server.pem, server.key         server certificate signed by the test CA for "localhost" and
#                                  127.0.0.1 (subjectAltName DNS and IP); served by aiosmtpd and by
#                                  ScriptedSmtpServer in its TLS modes
#   selfsigned.pem, selfsigned.key unrelated self-signed certificate for the same names, for the
#                                  "untrusted / bad certificate" tests (no CA vouches for it)
#   otherhost.pem, otherhost.key   signed by the test CA, but for "mail.example.test" only: a
#                                  trusted certificate for the wrong host name, whatever this
#                                  machine's own name resolves to
#
# Usage: sh tests/data/certs/generate.sh   (writes into the folder that holds this script)
set -eu
cd "$(dirname "$0")"

days=36500
san="subjectAltName=DNS:localhost,IP:127.0.0.1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Test CA.
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
    -keyout ca.key -out ca.pem \
    -subj "/O=Bulkmail Tests/CN=Bulkmail Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"

# Server certificate signed by the test CA.
openssl req -newkey rsa:2048 -nodes -sha256 \
    -keyout server.key -out "$tmp/server.csr" \
    -subj "/O=Bulkmail Tests/CN=localhost"
cat > "$tmp/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
$san
EXT
openssl x509 -req -sha256 -days "$days" -in "$tmp/server.csr" \
    -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial "$tmp/ca.srl" \
    -extfile "$tmp/server.ext" -out server.pem

# Signed by the test CA for another host name only.
openssl req -newkey rsa:2048 -nodes -sha256 \
    -keyout otherhost.key -out "$tmp/otherhost.csr" \
    -subj "/O=Bulkmail Tests/CN=mail.example.test"
sed 's/^subjectAltName=.*/subjectAltName=DNS:mail.example.test/' "$tmp/server.ext" > "$tmp/otherhost.ext"
openssl x509 -req -sha256 -days "$days" -in "$tmp/otherhost.csr" \
    -CA ca.pem -CAkey ca.key -CAserial "$tmp/ca.srl" \
    -extfile "$tmp/otherhost.ext" -out otherhost.pem

# Unrelated self-signed certificate for the same names.
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
    -keyout selfsigned.key -out selfsigned.pem \
    -subj "/O=Bulkmail Tests Untrusted/CN=localhost" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "extendedKeyUsage=serverAuth" \
    -addext "$san"

chmod 0644 ./*.pem ./*.key
openssl verify -CAfile ca.pem server.pem otherhost.pem
