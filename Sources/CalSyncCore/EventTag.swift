/// How CalSync marks the events it pushes, so they are never pulled back as busy blocks and can be
/// found again after an ambiguous create. Each calendar system keeps the tag's value in a property of its own
/// (its adapter chooses which).
public enum EventTag {
    /// The category put on every pushed event (fallback recognition).
    public static let category = "CalSync"

    /// The property value naming integration, item and person. `|` cannot occur in ids.
    public static func value(for key: PushKey) -> String {
        "calsync|\(key.integrationId)|\(key.itemKind.rawValue)|\(key.itemId)|\(key.instructorId)"
    }

    /// Parses a value written by `value(for:)`.
    public static func key(from value: String) -> PushKey? {
        let parts = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "calsync", let kind = ItemKind(rawValue: parts[2]) else { return nil }
        return PushKey(integrationId: parts[1], itemKind: kind, itemId: parts[3], instructorId: parts[4])
    }
}
