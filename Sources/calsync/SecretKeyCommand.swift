import CalSyncStore
import Foundation

/// `calsync secret-key`: makes the key credentials are stored under, and moves a database to a new key.
enum SecretKeyCommand {
    static let help = """
        Usage: calsync secret-key new FILE
               calsync secret-key rotate --new-key-file NEW [--config CONFIG]

        The integrations' credentials (client secrets, passwords, private keys) are stored encrypted
        (AES-256-GCM) under the key in the file CALSYNC_SECRET_KEY_FILE names; without it they are
        stored in clear, and serve says so at every start.

          new FILE     writes a new random key (32 bytes, as base64) to FILE, which must not exist,
                       readable by its owner only, and prints its key id. Point
                       CALSYNC_SECRET_KEY_FILE at it: at its next start serve encrypts the
                       credentials it finds in clear, in place.
          rotate       re-encrypts every credential of the database (the configuration's
                       "database", CALSYNC_DATABASE winning) under the key in NEW, in one
                       transaction; the current key is CALSYNC_SECRET_KEY_FILE's (none: the
                       credentials are in clear). Stop calsync serve first: rotate takes the
                       database's lock. Then set CALSYNC_SECRET_KEY_FILE to NEW and start serve.
                       Backups made before hold the credentials under the old key: keep it as long
                       as you keep them.

        A key file may hold the key as base64 text (what `new` writes), 64 hex digits, or 32 raw
        bytes. Exits 0 when done, 1 when rotate left credentials that neither key opens (named;
        enter them again), 2 when refused.

        Options:
          --new-key-file NEW  the key to rotate to (made with `calsync secret-key new NEW`)
          --config CONFIG     configuration file (JSON)
          --help              show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(
                Array(args.dropFirst()), command: "secret-key", operand: args.first == "new",
                valueFlags: ["new-key-file", "config"],
                switchFlags: ["help"])
            if parsed.switches.contains("help") || args.first == "--help" {
                Output.line(help)
                return 0
            }
            switch args.first {
            case "new":
                guard let file = parsed.operand else {
                    Output.error("secret-key new needs the FILE to write\n\n\(help)")
                    return 2
                }
                let sealer = try CredentialKeyFile.create(file)
                Output.line(
                    "wrote a new key to \(file) (key id \(sealer.keyId)); set CALSYNC_SECRET_KEY_FILE=\(file) for calsync "
                        + "serve, and keep a copy of it apart from the database's backups")
                return 0
            case "rotate":
                guard let newFile = parsed.values["new-key-file"] else {
                    Output.error("secret-key rotate needs --new-key-file NEW (make one with `calsync secret-key new NEW`)")
                    return 2
                }
                return try await rotate(to: newFile, config: parsed.values["config"])
            default:
                Output.error("secret-key needs `new FILE` or `rotate --new-key-file NEW`\n\n\(help)")
                return 2
            }
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    static func rotate(to newFile: String, config: String?) async throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ConfigurationLoader.load(path: config, environment: environment)
        let current = try SecretKeySetting.read(environment)
        let new: CredentialSealer
        do {
            new = try CredentialKeyFile.read(newFile).sealer
        } catch {
            throw ConfigurationLoader.Failure(description: "--new-key-file: \(error)")
        }
        if let old = current.sealer, old.keyId == new.keyId {
            throw ConfigurationLoader.Failure(
                description: "\(newFile) holds the current key (key id \(new.keyId)): make a new one with `calsync "
                    + "secret-key new FILE`")
        }
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            throw ConfigurationLoader.Failure(description: "no database at \(configuration.database): nothing to rotate")
        }
        let lock = try DatabaseLock.acquire(configuration.database, for: "calsync secret-key rotate")
        defer { lock?.release() }
        let store = try Runtime.openStore(configuration.database, sealer: current.sealer)
        let report = try await store.sealCredentials(under: new)
        let from = current.sealer.map { "key id \($0.keyId)" } ?? "clear text"
        Output.line(
            "re-encrypted \(report.sealed.count) credentials of \(configuration.database) from \(from) to key id "
                + "\(new.keyId)" + (report.alreadySealed.isEmpty ? "" : " (\(report.alreadySealed.count) already were)"))
        Output.line("now set CALSYNC_SECRET_KEY_FILE=\(newFile) and start calsync serve")
        if let old = current.sealer {
            Output.line("backups made before hold the credentials under key id \(old.keyId): keep that key as long as them")
        }
        guard report.unreadable.isEmpty else {
            Output.error(
                "\(report.unreadable.count) credentials open with neither key and were left as they were (integrations "
                    + "\(report.unreadable.joined(separator: ", "))): enter them again (PATCH /v1/integrations/ID or the "
                    + "admin pages)")
            return 1
        }
        return 0
    }
}
