/// The vocabulary of a connection type no adapter speaks for: IANA zone names, no codes of its own.
public struct NeutralVocabulary: ProviderVocabulary {
    public let connectionType: String

    public init(connectionType: String = "") {
        self.connectionType = connectionType
    }
}
