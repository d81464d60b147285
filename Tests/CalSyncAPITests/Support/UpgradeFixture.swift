import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator

/// `fixtures/upgrade/`: a database written by a released CalSync, the calendars as the emulator held them then, and
/// the availability answers that binary gave (its README says how they were recorded). Each fixture is a fresh copy
/// of the database in a temporary file, read here as the released binary left it (before any migration).
final class UpgradeFixture: @unchecked Sendable {  // read-only after init
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/upgrade")

    /// A pushed event's mapping as the released binary stored it.
    struct Mapping: Hashable {
        let key: String
        let externalId: String?
        let fingerprint: String?
    }

    /// A person's delta link and the window it was read over.
    struct DeltaLink {
        let instructorId: String
        let link: String
        let window: TimeRange
    }

    /// One recorded request and the answer's JSON body.
    struct Answer {
        let name: String
        let path: String
        let request: Any?
        let status: Int
        let body: Any
    }

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString).sqlite").path
    let recordedAt: Date
    let tenant: EmulatorTenant
    let answers: [Answer]
    let migrations: [String]
    let mappings: [Mapping]
    let deltaLinks: [DeltaLink]
    /// The integration as the released binary stored it (each field in a column of its own).
    let integration: Integration

    init() throws {
        try FileManager.default.copyItem(
            atPath: Self.directory.appendingPathComponent("calsync.sqlite").path, toPath: path)
        tenant = try EmulatorTenant(contentsOf: Self.directory.appendingPathComponent("emulator.json").path)
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("expected.json"))
        let expected = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        recordedAt = try Self.require(formatter.date(from: expected["recordedAt"] as? String ?? ""), "recordedAt")
        answers = try (expected["answers"] as? [[String: Any]] ?? []).map { answer in
            Answer(
                name: answer["name"] as? String ?? "", path: try Self.require(answer["path"] as? String, "answer path"),
                request: answer["request"], status: answer["status"] as? Int ?? 0, body: answer["body"] ?? NSNull())
        }
        let db = try SQLiteDatabase(path: path, flags: .readOnly)
        migrations = try db.fetchAll("SELECT name FROM calsync_migrations ORDER BY position") { $0.string(at: 0) }
        integration = try Self.require(
            try db.fetchOne(
                """
                SELECT id, name, status, tenant_id, client_id, client_secret, establishments_json, graph_base_url,
                    authority_host, settings_json, created_at_ms FROM integrations
                """
            ) { row in
                Integration(
                    id: row.string(at: 0), name: row.string(at: 1),
                    status: try Self.require(Integration.Status(rawValue: row.string(at: 2)), "integration status"),
                    tenantId: row.string(at: 3), clientId: row.string(at: 4), clientSecret: Secret(row.string(at: 5)),
                    establishments: try JSONDecoder().decode([String].self, from: Data(row.string(at: 6).utf8)),
                    graphBaseURL: row.string(at: 7), authorityHost: row.string(at: 8),
                    settings: try JSONDecoder().decode(SyncSettings.self, from: Data(row.string(at: 9).utf8)),
                    createdAt: Date(timeIntervalSince1970: Double(row.int64(at: 10)) / 1000))
            }, "integration")
        mappings = try db.fetchAll(
            "SELECT integration_id, item_kind, item_id, instructor_id, external_id, fingerprint FROM event_mappings"
        ) { row in
            Mapping(
                key: "\(row.string(at: 0))|\(row.string(at: 1))|\(row.string(at: 2))|\(row.string(at: 3))",
                externalId: row.isNull(at: 4) ? nil : row.string(at: 4), fingerprint: row.isNull(at: 5) ? nil : row.string(at: 5))
        }
        deltaLinks = try db.fetchAll(
            "SELECT instructor_id, delta_link, window_start_ms, window_end_ms FROM delta_states WHERE delta_link IS NOT NULL"
        ) { row in
            DeltaLink(
                instructorId: row.string(at: 0), link: row.string(at: 1),
                window: TimeRange(
                    start: Date(timeIntervalSince1970: Double(row.int64(at: 2)) / 1000),
                    end: Date(timeIntervalSince1970: Double(row.int64(at: 3)) / 1000)))
        }
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw Missing(description: "fixtures/upgrade has no \(what)") }
        return value
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Two JSON answers made comparable as strings (sorted keys): each `lastSyncAt` becomes whether it was set (it is
    /// the time of the last pull, which the upgraded binary's own cycle moves), and `answer` keeps only the members
    /// `recorded` has (the API may add members; it never drops or changes one).
    static func comparable(recorded: Any, answer: Any) -> (recorded: String, answer: String) {
        func normalised(_ value: Any, like shape: Any?) -> Any {
            if let object = value as? [String: Any] {
                let keys = (shape as? [String: Any]).map { Set($0.keys) } ?? Set(object.keys)
                var copy: [String: Any] = [:]
                for (key, item) in object where keys.contains(key) {
                    copy[key] =
                        key == "lastSyncAt"
                        ? (item is NSNull ? "unset" : "set") : normalised(item, like: (shape as? [String: Any])?[key])
                }
                return copy
            }
            if let array = value as? [Any] {
                let shapes = shape as? [Any] ?? []
                return array.enumerated().map { normalised($1, like: $0 < shapes.count ? shapes[$0] : nil) }
            }
            return value
        }
        func text(_ value: Any) -> String {
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "unserialisable"
        }
        return (text(normalised(recorded, like: nil)), text(normalised(answer, like: recorded)))
    }
}
