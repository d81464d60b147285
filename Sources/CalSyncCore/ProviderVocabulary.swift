/// What CalSync knows about one kind of calendar system without calling it: what its error codes mean, how it
/// spells what CalSync writes, how its connection is named in reports. Supplied by the system's adapter and chosen
/// by an integration's connection type (`ProviderVocabularies`), so neutral code (the diagnosis, the doctor, the
/// push planner) never names a system.
public protocol ProviderVocabulary: Sendable {
    /// The connection type it speaks for (`Connection.type`).
    var connectionType: String { get }
    /// The neutral kind of one of the system's error codes, as CalSync records it; nil when unknown.
    func kind(ofCode code: String) -> CalendarError.Kind?
    /// A plain explanation of an error the system answered (its code, else CalSync's kind word, and the HTTP
    /// status); nil leaves it to the neutral explanation.
    func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation?
    /// The fingerprint of an event as this system stores it (see `OutgoingEvent.fingerprint(zoneName:)`).
    func fingerprint(of event: OutgoingEvent) -> String
    /// The connection in one line for reports ("tenant …, client …"), never the secret.
    func describe(_ connection: Connection) -> String
    /// What the doctor advises where a setting of the connection is the likely cause.
    func advice(for connection: Connection) -> ConnectionAdvice
    /// How the admin pages ask for and show the connection's settings.
    var connectionForm: ConnectionForm { get }
    /// The connection's settings that may be shown, by `connectionForm`'s field names (never the secret).
    func shownSettings(of connection: Connection) -> [String: String]
}

extension ProviderVocabulary {
    public func kind(ofCode code: String) -> CalendarError.Kind? { nil }
    public func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation? { nil }
    public func fingerprint(of event: OutgoingEvent) -> String { event.fingerprint() }
    public func describe(_ connection: Connection) -> String { connection.type }
    public func advice(for connection: Connection) -> ConnectionAdvice { ConnectionAdvice() }
    public var connectionForm: ConnectionForm { ConnectionForm(typeLabel: connectionType) }
    public func shownSettings(of connection: Connection) -> [String: String] { [:] }
}
