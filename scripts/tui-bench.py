#!/usr/bin/python3
"""Times FrontDesk's terminal UI end to end on a pseudo-terminal (test tooling).

Two figures, both read off the glass of a 120x40 xterm-256color pseudo-terminal
that this script owns and reads directly (every chunk of output is stamped with
time.perf_counter() as it arrives, before it is fed to pyte, a VT100 emulator):

  start-up   from just before the process is spawned to the chunk after which
             the screen first shows the complete lookup pane (the "Search"
             label, and "F10 Quit" on the bottom line, drawn last). One
             warm-up start is not counted.
  keystroke  from writing one character into the search field to the chunk
             after which the screen shows the results of exactly that prefix:
             the field holds the prefix (cursor after it), the status line
             the count `frontdesk patient search --json --limit 50` implies
             (and no "searching…") or "No patient matches", and each visible
             table row the hospital number it gives there (the first row the
             first result, unless the selection, kept on the same patient as
             the results change, has scrolled the table).

The expected screens are computed with the command line before any UI timing.
Keystrokes never overlap: after each one the screen must be quiet for 30 ms,
and must still show the same results. After each query Ctrl-U empties the
field. A keystroke not answered within --timeout counts as the timeout.

pyte 0.8 lacks SU/SD (CSI S/T), which ncurses uses to scroll the results
table, and REP/CBT; the Glass class below adds them (without SU the table
check fails, which is how it was found).

Usage (make bench runs it):
  /usr/bin/python3 scripts/tui-bench.py --frontdesk .build/release/frontdesk \\
      --db bench-data/bench-1000000.sqlite [--rounds 5] [--starts 20] [--json]

Needs Debian's python3-pyte. Prints "target met" or "MISSED" beside each
figure; exits non-zero only when the harness itself fails.
"""

import argparse
import collections
import errno
import fcntl
import json
import math
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time

try:
    import pyte
    from wcwidth import wcwidth
except ImportError:
    sys.exit("tui-bench: needs pyte (Debian: apt-get install python3-pyte; run with /usr/bin/python3)")

COLUMNS, LINES = 120, 40
F10 = b"\x1b[21~"
CTRL_U = b"\x15"
SEARCH_LIMIT = 50          # AppState.searchLimit
FIELD_WIDTH = 60           # the search field's width (AppState+Render.swift)
STARTUP_TARGET_MS = 100.0
KEY_MEDIAN_TARGET_MS = 20.0
KEY_P95_TARGET_MS = 50.0
QUIET = 0.030              # the screen is settled after this long without output
POLL = 0.005               # how long a pause must be to judge an in-between screen
HELD = 0.020               # an in-between screen held this long is reported


class HarnessError(Exception):
    pass


# --- the emulator -----------------------------------------------------------

class Glass(pyte.Screen):
    """pyte's screen plus what ncurses sends to xterm-256color and pyte 0.8
    lacks: REP (CSI n b, repeat the last character), SU and SD (CSI n S / T,
    scroll the region; ncurses scrolls the results table with them) and CBT
    (CSI n Z, back to an earlier tab stop)."""

    last_char = " "

    def draw(self, data):
        if data:
            self.last_char = data[-1]
        super().draw(data)

    def repeat_last(self, count=1, *rest, **kwargs):
        super().draw(self.last_char * max(1, count))

    def scroll_up(self, count=1, *rest, **kwargs):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        x, y = self.cursor.x, self.cursor.y
        self.cursor.y = bottom
        for _ in range(max(1, count)):
            self.index()
        self.cursor.x, self.cursor.y = x, y

    def scroll_down(self, count=1, *rest, **kwargs):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        x, y = self.cursor.x, self.cursor.y
        self.cursor.y = top
        for _ in range(max(1, count)):
            self.reverse_index()
        self.cursor.x, self.cursor.y = x, y

    def back_tab(self, count=1, *rest, **kwargs):
        for _ in range(max(1, count)):
            stops = [stop for stop in self.tabstops if stop < self.cursor.x]
            self.cursor.x = max(stops) if stops else 0


class GlassStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up", T="scroll_down", Z="back_tab")


def cells(screen, y, x0=0, x1=None):
    """The text of row y from column x0 to x1 (the stub after a wide character adds nothing)."""
    line = screen.buffer[y]
    return "".join(line[x].data for x in range(x0, screen.columns if x1 is None else x1))


def text_width(text):
    return sum(max(0, wcwidth(c)) for c in text)


# --- the process on its pseudo-terminal ---------------------------------------

def _take_terminal():
    # Runs in the child after setsid(): the pty becomes its controlling terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Reader(threading.Thread):
    """Reads the pty master as output arrives and stamps each chunk with
    time.perf_counter() at once, on its own thread, so that the time spent
    feeding earlier chunks to pyte never delays a stamp."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd = fd
        self.pieces = collections.deque()
        self.cond = threading.Condition()
        self.eof = False
        self.stop_r, self.stop_w = os.pipe()

    def run(self):
        while True:
            ready, _, _ = select.select([self.fd, self.stop_r], [], [])
            if self.stop_r in ready:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError as error:
                if error.errno != errno.EIO:
                    raise
                data = b""
            arrived = time.perf_counter()
            with self.cond:
                if data:
                    self.pieces.append((arrived, data))
                else:
                    self.eof = True
                self.cond.notify()
            if not data:
                return

    def take(self, timeout):
        """The chunks read so far, waiting up to `timeout` s for the first one."""
        with self.cond:
            if not self.pieces and not self.eof and timeout > 0:
                self.cond.wait(timeout)
            pieces = list(self.pieces)
            self.pieces.clear()
            return pieces

    def stop(self):
        os.write(self.stop_w, b"x")
        self.join()
        os.close(self.stop_r)
        os.close(self.stop_w)


class Session:
    """One frontdesk process on a pty of our own, and what its screen shows."""

    def __init__(self, binary, db):
        env = dict(os.environ)
        for name in ("COLUMNS", "LINES", "LC_ALL", "LC_CTYPE", "NO_COLOR"):
            env.pop(name, None)
        env.update(TERM="xterm-256color", LANG="C.UTF-8")
        self.screen = Glass(COLUMNS, LINES)
        self.stream = GlassStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.master = master
        self.reader = Reader(master)
        self.reader.start()
        self.chunks = 0
        self.bytes = 0
        self.first_output = None
        self.last_output = None
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen([binary, "--db", db], stdin=slave, stdout=slave, stderr=slave,
                                            env=env, start_new_session=True, preexec_fn=_take_terminal,
                                            close_fds=True)
        except BaseException:
            self.close()
            raise
        finally:
            os.close(slave)

    @property
    def eof(self):
        return self.reader.eof and not self.reader.pieces

    def pieces(self, timeout):
        """Waits up to `timeout` s for output; yields (arrival time, fed) as each
        chunk is fed to the screen."""
        for arrived, data in self.reader.take(timeout):
            if self.first_output is None:
                self.first_output = arrived
            self.last_output = arrived
            self.chunks += 1
            self.bytes += len(data)
            self.stream.feed(data)
            yield arrived

    def read(self, timeout):
        """Feeds what arrives within `timeout` s; the last chunk's arrival time, or None."""
        last = None
        for arrived in self.pieces(timeout):
            last = arrived
        return last

    def write(self, data):
        """Writes keys; returns the time just before the write."""
        at = time.perf_counter()
        os.write(self.master, data)
        return at

    def wait_until(self, predicate, timeout, on_chunk=None, on_pause=None):
        """The arrival time of the chunk after which `predicate()` holds, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or self.eof:
                return None
            found = None
            came = False
            for arrived in self.pieces(min(left, POLL)):
                came = True
                if found is None:
                    if on_chunk:
                        on_chunk(arrived)
                    if predicate():
                        found = arrived
            if found is not None:
                return found
            if not came and on_pause and not self.eof:
                on_pause()

    def settle(self, quiet=QUIET, limit=2.0):
        """Reads until no output has come for `quiet` s; False if it never stops."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self.read(quiet) is None:
                return True
        return False

    def quit(self, timeout=5.0):
        """F10, then reads to the end; returns the exit status."""
        if not self.eof:
            try:
                self.write(F10)
            except OSError:
                pass
        deadline = time.perf_counter() + timeout
        while not self.eof and time.perf_counter() < deadline:
            self.read(0.05)
        try:
            status = self.process.wait(timeout=max(0.1, deadline - time.perf_counter()))
        except subprocess.TimeoutExpired:
            self.kill()
            status = None
        self.close()
        return status

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def close(self):
        if self.master is not None:
            self.reader.stop()
            os.close(self.master)
            self.master = None

    # What the screen shows.

    def row(self, y):
        return cells(self.screen, y)

    def snapshot(self):
        return [self.row(y).rstrip() for y in range(LINES)]

    def lookup_complete(self):
        return "F10 Quit" in self.row(LINES - 1) and Layout.find(self.screen) is not None


class Layout:
    """Where the lookup pane's parts are, read off the first complete screen."""

    def __init__(self, search_y, field_x, heading_y, bottom_y):
        self.search_y, self.field_x = search_y, field_x
        self.status_y = search_y + 1
        self.heading_y = heading_y
        self.first_row_y = heading_y + 1
        self.visible_rows = bottom_y - self.first_row_y
        self.field_width = min(FIELD_WIDTH, COLUMNS - 2 - (field_x - 1))

    @staticmethod
    def find(screen):
        label = "Search "
        search = None
        for y in range(LINES):
            line = cells(screen, y)
            x = line.find(label)
            if 0 <= x <= 2 and line[:x].strip() in ("", "│", "|"):
                search = (y, x + len(label))
                break
        if search is None:
            return None
        heading = next((y for y in range(search[0] + 1, LINES) if "Hosp no" in cells(screen, y)), None)
        if heading is None:
            return None
        bottom = next((y for y in range(heading + 1, LINES) if cells(screen, y)[:1] in ("└", "+", "`")), LINES - 3)
        return Layout(search[0], search[1], heading, bottom)

    def field(self, screen):
        return cells(screen, self.search_y, self.field_x, self.field_x + self.field_width).rstrip()

    def status(self, screen):
        # The pane has a column of padding inside its frame.
        return cells(screen, self.status_y, 1).rstrip().rstrip("│|").strip()

    def first_row(self, screen):
        return cells(screen, self.first_row_y, 1).rstrip().rstrip("│|").rstrip()


# --- what the screen must show ------------------------------------------------

def status_text(results, more, capped):
    """AppState.lookupStatus for a finished search."""
    if not results:
        return "No patient matches"
    text = "1 patient" if len(results) == 1 else "%d patients" % len(results)
    if more > 0:
        text += " · %d%s more: type more to narrow" % (more, "+" if capped else "")
    if any(r.get("match") == "sounds_like" for r in results):
        text += " · ~ sounds like (spelt differently)"
    return text


def cli_search(binary, db, text, limit=SEARCH_LIMIT):
    command = [binary, "patient", "search", "--db", db, "--json", "--limit", str(limit), "--", text]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise HarnessError("%s failed (%d): %s" % (" ".join(command), done.returncode, done.stderr.strip()))
    return json.loads(done.stdout)


class Expected:
    """The answer to one prefix, from the command line."""

    def __init__(self, prefix, answer):
        self.prefix = prefix
        self.results = answer["results"]
        self.ids = [r["id"] for r in self.results]
        self.mrns = [r["mrn"] for r in self.results]
        self.status = status_text(self.results, answer.get("more", 0), answer.get("more_capped", False))


class Target:
    """One keystroke: the prefix, the hospital numbers of the rows on screen
    (the first one first), and the status line."""

    def __init__(self, expected, shown_mrns):
        self.prefix = expected.prefix
        self.shown_mrns = shown_mrns
        self.first_mrn = shown_mrns[0] if shown_mrns else None
        self.status = expected.status
        self.empty = not expected.results


def targets_for(query, expected, visible_rows):
    """What the table shows after each keystroke. The selection stays on the
    same patient when the new results hold them (AppState.receive), and the
    table scrolls to keep it visible (Table.render)."""
    out, selected = [], None
    for end in range(1, len(query) + 1):
        answer = expected[query[:end]]
        keep = answer.ids.index(selected) if selected in answer.ids else 0
        top = 0
        if visible_rows > 0 and keep >= visible_rows:
            top = min(keep - visible_rows + 1, max(0, len(answer.ids) - visible_rows))
        out.append(Target(answer, answer.mrns[top:top + visible_rows]))
        selected = answer.ids[keep] if answer.ids else None
    return out


def field_shows(session, layout, prefix):
    """The search field holds `prefix`, with the cursor after it."""
    screen = session.screen
    if layout.field(screen) != prefix.rstrip():
        return False
    width = text_width(prefix)
    return width >= layout.field_width or (screen.cursor.y, screen.cursor.x) == (layout.search_y, layout.field_x + width)


def shows(session, layout, target, whole_table=True):
    """The screen shows the finished search for `target.prefix`: the field, the
    status line (no "searching…"), the first row, and then every row of the table."""
    screen = session.screen
    if not field_shows(session, layout, target.prefix):
        return False
    status = layout.status(screen)
    if "searching" in status.lower():
        return False
    if target.empty:
        if not status.startswith("No patient matches"):
            return False
    elif status != target.status and not (len(status) >= COLUMNS - 3 and target.status.startswith(status)):
        return False
    if target.first_mrn is not None and target.first_mrn not in layout.first_row(screen).split():
        return False
    if not whole_table:
        return True
    for index in range(layout.visible_rows):
        line = cells(screen, layout.first_row_y + index, 1).rstrip().rstrip("│|")
        if index < len(target.shown_mrns):
            if target.shown_mrns[index] not in line.split():
                return False
        elif line.strip():
            return False
    return True


def shows_empty(session, layout):
    screen = session.screen
    return (layout.field(screen) == "" and (screen.cursor.y, screen.cursor.x) == (layout.search_y, layout.field_x)
            and layout.status(screen).startswith("Type a name") and layout.first_row(screen).strip() == "")


# --- figures -----------------------------------------------------------------

def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")


def summary(values):
    if not values:
        return {"n": 0, "median": None, "p95": None, "max": None}
    return {"n": len(values), "median": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values)}


def verdict(ok):
    return "target met" if ok else "MISSED"


# --- the runs -----------------------------------------------------------------

def measure_startup(binary, db, starts, warmup, timeout):
    times, first_bytes, failures = [], [], []
    for index in range(warmup + starts):
        session = Session(binary, db)
        try:
            arrived = session.wait_until(session.lookup_complete, timeout)
            if arrived is None:
                failures.append({"start": index, "screen": session.snapshot()})
            elif index >= warmup:
                times.append((arrived - session.started) * 1000)
                first_bytes.append((session.first_output - session.started) * 1000)
            session.settle()
            status = session.quit()
            if status != 0:
                failures.append({"start": index, "exit": status})
        except BaseException:
            session.kill()
            session.close()
            raise
    return times, first_bytes, failures


def choose_queries(binary, db):
    """The typed queries: names, and an NHS number, date of birth and postcode taken from the database."""
    queries = ["s", "smith", "smith j", "jones", "patel a"]
    sample = next((r for r in cli_search(binary, db, "jones")["results"] if r.get("nhs_number") and r.get("postcode")), None)
    if sample is None:
        raise HarnessError("no Jones with an NHS number and a postcode in %s: is it the bench database?" % db)
    nhs = sample["nhs_number"]
    queries.append("%s %s %s" % (nhs[:3], nhs[3:6], nhs[6:]))
    year, month, day = sample["date_of_birth"].split("-")
    queries.append("%s/%s/%s" % (day, month, year))
    queries.append(sample["postcode"])
    queries.append("o'b")
    if cli_search(binary, db, "李")["results"]:
        queries.append("李")
    return queries


def measure_keystrokes(binary, db, queries, rounds, timeout, log):
    # The expected screens first, before any UI timing.
    expected = {}
    for query in queries:
        for end in range(1, len(query) + 1):
            prefix = query[:end]
            if prefix not in expected:
                expected[prefix] = Expected(prefix, cli_search(binary, db, prefix))

    samples, failures, anomalies = [], [], []
    odd = {"torn": 0, "held": 0}
    session = layout = None

    def open_session():
        s = Session(binary, db)
        if s.wait_until(s.lookup_complete, 10.0) is None:
            snap = s.snapshot()
            s.kill()
            s.close()
            raise HarnessError("the lookup pane never appeared; the screen showed:\n" + "\n".join(snap))
        s.settle()
        found = Layout.find(s.screen)
        if not shows_empty(s, found):
            raise HarnessError("the lookup pane did not start empty:\n" + "\n".join(s.snapshot()))
        return s, found

    def clear():
        session.write(CTRL_U)
        if session.wait_until(lambda: shows_empty(session, layout), timeout) is None:
            return False
        return session.settle()

    try:
        session, layout = open_session()
        for round_index in range(rounds):
            for query in queries:
                plan = targets_for(query, expected, layout.visible_rows)
                for target in plan:
                    key = target.prefix[-1].encode("utf-8")
                    seen = {}

                    def on_chunk(arrived, target=target, seen=seen):
                        if "echo" not in seen and field_shows(session, layout, target.prefix):
                            seen["echo"] = arrived
                        if "first" not in seen and shows(session, layout, target, whole_table=False):
                            seen["first"] = arrived

                    def on_pause(target=target, seen=seen):
                        # A pause in the output with the new prefix in the field and a finished
                        # search on the status line, but other rows or another count: either a
                        # frame torn across ncurses' writes (the rest comes), or results drawn stale.
                        screen = session.screen
                        if "held" in seen or not field_shows(session, layout, target.prefix):
                            return
                        status = layout.status(screen)
                        if "searching" in status.lower() or shows(session, layout, target):
                            return
                        quiet = time.perf_counter() - (session.last_output or 0)
                        kind = "held" if quiet >= HELD else "torn"
                        if kind in seen:
                            return
                        seen[kind] = True
                        odd[kind] += 1
                        if kind == "held":
                            anomalies.append({"kind": "other results held %d ms" % (quiet * 1000), "round": round_index,
                                              "prefix": target.prefix, "status": status,
                                              "first_row": layout.first_row(screen),
                                              "expected_status": target.status, "expected_first": target.first_mrn})

                    wrote = session.write(key)
                    arrived = session.wait_until(lambda: shows(session, layout, target), timeout,
                                                 on_chunk=on_chunk, on_pause=on_pause)
                    if arrived is None:
                        failures.append({"round": round_index, "prefix": target.prefix,
                                         "expected_status": target.status, "expected_first": target.first_mrn,
                                         "field": layout.field(session.screen), "status": layout.status(session.screen),
                                         "first_row": layout.first_row(session.screen),
                                         "screen": session.snapshot()})
                        log("timeout on %r: field %r, status %r, first row %r (expected %r, %r)" % (
                            target.prefix, layout.field(session.screen), layout.status(session.screen),
                            layout.first_row(session.screen), target.status, target.first_mrn))
                        break
                    samples.append({"round": round_index, "query": query, "prefix": target.prefix,
                                    "ms": (arrived - wrote) * 1000,
                                    "first_row_ms": (seen.get("first", arrived) - wrote) * 1000,
                                    "echo_ms": (seen.get("echo", arrived) - wrote) * 1000})
                    session.settle()
                    if not shows(session, layout, target):
                        anomalies.append({"kind": "changed after the right results", "round": round_index,
                                          "prefix": target.prefix, "status": layout.status(session.screen),
                                          "first_row": layout.first_row(session.screen)})
                if not clear():
                    log("the field did not clear after %r; starting the UI again" % query)
                    session.kill()
                    session.close()
                    session, layout = open_session()
        status = session.quit()
        if status != 0:
            raise HarnessError("frontdesk exited with %s after F10" % status)
    except BaseException:
        if session is not None:
            session.kill()
            session.close()
        raise
    return samples, failures, anomalies, odd


def main():
    parser = argparse.ArgumentParser(description="Times FrontDesk's terminal UI on a pseudo-terminal: "
                                                 "start-up and keystroke-to-results latency.")
    parser.add_argument("--frontdesk", required=True, help="the release frontdesk binary")
    parser.add_argument("--db", required=True, help="the bench database (bench-data/bench-1000000.sqlite)")
    parser.add_argument("--rounds", type=int, default=5, help="times the query set is typed (default 5)")
    parser.add_argument("--starts", type=int, default=20, help="timed start-ups (default 20)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed start-ups first (default 1)")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds before a keystroke counts as failed")
    parser.add_argument("--query", action="append", help="type this instead of the default set (repeat)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    binary = os.path.abspath(args.frontdesk)
    if not os.access(binary, os.X_OK):
        sys.exit("tui-bench: %s is not an executable" % binary)
    if not os.path.isfile(args.db):
        sys.exit("tui-bench: no database at %s" % args.db)

    def log(message):
        print("tui-bench: " + message, file=sys.stderr, flush=True)

    # The reader thread stamps output as it comes; let it in while pyte works.
    sys.setswitchinterval(0.0001)

    try:
        # Read the database once so neither figure pays for the disk.
        with open(args.db, "rb") as handle:
            while handle.read(1 << 24):
                pass
        queries = args.query or choose_queries(binary, args.db)
        startup, first_bytes, start_failures = measure_startup(binary, args.db, args.starts, args.warmup, 10.0)
        if not startup:
            raise HarnessError("no start-up reached the lookup pane: %s" % json.dumps(start_failures)[:2000])
        samples, failures, anomalies, odd = measure_keystrokes(binary, args.db, queries, args.rounds,
                                                                    args.timeout, log)
    except HarnessError as error:
        sys.exit("tui-bench: " + str(error))

    # A keystroke that timed out counts as the timeout.
    lost = args.timeout * 1000

    def times(key, keep=lambda prefix: True):
        return ([s[key] for s in samples if keep(s["prefix"])]
                + [lost for f in failures if keep(f["prefix"])])

    def one_letter(prefix):
        return len(prefix) == 1 and prefix.isalpha()

    figures = {
        "terminal": "%dx%d xterm-256color" % (COLUMNS, LINES),
        "database": os.path.abspath(args.db),
        "startup_ms": summary(startup), "startup_first_output_ms": summary(first_bytes),
        "startup_failures": start_failures,
        "keystroke_ms": summary(times("ms")), "one_letter_ms": summary(times("ms", one_letter)),
        "first_row_ms": summary(times("first_row_ms")), "echo_ms": summary(times("echo_ms")),
        "per_query": {q: summary([s["ms"] for s in samples if s["query"] == q]) for q in queries},
        "keystroke_failures": failures, "torn_frames": odd["torn"], "anomalies": anomalies,
        "queries": queries, "rounds": args.rounds, "starts": args.starts, "warmup_starts": args.warmup,
    }
    startup_ok = not start_failures and figures["startup_ms"]["p95"] <= STARTUP_TARGET_MS
    figures["startup_target_met"] = startup_ok

    def key_ok(stats):
        return (stats["n"] > 0 and not failures and stats["median"] <= KEY_MEDIAN_TARGET_MS
                and stats["p95"] <= KEY_P95_TARGET_MS)
    figures["keystroke_target_met"] = key_ok(figures["keystroke_ms"])
    figures["one_letter_target_met"] = key_ok(figures["one_letter_ms"])

    if args.json:
        figures["samples"] = samples
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0

    def row(name, stats, note=""):
        name += " " * max(0, 34 - text_width(name))
        if not stats["n"]:
            return "  %s %5d" % (name, 0)
        return ("  %s %5d %8.1f %8.1f %8.1f   %s" % (name, stats["n"], stats["median"], stats["p95"], stats["max"],
                                                    note)).rstrip()

    key_note = "median ≤ %g, p95 ≤ %g ms: %%s" % (KEY_MEDIAN_TARGET_MS, KEY_P95_TARGET_MS)
    print("FrontDesk terminal UI on a %s pty, %s" % (figures["terminal"], args.db))
    print("  %-34s %5s %8s %8s %8s" % ("milliseconds", "n", "median", "p95", "max"))
    print(row("start-up to the lookup pane", figures["startup_ms"],
              "p95 ≤ %g ms: %s" % (STARTUP_TARGET_MS, verdict(startup_ok))))
    print(row("  (first output)", figures["startup_first_output_ms"]))
    print(row("keystroke to results on screen", figures["keystroke_ms"],
              key_note % verdict(figures["keystroke_target_met"])))
    print(row("  one-letter queries", figures["one_letter_ms"], key_note % verdict(figures["one_letter_target_met"])))
    print(row("  (to first row and count)", figures["first_row_ms"]))
    print(row("  (to the echo in the field)", figures["echo_ms"]))
    for query in queries:
        print(row("  %r" % query, figures["per_query"][query]))
    print("  %d warm-up start(s) not counted; %d start-up failures; %d keystroke timeouts (> %g s, counted as %g ms);"
          % (args.warmup, len(start_failures), len(failures), args.timeout, lost))
    print("  %d keystrokes saw a frame torn across ncurses' writes; %d odd screens:"
          % (odd["torn"], len(anomalies)) if anomalies else
          "  %d keystrokes saw a frame torn across ncurses' writes; no odd screens" % odd["torn"])
    for failure in failures[:10]:
        failure = dict(failure)
        failure.pop("screen", None)
        print("  timeout: %s" % json.dumps(failure, ensure_ascii=False))
    for anomaly in anomalies[:10]:
        print("  odd: %s" % json.dumps(anomaly, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
