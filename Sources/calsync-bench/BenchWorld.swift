import CalSyncCore
import Foundation
import GraphEmulator

/// The emulated tenant the benchmarks run against: `count` users, each with a mailbox.
enum BenchWorld {
    static let tenantId = "b0b0b0b0-0000-4000-8000-000000000001"
    static let clientId = "bench-app"
    /// Random per run; the scale benchmark hands it to its emulator process in the environment (never in argv).
    static let secret = ProcessInfo.processInfo.environment["CALSYNC_BENCH_SECRET"] ?? "bench-secret-" + UUID().uuidString

    static func userId(_ i: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", i) }
    static func instructorId(_ i: Int) -> String { String(format: "i-%04d", i) }
    static func email(_ i: Int) -> String { String(format: "person%04d@bench.example", i) }

    static func tenant(users count: Int) -> EmulatorTenant {
        EmulatorTenant(
            tenantId: tenantId, domain: "bench.example",
            apps: [
                EmulatorTenant.App(
                    clientId: clientId, clientSecret: secret,
                    roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
            ],
            users: (0..<count).map { i in
                EmulatorTenant.User(
                    id: userId(i), displayName: "Person \(i)", mail: email(i), userPrincipalName: email(i),
                    mailboxTimeZone: "UTC")
            })
    }

    static func instructors(_ count: Int) -> [Instructor] {
        (0..<count).map { Instructor(id: instructorId($0), name: "Person \($0)", email: email($0)) }
    }
}
