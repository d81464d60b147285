/// What a calendar error means, in plain words, and how to fix it: what `calsync doctor` advises, the likely cause
/// of each failing person in the diagnosis, and the explanations the admin pages show beside raw error codes. Each
/// calendar system's adapter explains its own codes (`ProviderVocabulary`); CalSync's own kinds have a neutral
/// explanation.
public struct ErrorExplanation: Sendable, Hashable {
    /// What went wrong, as a short phrase ("wrong client secret").
    public var cause: String
    /// What to do about it; nil when there is nothing to do or nothing precise to say.
    public var fix: String?

    public init(cause: String, fix: String? = nil) {
        self.cause = cause
        self.fix = fix
    }

    /// Who the fix is about, so that it can name the connection's settings and where the secret is set.
    public struct Context: Sendable, Hashable {
        /// The integration the error belongs to, when known.
        public var integration: Integration?
        /// Where the connection's secret is set ("the environment variable X"); the integration's by default.
        public var secretPlace: String

        public init(_ integration: Integration? = nil, secretPlace: String? = nil) {
            self.integration = integration
            self.secretPlace = secretPlace ?? "the integration's client secret"
        }
    }
}
