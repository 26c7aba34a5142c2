#!/usr/bin/python3
"""A TCP proxy that adds a fixed delay in each direction and counts SMTP round trips.

Listens on 127.0.0.1 (a port chosen by the OS unless --port is given), forwards every
connection to --upstream HOST:PORT, prints exactly one line "READY <port>" to stdout, and
serves until SIGTERM or SIGINT. It then prints one JSON object on one line to stdout with the
totals over all connections and exits:

    {"connections": N, "round_trips": N, "server_flights": N,
     "client_bytes": N, "server_bytes": N, "delay_ms": D}

Delay: every chunk read from one side is stamped on arrival and written to the other side
`delay` later. Each direction of each connection has its own queue and writer, so the delays
of the two directions overlap (a chunk is never held up by traffic going the other way) and
the order of the bytes is kept.

Round trips: a round trip is counted each time the client sends data after it has received
server data since its previous send; in other words, each client-to-server flight that follows
a server-to-client flight (the greeting included, so EHLO is the first round trip of every
connection). "Received" means the proxy has written the server's bytes to the client socket,
i.e. after the delay. A client that pipelines (RFC 2920) sends several commands in one flight
and so needs fewer round trips per message. Standard library only.

    /usr/bin/python3 bench/latency_proxy.py --upstream 127.0.0.1:2525 --delay-ms 10
"""

import argparse
import asyncio
import json
import signal
import sys

CHUNK_SIZE = 65536


class Totals:
    def __init__(self, delay_ms):
        self.delay_ms = delay_ms
        self.connections = 0
        self.round_trips = 0
        self.server_flights = 0
        self.client_bytes = 0
        self.server_bytes = 0

    def as_dict(self):
        return {
            "connections": self.connections,
            "round_trips": self.round_trips,
            "server_flights": self.server_flights,
            "client_bytes": self.client_bytes,
            "server_bytes": self.server_bytes,
            "delay_ms": self.delay_ms,
        }


class Connection:
    """One proxied connection: two directions, each a reader feeding a delayed writer."""

    def __init__(self, totals, delay):
        self.totals = totals
        self.delay = delay
        # Server bytes reached the client since the client's last send.
        self.server_data_delivered = False
        # The client sent since the server's last delivered bytes (for server flight counts).
        self.client_data_sent = True

    def on_client_chunk(self, size):
        self.totals.client_bytes += size
        if self.server_data_delivered:
            self.server_data_delivered = False
            self.totals.round_trips += 1
        self.client_data_sent = True

    def on_server_chunk_delivered(self, size):
        self.totals.server_bytes += size
        if self.client_data_sent:
            self.client_data_sent = False
            self.totals.server_flights += 1
        self.server_data_delivered = True

    async def pump(self, reader, writer, on_read, on_delivered):
        """Copies reader to writer, each chunk `delay` after it arrived, keeping order."""
        loop = asyncio.get_running_loop()
        queue = asyncio.Queue()

        async def deliver():
            while True:
                item = await queue.get()
                if item is None:
                    break
                due, data = item
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
                if on_delivered is not None:
                    on_delivered(len(data))
            if writer.can_write_eof():
                writer.write_eof()

        delivery = asyncio.create_task(deliver())
        try:
            while True:
                data = await reader.read(CHUNK_SIZE)
                if not data:
                    break
                if on_read is not None:
                    on_read(len(data))
                queue.put_nowait((loop.time() + self.delay, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait(None)
        try:
            await delivery
        except (ConnectionError, OSError):
            pass


async def handle_client(client_reader, client_writer, upstream, totals, delay):
    try:
        server_reader, server_writer = await asyncio.open_connection(*upstream)
    except OSError as error:
        print(f"latency_proxy: cannot reach upstream: {error}", file=sys.stderr, flush=True)
        client_writer.close()
        return
    totals.connections += 1
    connection = Connection(totals, delay)
    await asyncio.gather(
        connection.pump(client_reader, server_writer, connection.on_client_chunk, None),
        connection.pump(server_reader, client_writer, None, connection.on_server_chunk_delivered),
        return_exceptions=True)
    for writer in (client_writer, server_writer):
        writer.close()


def parse_upstream(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT")
    return host, int(port)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=parse_upstream, required=True, help="HOST:PORT")
    parser.add_argument("--delay-ms", type=float, default=10.0,
                        help="delay added in each direction (default 10)")
    parser.add_argument("--port", type=int, default=0, help="listening port (default: free)")
    arguments = parser.parse_args()

    totals = Totals(arguments.delay_ms)
    delay = arguments.delay_ms / 1000.0
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(asyncio.start_server(
        lambda r, w: handle_client(r, w, arguments.upstream, totals, delay),
        host="127.0.0.1", port=arguments.port, backlog=1024))
    port = server.sockets[0].getsockname()[1]

    stop = loop.create_future()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, lambda: stop.done() or stop.set_result(None))
    sys.stdout.write(f"READY {port}\n")
    sys.stdout.flush()
    try:
        loop.run_until_complete(stop)
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        sys.stdout.write(json.dumps(totals.as_dict()) + "\n")
        sys.stdout.flush()
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
