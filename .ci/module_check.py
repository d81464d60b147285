#!/usr/bin/env python3
"""The module graph's rules, checked on the sources (no build needed):

1. every module a target's sources import is declared as a dependency of that target in Package.swift
   (toolchain modules aside), so no import works by accident of the build order;
2. the provider-neutral modules (CalSyncCore, CalSyncProviderKit, CalSyncWorker, CalSyncAPI) hold no word of a calendar system's
   protocol: Graph, AADSTS, deltaLink, mailboxSettings, transactionId, Windows zone names. Each adapter keeps its
   own words; the provider registry (CalSyncProviders) is the one place outside the adapters that names them.

Usage: python3 .ci/module_check.py  (from the package root; exit status 1 on any finding)
"""
import glob
import json
import re
import subprocess
import sys

TOOLCHAIN = {
    "Foundation", "FoundationNetworking", "FoundationXML", "FoundationEssentials", "Dispatch", "Synchronization",
    "Testing", "XCTest", "Glibc", "Musl", "Darwin", "_Concurrency", "PackageDescription",
}
NEUTRAL = ["Sources/CalSyncCore", "Sources/CalSyncProviderKit", "Sources/CalSyncWorker", "Sources/CalSyncAPI"]
# Graph's words, and Windows zone names (they all end so, e.g. "W. Europe Standard Time").
VOCABULARY = re.compile(r"Graph|AADSTS|deltaLink|mailboxSettings|transactionId|Standard Time|Daylight Time")
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|public\s+|internal\s+)?import\s+"
                    r"(?:(?:struct|class|enum|func|protocol|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def undeclared_imports(package):
    findings = []
    for target in package["targets"]:
        if target["type"] in ("system", "plugin", "binary"):
            continue
        name = target["name"]
        declared = {value[0] for dependency in target.get("dependencies", []) for value in dependency.values()}
        root = target.get("path") or ("Tests/" if target["type"] == "test" else "Sources/") + name
        for path in sorted(glob.glob(root + "/**/*.swift", recursive=True)):
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    match = IMPORT.match(line)
                    if match and match.group(1) not in declared | TOOLCHAIN | {name}:
                        findings.append(f"{path}:{number}: imports {match.group(1)}, not a dependency of {name}")
    return findings


def provider_words():
    findings = []
    for root in NEUTRAL:
        for path in sorted(glob.glob(root + "/**/*.swift", recursive=True)):
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    if VOCABULARY.search(line):
                        findings.append(f"{path}:{number}: a calendar system's word in a neutral module: {line.strip()}")
    return findings


def main():
    dump = subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True)
    findings = undeclared_imports(json.loads(dump.stdout)) + provider_words()
    for finding in findings:
        print(finding)
    if findings:
        return 1
    print("module check: every import is declared; the neutral modules name no calendar system")
    return 0


if __name__ == "__main__":
    sys.exit(main())
