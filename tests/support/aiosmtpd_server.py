#!/usr/bin/python3
"""A real SMTP server (Debian's aiosmtpd 1.4) for Bulkmail's tests and the README demo.

Listens on 127.0.0.1 with a port chosen by the OS, prints exactly one line "READY <port>" to
stdout, and serves until SIGTERM or SIGINT. Run it with /usr/bin/python3: Debian's
python3-aiosmtpd is importable only by the system interpreter.

    /usr/bin/python3 tests/support/aiosmtpd_server.py --tls starttls \
        --auth-user demo --auth-password secret --record /tmp/received.jsonl

--auth-password may instead come from the environment variable AIOSMTPD_AUTH_PASSWORD.
--record appends one JSON object per line and flushes after each:
    {"event": "connect", "connection": N}
    {"event": "auth", "connection": N, "mechanism": "PLAIN", "success": true}
    {"event": "message", "connection": N, "index_in_connection": K, "mail_from": "...",
     "rcpt_tos": [...], "data": "<message as UTF-8 text>", "data_base64": "<exact bytes>"}
    {"event": "disconnect", "connection": N}
Connections count from 1, index_in_connection from 1. Passwords are never logged or recorded.
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

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

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


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert", default=os.path.join(CERT_DIR, "server.pem"))
    parser.add_argument("--key", default=os.path.join(CERT_DIR, "server.key"))
    parser.add_argument("--auth-user", default="")
    # The environment variable keeps the password out of `ps`; the option is for the README demo.
    parser.add_argument("--auth-password",
                        default=os.environ.get("AIOSMTPD_AUTH_PASSWORD", ""))
    parser.add_argument("--auth-only", choices=["PLAIN", "LOGIN"], default=None,
                        help="offer only this AUTH mechanism (default: PLAIN and LOGIN)")
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
    use_auth = bool(arguments.auth_user)
    handler = RecordingHandler(recorder, use_auth)
    authenticator = (Authenticator(recorder, arguments.auth_user, arguments.auth_password)
                     if use_auth else None)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return CountingSMTP(
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
            auth_exclude_mechanism=(["LOGIN", "PLAIN"] if not use_auth
                                    else [m for m in ("LOGIN", "PLAIN") if m != arguments.auth_only]
                                    if arguments.auth_only else None),
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
