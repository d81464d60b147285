/// Graph's `event.showAs` / free-busy status.
public enum ShowAs: String, Sendable, Codable, CaseIterable {
    case free, tentative, busy, oof, workingElsewhere, unknown

    /// Lenient parse: Graph's samples mix `Busy` and `busy`.
    public init?(graphValue: String) {
        let lowered = graphValue.lowercased()
        guard let match = ShowAs.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }
}
