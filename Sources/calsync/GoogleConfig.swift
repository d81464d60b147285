import CalSyncCore
import CalSyncGoogle
import Foundation

/// A Google Workspace integration's own keys in the configuration file: the path of the service account's JSON key
/// file (read when the file is loaded; never printed), an optional admin address for the directory and an optional
/// base URL (the emulator).
struct GoogleConfig: ConnectionConfig {
    var serviceAccountKeyFile: String
    var adminEmail: String?
    var googleBaseURL: String?

    enum Keys: String, CodingKey, CaseIterable {
        case serviceAccountKeyFile, adminEmail, googleBaseURL
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        serviceAccountKeyFile = try c.decode(String.self, forKey: .serviceAccountKeyFile)
        adminEmail = try c.decodeIfPresent(String.self, forKey: .adminEmail)
        googleBaseURL = try c.decodeIfPresent(String.self, forKey: .googleBaseURL)
    }

    func connection(environment: [String: String], place: String) throws -> Connection {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: serviceAccountKeyFile))
        } catch {
            throw ConfigurationLoader.Failure(
                description: "\(place): cannot read serviceAccountKeyFile \(serviceAccountKeyFile)")
        }
        let key: GoogleServiceAccountKey
        do {
            key = try GoogleServiceAccountKey(json: data)
        } catch {
            throw ConfigurationLoader.Failure(
                description: "\(place): serviceAccountKeyFile \(serviceAccountKeyFile): \(error.message)")
        }
        let admin = adminEmail?.trimmingCharacters(in: .whitespaces)
        return .google(
            GoogleConnection(
                serviceAccountKey: Secret(String(decoding: data, as: UTF8.self)),
                serviceAccount: ServiceAccountIdentity(
                    clientEmail: key.clientEmail, clientId: key.clientId, privateKeyId: key.keyId,
                    tokenURI: key.tokenURI),
                adminEmail: admin?.isEmpty == false ? admin : nil,
                googleBaseURL: googleBaseURL ?? GoogleConnection.defaultServiceURL))
    }

    func checkEndpoints(place: String) throws {
        guard let googleBaseURL else { return }
        do {
            _ = try GoogleEndpoints(baseURL: googleBaseURL)
        } catch {
            throw ConfigurationLoader.Failure(description: "\(place).googleBaseURL: \(error.message)")
        }
    }

    var secretSource: String { "the key file \(serviceAccountKeyFile) (serviceAccountKeyFile)" }

    var summary: String { "service-account key file \(serviceAccountKeyFile)" }
}
