#!/usr/bin/python3
"""Says what a CTest run skipped, and why, from the log CTest keeps of its last run.

    .ci/skip-summary.py LABEL BUILD_DIR [LABEL BUILD_DIR ...]

Reads BUILD_DIR/Testing/Temporary/LastTest.log (every test's whole output, passed or not) and
prints, per run: the suites CTest counted as skipped (their SKIP_REGULAR_EXPRESSION matched, as
bulkmail_add_test sets for a skipped initTestCase(); CTest's log does not mark a SKIP_RETURN_CODE
skip, so the project does not use that), then every QtTest function or data row that skipped
inside a suite that passed ("SKIP   : Class::function(row) reason"), grouped by reason. A green
run is only as good as what it did not skip: this makes the skips visible at the end of
.ci/run. Exit status 0 always (skips are reported, not judged), 1 only when a log is missing.
"""
import collections
import os
import re
import sys

TEST_START = re.compile(r"^\d+/\d+ Test: (?P<name>.+)$")
QT_SKIP = re.compile(r"^SKIP   : (?P<where>\S+?\(.*?\)) ?(?P<reason>.*)$")
SUITE_SKIPPED = "Skip regular expression found in output"


def parse(log_path):
    """Yields (test name, whole-suite skipped, [(function, reason)]) for each test in the log."""
    name, skips, whole = None, [], False
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            started = TEST_START.match(line)
            if started:
                if name is not None:
                    yield name, whole, skips
                name, skips, whole = started.group("name"), [], False
                continue
            skipped = QT_SKIP.match(line)
            if skipped:
                skips.append((skipped.group("where"), skipped.group("reason").strip()))
            elif SUITE_SKIPPED in line:
                whole = True
    if name is not None:
        yield name, whole, skips


def summarise(label, build_dir):
    log_path = os.path.join(build_dir, "Testing", "Temporary", "LastTest.log")
    if not os.path.exists(log_path):
        print(f"{label}: no CTest log at {log_path}")
        return False
    tests = list(parse(log_path))
    suites = [(name, skips) for name, whole, skips in tests if whole]
    by_reason = collections.defaultdict(list)
    for name, whole, skips in tests:
        if whole:
            continue
        for where, reason in skips:
            by_reason[reason or "(no reason given)"].append(f"{name}: {where}")
    functions = sum(len(places) for places in by_reason.values())
    print(f"{label}: {len(tests)} suites run; {len(suites)} skipped whole; "
          f"{functions} test functions or rows skipped inside the others")
    for name, skips in suites:
        reason = skips[0][1] if skips else "(see its output)"
        print(f"  skipped suite {name}: {reason}")
    for reason, places in sorted(by_reason.items(), key=lambda item: -len(item[1])):
        print(f"  {len(places)} skipped: {reason}")
        for place in places[:5]:
            print(f"      {place}")
        if len(places) > 5:
            print(f"      ... and {len(places) - 5} more")
    return True


def main(arguments):
    if len(arguments) < 2 or len(arguments) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    found = True
    for index in range(0, len(arguments), 2):
        found &= summarise(arguments[index], arguments[index + 1])
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
