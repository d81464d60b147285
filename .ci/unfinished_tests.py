#!/usr/bin/env python3
"""Names the Swift Testing tests a `swift test` log shows starting but never passing, failing or being skipped.

After a crash these are the suspects: the process died while they ran.
"""
import re
import sys

started, ended = {}, set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if line.startswith(("◇ Test case passing", "◇ Test run")):
        continue  # a parameterised test's cases, and the run itself
    if m := re.match(r"^◇ Test (.+?) started\.$", line):
        started[m.group(1)] = started.get(m.group(1), 0) + 1
    elif m := re.match(r"^[✔✘➜] Test (.+?) (?:with \d+ test cases? )?(?:passed|failed|skipped)", line):
        ended.add(m.group(1))
unfinished = [name for name in started if name not in ended]
if unfinished:
    print(f"{len(unfinished)} test(s) started and never ended (the last 40 to start):")
    for name in unfinished[-40:]:
        print(f"  {name}")
