/// `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')` on `/events`
/// (docs/microsoft-365.md §5). The id's Name part matches case-sensitively, the value case-insensitively.
struct ExtendedPropertyFilter: Sendable {
    let propertyId: String
    let value: String?

    init(_ text: String) throws(GraphError) {
        let invalid = GraphError(
            status: 400, code: "ErrorInvalidUrlQueryFilter", message: "The query filter contains one or more invalid nodes.")
        guard let t = ODataLexer.tokenize(text), t.count >= 9, t[0].lowerWord == "singlevalueextendedproperties/any",
            t[1] == .punct("("), case .word(let variable) = t[2], t[3] == .punct(":"), t.last == .punct(")")
        else { throw invalid }
        var id: String?
        var value: String?
        for clause in ODataLexer.split(Array(t[4..<(t.count - 1)]), on: "and") {
            guard clause.count == 3, clause[1].lowerWord == "eq", case .string(let literal) = clause[2],
                case .word(let path) = clause[0]
            else { throw invalid }
            switch path.lowercased() {
            case variable.lowercased() + "/id": id = literal
            case variable.lowercased() + "/value": value = literal
            default: throw invalid
            }
        }
        guard let id else { throw invalid }
        propertyId = id
        self.value = value
    }

    func matches(_ event: StoredEvent) -> Bool {
        event.extendedProperties.contains { property in
            ExtendedProperty.PropertyId.matches(property.id, propertyId)
                && (value.map { property.value.lowercased() == $0.lowercased() } ?? true)
        }
    }
}
