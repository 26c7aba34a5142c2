#!/usr/bin/python3
"""A local OAuth2 authorization server for Bulkmail's tests (no internet needed).

Listens on 127.0.0.1 with a port chosen by the OS, prints exactly one line "READY <port>" to
stdout, and serves until SIGTERM or SIGINT. Standard library only (http.server).

    /usr/bin/python3 tests/support/oauth_server.py --client-id bulkmail-test \
        --user ada@example.org --tokens /tmp/tokens.jsonl [--access-token-lifetime 3600] \
        [--rotate] [--no-id-token]

Endpoints (RFC 6749 with PKCE, RFC 7636, for a native app with a loopback redirect, RFC 8252):
  GET  /authorize  checks response_type=code, client_id, a loopback http redirect_uri, state, and a
                   S256 code_challenge; then "approves" at once: 302 to
                   redirect_uri?code=...&state=... (codes look like Google's, "4/...", so that a
                   client that mangles "/" in the query fails). An error is a 400 page, since an
                   unchecked redirect_uri must not receive a redirect.
  POST /token      grant_type=authorization_code (code used once, same redirect_uri and client_id,
                   code_verifier whose S256 matches the challenge, else 400 invalid_grant) and
                   grant_type=refresh_token (an unknown or revoked refresh token: 400 invalid_grant;
                   --rotate issues a new refresh token each time and revokes the old one). The reply
                   holds access_token, token_type, expires_in, refresh_token, scope and, unless
                   --no-id-token, an unsigned id_token whose claims carry "email" and
                   "preferred_username".
  POST /revoke     token=<refresh token> (RFC 7009): revokes it; always 200.
  POST /introspect token=<access token> (RFC 7662), as a mail server (Dovecot's passdb oauth2)
                   asks it: {"active": true, "username", "email", "exp", "scope"} for a token it
                   issued that has not expired, else {"active": false}.
  POST /refuse-access-tokens  from now on every access token introspects as inactive (the
                   account lost access to the mailbox, or the token lacks its scope).
  POST /unavailable-token-requests  count=<n>: the next n /token requests are answered 503 with
                   no body (the provider's outage), then it answers as before.
  GET  /stats      JSON counters: {"authorize", "codeGrants", "refreshGrants", "rejected",
                   "revoked", "introspections", "inactive", "unavailable"} for the tests' assertions.

Every access token issued is appended to the --tokens file as one JSON line
    {"token": "...", "user": "...", "expires": <Unix time in seconds>}
and flushed at once: the format aiosmtpd_server.py --oauth-tokens reads to accept XOAUTH2.
Tokens are never printed.
"""

import argparse
import base64
import hashlib
import http.server
import ipaddress
import json
import secrets
import signal
import sys
import threading
import time
import urllib.parse


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def is_loopback_redirect(uri):
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme != "http" or parsed.fragment:
        return False
    host = parsed.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.codes = {}           # code -> dict(client_id, redirect_uri, challenge, scope)
        self.refresh_tokens = {}  # refresh token -> dict(scope); removed when revoked
        self.stats = {"authorize": 0, "codeGrants": 0, "refreshGrants": 0, "rejected": 0,
                      "revoked": 0, "introspections": 0, "inactive": 0, "unavailable": 0}
        self.access_tokens = {}   # access token -> dict(user, expires, scope)
        self.refuse_access_tokens = False
        self.unavailable_token_requests = 0  # the next so many /token requests get a 503
        self.tokens_file = open(args.tokens, "a", encoding="utf-8") if args.tokens else None

    def issue(self, scope, refresh_token=None):
        access_token = "at-" + secrets.token_urlsafe(24)
        expires = time.time() + self.args.access_token_lifetime
        self.access_tokens[access_token] = {"user": self.args.user, "expires": expires,
                                            "scope": scope}
        if self.tokens_file is not None:
            self.tokens_file.write(json.dumps(
                {"token": access_token, "user": self.args.user, "expires": expires}) + "\n")
            self.tokens_file.flush()
        if refresh_token is None or self.args.rotate:
            if refresh_token is not None:
                self.refresh_tokens.pop(refresh_token, None)
            refresh_token = "rt-" + secrets.token_urlsafe(24)
            self.refresh_tokens[refresh_token] = {"scope": scope}
        reply = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": self.args.access_token_lifetime,
            "refresh_token": refresh_token,
            "scope": scope,
        }
        if not self.args.no_id_token:
            header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
            claims = b64url(json.dumps({
                "iss": "bulkmail-test-oauth", "aud": self.args.client_id,
                "email": self.args.user, "preferred_username": self.args.user,
                "iat": int(time.time())}).encode())
            reply["id_token"] = header + "." + claims + "."
        return reply


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "BulkmailTestOAuth/1"

    def log_message(self, format, *args):  # quiet: the tests read stdout for READY only
        pass

    @property
    def state(self):
        return self.server.state

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_text(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def oauth_error(self, error, description, status=400):
        with self.state.lock:
            self.state.stats["rejected"] += 1
        self.send_json(status, {"error": error, "error_description": description})

    def read_form(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        return {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/authorize":
            self.authorize(dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)))
        elif url.path == "/stats":
            with self.state.lock:
                self.send_json(200, dict(self.state.stats))
        else:
            self.send_text(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/token":
            self.token(self.read_form())
        elif url.path == "/introspect":
            self.introspect(self.read_form())
        elif url.path == "/refuse-access-tokens":
            with self.state.lock:
                self.state.refuse_access_tokens = True
            self.send_text(200, "")
        elif url.path == "/unavailable-token-requests":
            form = self.read_form()
            with self.state.lock:
                self.state.unavailable_token_requests = int(form.get("count", "1"))
            self.send_text(200, "")
        elif url.path == "/revoke":
            form = self.read_form()
            with self.state.lock:
                if self.state.refresh_tokens.pop(form.get("token", ""), None) is not None:
                    self.state.stats["revoked"] += 1
            self.send_text(200, "")
        else:
            self.send_text(404, "not found")

    def introspect(self, form):
        with self.state.lock:
            self.state.stats["introspections"] += 1
            entry = self.state.access_tokens.get(form.get("token", ""))
            if entry is None or entry["expires"] <= time.time() \
                    or self.state.refuse_access_tokens:
                self.state.stats["inactive"] += 1
                reply = {"active": False}
            else:
                reply = {"active": True, "username": entry["user"], "email": entry["user"],
                         "exp": int(entry["expires"]), "scope": entry["scope"]}
        self.send_json(200, reply)

    def authorize(self, query):
        args = self.state.args
        problems = []
        if query.get("response_type") != "code":
            problems.append("response_type must be code")
        if query.get("client_id") != args.client_id:
            problems.append("unknown client_id")
        redirect_uri = query.get("redirect_uri", "")
        if not is_loopback_redirect(redirect_uri):
            problems.append("redirect_uri must be a loopback http URI (RFC 8252 7.3)")
        if not query.get("state"):
            problems.append("state missing")
        if query.get("code_challenge_method") != "S256":
            problems.append("code_challenge_method must be S256")
        challenge = query.get("code_challenge", "")
        if len(challenge) != 43:
            problems.append("code_challenge missing or not a base64url SHA-256")
        if problems:
            with self.state.lock:
                self.state.stats["rejected"] += 1
            self.send_text(400, "; ".join(problems))
            return
        code = "4/" + secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.stats["authorize"] += 1
            self.state.codes[code] = {"client_id": args.client_id, "redirect_uri": redirect_uri,
                                      "challenge": challenge, "scope": query.get("scope", "")}
        target = redirect_uri + ("&" if "?" in redirect_uri else "?") + urllib.parse.urlencode(
            {"code": code, "state": query["state"]})
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def token(self, form):
        args = self.state.args
        with self.state.lock:
            unavailable = self.state.unavailable_token_requests > 0
            if unavailable:
                self.state.unavailable_token_requests -= 1
                self.state.stats["unavailable"] += 1
        if unavailable:  # a provider's outage or overload: no OAuth error, try again later
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        grant = form.get("grant_type")
        if form.get("client_id") != args.client_id:
            self.oauth_error("invalid_client", "unknown client_id", 401)
            return
        with self.state.lock:
            if grant == "authorization_code":
                entry = self.state.codes.pop(form.get("code", ""), None)  # a code works once
                if entry is None:
                    reply = ("invalid_grant", "unknown or used authorization code")
                elif form.get("redirect_uri") != entry["redirect_uri"]:
                    reply = ("invalid_grant", "redirect_uri differs from the authorization request")
                elif b64url(hashlib.sha256(form.get("code_verifier", "").encode("ascii")).digest()) \
                        != entry["challenge"]:
                    reply = ("invalid_grant", "PKCE verification failed (code_verifier)")
                else:
                    self.state.stats["codeGrants"] += 1
                    reply = self.state.issue(entry["scope"])
            elif grant == "refresh_token":
                token = form.get("refresh_token", "")
                entry = self.state.refresh_tokens.get(token)
                if entry is None:
                    reply = ("invalid_grant", "the refresh token is revoked or unknown")
                else:
                    self.state.stats["refreshGrants"] += 1
                    reply = self.state.issue(entry["scope"], token)
            else:
                reply = ("unsupported_grant_type", "grant_type %r" % grant)
        if isinstance(reply, tuple):
            self.oauth_error(*reply)
        else:
            self.send_json(200, reply)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client-id", default="bulkmail-test")
    parser.add_argument("--user", default="ada@example.org")
    parser.add_argument("--tokens", help="JSON-lines file every issued access token is added to")
    parser.add_argument("--access-token-lifetime", type=int, default=3600)
    parser.add_argument("--rotate", action="store_true", help="new refresh token on each refresh")
    parser.add_argument("--no-id-token", action="store_true")
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
