import CalSyncCore
import Foundation

// MARK: - Credentials at rest (see `CredentialSealer`)

extension CalSyncStore {
    /// Seals every stored credential under `target`, in one transaction: clear ones (a database written before a key
    /// was configured) and, for a key rotation, those sealed under the store's own key. A credential already sealed
    /// under `target` is left as it is; one that neither the store's key nor `target` opens is left too, and reported.
    /// Run with `target` the store's own key at every start, it seals what was written in clear.
    ///
    /// When something was written, the replaced values are not left behind in the file: the rewrite runs with
    /// `secure_delete` (freed space is zeroed) and the WAL, which held the old pages, is checkpointed and truncated.
    public func sealCredentials(under target: CredentialSealer) throws -> CredentialSealingReport {
        try db.execute("PRAGMA secure_delete = ON")
        defer { try? db.execute("PRAGMA secure_delete = OFF") }
        let report = try rewriteCredentials(under: target)
        if !report.sealed.isEmpty { try checkpoint() }
        return report
    }

    private func rewriteCredentials(under target: CredentialSealer) throws -> CredentialSealingReport {
        try db.transaction(.immediate) {
            var report = CredentialSealingReport()
            let rows = try db.fetchAll("SELECT id, secret FROM integrations ORDER BY id") {
                (id: $0.string(at: 0), stored: $0.string(at: 1))
            }
            for row in rows {
                let place = IntegrationRow.secretPlace(row.id)
                let sealed = SealedCredential(parsing: row.stored)
                let secret = CredentialSealer.secret(stored: row.stored, place: place, sealer: sealer)
                if let sealed, sealed.keyId == target.keyId, target.open(sealed, place: place) != nil {
                    report.alreadySealed.append(row.id)
                } else if secret.unreadable != nil {
                    report.unreadable.append(row.id)
                } else if !secret.isEmpty {
                    let text = try target.seal(secret.revealed, place: place)
                    try db.run("UPDATE integrations SET secret = ? WHERE id = ?", text, row.id)
                    report.sealed.append(row.id)
                }
            }
            return report
        }
    }
}
