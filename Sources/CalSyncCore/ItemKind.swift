/// What kind of scheduler item a pushed calendar event stands for.
public enum ItemKind: String, Sendable, Codable, CaseIterable {
    case event, absence
}
