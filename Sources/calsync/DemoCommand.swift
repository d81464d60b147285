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
    static let help: String = {
        let steps = DemoStory.outline.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        let (count, whole) = (DemoStory.outline.count, DemoStory.cyclesForTheWholeStory)
        return """
            Usage: calsync demo [--provider microsoft365|exchange|google] [--interval SECONDS] [--cycles N] [--verbose]

            Starts a local Graph emulator with a demo tenant (four people with their own events), a
            SQLite store holding five instructors (one whose e-mail matches nobody), three training
            events and three absences (an afternoon off, two days of leave awaiting approval, a day
            working from home), and runs the sync loop. Each cycle prints what it matched, pulled and
            pushed, and what CalSync keeps in each calendar. After each of the first \(count) cycles the
            demo changes something, so the next cycle has work to show:
            \(steps)
            The whole story takes \(whole) cycles (--interval 3 tells it in about half a minute). Then the
            demo says the story is complete and keeps running: the API, the admin pages and the sync
            loop stay up for you to try, and a cycle is printed only when it changed something.
            --cycles N stops after N cycles instead (--cycles 4 shows the first three steps, before the
            leave is approved and cancelled). Ctrl-C (or SIGTERM) stops it gracefully.

            The database is a fresh temporary file, removed when the demo ends; set CALSYNC_DATABASE
            to use (and keep) a file of your own. The API listens on CALSYNC_LISTEN, default
            127.0.0.1:8080 (a free port when that one is taken).

            Options:
              --provider P        the emulated calendar system: microsoft365 (default, the Graph emulator),
                                  exchange (an Exchange Server's EWS, logged on to with NTLM as a service
                                  account with the ApplicationImpersonation role) or google (the Google
                                  emulator: the same people as a Google Workspace domain, reached with a
                                  service-account key made for this run); the same story on each
              --interval SECONDS  time between cycles (default 10)
              --cycles N          stop after N cycles (default: run until stopped)
              --verbose           also write CalSync's log lines (JSON on stderr: the sync loop's, and the
                                  API's access log, a line per request); without it the terminal shows
                                  the story only
              --help              show this help
            """
    }()

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(
                args, command: "demo", valueFlags: ["interval", "cycles", "provider"], switchFlags: ["verbose", "help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            let interval = try parsed.int("interval") ?? 10
            let cycles = try parsed.int("cycles")
            guard interval >= 1 else {
                Output.error("--interval must be ≥ 1")
                return 2
            }
            if let cycles, cycles < 1 {
                Output.error("--cycles must be ≥ 1")
                return 2
            }
            let provider = parsed.values["provider"] ?? Microsoft365Connection.type
            guard DemoSession.providers.contains(provider) else {
                Output.error("--provider must be \(DemoSession.providers.joined(separator: ", "))")
                return 2
            }
            let environment = ProcessInfo.processInfo.environment
            let given = environment["CALSYNC_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
            let database =
                given
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("calsync-demo-\(UUID().uuidString).sqlite").path
            // Runs when the demo ends: after its last cycle, Ctrl-C or SIGTERM (both drain), or an error.
            defer { if given == nil { removeTemporaryDatabase(database) } }
            let lock = try DatabaseLock.acquire(database, for: "calsync demo")
            defer { lock?.release() }
            let session = DemoSession(
                database: database, interval: interval, cycles: cycles, verbose: parsed.switches.contains("verbose"),
                provider: provider)
            return try await session.run()
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    /// Deletes the demo's own database file and its WAL companions.
    static func removeTemporaryDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        Output.line("removed the demo database \(path) (set CALSYNC_DATABASE to keep one)")
    }
}
