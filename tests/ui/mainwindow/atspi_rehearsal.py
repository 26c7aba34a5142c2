#!/usr/bin/python3
"""What a screen reader reads during a rehearsal, through the real accessibility bus.

Starts the desktop app (`bulkmail --sample`) on a private X server and D-Bus session, with Qt's
AT-SPI bridge on, and walks it with pyatspi, the library Orca reads applications with: the
summary before the start, the confirmation, what the status line announces while the rehearsal
runs (from the bus's own events), and every counter and row status after it, each read as a
screen reader reads it (name, then description). It also checks the label relations of the
account page's combo boxes, which a screen reader needs to name them.

Usage: atspi_rehearsal.py PATH/TO/bulkmail
Exits 77 (skipped, with the reason) only when AT-SPI cannot run here at all: no pyatspi, no
at-spi bus launcher, no Xvfb or dbus-run-session. Anything else that goes wrong fails.
"""

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
# The inner run's exit code when the app could not connect to the X server the outer run started
# (seen now and then on a loaded machine, with the server alive): the outer run starts a new
# server and tries again, at most XServerAttempts times in all.
NO_DISPLAY = 75
XServerAttempts = 3
INNER = "BULKMAIL_ATSPI_INNER"


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def start_x_server():
    """A private X server on a display number it picks itself (-displayfd: the server binds the
    first free number and writes it when it accepts connections). xvfb-run's -a guesses a free
    number and starts the server afterwards, so two suites starting X servers at the same moment
    could race for one number, and the app then aborted with "could not connect to display".
    Returns the server's process and its display name."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 60
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 1.0)
        if ready:
            chunk = os.read(read_end, 16)
            if not chunk:  # the server ended before it had a display
                break
            number += chunk
    os.close(read_end)
    if not number.strip().isdigit():
        server.kill()
        _, errors = server.communicate()
        fail("Xvfb did not start: " + errors.decode(errors="replace").strip()[-500:])
    return server, ":" + number.strip().decode()


def outer(app):
    """Re-runs this script inside a private X server and D-Bus session."""
    for tool in ("Xvfb", "dbus-run-session"):
        if shutil.which(tool) is None:
            skip(tool + " is not installed (Debian: xvfb, dbus)")
    if not any(os.path.exists(p) for p in ("/usr/libexec/at-spi-bus-launcher",
                                            "/usr/lib/at-spi2-core/at-spi-bus-launcher")):
        skip("at-spi-bus-launcher is not installed (Debian: at-spi2-core)")
    try:
        import pyatspi  # noqa: F401
    except ImportError:
        skip("pyatspi is not importable by " + sys.executable + " (Debian: python3-pyatspi)")
    for attempt in range(1, XServerAttempts + 1):
        server, display = start_x_server()
        try:
            env = dict(os.environ, **{INNER: "1", "DISPLAY": display})
            env.pop("WAYLAND_DISPLAY", None)
            command = ["dbus-run-session", "--", sys.executable, os.path.abspath(__file__), app]
            result = subprocess.call(command, env=env)
        finally:
            alive = server.poll() is None
            server.terminate()
            try:
                _, errors = server.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                _, errors = server.communicate()
        if result != NO_DISPLAY:
            return result
        print("RETRY %d/%d: the app could not connect to the X server on %s (the server was %s; "
              "its last words: %r)" % (attempt, XServerAttempts, display,
                                       "running" if alive else "gone",
                                       errors.decode(errors="replace").strip()[-300:]))
    fail("the app could not connect to a private X server %d times in a row" % XServerAttempts)


class Reader:
    """Finds accessibles in the app's tree and reads them as a screen reader does."""

    def __init__(self, pyatspi, application):
        self.pyatspi = pyatspi
        self.application = application

    def all(self, predicate, root=None):
        found = []
        stack = [root or self.application]
        while stack:
            node = stack.pop()
            try:
                if predicate(node):
                    found.append(node)
                stack.extend(child for child in node if child is not None)
            except Exception:  # a node that went away while walking
                continue
        return found

    def one(self, role, name, root=None):
        matches = self.all(lambda n: n.getRoleName() == role and n.name == name, root)
        if not matches:
            fail("no %s named %r" % (role, name))
        return matches[0]

    def value(self, label_name):
        """What a screen reader says for a value label: "Remaining, 36"."""
        label = self.one("label", label_name)
        return label.description

    def press(self, button):
        action = button.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("Press", "press", "click", "Click"):
                action.doAction(i)
                return
        action.doAction(0)

    def showing(self, node):
        return node.getState().contains(self.pyatspi.STATE_SHOWING)


def wait_until(what, condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    fail("timed out waiting for " + what)


def expect(what, actual, expected):
    if actual != expected:
        fail("%s: read %r, expected %r" % (what, actual, expected))
    print("PASS: %s reads %r" % (what, actual))


def expect_start(what, actual, prefix):
    if not actual.startswith(prefix):
        fail("%s: read %r, expected it to start with %r" % (what, actual, prefix))
    print("PASS: %s reads %r" % (what, actual))


class App:
    """The desktop app with the sample campaign, in a language, with a home of its own."""

    def __init__(self, pyatspi, path, language):
        self.home = tempfile.mkdtemp(prefix="bulkmail-atspi-")
        runtime = os.path.join(self.home, "runtime")
        os.mkdir(runtime, 0o700)
        env = dict(os.environ,
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   QT_QPA_PLATFORM="xcb", HOME=self.home,
                   XDG_CONFIG_HOME=os.path.join(self.home, "config"),
                   XDG_DATA_HOME=os.path.join(self.home, "data"),
                   XDG_CACHE_HOME=os.path.join(self.home, "cache"),
                   XDG_RUNTIME_DIR=runtime, LANG=language + ".UTF-8",
                   LANGUAGE=language.split("_")[0])
        # The app's messages go to a file, read when it ends early (and shown there).
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen([path, "--sample"], env=env, stderr=self.errors)
        desktop = pyatspi.Registry.getDesktop(0)

        def find_app():
            if self.process.poll() is not None:
                said = self.messages()
                print(said)
                if "could not connect to display" in said:
                    sys.exit(NO_DISPLAY)
                fail("the app ended (exit code %d) before it showed on the accessibility bus"
                     % self.process.returncode)
            for candidate in desktop:
                if candidate is not None and candidate.get_process_id() == self.process.pid:
                    return candidate
            return None

        try:
            self.reader = Reader(pyatspi, wait_until("the app on the accessibility bus",
                                                     find_app))
        except SystemExit:
            self.close()
            raise

    def messages(self):
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.close()
        shutil.rmtree(self.home, ignore_errors=True)


def read_the_guide(reader, menu_item_name):
    """Opens Help > Getting Started from the menu and returns the guide's text."""
    item = reader.one("menu item", menu_item_name)
    reader.press(item)
    def guide_text():
        # The guide is a read-only text in a dialog; a screen reader reads it through its Text
        # interface.
        for dialog in reader.all(lambda n: n.getRoleName() == "dialog"):
            for node in reader.all(lambda n: n is not dialog, dialog):
                try:
                    text = node.queryText()
                except NotImplementedError:
                    continue
                if text.characterCount > 200:
                    return text.getText(0, text.characterCount)
        return None

    return wait_until("the guide", guide_text)


def in_chinese(pyatspi, path):
    """The same first steps in Simplified Chinese: the panel, the summary, the guide."""
    app = App(pyatspi, path, "zh_CN")
    try:
        reader = app.reader
        first_steps = wait_until("the first-steps panel",
                                 lambda: next(iter(reader.all(
                                     lambda n: n.getRoleName() == "label"
                                     and n.name == "\u5165\u95e8\u6b65\u9aa4")), None))
        expect_start("入门步骤 (first steps)", first_steps.description, "第一次使用 Bulkmail？")
        summary = wait_until("the checked summary",
                             lambda: (lambda d: d if "发件箱" in d else None)(
                                 reader.value("发送摘要")))
        expect_start("发送摘要 (send summary)", summary, "36 封邮件将被保存在发件箱中；不投递任何邮件。")
        guide = read_the_guide(reader, "入门(G)")
        for heading in ("什么是演练？", "为什么要复用连接？", "键盘快捷键"):
            if heading not in guide:
                fail("the Chinese guide lacks %r: %r" % (heading, guide[:400]))
        print("PASS: the Chinese guide reads %r…" % guide[:60])
    finally:
        app.close()


def inner(path):
    import pyatspi
    from gi.repository import GLib

    app = App(pyatspi, path, "en_US")
    try:
        reader = app.reader
        wait_until("the sample campaign",
                   lambda: reader.all(lambda n: n.getRoleName() == "frame"
                                      and "sample" in (n.name or "")))

        # Before: the summary says where the messages go, the counters what is left.
        summary = wait_until("the checked summary",
                             lambda: (lambda d: d if "Outbox" in d else None)(
                                 reader.value("Send summary")))
        expect_start("Send summary", summary,
                     "36 messages will be captured in the Outbox; nothing is delivered.")
        expect("Sending status", reader.value("Sending status"), "Not sent yet.")
        expect("Remaining", reader.value("Remaining"), "36")
        expect("Rate", reader.value("Rate"), "\u2014")
        # The send view's button (the toolbar has its twin, a tool button with the same words).
        starts = reader.all(lambda n: n.getRoleName() == "push button"
                            and n.name == "Start Rehearsal\u2026"
                            and n.parent.getRoleName() != "tool bar")
        if not starts:
            fail("no Start Rehearsal button in the send view")
        start = starts[0]
        expect_start("Start Rehearsal (its description)", start.description,
                     "Check the campaign, confirm, and rehearse it")
        first_steps = reader.one("label", "First steps")
        if not reader.showing(first_steps):
            fail("the first-steps panel is not shown before the first rehearsal")

        # The account page's combo boxes: on Linux a combo box's name is its current item, so a
        # screen reader names the field through its labelled-by relation.
        for label_text in ("Provider:", "Security:", "Sign in with:"):
            label = reader.one("label", label_text)
            targets = [relation.getTarget(i)
                       for relation in label.getRelationSet()
                       if relation.getRelationType() == pyatspi.RELATION_LABEL_FOR
                       for i in range(relation.getNTargets())]
            if not any(t.getRoleName() == "combo box" for t in targets):
                fail("%r labels no combo box" % label_text)
            combo = next(t for t in targets if t.getRoleName() == "combo box")
            labelled_by = [relation.getTarget(i).name
                           for relation in combo.getRelationSet()
                           if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
                           for i in range(relation.getNTargets())]
            if label_text not in labelled_by:
                fail("the combo box %r is labelled by %r, not by %r"
                     % (combo.name, labelled_by, label_text))
            print("PASS: the combo box %r is labelled by %r" % (combo.name, labelled_by))

        # While it runs: what the status line announces, as the bus delivers it.
        announced = []

        def on_description(event):
            try:
                if event.source.name == "Sending status":
                    announced.append(event.source.description)
            except Exception:
                pass

        pyatspi.Registry.registerEventListener(on_description,
                                               "object:property-change:accessible-description")

        def run_loop_until(what, condition, timeout=30.0):
            deadline = time.monotonic() + timeout
            context = GLib.MainContext.default()
            while time.monotonic() < deadline:
                while context.pending():
                    context.iteration(False)
                if condition():
                    return
                time.sleep(0.02)
            fail("timed out waiting for " + what)

        reader.press(start)
        # The confirmation says what a rehearsal does before anything happens.
        dialogs = []

        def confirmation():
            dialogs[:] = reader.all(lambda n: n.getRoleName() in ("dialog", "alert")
                                    and n.name == "Start Rehearsal")
            return bool(dialogs)

        run_loop_until("the confirmation", confirmation)
        texts = [n.name for n in reader.all(lambda n: n.getRoleName() == "label", dialogs[0])]
        if not any("Nothing is delivered" in t for t in texts):
            fail("the confirmation does not say that nothing is delivered: %r" % texts)
        print("PASS: the confirmation reads %r" % [t for t in texts if t])
        reader.press(reader.one("push button", "Rehearse", dialogs[0]))

        run_loop_until("the end of the rehearsal",
                       lambda: reader.value("Sending status").startswith("Rehearsed"))
        # Let the last events arrive.
        run_loop_until("the last announcement",
                       lambda: any(a.startswith("Rehearsed") for a in announced), 10.0)
        pyatspi.Registry.deregisterEventListener(on_description,
                                                 "object:property-change:accessible-description")
        if not any(a.startswith("Rehearsing: ") for a in announced):
            fail("the status line never announced the rehearsal while it ran: %r" % announced)
        print("PASS: the status line announced %r" % announced)

        # After: the words of a rehearsal, never of a delivery.
        expect_start("Sending status", reader.value("Sending status"),
                     "Rehearsed: 36 messages captured in the Outbox, nothing delivered.")
        expect("Captured in the Outbox", reader.value("Captured in the Outbox"), "36")
        expect("Failed", reader.value("Failed"), "0")
        expect("Remaining", reader.value("Remaining"), "0")
        expect("Time left", reader.value("Time left"), "\u2014")
        cells = reader.all(lambda n: n.getRoleName() == "table cell"
                           and n.name in ("Sent", "Rehearsed"))
        statuses = sorted(set(c.name for c in cells))
        expect("the recipients' Status cells", statuses, ["Rehearsed"])
        if reader.showing(first_steps):
            fail("the first-steps panel is still shown after the first rehearsal")
        print("PASS: the first-steps panel is gone after the first rehearsal")
        guide = read_the_guide(reader, "Getting Started")
        for heading in ("What is a rehearsal?", "Why reuse connections?", "Keyboard shortcuts"):
            if heading not in guide:
                fail("the guide lacks %r: %r" % (heading, guide[:400]))
        print("PASS: the guide reads %r…" % guide[:60])
    finally:
        app.close()
    in_chinese(pyatspi, path)
    return 0


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    app = os.path.abspath(sys.argv[1])
    if os.environ.get(INNER) != "1":
        return outer(app)
    return inner(app)


if __name__ == "__main__":
    sys.exit(main())
