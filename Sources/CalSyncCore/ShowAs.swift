/// An event's free/busy status.
public enum ShowAs: String, Sendable, Codable, CaseIterable {
    case free, tentative, busy, oof, workingElsewhere, unknown

    /// Lenient parse, in any case (services' samples mix `Busy` and `busy`).
    public init?(lenient value: String) {
        let lowered = value.lowercased()
        guard let match = ShowAs.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }
}
