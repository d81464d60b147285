"""Runs the README's quick start as written: its `swift run calsync demo …` line, the way a newcomer would.

Usage: python3 quick_start.py
Takes the demo command from the README's quick-start block, runs it in the repository (swift run builds first;
the build is done by then in CI), waits until the demo says its story is complete and that it keeps running, checks
that no JSON log line reached the terminal, then stops it with Ctrl-C (SIGINT) and expects it to drain and say so.
(The block's other command, `swift test`, is CI's own test step.)
"""
import json
import os
import re
import signal
import subprocess
import sys
import time

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
readme = open(os.path.join(root, "README.md")).read()
section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
commands = [line.split("#", 1)[0].strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines()]
demo = [c for c in commands if c.startswith("swift run calsync demo")]
if len(demo) != 1 or "swift test" not in commands:
    sys.exit(f"the README's quick start should show `swift run calsync demo …` and `swift test`, found {commands}")
print(f"running the README's `{demo[0]}`")
env = dict(os.environ, CALSYNC_LISTEN="127.0.0.1:0")
process = subprocess.Popen(demo[0], shell=True, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env, start_new_session=True)
lines, deadline, complete = [], time.time() + 240, False
os.set_blocking(process.stdout.fileno(), False)
buffer = ""
while time.time() < deadline and process.poll() is None:
    chunk = (process.stdout.read() or b"").decode(errors="replace")
    buffer += chunk
    if "the story is complete" in buffer and "keeps running" in buffer.replace("\n", " "):
        complete = True
        time.sleep(1)
        buffer += (process.stdout.read() or b"").decode(errors="replace")
        break
    time.sleep(0.2)
if process.poll() is None:
    os.killpg(process.pid, signal.SIGINT)
try:
    status = process.wait(timeout=60)
except subprocess.TimeoutExpired:
    os.killpg(process.pid, signal.SIGKILL)
    sys.exit("the demo did not stop within 60 s of Ctrl-C")
buffer += (process.stdout.read() or b"").decode(errors="replace")
terminal = buffer.splitlines()
print("\n".join(terminal[-12:]))
if not complete:
    sys.exit("the demo never said its story was complete and that it keeps running")
json_lines = [line for line in terminal if line.startswith("{") and '"msg"' in line]
if json_lines:
    sys.exit(f"JSON log lines reached the demo's terminal: {json_lines[:3]}")
# Ctrl-C reaches the whole process group: calsync drains and exits 0, while `swift run` itself ends on the signal
# (as a terminal shows it: 130), so the demo's own farewell is what says it stopped cleanly.
if status not in (0, -signal.SIGINT, 128 + signal.SIGINT) or "demo stopped after" not in buffer:
    sys.exit(f"the demo did not stop cleanly on Ctrl-C (exit {status})")
print("quick start: the demo told its story, said it was complete, kept running and stopped cleanly on Ctrl-C")
