#!/usr/bin/env python3
"""Crash test: `calsync serve` killed with SIGKILL at random moments while its outbox drains.

Usage: crash_test.py CALSYNC_BINARY   (stdlib only; run from anywhere)

A GraphEmulator runs as its own process (so the calendars survive calsync's deaths) with a generated
tenant of 25 people. `calsync serve` gets 25 instructors through the API, waits for them to be
matched, then 110 training events x 5 instructors (550 pushes) are written; while the pusher drains,
calsync is killed (SIGKILL) a random 0.05-1.5 s after each restart and restarted on the same database,
and between restarts the desired state keeps changing (moves, unassignments, new assignments,
cancellations, deletions, reschedulings). For part of the run the emulator injects faults (504 after
the write committed, dropped connections, 429/503), the hard case for duplicates. A last restart
then converges (outbox empty, confirmed by one more cycle) and is stopped with SIGTERM.

Checks: every restart came up; convergence within the bound; for every (scheduled event, assigned
instructor) exactly one event in that person's mailbox tagged with its key, with the right start,
end (instants) and subject; no duplicates, no missing events, no orphans (tagged events for keys not
desired); the stored id map names exactly those events; SIGTERM exits 0; no 500 in the logs;
PRAGMA integrity_check = ok; at least 20 of the kills left push work in the outbox (start-up kills and kills
with an empty outbox do not count). Environment: CRASH_SEED (default: random), CRASH_KILLS (kills with work
pending to aim for, default 30),
CRASH_KEEP=1 (keep the work directory), CRASH_KEEP_ON_FAILURE=1.
"""
import ctypes
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zoneinfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROPERTY_ID = "String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name CalSyncItem"
INTEGRATION = "crash"
PEOPLE = 25
EVENTS = 110
PER_EVENT = 5
KILL_DEADLINE_S = 300       # the kill phase ends after this, whatever the count
CONVERGE_BOUND_S = 240      # the final run must converge within this
EVENT_ZONES = ["Europe/Paris", "America/New_York", "UTC", "Asia/Tokyo", "Australia/Sydney"]
MAILBOX_ZONES = ["W. Europe Standard Time", "Eastern Standard Time", "UTC", "Tokyo Standard Time", "GMT Standard Time"]
FAULTS = {"gatewayTimeout504AfterCommit": 0.12, "connectionReset": 0.04, "unavailable503": 0.03, "throttle429": 0.04,
          "retryAfterSeconds": [0.05, 0.4], "addedLatencyMs": 20, "latencyJitterMs": 60}
LATENCY_ONLY = {"addedLatencyMs": 20, "latencyJitterMs": 60}

processes = []  # every child started, killed on exit
work = tempfile.mkdtemp(prefix="calsync-crash-")
keep_work = os.environ.get("CRASH_KEEP") == "1"


# ---------------------------------------------------------------------------------------------- processes

def _die_with_parent():
    # PR_SET_PDEATHSIG: a child never outlives this script, even when the script is SIGKILLed.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass


def spawn(args, log_name, env=None):
    log = open(os.path.join(work, log_name), "wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work,
                            preexec_fn=_die_with_parent)
    log.close()
    processes.append(proc)
    return proc


def cleanup():
    for proc in processes:
        if proc.poll() is None:
            proc.kill()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)


def on_signal(signo, _frame):
    print(f"crash test: interrupted by signal {signo}", flush=True)
    cleanup()
    sys.exit(128 + signo)


def wait_for_line(path, pattern, proc, timeout):
    """Returns the first match of `pattern` in the file, or None when the process died or time ran out."""
    regex = re.compile(pattern)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, "r", errors="replace") as f:
                for line in f:
                    m = regex.search(line)
                    if m:
                        return m
        except FileNotFoundError:
            pass
        if proc.poll() is not None:
            return None
        time.sleep(0.02)
    return None


# ---------------------------------------------------------------------------------------------- HTTP

class Down(Exception):
    """The server did not answer (killed, not up)."""


def call(method, url, body=None, token=None, timeout=15):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw) if raw else None
        except ValueError:
            return e.code, raw.decode(errors="replace")
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        raise Down(str(e)) from e


# ---------------------------------------------------------------------------------------------- time

def windows_to_iana():
    mapping = {}
    text = open(os.path.join(ROOT, "fixtures/cldr/windowsZones.xml")).read()
    for m in re.finditer(r'<mapZone other="([^"]+)" territory="001" type="([^"]+)"', text):
        mapping[m.group(1)] = m.group(2).split()[0]
    return mapping


WINDOWS = windows_to_iana()


def graph_instant(value):
    """A Graph dateTimeTimeZone as a UTC datetime."""
    wall = value["dateTime"].split(".")[0]
    zone_name = value.get("timeZone") or "UTC"
    zone = zoneinfo.ZoneInfo(WINDOWS.get(zone_name, zone_name))
    local = datetime.datetime.strptime(wall, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=zone)
    return local.astimezone(datetime.timezone.utc)


def rfc3339(instant, zone):
    return instant.astimezone(zoneinfo.ZoneInfo(zone)).isoformat()


# ---------------------------------------------------------------------------------------------- the test

class CrashTest:
    def __init__(self, binary, seed):
        self.binary = binary
        self.rng = random.Random(seed)
        self.seed = seed
        self.tokens = {role: secrets.token_hex(16) for role in ("admin", "scheduler", "reader")}
        self.secret = secrets.token_urlsafe(24)
        self.db = os.path.join(work, "calsync.sqlite")
        self.serve_runs = 0
        self.serve = None
        self.api = None
        self.kills = 0
        self.startup_failures = []
        self.redo = []          # API writes whose answer was lost to a kill: sent again, in order
        self.writes = 0
        self.events = {}        # event id -> model (None once deleted)
        self.people = {}        # instructor id -> directory user
        self.results = []
        self.pending_at_kill = []
        self.busy_kills = 0     # kills that left push work in the outbox (the ones that test crash safety)
        self.last_op_when_empty = None

    # -- setup

    def start_emulator(self):
        now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
        users = []
        for n in range(PEOPLE):
            mail = f"person{n:02d}@crash.example"
            busy = now + datetime.timedelta(days=1 + n % 7, hours=n % 5)
            users.append({
                "id": f"22222222-0000-4000-8000-{n:012d}", "displayName": f"Person {n:02d}", "mail": mail,
                "userPrincipalName": mail, "proxyAddresses": [f"SMTP:{mail}"],
                "mailboxTimeZone": MAILBOX_ZONES[n % len(MAILBOX_ZONES)],
                "events": [{"subject": "Own meeting", "showAs": "busy",
                            "start": {"dateTime": busy.strftime("%Y-%m-%dT%H:%M:%S"), "timeZone": "UTC"},
                            "end": {"dateTime": (busy + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S"),
                                    "timeZone": "UTC"}}],
            })
            self.people[f"i-{n:02d}"] = users[-1]
        self.tenant = {"tenantId": "3c2b1a09-8f7e-4d6c-9b5a-0123456789ab", "domain": "crash.example",
                       "apps": [{"clientId": "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2910", "clientSecret": self.secret,
                                 "roles": ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"]}],
                       "users": users}
        path = os.path.join(work, "tenant.json")
        json.dump(self.tenant, open(path, "w"))
        proc = spawn([self.binary, "emulator", "--port", "0", "--tenant", path], "emulator.log")
        m = wait_for_line(os.path.join(work, "emulator.log"), r"GraphEmulator listening on (http://\S+)", proc, 30)
        if not m:
            raise SystemExit("the emulator did not start:\n" + open(os.path.join(work, "emulator.log")).read())
        self.graph = m.group(1)
        self.set_faults({})

    def set_faults(self, faults):
        status, body = call("POST", self.graph + "/_emulator/faults", dict(faults, seed=self.seed % 1_000_000))
        if status != 200:
            raise SystemExit(f"setting emulator faults: {status} {body}")

    def write_config(self):
        self.config = os.path.join(work, "config.json")
        json.dump({"syncIntervalSeconds": 2, "integrations": [{
            "id": INTEGRATION, "name": "Crash test (emulated)", "tenantId": self.tenant["tenantId"],
            "clientId": self.tenant["apps"][0]["clientId"], "clientSecretEnv": "CRASH_TEST_CLIENT_SECRET",
            "graphBaseURL": self.graph + "/v1.0", "authorityHost": self.graph}]}, open(self.config, "w"))

    def spawn_serve(self, log_name):
        env = dict(os.environ, CALSYNC_DATABASE=self.db, CALSYNC_LISTEN="127.0.0.1:0",
                   CALSYNC_ADMIN_TOKEN=self.tokens["admin"], CALSYNC_SCHEDULER_TOKEN=self.tokens["scheduler"],
                   CALSYNC_READER_TOKEN=self.tokens["reader"], CRASH_TEST_CLIENT_SECRET=self.secret)
        env.pop("CALSYNC_CONFIG", None)
        env.pop("CALSYNC_SYNC_INTERVAL_SECONDS", None)
        return spawn([self.binary, "serve", "--config", self.config], log_name, env=env)

    def start_serve(self):
        """Starts `calsync serve` on the database; returns True once it listens."""
        self.serve_runs += 1
        self.log = os.path.join(work, f"serve-{self.serve_runs:03d}.log")
        self.serve = self.spawn_serve(os.path.basename(self.log))
        m = wait_for_line(self.log, r'"msg":"listening".*?"address":"([^"]+)"|"address":"([^"]+)".*?"msg":"listening"',
                          self.serve, 30)
        if not m:
            self.serve.kill()
            self.serve.wait()
            self.startup_failures.append(f"run {self.serve_runs}: exit {self.serve.returncode}: "
                                         + open(self.log, errors="replace").read()[-2000:])
            return False
        self.api = "http://" + (m.group(1) or m.group(2))
        return True

    def api_call(self, method, path, body=None, role="scheduler", timeout=15):
        return call(method, self.api + path, body, self.tokens[role], timeout)

    def list_all(self, path, role="admin"):
        items, cursor = [], None
        while True:
            sep = "&" if "?" in path else "?"
            url = path + sep + "limit=500" + (f"&cursor={cursor}" if cursor else "")
            status, body = self.api_call("GET", url, role=role)
            if status != 200:
                raise RuntimeError(f"GET {url}: {status} {body}")
            items += body["items"]
            cursor = body.get("nextCursor")
            if not cursor:
                return items

    def create_instructors(self):
        for iid, user in self.people.items():
            status, body = self.api_call("PUT", f"/v1/instructors/{iid}", {
                "name": user["displayName"], "email": user["mail"].upper() if iid.endswith("7") else user["mail"],
                "establishment": "paris", "timeZone": "Europe/Paris"})
            if status not in (200, 201):
                raise SystemExit(f"PUT instructor {iid}: {status} {body}")
        status, body = self.api_call("POST", "/v1/sync", {}, role="admin")
        if status != 202:
            raise SystemExit(f"POST /v1/sync: {status} {body}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            items = self.list_all("/v1/instructors", role="reader")
            matched = {i["id"]: i["calendarUser"]["id"] for i in items if i["matchStatus"] == "matched"}
            if len(matched) == PEOPLE:
                for iid, user_id in matched.items():
                    if user_id != self.people[iid]["id"]:
                        raise SystemExit(f"{iid} matched to {user_id}, not {self.people[iid]['id']}")
                return
            time.sleep(0.2)
        raise SystemExit(f"instructors not matched within 60 s: {len(matched)}/{PEOPLE}")

    # -- the desired state and the writes that change it

    def new_event(self, n):
        start = (datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
                 + datetime.timedelta(days=self.rng.randint(2, 60), hours=self.rng.randint(0, 23),
                                      minutes=15 * self.rng.randint(0, 3)))
        return {"id": f"t-{n:03d}", "title": f"Crash session {n:03d}", "start": start,
                "end": start + datetime.timedelta(minutes=30 * self.rng.randint(2, 8)),
                "zone": self.rng.choice(EVENT_ZONES), "status": "scheduled",
                "instructors": self.rng.sample(sorted(self.people), PER_EVENT)}

    @staticmethod
    def body(event):
        return {"title": event["title"], "start": rfc3339(event["start"], event["zone"]),
                "end": rfc3339(event["end"], event["zone"]), "timeZone": event["zone"], "status": event["status"],
                "instructorIds": list(event["instructors"])}

    def put_event(self, event):
        self.events[event["id"]] = event
        return ("PUT", f"/v1/events/{event['id']}", self.body(event))

    def mutations(self):
        """A batch of changes to the desired state (applied to the model now, sent by `send`)."""
        live = [e for e in self.events.values() if e and e["status"] == "scheduled"]
        cancelled = [e for e in self.events.values() if e and e["status"] == "cancelled"]
        batch = []
        for e in self.rng.sample(live, min(4, len(live))):           # moves (sometimes retitled)
            e = dict(e)
            shift = datetime.timedelta(hours=self.rng.choice([-26, -3, -1, 1, 2, 5, 24, 49]))
            e["start"] += shift
            e["end"] += shift
            if self.rng.random() < 0.3:
                e["title"] = e["title"].split(" (")[0] + f" (v{self.writes})"
            batch.append(self.put_event(e))
        for e in self.rng.sample(live, min(2, len(live))):           # unassignments
            e = dict(self.events[e["id"]])
            if len(e["instructors"]) > 1:
                gone = self.rng.choice(e["instructors"])
                e["instructors"] = [i for i in e["instructors"] if i != gone]
                batch.append(self.put_event(e))
        for e in self.rng.sample(live, min(1, len(live))):           # a new assignment
            e = dict(self.events[e["id"]])
            free = [i for i in sorted(self.people) if i not in e["instructors"]]
            e["instructors"] = e["instructors"] + [self.rng.choice(free)]
            batch.append(self.put_event(e))
        if live and self.rng.random() < 0.35:                        # a cancellation
            e = dict(self.events[self.rng.choice(live)["id"]])
            e["status"] = "cancelled"
            batch.append(self.put_event(e))
        if cancelled and self.rng.random() < 0.3:                    # rescheduled after a cancellation
            e = dict(self.rng.choice(cancelled))
            e["status"] = "scheduled"
            batch.append(self.put_event(e))
        if live and self.rng.random() < 0.3:                         # a deletion
            victim = self.rng.choice(live)["id"]
            if self.events.get(victim):
                self.events[victim] = None
                batch.append(("DELETE", f"/v1/events/{victim}", None))
        return batch

    def send(self, batch):
        """Sends writes in order; when the server dies, the rest (and the unanswered one) wait for the next run."""
        pending = self.redo + batch
        self.redo = []
        for i, (method, path, body) in enumerate(pending):
            try:
                status, answer = self.api_call(method, path, body, timeout=10)
            except Down:
                self.redo = pending[i:]
                return False
            ok = status in (200, 201) if method == "PUT" else status in (204, 404)
            if not ok:
                raise SystemExit(f"{method} {path}: {status} {answer}")
            self.writes += 1
        return True

    # -- phases

    def kill_phase(self):
        started = time.monotonic()
        target = int(os.environ.get("CRASH_KILLS", "30"))
        faults_on = False
        while self.busy_kills < target and time.monotonic() - started < KILL_DEADLINE_S:
            # Faults for the middle of the run: ambiguous creates (504 after the write), dropped connections.
            want_faults = target // 4 <= self.kills < (3 * target) // 4
            if want_faults != faults_on:
                self.set_faults(FAULTS if want_faults else LATENCY_ONLY)
                faults_on = want_faults
            if self.rng.random() < 0.1 and not self.redo:
                # Now and then a kill during start-up (opening the store, first cycle).
                self.serve_runs += 1
                proc = self.spawn_serve(f"serve-{self.serve_runs:03d}.log")
                time.sleep(self.rng.uniform(0.0, 0.15))
                proc.kill()
                proc.wait()
                self.kills += 1
                continue
            if not self.start_serve():
                continue
            delay = self.rng.uniform(0.05, 1.5)
            timer = threading.Timer(delay, self.serve.kill)  # SIGKILL
            timer.start()
            if self.redo or self.rng.random() < 0.8:
                self.send(self.mutations())
            self.serve.wait()
            timer.join()
            self.note_kill()
            if self.serve.returncode != -signal.SIGKILL:
                self.startup_failures.append(f"run {self.serve_runs}: exited {self.serve.returncode} before the kill: "
                                             + open(self.log, errors="replace").read()[-2000:])
            self.kills += 1
        self.set_faults({})
        return time.monotonic() - started

    def note_kill(self):
        """Remembers how much push work was left when calsync died (read from the store it left)."""
        db = sqlite3.connect(self.db, timeout=5)
        try:
            pending = db.execute("SELECT count(*) FROM operations WHERE status = 'pending'").fetchone()[0]
            self.pending_at_kill.append(pending)
            if pending:
                self.busy_kills += 1
        finally:
            db.close()

    def max_operation_id(self):
        db = sqlite3.connect(self.db, timeout=5)
        try:
            return db.execute("SELECT coalesce(max(id), 0) FROM operations").fetchone()[0]
        finally:
            db.close()

    def converge(self):
        """Last run: until the outbox is empty and a cycle started after that left it empty."""
        if not self.start_serve():
            return None, None
        started = time.monotonic()
        while self.redo:
            if not self.send([]):
                raise SystemExit("the final run stopped answering")
        first_empty = None
        marker = None
        while time.monotonic() - started < CONVERGE_BOUND_S:
            pending = self.api_call("GET", "/v1/sync/operations?status=pending&limit=1", role="admin")[1]["items"]
            status = self.api_call("GET", "/v1/sync/status", role="admin")[1]
            last = status.get("lastRun") or {}
            if pending:
                marker = None
            elif marker is None:
                if first_empty is None:
                    first_empty = time.monotonic() - started
                    self.last_op_when_empty = self.max_operation_id()
                # The run in flight (or the last one) may predate the empty outbox: wait for a later one.
                marker = last.get("id", 0)
            elif last.get("id", 0) > marker and last.get("finishedAt") is not None:
                return time.monotonic() - started, first_empty
            time.sleep(0.25)
        return None, first_empty

    def stop(self):
        self.serve.send_signal(signal.SIGTERM)
        try:
            return self.serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.serve.kill()
            self.serve.wait()
            return "timeout"

    # -- checks

    def check(self, name, ok, detail=""):
        self.results.append((name, ok))
        print(f"  [{'ok' if ok else 'FAIL'}] {name}" + (f": {detail}" if detail else ""), flush=True)

    def verify(self):
        desired = {}
        for e in self.events.values():
            if e and e["status"] == "scheduled":
                for iid in e["instructors"]:
                    desired[(e["id"], iid)] = e
        found = {}      # key -> [(user id, event)]
        foreign = []    # tagged events in the wrong mailbox
        for iid, user in self.people.items():
            status, body = call("GET", f"{self.graph}/_emulator/users/{user['id']}/events")
            if status != 200:
                raise SystemExit(f"side door listing for {user['id']}: {status}")
            for item in body["value"]:
                tags = [p["value"] for p in item.get("singleValueExtendedProperties") or []
                        if p.get("id", "").lower() == PROPERTY_ID.lower()]
                for tag in tags:
                    parts = tag.split("|")
                    if len(parts) != 5 or parts[0] != "calsync" or parts[1] != INTEGRATION or parts[2] != "event":
                        continue
                    key = (parts[3], parts[4])
                    found.setdefault(key, []).append((user["id"], item))
        duplicates = {k: v for k, v in found.items() if len(v) > 1}
        missing = sorted(k for k in desired if k not in found)
        orphans = sorted(k for k in found if k not in desired)
        wrong_mailbox, wrong_content = [], []
        for key, event in desired.items():
            for user_id, item in found.get(key, []):
                if user_id != self.people[key[1]]["id"]:
                    wrong_mailbox.append(key)
                    continue
                try:
                    start, end = graph_instant(item["start"]), graph_instant(item["end"])
                except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError) as e:
                    wrong_content.append((key, f"unreadable times: {e}"))
                    continue
                if start != event["start"] or end != event["end"] or item.get("subject") != event["title"]:
                    wrong_content.append((key, f"{item.get('subject')!r} {start.isoformat()}-{end.isoformat()}, "
                                               f"want {event['title']!r} {event['start'].isoformat()}-{event['end'].isoformat()}"))
                if item.get("isCancelled"):
                    wrong_content.append((key, "cancelled"))
        extra = sum(len(v) - 1 for v in duplicates.values())
        print(f"desired events: {len(desired)}; tagged events found: {sum(len(v) for v in found.values())}")
        print(f"duplicates: {extra} (keys: {len(duplicates)}), missing: {len(missing)}, orphans: {len(orphans)}, "
              f"wrong mailbox: {len(wrong_mailbox)}, wrong content: {len(wrong_content)}")
        self.check("no duplicates", not duplicates, ", ".join(f"{k} x{len(v)}" for k, v in list(duplicates.items())[:5]))
        self.check("no missing events", not missing, ", ".join(map(str, missing[:5])))
        self.check("no orphans", not orphans, ", ".join(map(str, orphans[:5])))
        self.check("every event in its person's mailbox", not wrong_mailbox, ", ".join(map(str, wrong_mailbox[:5])))
        self.check("start, end and subject as scheduled", not wrong_content,
                   "; ".join(f"{k}: {d}" for k, d in wrong_content[:5]))
        return desired, found

    def verify_store(self, desired, found):
        db = sqlite3.connect(self.db)
        try:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            print(f"integrity_check: {integrity}")
            self.check("PRAGMA integrity_check", integrity == "ok", integrity if integrity != "ok" else "")
            operations = db.execute("SELECT count(*) FROM operations").fetchone()[0]
            by_status = dict(db.execute("SELECT status, count(*) FROM operations GROUP BY status").fetchall())
            by_action = dict(db.execute("SELECT action, count(*) FROM operations GROUP BY action").fetchall())
            max_attempts = db.execute("SELECT coalesce(max(attempts), 0) FROM operations").fetchone()[0]
            print(f"operations queued: {operations} (by status {by_status}; by action {by_action}; "
                  f"most attempts {max_attempts})")
            if self.last_op_when_empty is not None:
                late = db.execute("SELECT action, coalesce(note, ''), count(*) FROM operations WHERE id > ? "
                                  "GROUP BY action, note", (self.last_op_when_empty,)).fetchall()
                print(f"operations added after the outbox was first empty (backstop, drift repair): {late}")
                # No API write comes after that point: a create or delete the cycle still had to queue (drift
                # repair adds notes) is a change the real-time path lost.
                lost = [row for row in late if row[0] in ("create", "delete") and row[1] == ""]
                self.check("no change left to the backstop", not lost, str(lost))
            errors = db.execute("SELECT action, error_code, count(*) FROM operations WHERE status = 'error' "
                                "GROUP BY action, error_code").fetchall()
            if errors:
                print(f"operations that ended in error (superseded by later ones): {errors}")
            self.check("500+ push operations queued", operations >= 500, str(operations))
            rows = db.execute("SELECT item_id, instructor_id, calendar_user_id, external_id FROM event_mappings "
                              "WHERE integration_id = ? AND item_kind = 'event'", (INTEGRATION,)).fetchall()
            mapped = {(r[0], r[1]): (r[2], r[3]) for r in rows}
            disagree = []
            for key in desired:
                ids = [item["id"] for _, item in found.get(key, [])]
                if key not in mapped or mapped[key][1] not in ids:
                    disagree.append((key, mapped.get(key), ids))
            stale = [k for k in mapped if k not in desired]
            self.check("the id map names exactly the calendar events", not disagree and not stale,
                       "; ".join(map(str, (disagree + stale)[:5])))
        finally:
            db.close()

    def run(self):
        print(f"crash test: seed {self.seed}, work dir {work}", flush=True)
        self.start_emulator()
        self.write_config()
        if not self.start_serve():
            raise SystemExit("calsync serve did not start:\n" + "\n".join(self.startup_failures))
        self.create_instructors()
        print(f"{PEOPLE} instructors matched against {self.graph}", flush=True)
        self.set_faults(LATENCY_ONLY)  # Graph answers in 20-80 ms from now on: the pusher is busy when the kills come
        initial = [self.put_event(self.new_event(n)) for n in range(EVENTS)]
        t0 = time.monotonic()
        if not self.send(initial):
            raise SystemExit("calsync stopped answering during the initial writes")
        print(f"{EVENTS} events x {PER_EVENT} instructors written in {time.monotonic() - t0:.1f} s; "
              "killing while the pusher drains", flush=True)
        time.sleep(self.rng.uniform(0.05, 1.5))
        self.serve.kill()
        self.serve.wait()
        self.note_kill()
        self.kills += 1

        kill_time = self.kill_phase()
        print(f"kills: {self.kills} (SIGKILL) in {kill_time:.1f} s over {self.serve_runs} runs; "
              f"API writes: {self.writes}", flush=True)
        busy = [n for n in self.pending_at_kill if n]
        print(f"pending operations left at each kill (start-up kills not listed): {self.pending_at_kill}; "
              f"{len(busy)} of {len(self.pending_at_kill)} kills left work in the outbox", flush=True)
        injected = call("GET", self.graph + "/_emulator/throttling")[1].get("faultsInjected", {})
        print(f"faults injected by the emulator: {injected}", flush=True)
        self.check(f"every restart came up ({self.serve_runs} runs)", not self.startup_failures,
                   "\n".join(self.startup_failures[:3]))
        self.check("at least 20 kills while push work was pending", self.busy_kills >= 20,
                   f"{self.busy_kills} of {self.kills} kills left work in the outbox")

        try:
            converged, first_empty = self.converge()
        except Down as e:
            converged, first_empty = None, None
            self.startup_failures.append(f"the final run stopped answering: {e}")
        if converged is None:
            pending = self.list_all("/v1/sync/operations?status=pending") if self.serve.poll() is None else []
            self.check(f"converged within {CONVERGE_BOUND_S} s", False,
                       f"{len(pending)} pending: {[(p['itemId'], p['instructorId'], p['action'], p['attempts']) for p in pending[:5]]}")
        else:
            print(f"time to converge: {converged:.1f} s (outbox first empty after {first_empty:.1f} s)")
            self.check(f"converged within {CONVERGE_BOUND_S} s", True)
        status = self.stop()
        print(f"SIGTERM: exit {status}")
        self.check("SIGTERM exits 0", status == 0, str(status))

        desired, found = self.verify()
        self.verify_store(desired, found)
        five_hundreds = []
        for name in sorted(os.listdir(work)):
            if name.startswith("serve-"):
                five_hundreds += [line for line in open(os.path.join(work, name), errors="replace")
                                  if '"msg":"unhandled error"' in line]
        self.check("no 500 answered", not five_hundreds, "".join(five_hundreds[:3]))

        passed = sum(1 for _, ok in self.results if ok)
        failed = len(self.results) - passed
        if failed:
            print(f"the last calsync log ({os.path.basename(self.log)}), last lines:")
            print("".join(open(self.log, errors="replace").readlines()[-20:]))
        print(f"crash test: {passed} passed, {failed} failed", flush=True)
        return failed == 0


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    seed = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(1 << 31))
    ok = False
    try:
        ok = CrashTest(binary, seed).run()
    finally:
        if not ok:
            globals()["keep_work"] = keep_work or os.environ.get("CRASH_KEEP_ON_FAILURE") == "1"
        cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
