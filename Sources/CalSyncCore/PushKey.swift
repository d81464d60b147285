/// Identifies one pushed calendar event: an item × a person, within an integration.
public struct PushKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var integrationId: String
    public var itemKind: ItemKind
    public var itemId: String
    public var instructorId: String

    public init(integrationId: String, itemKind: ItemKind, itemId: String, instructorId: String) {
        self.integrationId = integrationId
        self.itemKind = itemKind
        self.itemId = itemId
        self.instructorId = instructorId
    }

    public var description: String { "\(integrationId)/\(itemKind.rawValue)/\(itemId)/\(instructorId)" }
}
