#!/usr/bin/python3
"""Bulkmail's reproducible throughput benchmark: bulkmail-cli against Postfix's smtp-source.

Sends small (about 2 KiB) messages to Postfix's smtp-sink on loopback and times, in the same
run and interleaved, Postfix's smtp-source (one session, no pipelining: the C reference) on the
same sink, so the result is a ratio that survives a noisy machine. Scenarios:

  loopback       smtp-source -d -s 1; bulkmail-cli with one connection, rate unlimited and
                 maxMessagesPerConnection 0 (no limit) and 50. Repeated --repeat times,
                 interleaved (source, engine 0, engine 50, then the order turns); medians
                 reported. Once per --placements entry: "same" pins client and sink to one
                 CPU (round trips nearly free: CPU per message decides), "apart" to two CPUs
                 (every round trip wakes the other CPU: round trips decide).
  proxy 0 ms     the same three through bench/latency_proxy.py with no delay, once each, to
                 count round trips per message on loopback (the proxy slows them down, so
                 these rates are not the loopback figures).
  proxy 10 ms    the same three through the proxy with 10 ms added each way, once each, with
                 --latency-messages messages.
  starttls+auth  bulkmail-cli against tests/support/aiosmtpd_server.py (STARTTLS + AUTH PLAIN,
                 Python, so server-bound), limit 0 and 50, --tls-messages messages; once
                 more through the 0 ms proxy for round trips.

Per run it records messages per second (messages / wall time of the whole process, start-up
and file loading included), connections and logins (from bulkmail-cli's summary event), CPU
seconds (user + sys of the client process, from wait4), peak RSS (GNU time's %M), and
the CPU the sink used meanwhile (from /proc/<pid>/schedstat). Every run must deliver every message:
the script checks bulkmail-cli's exit status and summary and smtp-sink's own message counter.

    /usr/bin/python3 bench/run_bench.py                 # the full benchmark (about 3 minutes)
    /usr/bin/python3 bench/run_bench.py --quick         # CI smoke test (about 40 s)
    /usr/bin/python3 bench/run_bench.py --gui-stall --quick   # bench/guistall's smoke run

Exit status: 0 ran (and, without --quick, every target met; with --quick, the loopback ratio
against smtp-source, client and server on two CPUs, stayed at or above 1.1×); 1 something broke (a failed send, a crash, a
missing tool); 3 the benchmark ran but a target (with --quick, that floor) was missed. Standard library
only; run it with /usr/bin/python3 (the aiosmtpd scenario needs Debian's python3-aiosmtpd).
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
PROXY_SCRIPT = os.path.join(BENCH_DIR, "latency_proxy.py")
AIOSMTPD_SCRIPT = os.path.join(REPO_DIR, "tests", "support", "aiosmtpd_server.py")
CA_CERTIFICATE = os.path.join(REPO_DIR, "tests", "data", "certs", "ca.pem")
SMTP_SINK = "/usr/sbin/smtp-sink"
SMTP_SOURCE = "/usr/sbin/smtp-source"
GNU_TIME = "/usr/bin/time"
PYTHON = "/usr/bin/python3"

SENDER = "sender@example.org"
SOURCE_RECIPIENT = "r@example.org"
SOURCE_HELO = "bench.example.org"
# smtp-source's -l counts the payload only (each LF one byte; CRLF on the wire); with its own
# headers (about 130 bytes) -l 1942 puts as many bytes on the wire per message as the
# engine's composed message (about 2 KiB): the proxy's byte counts show both.
SOURCE_PAYLOAD = 1942
BODY_LINE = "The quick brown fox jumps over the lazy dog while the benchmark sends mail."
BODY_LINES = 22  # with the greeting and the composer's headers, about 2 KiB per message

AUTH_USER = "bench"
AUTH_PASSWORD = "bench-password"

ORDER = ["source", "engine0", "engine50"]
ALL_CPUS = sorted(os.sched_getaffinity(0))
PLACEMENTS = {"same": "client and server on one CPU", "apart": "client and server on two CPUs",
              "free": "unpinned"}

TARGET_LOOPBACK_RATIO = 1.5
# --quick asserts one figure: the README's ratio against smtp-source, measured in the same run,
# may not fall far below its claim (a ratio survives a noisy machine; absolute rates do not).
# 1.1: on 2026-12-06 the same machine gave one-CPU medians of 1.20 to 1.29 for both the code of
# that day and the day before, run after run (and single rounds down to 1.02), so 1.2 failed
# CI with nothing changed; losing connection reuse, the regression this guards, falls well
# below 1.0.
QUICK_RATIO_FLOOR = 1.1
# The placement whose ratio --quick asserts: client and server on two CPUs, where round trips set
# the rate, so that losing connection reuse or pipelining shows at once. On one CPU the rate is
# CPU per message, which depends on the machine more than on the code: on 2026-12-07 a machine
# of the same kind gave one-CPU medians of 0.88 to 0.92 (rounds 0.86 to 1.24; the client's CPU per
# message 3.5 to 4.6 times the bench machine's, smtp-source's 1.5 to 2.3 times), 0.89 for the CLI
# of 7b10c39 that CI had passed, and 1.96 to 2.19 on two CPUs. The one-CPU ratio is still reported.
QUICK_FLOOR_PLACEMENT = "apart"
TARGET_ROTATION_COST = 0.02
TARGET_ROUND_TRIPS = 1.1


class BenchError(Exception):
    """Something broke: a tool is missing, a process crashed or a message was not delivered."""


# --- processes ------------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{what} exited at start with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise BenchError(f"{what} did not listen on port {port} within {timeout} s")


def read_ready_line(process, what, timeout=15.0):
    """Reads "READY <port>" from a helper's stdout (aiosmtpd_server.py, latency_proxy.py)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise BenchError(f"{what} exited at start with status {process.wait()}")
        match = re.match(r"READY (\d+)", line)
        if match:
            return int(match.group(1))
    raise BenchError(f"{what} did not print READY within {timeout} s")


def stop_process(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def process_cpu_seconds(pid):
    """CPU time of a running process: /proc/<pid>/schedstat (nanoseconds on the CPU), else
    user + system from /proc/<pid>/stat (in clock ticks, usually 10 ms)."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as schedstat:
            return int(schedstat.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class SmtpSink:
    """Postfix's smtp-sink on 127.0.0.1 with its running message counter (-c) in a file."""

    def __init__(self, workdir):
        self.counter_path = os.path.join(workdir, "smtp-sink.counters")
        self.port = free_port()
        command = [SMTP_SINK, "-c"]
        if os.geteuid() == 0:
            command += ["-u", "nobody"]
        command += [f"127.0.0.1:{self.port}", "1024"]
        self._counter_file = open(self.counter_path, "wb")
        self.process = subprocess.Popen(command, stdout=self._counter_file,
                                        stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, "smtp-sink")

    def messages_received(self):
        """The sink's cumulative count of messages (updated when it reads the final dot)."""
        self._counter_file.flush()
        with open(self.counter_path, "rb") as counters:
            counters.seek(0, os.SEEK_END)
            counters.seek(max(0, counters.tell() - 4096))
            found = re.findall(rb"mesg=(\d+)", counters.read())
        return int(found[-1]) if found else 0

    def cpu_seconds(self):
        return process_cpu_seconds(self.process.pid)

    def stop(self):
        stop_process(self.process)
        self._counter_file.close()


class AiosmtpdServer:
    """tests/support/aiosmtpd_server.py with STARTTLS required and AUTH required."""

    def __init__(self):
        environment = dict(os.environ, AIOSMTPD_AUTH_PASSWORD=AUTH_PASSWORD)
        self.process = subprocess.Popen(
            [PYTHON, AIOSMTPD_SCRIPT, "--tls", "starttls", "--auth-user", AUTH_USER, "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment)
        self.port = read_ready_line(self.process, "aiosmtpd_server.py")

    def cpu_seconds(self):
        return process_cpu_seconds(self.process.pid)

    def stop(self):
        stop_process(self.process)


class LatencyProxy:
    """bench/latency_proxy.py in front of a server; stop() returns its round-trip counts."""

    def __init__(self, upstream_port, delay_ms):
        self.process = subprocess.Popen(
            [PYTHON, PROXY_SCRIPT, "--upstream", f"127.0.0.1:{upstream_port}",
             "--delay-ms", str(delay_ms)],
            stdout=subprocess.PIPE, text=True)
        self.port = read_ready_line(self.process, "latency_proxy.py")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        output, _ = self.process.communicate(timeout=30)
        lines = [line for line in output.splitlines() if line.startswith("{")]
        if self.process.returncode != 0 or not lines:
            raise BenchError(f"latency_proxy.py failed (status {self.process.returncode})")
        return json.loads(lines[-1])


def run_timed(command, log_path, timeout, environment=None, cpus=None):
    """Runs a command to completion; returns (status, wall seconds, CPU seconds, peak RSS KiB).

    wait4() gives the CPU time of this one child. The peak RSS comes from GNU time's %M when
    /usr/bin/time exists: a child forked from this Python process starts as a copy of it, and
    Linux keeps that copy's high-water mark in the child's ru_maxrss across exec, so wait4's
    figure is never below this script's own RSS (about 15 MiB; smtp-source really needs ~1).
    GNU time forks the command from a small process, so its figure is the command's own.
    A command that outlives timeout seconds is killed (a hang is a failure, not a slow
    result). cpus, when given, pins the command (all its threads) to those CPUs.
    """
    rss_path = log_path + ".rss"
    wrapped = ([GNU_TIME, "-f", "%M", "-o", rss_path] + command
               if os.access(GNU_TIME, os.X_OK) else command)
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
        process = subprocess.Popen(wrapped, stdout=log, stderr=subprocess.STDOUT,
                                   env=environment, preexec_fn=pin)
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if wall >= timeout:
        raise BenchError(f"{command[0]} did not finish within {timeout:.0f} s; see {log_path}")
    peak_rss = usage.ru_maxrss
    if wrapped is not command:
        try:
            with open(rss_path, encoding="utf-8") as rss:
                peak_rss = int(rss.read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return process.returncode, wall, usage.ru_utime + usage.ru_stime, peak_rss


def timeout_for(messages):
    """Generous: smtp-source needs 4 round trips (80 ms) per message at 10 ms each way."""
    return 60 + 0.2 * messages


# --- campaign files ---------------------------------------------------------------------------


def message_text():
    # Personalised as a newsletter is: the greeting and the To header carry the recipient's name,
    # so every message is merged and composed anew.
    lines = [f"{BODY_LINE} {index:02d}" for index in range(BODY_LINES)]
    return "Dear {{name}},\n\n" + "\n".join(lines) + "\n"


def write_campaign(path, port, messages, limit, security="none", username=""):
    server = {"host": "127.0.0.1", "port": port, "security": security}
    if username:
        server["username"] = username
        server["trustCertificate"] = CA_CERTIFICATE
    campaign = {
        "format": "bulkmail-campaign",
        "version": 1,
        "name": f"Benchmark, {messages} messages, limit {limit}",
        "server": server,
        "sending": {
            "maxConnections": 1,
            "maxMessagesPerConnection": limit,
            "maxConnectionAgeSeconds": 0,
            "ratePerSecond": 0,
            "ratePerMinute": 0,
            "ratePerDay": 0,
            "delayBetweenMessagesMs": 0,
            "maxAttempts": 1,
        },
        "message": {
            "from": f"Bulkmail Benchmark <{SENDER}>",
            "subject": "Benchmark message",
            "text": message_text(),
        },
        "recipients": [{"email": f"r{index}@example.org", "name": f"Recipient {index}"}
                       for index in range(1, messages + 1)],
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(campaign, file)


# --- scenarios --------------------------------------------------------------------------------


class Runner:
    def __init__(self, arguments, workdir):
        self.arguments = arguments
        self.workdir = workdir
        self.counter = 0
        self.environment = dict(os.environ, BULKMAIL_PASSWORD=AUTH_PASSWORD,
                                XDG_DATA_HOME=os.path.join(workdir, "xdg-data"),
                                XDG_CONFIG_HOME=os.path.join(workdir, "xdg-config"),
                                XDG_CACHE_HOME=os.path.join(workdir, "xdg-cache"))
        self.campaigns = {}
        self.client_cpus = None  # set by a placement: the CPUs the clients may run on

    def campaign(self, port, messages, limit, security="none", username=""):
        key = (port, messages, limit, security, username)
        if key not in self.campaigns:
            path = os.path.join(self.workdir, f"campaign-{len(self.campaigns) + 1}.bulkmail")
            write_campaign(path, port, messages, limit, security, username)
            self.campaigns[key] = path
        return self.campaigns[key]

    def next_log(self, name):
        self.counter += 1
        return os.path.join(self.workdir, f"{self.counter:03d}-{name}.log")

    def engine(self, port, messages, limit, server, sink=None, security="none", username=""):
        """One bulkmail-cli run; checks that every message went out."""
        campaign = self.campaign(port, messages, limit, security, username)
        events = self.next_log("events")
        log = self.next_log("bulkmail-cli")
        # Every run sends the whole campaign: without this the send journal beside the campaign
        # file would make the next run resume with nothing left to send.
        for stale in (campaign + ".journal", campaign + ".journal.previous"):
            if os.path.exists(stale):
                os.remove(stale)
        received_before = sink.messages_received() if sink else None
        server_cpu_before = server.cpu_seconds()
        status, wall, cpu, rss = run_timed(
            [self.arguments.cli, "send", campaign, "--events", events], log,
            timeout_for(messages), self.environment, self.client_cpus)
        server_cpu = server.cpu_seconds() - server_cpu_before
        summary = None
        try:
            with open(events, encoding="utf-8") as lines:
                for line in lines:
                    event = json.loads(line)
                    if event.get("type") == "summary":
                        summary = event
        except (OSError, ValueError) as error:
            raise BenchError(f"bulkmail-cli (status {status}) left no readable events: "
                             f"{error}; see {log}") from error
        if status != 0 or summary is None or summary["sent"] != messages:
            raise BenchError(f"bulkmail-cli failed (status {status}, summary {summary}); "
                             f"see {log} and {events}")
        if sink is not None:
            received = sink.messages_received() - received_before
            if received != messages:
                raise BenchError(f"smtp-sink counted {received} messages, expected {messages}")
        return {"client": "bulkmail-cli", "limit": limit, "messages": messages,
                "seconds": wall, "rate": messages / wall, "engine_seconds": summary["seconds"],
                "connections": summary["connections"], "logins": summary["logins"],
                "cpu": cpu, "rss_kib": rss, "server_cpu": server_cpu}

    def source(self, port, messages, sink, one_session=True):
        """One smtp-source run: one session (-d -s 1), no pipelining; without one_session a
        session per message (-s 1), to price a session."""
        log = self.next_log("smtp-source")
        received_before = sink.messages_received()
        server_cpu_before = sink.cpu_seconds()
        status, wall, cpu, rss = run_timed(
            [SMTP_SOURCE] + (["-d"] if one_session else []) +
            ["-s", "1", "-m", str(messages), "-l", str(SOURCE_PAYLOAD),
             "-M", SOURCE_HELO, "-f", SENDER, "-t", SOURCE_RECIPIENT, f"127.0.0.1:{port}"], log,
            timeout_for(messages), cpus=self.client_cpus)
        server_cpu = sink.cpu_seconds() - server_cpu_before
        received = sink.messages_received() - received_before
        if status != 0 or received != messages:
            raise BenchError(f"smtp-source failed (status {status}, sink counted {received} of "
                             f"{messages}); see {log}")
        return {"client": "smtp-source", "limit": 0, "messages": messages, "seconds": wall,
                "rate": messages / wall, "connections": 1, "logins": 0, "cpu": cpu,
                "rss_kib": rss, "server_cpu": server_cpu}

    def through_proxy(self, upstream_port, delay_ms, run):
        """Runs run(proxy_port) through a fresh proxy; adds the proxy's counts to the result."""
        proxy = LatencyProxy(upstream_port, delay_ms)
        try:
            result = run(proxy.port)
        finally:
            counts = proxy.stop()
        messages = result["messages"]
        result.update(delay_ms=delay_ms, round_trips=counts["round_trips"],
                      round_trips_per_message=counts["round_trips"] / messages,
                      client_bytes_per_message=counts["client_bytes"] / messages,
                      proxy_connections=counts["connections"])
        return result


def median_result(runs):
    """The median of each figure over repeated runs of one scenario."""
    merged = dict(runs[0])
    for key in ("seconds", "rate", "engine_seconds", "cpu", "rss_kib", "server_cpu"):
        if key in merged:
            merged[key] = statistics.median(run[key] for run in runs)
    merged["rates"] = [run["rate"] for run in runs]
    merged["cpus"] = [run["cpu"] for run in runs]
    merged["server_cpus"] = [run["server_cpu"] for run in runs]
    return merged


def log(message):
    print(message, file=sys.stderr, flush=True)


def placement_cpus(placement):
    """(client CPUs, server CPUs) of a placement; None for the client means unpinned."""
    first, second = ALL_CPUS[0], ALL_CPUS[-1]
    if placement == "same":
        return {first}, {first}
    if placement == "apart":
        return {second}, {first}
    return None, set(ALL_CPUS)


def loopback_rounds(arguments, runner, sink, placement):
    """smtp-source, limit 0 and limit 50, --repeat rounds, interleaved so that slow phases of
    a busy machine hit every client alike; the order turns each round, so no client always
    runs first or right after another."""
    n = arguments.messages
    rounds = []
    for round_index in range(arguments.repeat):
        order = ORDER[round_index % len(ORDER):] + ORDER[:round_index % len(ORDER)]
        log(f"loopback ({PLACEMENTS[placement]}) round {round_index + 1}/{arguments.repeat}: "
            f"{', '.join(order)} ({n} messages each)")
        runs = {}
        for key in order:
            runs[key] = (runner.source(sink.port, n, sink) if key == "source" else
                         runner.engine(sink.port, n, 0 if key == "engine0" else 50, sink, sink))
        rounds.append(runs)
    # What one SMTP session costs on this placement, client, server and kernel together, with
    # the leanest client there is: smtp-source with a session per message against one session.
    # Rotating every 50 messages cannot cost less than this per extra connection.
    m = max(100, min(n, 2000))
    session_costs = []
    for _ in range(arguments.repeat):
        single = runner.source(sink.port, m, sink)
        per_message = runner.source(sink.port, m, sink, one_session=False)
        session_costs.append((per_message["seconds"] - single["seconds"]) / (m - 1))
    return {
        "medians": {key: median_result([round_[key] for round_ in rounds])
                    for key in ("source", "engine0", "engine50")},
        "session_cost": statistics.median(session_costs),
        "session_costs": session_costs,
        "rounds": rounds,
        "ratios": {
            "engine0_vs_source": [r["engine0"]["rate"] / r["source"]["rate"] for r in rounds],
            "engine50_vs_source": [r["engine50"]["rate"] / r["source"]["rate"] for r in rounds],
            "rotation_cost": [1 - r["engine50"]["rate"] / r["engine0"]["rate"] for r in rounds],
            "rotation_cpu": [r["engine50"]["cpu"] / r["engine0"]["cpu"] - 1 for r in rounds],
        },
    }


def run_all(arguments, workdir):
    runner = Runner(arguments, workdir)
    results = {"placements": {}, "proxy0": {}, "proxy10": {}, "tls": {}, "tls_proxy0": {}}
    n = arguments.messages
    sink = SmtpSink(workdir)
    try:
        for placement in arguments.placements:
            client_cpus, server_cpus = placement_cpus(placement)
            os.sched_setaffinity(sink.process.pid, server_cpus)
            runner.client_cpus = client_cpus
            results["placements"][placement] = loopback_rounds(arguments, runner, sink,
                                                               placement)
        os.sched_setaffinity(sink.process.pid, ALL_CPUS)
        runner.client_cpus = None

        for delay_ms, messages, key in ((0, n, "proxy0"),
                                        (10, arguments.latency_messages, "proxy10")):
            log(f"through the proxy, {delay_ms} ms each way ({messages} messages each)")
            results[key]["source"] = runner.through_proxy(
                sink.port, delay_ms, lambda port: runner.source(port, messages, sink))
            for limit in (0, 50):
                results[key][f"engine{limit}"] = runner.through_proxy(
                    sink.port, delay_ms,
                    lambda port, limit=limit: runner.engine(port, messages, limit, sink, sink))
    finally:
        sink.stop()

    if arguments.tls_messages > 0:
        m = arguments.tls_messages
        server = AiosmtpdServer()
        try:
            log(f"STARTTLS + AUTH against aiosmtpd ({m} messages each)")
            for limit in (0, 50):
                runs = [runner.engine(server.port, m, limit, server, security="starttls",
                                      username=AUTH_USER) for _ in range(arguments.repeat)]
                results["tls"][f"engine{limit}"] = median_result(runs)
            for limit in (0, 50):
                results["tls_proxy0"][f"engine{limit}"] = runner.through_proxy(
                    server.port, 0,
                    lambda port, limit=limit: runner.engine(port, m, limit, server,
                                                            security="starttls",
                                                            username=AUTH_USER))
        finally:
            server.stop()
    return results


# --- report -----------------------------------------------------------------------------------


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def build_type(cli):
    """CMAKE_BUILD_TYPE of the build tree holding cli, or "" when it is not in one."""
    directory = os.path.dirname(cli)
    while directory != os.path.dirname(directory):
        cache = os.path.join(directory, "CMakeCache.txt")
        if os.path.exists(cache):
            with open(cache, encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    if line.startswith("CMAKE_BUILD_TYPE:"):
                        return line.split("=", 1)[1].strip()
            return ""
        directory = os.path.dirname(directory)
    return ""


def machine_description():
    model = ""
    memory = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo
                          if line.startswith("model name")), "")
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
            memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    debian = ""
    if os.path.exists("/etc/debian_version"):
        with open("/etc/debian_version", encoding="ascii") as version:
            debian = version.read().strip()

    def package_version(name):
        return command_output(["dpkg-query", "-W", "-f=${Version}", name])

    return {
        "cpus": os.cpu_count(),
        "model": model,
        "memory": memory,
        "kernel": platform.release(),
        "debian": debian,
        "qt": package_version("libqt6core6"),
        "postfix": package_version("postfix"),
        "python": platform.python_version(),
        "aiosmtpd": package_version("python3-aiosmtpd"),
        "load": os.getloadavg(),
        "commit": command_output(["git", "-C", REPO_DIR, "rev-parse", "--short", "HEAD"]),
        "tree_modified": bool(command_output(["git", "-C", REPO_DIR, "status", "--porcelain",
                                              "--untracked-files=no"])),
    }


def format_row(name, result):
    rt = result.get("round_trips_per_message")
    rt_text = f"{rt:.3f}" if rt is not None else "–"
    return (f"| {name} | {result['messages']} | {result['rate']:,.0f} | "
            f"{result['connections']} | {rt_text} | {result['cpu']:.2f} | "
            f"{result['rss_kib'] / 1024:.1f} | {result['server_cpu']:.2f} | "
            f"{result['seconds']:.2f} |")


def listed(values, percent=False):
    return ", ".join(f"{value * 100:.1f} %" if percent else f"{value:,.2f}" for value in values)


def micros(result, key):
    return result[key] / result["messages"] * 1e6


def placement_report(placement, data):
    """The per-round table of one placement and its figures for the targets."""
    lines = [f"Loopback rounds, {PLACEMENTS[placement]} (each row: three runs seconds apart, "
             "in the order shown):", "",
             "| round | order | smtp-source msg/s | limit 0 msg/s | limit 50 msg/s | "
             "limit 0 / source | limit 50 cost | client CPU µs/msg source, 0, 50 | "
             "sink CPU µs/msg source, 0, 50 |",
             "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for index, round_ in enumerate(data["rounds"]):
        source, engine0, engine50 = round_["source"], round_["engine0"], round_["engine50"]
        order = "/".join({"source": "s", "engine0": "0", "engine50": "50"}[key]
                         for key in round_)
        lines.append(
            f"| {index + 1} | {order} | {source['rate']:,.0f} | {engine0['rate']:,.0f} | "
            f"{engine50['rate']:,.0f} | {engine0['rate'] / source['rate']:.2f} | "
            f"{(1 - engine50['rate'] / engine0['rate']) * 100:.1f} % | "
            + ", ".join(f"{micros(run, 'cpu'):.0f}" for run in (source, engine0, engine50))
            + " | "
            + ", ".join(f"{micros(run, 'server_cpu'):.0f}" for run in (source, engine0, engine50))
            + " |")
    medians = data["medians"]
    ratios = data["ratios"]
    connection_cpu = statistics.median(
        (r["engine50"]["cpu"] - r["engine0"]["cpu"])
        / max(1, r["engine50"]["connections"] - r["engine0"]["connections"])
        for r in data["rounds"]) * 1e6
    rotation_cpu = statistics.median(ratios["rotation_cpu"])
    lines.append("")
    lines.append(f"Rotation in CPU ({placement}): limit 50 uses {rotation_cpu * 100:.1f} % more "
                 f"client CPU than limit 0 (median of rounds), about {connection_cpu:.0f} µs "
                 "per extra connection")
    # The least any client could pay for its extra connections at bulkmail's own rate.
    engine0 = medians["engine0"]
    extra_connections = medians["engine50"]["connections"] - engine0["connections"]
    floor_seconds = data["session_cost"] * extra_connections
    rotation_floor = floor_seconds / (engine0["seconds"] + floor_seconds)
    lines.append(f"A session of smtp-source (connect, HELO, one message, QUIT) costs "
                 f"{data['session_cost'] * 1e6:.0f} µs more than a message in its one session "
                 f"({placement}; per run: "
                 + ", ".join(f"{cost * 1e6:.0f}" for cost in data["session_costs"])
                 + f" µs): {extra_connections} such sessions would add "
                 f"{rotation_floor * 100:.1f} % to the limit-0 run")
    lines.append("")
    figures = {
        "ratio": statistics.median(ratios["engine0_vs_source"]),
        "ratios": ratios["engine0_vs_source"],
        "rotation": statistics.median(ratios["rotation_cost"]),
        "rotations": ratios["rotation_cost"],
        "engine_cpu": micros(medians["engine0"], "cpu"),
        "sink_cpu": micros(medians["engine0"], "server_cpu"),
        "rotation_floor": rotation_floor,
    }
    return lines, figures


def report(results, machine, arguments, quick):
    lines = [f"Machine: {machine['cpus']} CPUs, {machine['model']}, {machine['memory']}, "
             f"Debian {machine['debian']}, kernel {machine['kernel']}, Qt {machine['qt']}, "
             f"Postfix {machine['postfix']}, Python {machine['python']}, "
             f"aiosmtpd {machine['aiosmtpd']}",
             f"Source: commit {machine['commit']}"
             + (" with uncommitted changes" if machine["tree_modified"] else "")
             + f"; bulkmail-cli {arguments.cli} "
             f"(build type {build_type(arguments.cli) or 'unknown'})",
             f"Load average at start: {machine['load'][0]:.2f} {machine['load'][1]:.2f} "
             f"{machine['load'][2]:.2f}; at end: "
             + " ".join(f"{value:.2f}" for value in os.getloadavg()),
             f"Repeats: {arguments.repeat} (loopback and STARTTLS rows are medians)", "",
             "| scenario | messages | msg/s | connections | round trips/msg | client CPU s | "
             "peak RSS MiB | server CPU s | wall s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    names = {"source": "smtp-source -d -s 1", "engine0": "bulkmail-cli, limit 0",
             "engine50": "bulkmail-cli, limit 50"}
    for placement, data in results["placements"].items():
        for key, result in data["medians"].items():
            lines.append(format_row(f"loopback, {PLACEMENTS[placement]}: {names[key]}", result))
    sections = (("proxy0", "proxy 0 ms"), ("proxy10", "proxy 10 ms each way"),
                ("tls", "aiosmtpd STARTTLS+AUTH"),
                ("tls_proxy0", "aiosmtpd STARTTLS+AUTH, proxy 0 ms"))
    for section, label in sections:
        for key, result in results.get(section, {}).items():
            lines.append(format_row(f"{label}: {names[key]}", result))
    lines.append("")

    figures = {}
    for placement, data in results["placements"].items():
        placement_lines, figures[placement] = placement_report(placement, data)
        lines += placement_lines

    latency = results["proxy10"]
    round_trips = latency["engine0"]["round_trips_per_message"]
    lines.append(f"Rotation at 10 ms each way (one run each): limit 50 costs "
                 f"{(1 - latency['engine50']['rate'] / latency['engine0']['rate']) * 100:.1f} % "
                 f"against limit 0 ({latency['engine0']['round_trips_per_message']:.3f} vs "
                 f"{latency['engine50']['round_trips_per_message']:.3f} round trips/message)")
    lines.append(f"Wire bytes per message (client to server, through the proxy): "
                 f"smtp-source {results['proxy0']['source']['client_bytes_per_message']:.0f}, "
                 f"bulkmail-cli {results['proxy0']['engine0']['client_bytes_per_message']:.0f}")
    if "engine0" in results.get("tls", {}):
        tls = results["tls"]
        lines.append(f"STARTTLS+AUTH logins: limit 0 {tls['engine0']['logins']}, "
                     f"limit 50 {tls['engine50']['logins']}")
    lines.append("")

    targets = []
    for placement, f in figures.items():
        where = PLACEMENTS[placement]
        targets += [
            (f"loopback ({where}): rate ≥ {TARGET_LOOPBACK_RATIO}× smtp-source",
             f"{f['ratio']:.2f}× (per round {listed(f['ratios'])})",
             f["ratio"] >= TARGET_LOOPBACK_RATIO),
            (f"loopback ({where}): rotating every 50 costs < {TARGET_ROTATION_COST * 100:.0f} %",
             f"{f['rotation'] * 100:.1f} % (per round {listed(f['rotations'], True)}); "
             f"smtp-source's sessions alone: {f['rotation_floor'] * 100:.1f} %",
             f["rotation"] < TARGET_ROTATION_COST),
        ]
    targets.append(
        (f"10 ms each way: ≤ {TARGET_ROUND_TRIPS} round trips/message, one reused connection",
         f"{round_trips:.3f}", round_trips <= TARGET_ROUND_TRIPS))
    for placement, f in figures.items():
        lines.append(f"For comparison ({PLACEMENTS[placement]}), CPU per message, limit 0: "
                     f"bulkmail-cli {f['engine_cpu']:.0f} µs, smtp-sink {f['sink_cpu']:.0f} µs")
    lines.append("")
    lines.append("| target | measured | met |\n|---|---|---|")
    for name, measured, met in targets:
        lines.append(f"| {name} | {measured} | {'yes' if met else 'NO'} |")
    asserted = [p for p in figures if p == QUICK_FLOOR_PLACEMENT] or list(figures)
    floors = [(f"loopback ({PLACEMENTS[placement]}): rate ≥ {QUICK_RATIO_FLOOR}× smtp-source",
               f"{figures[placement]['ratio']:.2f}×",
               figures[placement]["ratio"] >= QUICK_RATIO_FLOOR)
              for placement in asserted]
    if quick:
        lines.append("\n(--quick: small counts, the targets above reported but not asserted; "
                     "asserted, the floor below)\n")
        lines.append("| --quick floor | measured | met |\n|---|---|---|")
        for name, measured, met in floors:
            lines.append(f"| {name} | {measured} | {'yes' if met else 'NO'} |")
        return "\n".join(lines), all(met for _, _, met in floors)
    return "\n".join(lines), all(met for _, _, met in targets)


# --- main -------------------------------------------------------------------------------------


def default_cli():
    candidates = [os.path.join(os.path.dirname(REPO_DIR), "build-bench", "app", "bulkmail-cli",
                               "bulkmail-cli"),
                  os.path.join(REPO_DIR, "build", "app", "bulkmail-cli", "bulkmail-cli"),
                  "/work/build-bench/app/bulkmail-cli/bulkmail-cli"]
    return next((path for path in candidates if os.access(path, os.X_OK)), candidates[0])


def default_gui_stall():
    candidates = [os.path.join(os.path.dirname(REPO_DIR), "build-bench", "bench", "guistall",
                               "bench_guistall"),
                  os.path.join(REPO_DIR, "build", "bench", "guistall", "bench_guistall")]
    return next((path for path in candidates if os.access(path, os.X_OK)), candidates[0])


def run_gui_stall(arguments):
    """--gui-stall: runs bench/guistall's executable (the GUI thread's stalls while the main
    window sends to smtp-sink) instead of the CLI benchmark; its exit status is ours."""
    if not os.access(arguments.gui_stall_bin, os.X_OK):
        print(f"run_bench: {arguments.gui_stall_bin} is missing (cmake --build <dir> --target "
              "bench_guistall)", file=sys.stderr)
        return 1
    command = [arguments.gui_stall_bin, "--smtp-sink", SMTP_SINK]
    if arguments.quick:
        command.append("--quick")
    else:
        command += ["--messages", str(arguments.messages), "--runs", str(arguments.repeat)]
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        return subprocess.run(command, env=environment, timeout=timeout_for(arguments.messages)
                              * 4 * arguments.repeat, check=False).returncode
    except subprocess.TimeoutExpired:
        print("run_bench: FAILED: bench_guistall hung", file=sys.stderr)
        return 1


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=None,
                        help="messages per loopback run (default 10000; 2000 with --quick, enough "
                             "that start-up does not decide the ratio)")
    parser.add_argument("--latency-messages", type=int, default=None,
                        help="messages per run through the 10 ms proxy (default 1000; 50 quick)")
    parser.add_argument("--tls-messages", type=int, default=None,
                        help="messages per STARTTLS+AUTH run (default 2000; 200 quick; 0 skips)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per loopback and STARTTLS scenario, medians reported "
                             "(default 3, also with --quick: its ratio floor is asserted)")
    parser.add_argument("--quick", action="store_true",
                        help="CI smoke test: small counts; report the targets, assert only "
                             f"that the loopback ratio stays ≥ {QUICK_RATIO_FLOOR}× smtp-source")
    parser.add_argument("--placements", default=None,
                        help="comma-separated CPU placements of the loopback runs: same (client "
                             "and sink pinned to one CPU), apart (pinned to two CPUs), free "
                             "(unpinned); default same,apart (same on a one-CPU machine)")
    parser.add_argument("--cli", default=default_cli(), help="path to bulkmail-cli")
    parser.add_argument("--json", help="also write all results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--journal-on-disk", action="store_true",
                        help="keep the campaign and its send journal on disk (/tmp), not tmpfs: "
                             "includes the cost of syncing each in-flight line")
    parser.add_argument("--gui-stall", action="store_true",
                        help="run bench_guistall (the GUI thread's stalls while the main window "
                             "sends to smtp-sink) instead; with --quick a smoke run, otherwise "
                             "--messages and --repeat apply")
    parser.add_argument("--gui-stall-bin", default=default_gui_stall(),
                        help="path to bench_guistall (for --gui-stall)")
    arguments = parser.parse_args()
    defaults = {"messages": (10000, 2000), "latency_messages": (1000, 50),
                "tls_messages": (2000, 200), "repeat": (3, 3)}
    for name, (full, quick) in defaults.items():
        if getattr(arguments, name) is None:
            setattr(arguments, name, quick if arguments.quick else full)
    if arguments.messages < 1 or arguments.latency_messages < 1 or arguments.repeat < 1:
        parser.error("--messages, --latency-messages and --repeat must be at least 1")
    if arguments.placements is None:
        arguments.placements = "same,apart" if len(ALL_CPUS) > 1 else "same"
    arguments.placements = [name.strip() for name in arguments.placements.split(",")]
    unknown = [name for name in arguments.placements if name not in PLACEMENTS]
    if unknown or not arguments.placements:
        parser.error(f"--placements: unknown {', '.join(unknown)} (same, apart or free)")
    if "apart" in arguments.placements and len(ALL_CPUS) < 2:
        parser.error("--placements apart needs two CPUs")
    arguments.cli = os.path.abspath(arguments.cli)
    return arguments


def main():
    arguments = parse_arguments()
    if arguments.gui_stall:
        return run_gui_stall(arguments)
    for tool in (arguments.cli, SMTP_SINK, SMTP_SOURCE, PYTHON):
        if not os.access(tool, os.X_OK):
            print(f"run_bench: {tool} is missing (build bulkmail-cli, install postfix)",
                  file=sys.stderr)
            return 1
    machine = machine_description()
    if build_type(arguments.cli) not in ("Release", "RelWithDebInfo"):
        print(f"run_bench: warning: {arguments.cli} is not a Release build; its figures say "
              "little", file=sys.stderr)
    # The campaign and its send journal go on tmpfs unless asked otherwise: the journal syncs its
    # in-flight line before every final dot (fdatasync), which on this machine's disk costs more
    # than the rest of a message together, and smtp-source, the yardstick, records nothing.
    # --journal-on-disk measures that cost (bench/README.md: "The send journal on disk").
    shm = "/dev/shm"
    on_tmpfs = not arguments.journal_on_disk and os.path.isdir(shm) and os.access(shm, os.W_OK)
    workdir = tempfile.mkdtemp(prefix="bulkmail-bench-", dir=shm if on_tmpfs else None)
    print(f"run_bench: campaign and journal in {workdir}"
          f" ({'tmpfs' if on_tmpfs else 'disk: every in-flight line is synced'})")
    os.chmod(workdir, 0o755)
    started = time.monotonic()
    try:
        results = run_all(arguments, workdir)
    except (BenchError, OSError) as error:
        print(f"run_bench: FAILED: {error}", file=sys.stderr)
        arguments.keep = True
        return 1
    finally:
        if arguments.keep:
            print(f"run_bench: files kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    text, all_met = report(results, machine, arguments, arguments.quick)
    print(text)
    print(f"\n(benchmark took {time.monotonic() - started:.0f} s)")
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as file:
            json.dump({"machine": machine, "arguments": vars(arguments), "results": results},
                      file, indent=2)
    if all_met:
        return 0
    print("run_bench: a target was missed" + (" (the --quick ratio floor)" if arguments.quick
                                              else ""), file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
