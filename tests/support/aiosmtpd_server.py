#!/usr/bin/python3
"""A real SMTP server (Debian's aiosmtpd 1.4) for Bulkmail's tests and the README demo.

Listens on 127.0.0.1 with a port chosen by the OS, prints exactly one line "READY <port>" to
stdout, and serves until SIGTERM or SIGINT. Run it with /usr/bin/python3: Debian's
python3-aiosmtpd is importable only by the system interpreter.

    /usr/bin/python3 tests/support/aiosmtpd_server.py --tls starttls \
        --auth-user demo --auth-password secret --record /tmp/received.jsonl

--auth-password may instead come from the environment variable AIOSMTPD_AUTH_PASSWORD.

--oauth-tokens FILE offers SASL XOAUTH2 and OAUTHBEARER (RFC 7628) and accepts only the access
tokens listed in FILE, one JSON object a line, re-read on every AUTH (the last line for a token
wins, so appending {"token": T, "user": U, "expires": 0} expires T):
    {"token": "...", "user": "a@example.org", "expires": <unix seconds>, "scope": "..."}
"scope" is optional; when given it must contain --oauth-scope (default https://mail.google.com/).
A refused token gets the error challenge Gmail sends, 334 base64({"status": "401", "schemes":
"Bearer", "scope": ...}) ("400" for a token of another user, "403" for a missing scope;
OAUTHBEARER uses RFC 6750 codes: invalid_token, invalid_request, insufficient_scope), and after
the client's answer (an empty line for XOAUTH2, %x01 for OAUTHBEARER) the final
"535 5.7.8 Username and Password not accepted". Tokens may be long: lines up to 16 KiB are read.

--record appends one JSON object per line and flushes after each:
    {"event": "connect", "connection": N}
    {"event": "auth", "connection": N, "mechanism": "PLAIN", "success": true}
    {"event": "auth", "connection": N, "mechanism": "XOAUTH2", "success": false, "user": "...",
     "failure": "expired|unknown|wrong-user|scope|malformed", "challenge_answer": "empty|x01|other"}
    {"event": "message", "connection": N, "index_in_connection": K, "mail_from": "...",
     "rcpt_tos": [...], "data": "<message as UTF-8 text>", "data_base64": "<exact bytes>"}
    {"event": "disconnect", "connection": N}
Connections count from 1, index_in_connection from 1. Passwords and tokens are never logged or
recorded.
"""

import argparse
import asyncio
import base64
import json
import logging
import os
import signal
import ssl
import sys
import warnings

import time

from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword

CERT_DIR = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "certs"))


class Recorder:
    """Appends events as JSON lines; flushes each line so a test can read it at once."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8") if path else None

    def write(self, **event):
        if self._file is None:
            return
        self._file.write(json.dumps(event, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None


class RecordingHandler:
    def __init__(self, recorder, use_auth):
        self._recorder = recorder
        self._use_auth = use_auth

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # aiosmtpd advertises "AUTH" whenever TLS is up (or not required), even with no
        # mechanism to offer; a server without credentials must not announce AUTH at all.
        session.host_name = hostname
        if self._use_auth:
            return responses
        return [line for line in responses if not line.startswith("250-AUTH")]

    async def handle_DATA(self, server, session, envelope):
        server.message_count += 1
        content = envelope.original_content or b""
        self._recorder.write(
            event="message",
            connection=server.connection_id,
            index_in_connection=server.message_count,
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            data=content.decode("utf-8", errors="replace"),
            data_base64=base64.b64encode(content).decode("ascii"))
        return "250 2.0.0 Message accepted for delivery"


class Authenticator:
    """Checks one user name and password; records the attempt without the secret."""

    def __init__(self, recorder, username, password):
        self._recorder = recorder
        self._username = username.encode("utf-8")
        self._password = password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        success = (isinstance(auth_data, LoginPassword)
                   and auth_data.login == self._username
                   and auth_data.password == self._password)
        self._recorder.write(event="auth", connection=server.connection_id,
                             mechanism=mechanism, success=success)
        return AuthResult(success=success, handled=False)


class OAuthTokens:
    """The token file: re-read on every check, so a test can add, expire and revoke tokens."""

    def __init__(self, path, scope):
        self._path = path
        self.scope = scope

    def _read(self):
        tokens = {}
        try:
            with open(self._path, encoding="utf-8") as file:
                for line in file:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(entry, dict) and "token" in entry:
                        tokens[entry["token"]] = entry
        except OSError:
            pass
        return tokens

    def check(self, user, token):
        """None when the token is good for user, else why not."""
        entry = self._read().get(token)
        if entry is None:
            return "unknown"
        if float(entry.get("expires", 0)) <= time.time():
            return "expired"
        if entry.get("user", "") != user:
            return "wrong-user"
        if "scope" in entry and self.scope not in entry["scope"].split():
            return "scope"
        return None


class OAuthHandler(RecordingHandler):
    """RecordingHandler plus the XOAUTH2 and OAUTHBEARER mechanisms (aiosmtpd finds auth_*)."""

    XOAUTH2_STATUS = {"expired": "401", "unknown": "401", "wrong-user": "400", "scope": "403",
                      "malformed": "400"}
    BEARER_STATUS = {"expired": "invalid_token", "unknown": "invalid_token",
                     "wrong-user": "invalid_request", "scope": "insufficient_scope",
                     "malformed": "invalid_request"}

    def __init__(self, recorder, tokens):
        super().__init__(recorder, True)
        self._tokens = tokens

    async def auth_XOAUTH2(self, server, args):
        return await self._authenticate(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server, args):
        return await self._authenticate(server, args, "OAUTHBEARER")

    @staticmethod
    def _parse(mechanism, response):
        """(user, token) from an initial response, or None."""
        fields = response.split(b"\x01")
        if len(fields) < 3 or fields[-1] != b"" or fields[-2] != b"":
            return None
        if mechanism == "XOAUTH2":
            header, pairs = None, fields[:-2]
            user = next((f[5:] for f in pairs if f.startswith(b"user=")), None)
        else:
            # RFC 7628 §3.1: gs2-header "n,a=<saslname>," (",": =2C, "=": =3D), then kvpairs.
            header, pairs = fields[0], fields[1:-2]
            parts = header.split(b",")
            if len(parts) != 3 or parts[0] not in (b"n", b"y") or not parts[1].startswith(b"a="):
                return None
            user = parts[1][2:].replace(b"=2C", b",").replace(b"=3D", b"=")
        auth = next((f[5:] for f in pairs if f.startswith(b"auth=")), None)
        if user is None or auth is None or not auth.startswith(b"Bearer "):
            return None
        return user.decode("utf-8", "replace"), auth[7:].decode("utf-8", "replace")

    async def _authenticate(self, server, args, mechanism):
        if len(args) == 1:
            response = await server.challenge_auth("", encode_to_b64=False)  # "334 "
            if response is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                response = base64.b64decode(args[1].encode(), validate=True)
            except ValueError:
                await server.push("501 5.5.2 Cannot decode response")
                return AuthResult(success=False, handled=True)
        parsed = self._parse(mechanism, response)
        failure = "malformed" if parsed is None else self._tokens.check(*parsed)
        user = parsed[0] if parsed else ""
        if failure is None:
            self._recorder.write(event="auth", connection=server.connection_id,
                                 mechanism=mechanism, success=True, user=user)
            return AuthResult(success=True, auth_data=user)
        # Gmail: the error challenge, then the final reply after the client's answer.
        status = (self.XOAUTH2_STATUS if mechanism == "XOAUTH2" else self.BEARER_STATUS)[failure]
        challenge = json.dumps({"status": status, "schemes": "Bearer",
                                "scope": self._tokens.scope}, separators=(",", ":"))
        answer = await server.challenge_auth(challenge)
        kind = ("missing" if answer is MISSING else "empty" if answer == b""
                else "x01" if answer == b"\x01" else "other")
        self._recorder.write(event="auth", connection=server.connection_id, mechanism=mechanism,
                             success=False, user=user, failure=failure, challenge_answer=kind)
        if answer is MISSING:
            return AuthResult(success=False, handled=True)  # challenge_auth answered 501
        await server.push("535-5.7.8 Username and Password not accepted. Learn more at\r\n"
                          "535 5.7.8  https://support.google.com/mail/?p=BadCredentials - "
                          "bulkmail-aiosmtpd")
        return AuthResult(success=False, handled=True)


class CountingSMTP(SMTP):
    """aiosmtpd's SMTP, numbering connections and the messages on each.

    connection_made() runs again after STARTTLS on the same connection (aiosmtpd swaps the
    transport), so only the first call counts; connection_lost() runs once per connection.
    """

    next_connection_id = 0
    recorder = None

    def connection_made(self, transport):
        if not hasattr(self, "connection_id"):
            CountingSMTP.next_connection_id += 1
            self.connection_id = CountingSMTP.next_connection_id
            self.message_count = 0
            self.recorder.write(event="connect", connection=self.connection_id)
        super().connection_made(transport)

    def connection_lost(self, error):
        if not getattr(self, "disconnect_recorded", False) and hasattr(self, "connection_id"):
            self.disconnect_recorded = True
            self.recorder.write(event="disconnect", connection=self.connection_id)
        super().connection_lost(error)


class OAuthCountingSMTP(CountingSMTP):
    """Reads lines up to 16 KiB: an access token sent after an empty 334 may be a few KiB."""

    line_length_limit = 16384


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert", default=os.path.join(CERT_DIR, "server.pem"))
    parser.add_argument("--key", default=os.path.join(CERT_DIR, "server.key"))
    parser.add_argument("--auth-user", default="")
    # The environment variable keeps the password out of `ps`; the option is for the README demo.
    parser.add_argument("--auth-password",
                        default=os.environ.get("AIOSMTPD_AUTH_PASSWORD", ""))
    parser.add_argument("--auth-only", choices=["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"],
                        default=None,
                        help="offer only this AUTH mechanism (default: every one configured)")
    parser.add_argument("--oauth-tokens", default="",
                        help="offer XOAUTH2 and OAUTHBEARER with the access tokens in this file")
    parser.add_argument("--oauth-scope", default="https://mail.google.com/")
    parser.add_argument("--record", default="")
    parser.add_argument("--quiet", action="store_true")
    arguments = parser.parse_args()
    if bool(arguments.auth_user) != bool(arguments.auth_password):
        parser.error("--auth-user and --auth-password go together")
    return arguments


def main():
    arguments = parse_arguments()
    # aiosmtpd logs every command at INFO level (with AUTH lines sanitised, but keep it quiet
    # anyway) and warns about its own deprecated login_data on every successful AUTH.
    logging.basicConfig(level=logging.ERROR if arguments.quiet else logging.WARNING,
                        stream=sys.stderr, format="aiosmtpd_server: %(message)s")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    # "Requiring AUTH while not requiring TLS" is deliberate for plain-text test servers.
    warnings.simplefilter("ignore")

    tls_context = None
    if arguments.tls != "none":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(arguments.cert, arguments.key)

    recorder = Recorder(arguments.record)
    CountingSMTP.recorder = recorder
    use_password = bool(arguments.auth_user)
    use_oauth = bool(arguments.oauth_tokens)
    use_auth = use_password or use_oauth
    if use_oauth:
        handler = OAuthHandler(recorder, OAuthTokens(arguments.oauth_tokens, arguments.oauth_scope))
    else:
        handler = RecordingHandler(recorder, use_auth)
    authenticator = (Authenticator(recorder, arguments.auth_user, arguments.auth_password)
                     if use_password else None)
    offered = ((["PLAIN", "LOGIN"] if use_password else [])
               + (["XOAUTH2", "OAUTHBEARER"] if use_oauth else []))
    if arguments.auth_only:
        offered = [arguments.auth_only]
    excluded = [m for m in ("PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER") if m not in offered]
    protocol = OAuthCountingSMTP if use_oauth else CountingSMTP

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return protocol(
            handler,
            hostname="bulkmail-aiosmtpd",  # avoids socket.getfqdn(), slow without DNS
            tls_context=tls_context if arguments.tls == "starttls" else None,
            require_starttls=arguments.tls == "starttls",
            authenticator=authenticator,
            auth_required=use_auth,
            # With STARTTLS, AUTH waits for TLS. aiosmtpd cannot see implicit TLS (it sits
            # below the protocol object), so there and on a plain-text server AUTH is allowed
            # at once.
            auth_require_tls=arguments.tls == "starttls",
            auth_exclude_mechanism=excluded,
            loop=loop)

    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=0,
        ssl=tls_context if arguments.tls == "implicit" else None))
    port = server.sockets[0].getsockname()[1]

    stop = loop.create_future()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, lambda: stop.done() or stop.set_result(None))

    sys.stdout.write(f"READY {port}\n")
    sys.stdout.flush()
    if not arguments.quiet:
        print(f"aiosmtpd_server: listening on 127.0.0.1:{port}, tls={arguments.tls}, "
              f"auth={'on' if use_auth else 'off'}", file=sys.stderr, flush=True)

    try:
        loop.run_until_complete(stop)
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        recorder.close()
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
