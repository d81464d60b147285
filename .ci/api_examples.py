"""Runs the API guide's curl walk-through exactly as written against `calsync demo`, the way a reader would.

Usage: python3 api_examples.py CALSYNC_BINARY
Starts the demo (API on a free port through CALSYNC_LISTEN), takes its `export ADMIN=…` line, then
runs each curl command of docs/api.md's walk-through block (through bash, so `$(date …)` works) with the
base URL pointed at that port. A command fails when curl fails, when the answer is a JSON error, or when it
does not say what the guide promises (EXPECTED).
"""
import os
import re
import subprocess
import sys
import time

binary = sys.argv[1]
guide = open(os.path.join(os.path.dirname(__file__), "..", "docs", "api.md")).read()
marker = "It prints its own tokens"
if marker not in guide:
    sys.exit(f"docs/api.md no longer holds the walk-through marker {marker!r}")
block = guide.split(marker, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
# Join continuation lines, keep the commands.
commands = [c.strip() for c in re.sub(r"\\\n\s*", " ", block).splitlines() if c.strip().startswith("curl ")]
# What a reader is told to expect from some answers (spaces removed): (a piece of the command, the answer's pieces).
EXPECTED = [
    # The coming week, inside the synced window: known, with free time.
    ("/availability?from=$(date", ['"availability":"known"', '"free":[']),
    # 2030, beyond the synced window: unknown, no free time claimed, the session still listed as busy.
    ("/availability?from=2030", ['"availability":"unknown"', '"free":null', '"kind":"training"']),
    # Tomorrow morning: Ana is in step and the slot inside the window, so her answer is known.
    ("/availability/search", ['"availability":"known"']),
]
unused = [piece for piece, _ in EXPECTED if not any(piece in c for c in commands)]
if unused:
    sys.exit(f"no example of docs/api.md matches {unused}: keep EXPECTED in step with the guide")

env = dict(os.environ, CALSYNC_LISTEN="127.0.0.1:18099")
demo = subprocess.Popen([binary, "demo", "--interval", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
exports, output = None, ""
deadline = time.time() + 60
try:
    while time.time() < deadline and "── cycle 1 ──" not in output:
        line = demo.stdout.readline()
        output += line
        if "export ADMIN=" in line:
            exports = line.strip()
    if not exports or "── cycle 1 ──" not in output:
        print(output)
        sys.exit("the demo did not start")
    tokens = dict(pair.split("=", 1) for pair in exports.replace("export ", "").split())
    passed = failed = 0
    for command in commands:
        command = command.replace("http://127.0.0.1:8080", "http://127.0.0.1:18099")
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=dict(env, **tokens), timeout=30)
        body = result.stdout
        flat = body.replace(" ", "")
        missing = [want for piece, wants in EXPECTED if piece in command for want in wants if want not in flat]
        ok = result.returncode == 0 and body and '"error":{' not in flat and not missing
        if missing:
            body = f"missing {missing} in {body}"
        passed += ok
        failed += not ok
        print(("ok   " if ok else "FAIL ") + command[:110] + ("" if ok else f"\n     → exit {result.returncode}: {body[:300]}"))
    print(f"docs/api.md examples: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)
finally:
    demo.terminate()
    try:
        demo.wait(timeout=15)
    except subprocess.TimeoutExpired:
        demo.kill()
