/// How CalSync marks the events it pushes, so they are never pulled back as busy blocks and can be
/// found again after an ambiguous create (docs/microsoft-365.md §5, extended properties).
public enum EventTag {
    /// Our single-value extended property id. The GUID is CalSync's own and must never change;
    /// the string must be byte-identical in every request (`Name` is matched case-sensitively).
    public static let propertyId = "String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name CalSyncItem"

    /// The Outlook category put on every pushed event (fallback recognition).
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
