#!/usr/bin/env python3
"""Runs `calsync serve` under the seccomp filter a systemd unit's SystemCallFilter= lines describe (groups expanded by
systemd-analyze; a denied call fails with SystemCallErrorNumber=, or kills the process when the unit sets none, as
systemd does); checks that a cycle runs without errors, /healthz answers and SIGTERM exits 0. Skips without
systemd-analyze or libseccomp. Usage: seccomp_check.py CALSYNC UNIT [serve options...] (CALSYNC_* from the environment).
"""
import ctypes, ctypes.util, errno, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.request

binary, unit, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
library = ctypes.util.find_library("seccomp")
if not (library and shutil.which("systemd-analyze")):
    sys.exit(print("seccomp check skipped: needs systemd-analyze and libseccomp2") or 0)

def expand(name):  # a @group's system calls, sub-groups included; a plain name stands for itself
    if not name.startswith("@"): return {name}
    out = subprocess.run(["systemd-analyze", "syscall-filter", name], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in out.splitlines()[1:]]
    return set().union(*[expand(line) for line in lines if line and not line.startswith("#")])

allowed, action = None, 0x80000000  # SCMP_ACT_KILL_PROCESS, systemd's default for a denied call
for key, value in re.findall(r"^(SystemCallFilter|SystemCallErrorNumber)=(.*)$", open(unit).read(), re.M):
    if key == "SystemCallErrorNumber": action = 0x00050000 | getattr(errno, value.strip())  # SCMP_ACT_ERRNO(n)
    elif value.startswith("~"): allowed -= set().union(*map(expand, value[1:].split()))  # after an allow list
    else: allowed = (allowed or set()) | set().union(*map(expand, value.split()))

def install_filter():  # in the child, between fork and exec
    seccomp = ctypes.CDLL(library)
    seccomp.seccomp_init.restype = ctypes.c_void_p
    context = ctypes.c_void_p(seccomp.seccomp_init(ctypes.c_uint32(action)))
    for nr in (seccomp.seccomp_syscall_resolve_name(name.encode()) for name in allowed):
        if nr >= 0: seccomp.seccomp_rule_add(context, ctypes.c_uint32(0x7FFF0000), nr, 0)  # SCMP_ACT_ALLOW
    if seccomp.seccomp_load(context) != 0: os._exit(99)

work = tempfile.mkdtemp()
env = dict(os.environ, CALSYNC_DATABASE=f"{work}/seccomp.sqlite", CALSYNC_LISTEN="127.0.0.1:0")
log = open(f"{work}/serve.log", "w+")
serve = subprocess.Popen([binary, "serve", *extra], env=env, stderr=log, stdout=log, preexec_fn=install_filter)
try:
    deadline, text, ready = time.time() + 30, "", ('"msg":"cycle finished"', '"msg":"listening"')
    while not all(m in text for m in ready) and serve.poll() is None and time.time() < deadline:
        time.sleep(0.1); text = open(f"{work}/serve.log").read()
    if not all(m in text for m in ready):
        code = serve.poll()
        sys.exit(f"calsync serve under {unit}'s filter: no cycle (exit {code}"
                 f"{', SIGSYS: a denied call killed it' if code == -signal.SIGSYS else ''}):\n{text}")
    assert re.search(r'"errors":"0"[^\n]*"msg":"cycle finished"', text), f"the cycle had errors:\n{text}"
    address = re.search(r'"address":"([^"]+)"[^\n]*"msg":"listening"', text).group(1)
    assert urllib.request.urlopen(f"http://{address}/healthz", timeout=5).status == 200
    serve.send_signal(signal.SIGTERM)
    assert serve.wait(timeout=60) == 0, open(f"{work}/serve.log").read()
finally:
    if serve.poll() is None: serve.kill(); serve.wait()
    shutil.rmtree(work)
print(f"seccomp: calsync serve ran a cycle, answered /healthz and stopped with exit 0 under {unit}'s SystemCallFilter")
