import CalSyncCore
import Foundation

// MARK: - Labels of ids (what the admin pages show beside an id)

extension CalSyncStore {
    /// The titles of training events, by id; unknown ids are left out. One query, whatever the number of ids.
    public func trainingEventTitles(ids: Set<String>) throws -> [String: String] {
        try labels("SELECT id, title FROM training_events WHERE id IN (SELECT value FROM json_each(?))", ids: ids)
    }

    /// The account names of absences ("Paid leave"), by id; unknown ids are left out. One query.
    public func absenceAccountNames(ids: Set<String>) throws -> [String: String] {
        try labels("SELECT id, account_name FROM absences WHERE id IN (SELECT value FROM json_each(?))", ids: ids)
    }

    /// `sql` takes the ids as one JSON array and answers (id, label) rows.
    private func labels(_ sql: String, ids: Set<String>) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let list = String(decoding: try JSONSerialization.data(withJSONObject: ids.sorted()), as: UTF8.self)
        let rows = try db.fetchAll(sql, list) { ($0.string(at: 0), $0.string(at: 1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
