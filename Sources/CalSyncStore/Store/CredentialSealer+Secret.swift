import CalSyncCore

/// A credential between its `Secret` and its stored text, with or without a key.
extension CredentialSealer {
    /// The credential a stored value holds: clear text as it is; a sealed value opened with `sealer`, or, when it
    /// cannot be, an unreadable secret saying why and what to do.
    static func secret(stored: String, place: String, sealer: CredentialSealer?) -> Secret {
        guard let sealed = SealedCredential(parsing: stored) else { return Secret(stored) }
        guard let sealer else {
            return unreadable(
                stored,
                "the credential is stored encrypted under key id \(sealed.keyId) and no key is configured: set "
                    + "CALSYNC_SECRET_KEY_FILE to that key or enter the credential again")
        }
        guard sealed.keyId == sealer.keyId else {
            return unreadable(
                stored,
                "the credential was stored under another key (key id \(sealed.keyId); this server's key is "
                    + "\(sealer.keyId)): set CALSYNC_SECRET_KEY_FILE to that key or enter the credential again")
        }
        guard let value = sealer.open(sealed, place: place) else {
            return unreadable(
                stored,
                "the stored credential does not open with this server's key (key id \(sealer.keyId)): it was "
                    + "altered or copied from another integration; enter the credential again")
        }
        return Secret(value)
    }

    /// The text to store for `secret`: sealed when there is a key (an empty one stays empty: nothing to hide),
    /// clear otherwise; an unreadable secret is written back exactly as it was read.
    static func stored(_ secret: Secret, place: String, sealer: CredentialSealer?) throws -> String {
        if let unreadable = secret.unreadable { return unreadable.storedValue }
        guard let sealer, !secret.isEmpty else { return secret.revealed }
        return try sealer.seal(secret.revealed, place: place)
    }

    private static func unreadable(_ stored: String, _ reason: String) -> Secret {
        Secret(unreadable: UnreadableSecret(reason: reason, storedValue: stored))
    }
}
