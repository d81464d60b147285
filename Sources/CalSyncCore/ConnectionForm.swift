/// How an admin enters and reads one kind of connection on the admin pages, in the calendar system's own words (its
/// adapter's vocabulary supplies it), so that the pages never name a system themselves.
public struct ConnectionForm: Sendable, Hashable {
    /// The type's name for people ("Microsoft 365").
    public var typeLabel: String
    /// The connection's settings, as the API's integration body names them: required ones first, then optional ones
    /// (the create form puts the covered establishments in between).
    public var fields: [Field]

    public init(typeLabel: String, fields: [Field] = []) {
        self.typeLabel = typeLabel
        self.fields = fields
    }

    /// The required fields, then the optional ones.
    public var requiredFields: [Field] { fields.filter(\.isRequired) }
    public var optionalFields: [Field] { fields.filter { !$0.isRequired } }
    /// The write-only credential (a client secret, a password, a key file), if the connection has one.
    public var secretField: Field? { fields.first { $0.control == .secret || $0.control == .document } }
}
