import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation
import GraphEmulator

/// `calsync demo`: everything in one process on embedded defaults — the GraphEmulator with a demo
/// tenant on a free loopback port, a SQLite store, the sync loop every 10 s — and a little story
/// of changes between cycles, so each cycle shows matching, pulling and pushing at work.
enum DemoCommand {
    static let help = """
        Usage: calsync demo [--interval SECONDS] [--cycles N]

        Starts a local Graph emulator with a demo tenant (four people with their own events), a
        SQLite store (CALSYNC_DATABASE, default a fresh temporary file) holding five instructors
        (one whose e-mail matches nobody) and three training events, and runs the sync loop. Each
        cycle prints what it matched, pulled and pushed; between cycles the demo changes something
        (a person adds an appointment, a session moves, an assignment is removed) so the next
        cycle has work to show. Ctrl-C stops it gracefully.

        Options:
          --interval SECONDS  time between cycles (default 10)
          --cycles N          stop after N cycles (default: run until stopped)
          --help              show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, valueFlags: ["interval", "cycles"], switchFlags: ["help"])
            if parsed.switches.contains("help") { Output.line(help); return 0 }
            let interval = try parsed.int("interval") ?? 10
            let cycles = try parsed.int("cycles")
            guard interval >= 1 else { Output.error("--interval must be ≥ 1"); return 2 }
            if let cycles, cycles < 1 { Output.error("--cycles must be ≥ 1"); return 2 }
            let environment = ProcessInfo.processInfo.environment
            let database = environment["CALSYNC_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("calsync-demo-\(UUID().uuidString).sqlite").path
            return try await DemoSession(database: database, interval: interval, cycles: cycles).run()
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
