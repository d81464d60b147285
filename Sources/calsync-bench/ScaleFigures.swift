import Foundation

/// The figures the scale benchmark reports (the keys of `--json`).
struct ScaleFigures: Sendable {
    var roundTripsPerInstructorIdle = 0.0
    var idleCycleSeconds = 0.0
    var busyCycleSeconds = 0.0
    var rssMegabytes = 0.0
    var cpuSecondsPerCycle = 0.0
    var maxInFlightPerMailbox = 0

    var json: [String: Any] {
        [
            "roundTripsPerInstructorIdle": roundTripsPerInstructorIdle, "idleCycleSeconds": idleCycleSeconds,
            "busyCycleSeconds": busyCycleSeconds, "rssMegabytes": rssMegabytes, "cpuSecondsPerCycle": cpuSecondsPerCycle,
            "maxInFlightPerMailbox": maxInFlightPerMailbox,
        ]
    }
}

/// Everything one run measured.
struct ScaleReport: Sendable {
    var instructors = 0
    var latencyMs = 0
    var calsync = ScaleFigures()
    var baseline = ScaleFigures()
    var busyRoundTripsPerInstructor = 0.0
    var busyCpuSeconds = 0.0
    /// Events created, updated or deleted by the idle cycle: 0 unless something is put back that was not changed.
    var idlePushes = 0
    var earlyRequests = 0
    var mailboxConcurrency429 = 0
    var warmUpSeconds = 0.0
    var connectionsOpened = 0
    var requestsSent = 0
    var emulatorSeedSeconds = 0.0
    var emulatorCapacityPerSecond = 0.0
    var emulatorRssMegabytes = 0.0
    var emulatorCpuSeconds = 0.0

    var json: [String: Any] {
        var object = calsync.json
        object["baseline"] = baseline.json
        object["instructors"] = instructors
        object["latencyMs"] = latencyMs
        object["emulator"] = [
            "seedSeconds": emulatorSeedSeconds, "idleDeltaRequestsPerSecond": emulatorCapacityPerSecond,
            "rssMegabytes": emulatorRssMegabytes, "cpuSeconds": emulatorCpuSeconds,
        ]
        object["earlyRequests"] = earlyRequests
        return object
    }

    var table: String {
        func row(_ name: String, _ target: String, _ ours: String, _ theirs: String) -> String {
            "| \(name) | \(target) | \(ours) | \(theirs) |"
        }
        func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        let ratio =
            calsync.roundTripsPerInstructorIdle > 0
            ? baseline.roundTripsPerInstructorIdle / calsync.roundTripsPerInstructorIdle : 0
        return [
            "CalSync scale benchmark: \(instructors) instructors, \(latencyMs) ms per Graph request",
            "",
            row("figure", "target", "CalSync", "naive baseline"),
            "|---|---|---|---|",
            row(
                "Graph round trips per instructor, idle cycle", "≤ 0.06", f(calsync.roundTripsPerInstructorIdle, 4),
                f(baseline.roundTripsPerInstructorIdle, 4) + " (×\(f(ratio, 1)))"),
            row("idle cycle wall time (s)", "≤ 5", f(calsync.idleCycleSeconds), f(baseline.idleCycleSeconds)),
            row("cycle with 10 % changed (s)", "≤ 15", f(calsync.busyCycleSeconds), f(baseline.busyCycleSeconds)),
            row("RSS after 10 cycles (MB)", "≤ 150", f(calsync.rssMegabytes, 1), f(baseline.rssMegabytes, 1)),
            row("CPU seconds per idle cycle", "—", f(calsync.cpuSecondsPerCycle), f(baseline.cpuSecondsPerCycle)),
            row("highest in flight per mailbox", "≤ 4", "\(calsync.maxInFlightPerMailbox)", "\(baseline.maxInFlightPerMailbox)"),
            "",
            "idle cycle: \(idlePushes) events written (nothing changed, so 0 is right)",
            "busy cycle: \(f(busyRoundTripsPerInstructor, 4)) round trips per instructor, \(f(busyCpuSeconds)) CPU s; "
                + "requests before a Retry-After elapsed: \(earlyRequests); MailboxConcurrency 429s: \(mailboxConcurrency429)",
            "first cycles (matching, mailbox settings, initial rounds, \(instructors) creates): \(f(warmUpSeconds, 1)) s; "
                + "connections opened: \(connectionsOpened) for \(requestsSent) HTTP requests",
            "emulator (own process): seeded in \(f(emulatorSeedSeconds)) s, \(Int(emulatorCapacityPerSecond)) idle delta "
                + "requests/s in-process, RSS \(f(emulatorRssMegabytes, 1)) MB, \(f(emulatorCpuSeconds, 1)) CPU s in all",
        ].joined(separator: "\n")
    }
}
