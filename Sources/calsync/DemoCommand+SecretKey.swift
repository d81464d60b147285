import CalSyncStore
import Foundation

extension DemoCommand {
    /// The key the demo stores its credentials under: CALSYNC_SECRET_KEY_FILE's when set, else a throw-away key that
    /// lives in the demo's memory only (nothing to clean up; a database kept with CALSYNC_DATABASE then holds
    /// credentials no later run can read, and the next demo writes its own again).
    static func credentialKey(_ environment: [String: String]) throws -> (sealer: CredentialSealer, description: String) {
        let setting = try SecretKeySetting.read(environment)
        if let sealer = setting.sealer, let file = setting.file {
            return (sealer, "encrypted under \(file) (key id \(sealer.keyId))")
        }
        let sealer = try CredentialSealer.random().sealer
        return (sealer, "encrypted under a throw-away key held in memory (key id \(sealer.keyId))")
    }
}
