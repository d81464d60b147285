import CalSyncAPI
import CalSyncCore
import Foundation

extension CalSyncConfiguration {
    /// An integration: the keys every type shares here, its `type` (microsoft365 when left out) choosing the
    /// connection's own keys (`ConnectionConfig`, one type per calendar system). A type CalSync does not support is
    /// refused while the file is read, as the API refuses it.
    struct IntegrationConfig: Sendable, Decodable {
        var id: String
        var name: String
        var type: String
        var establishments: [String]?
        var settings: SyncSettings?
        var connection: any ConnectionConfig

        enum CodingKeys: String, CodingKey, CaseIterable { case id, name, type, establishments, settings }

        /// The connection keys of each supported type.
        static let connectionTypes: [String: any ConnectionConfig.Type] = [
            Microsoft365Connection.type: Microsoft365Config.self,
            GoogleConnection.type: GoogleConfig.self,
            ExchangeConnection.type: ExchangeConfig.self,
        ]

        /// The keys of each supported type; the keys of another type are not checked, its type is refused.
        static let knownKeys = KnownKeys(
            chosenBy: "type", absent: IntegrationType.absent,
            connectionTypes.mapValues { config in
                config.addingKeys(
                    to: KnownKeys(CodingKeys.self, nested: [.settings: KnownKeys(encoding: SyncSettings())]))
            })

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let place = UnknownConfigurationKey.keyPath(decoder.codingPath)
            var type = IntegrationType.absent
            if c.contains(.type), try !c.decodeNil(forKey: .type) {
                guard let named = try? c.decode(String.self, forKey: .type) else {
                    throw ConfigurationLoader.Failure(description: "\(place).type \(IntegrationType.mustBe)")
                }
                type = named
            }
            switch IntegrationType.verdict(type) {
            case .supported: self.type = type
            case .notSupportedYet(let name):
                throw ConfigurationLoader.Failure(description: "\(place): \(IntegrationType.notSupportedYetMessage(name))")
            case .unknown:
                throw ConfigurationLoader.Failure(description: "\(place).type \(IntegrationType.mustBe)")
            }
            guard let connectionType = Self.connectionTypes[type] else {
                throw ConfigurationLoader.Failure(description: "\(place): \(IntegrationType.notSupportedYetMessage(type))")
            }
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            connection = try connectionType.init(from: decoder)
            establishments = try c.decodeIfPresent([String].self, forKey: .establishments)
            settings = try c.decodeIfPresent(SyncSettings.self, forKey: .settings)
        }
    }
}
