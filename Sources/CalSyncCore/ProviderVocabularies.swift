/// The vocabularies of the calendar systems this build speaks, by connection type (the provider registry makes
/// it). A type without one gets `NeutralVocabulary`.
public struct ProviderVocabularies: Sendable {
    public let all: [any ProviderVocabulary]

    public init(_ vocabularies: [any ProviderVocabulary]) {
        all = vocabularies
    }

    /// No system's own words (tests of neutral rules).
    public static let neutral = ProviderVocabularies([])

    public func vocabulary(forType type: String) -> any ProviderVocabulary {
        all.first { $0.connectionType == type } ?? NeutralVocabulary(connectionType: type)
    }

    public func vocabulary(for integration: Integration) -> any ProviderVocabulary {
        vocabulary(forType: integration.type)
    }

    /// The fingerprint of an event pushed through this integration.
    public func fingerprint(of event: OutgoingEvent, for integration: Integration) -> String {
        vocabulary(for: integration).fingerprint(of: event)
    }

    /// The system's explanation of an error: the integration's system's, or (integration unknown) the first system
    /// that knows the code.
    public func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation? {
        if let integration = context.integration {
            return vocabulary(for: integration).explain(code: code, httpStatus: httpStatus, context: context)
        }
        for vocabulary in all {
            if let known = vocabulary.explain(code: code, httpStatus: httpStatus, context: context) { return known }
        }
        return nil
    }

    /// The neutral kind of an error code: CalSync's own kind word, else the integration's system's code (integration
    /// unknown: the first system that knows it).
    public func kind(ofCode code: String?, integration: Integration?) -> CalendarError.Kind? {
        guard let code else { return nil }
        let lowered = code.lowercased()
        if let own = CalendarError.Kind.allCases.first(where: { $0.rawValue.lowercased() == lowered }) { return own }
        if let integration { return vocabulary(for: integration).kind(ofCode: code) }
        return all.lazy.compactMap { $0.kind(ofCode: code) }.first
    }
}
