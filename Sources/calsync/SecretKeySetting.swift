import CalSyncStore
import CalSyncWorker

/// The key the integrations' credentials are sealed under: the file `CALSYNC_SECRET_KEY_FILE` names, or none (they
/// are then stored in clear, and `serve` says so at every start).
struct SecretKeySetting {
    static let variable = "CALSYNC_SECRET_KEY_FILE"
    static let clearWarning =
        "credentials are stored in clear: whoever can read the database file or a backup of it can read the "
        + "integrations' client secrets, passwords and private keys; make a key with `calsync secret-key new FILE` and "
        + "set CALSYNC_SECRET_KEY_FILE to it to store them encrypted"

    /// The key file, when one is set.
    var file: String?
    var sealer: CredentialSealer?
    /// Said at start when the key file may be read by other users.
    var warning: String?

    /// The setting `environment` gives; refused when the file it names cannot be read or holds no key.
    static func read(_ environment: [String: String]) throws -> SecretKeySetting {
        guard let file = environment[variable], !file.isEmpty else { return SecretKeySetting() }
        do {
            let (sealer, warning) = try CredentialKeyFile.read(file)
            return SecretKeySetting(file: file, sealer: sealer, warning: warning)
        } catch {
            throw ConfigurationLoader.Failure(description: "\(variable): \(error)")
        }
    }

    /// Says how credentials are stored: the key's id (never the key), or the loud warning that they are in clear.
    func log(to logger: Logger) {
        if let sealer, let file {
            logger.info("credentials are stored encrypted", ["keyFile": file, "keyId": sealer.keyId])
        } else {
            logger.warning(Self.clearWarning)
        }
        if let warning { logger.warning(warning) }
    }

    /// Seals the credentials a database holds in clear (one written before the key was set), and logs how many;
    /// warns about those no key at hand opens. Nothing to do without a key.
    func sealCredentialsInClear(of store: CalSyncStore, logger: Logger) async throws {
        guard let sealer else { return }
        let report = try await store.sealCredentials(under: sealer)
        if !report.sealed.isEmpty {
            logger.info(
                "credentials stored in clear are now encrypted",
                ["count": "\(report.sealed.count)", "integrations": report.sealed.joined(separator: ","), "keyId": sealer.keyId])
        }
        if !report.unreadable.isEmpty {
            logger.warning(
                "credentials that this key cannot read: their integrations cannot sync until CALSYNC_SECRET_KEY_FILE is "
                    + "set to the key they were stored under or the credential is entered again",
                ["count": "\(report.unreadable.count)", "integrations": report.unreadable.joined(separator: ",")])
        }
    }
}
