import CalSyncCore
import CalSyncHTTP
import Foundation

/// The API's rules for an integration's settings (`SettingsInput`), for settings that arrive another way: the
/// configuration file. One set of rules, so a file cannot hold what `PATCH /v1/integrations/{id}` would refuse.
public enum SettingsRules {
    /// Nil when `settings` keeps every rule; else a sentence naming the first key that breaks one (under `path`).
    public static func problem(in settings: SyncSettings, path: String = "settings") -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: SettingsInput.json(settings)),
            case .object(let fields)? = try? JSONValue.parse(data)
        else { return "the settings cannot be read" }
        do {
            _ = try SettingsInput.merged(JSONInput(fields: fields, path: path), onto: SyncSettings())
            return nil
        } catch let error as APIError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
