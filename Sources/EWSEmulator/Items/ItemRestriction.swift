import Foundation

/// A FindItem `m:Restriction`, evaluated against stored items (`docs/exchange.md`, "Restrictions"): And, Or, Not,
/// Exists, the six comparisons and Contains, on a handful of item properties and on any extended property.
indirect enum ItemRestriction: Sendable {
    enum Comparison: String, Sendable {
        case equal = "IsEqualTo"
        case notEqual = "IsNotEqualTo"
        case greater = "IsGreaterThan"
        case greaterOrEqual = "IsGreaterThanOrEqualTo"
        case less = "IsLessThan"
        case lessOrEqual = "IsLessThanOrEqualTo"
    }

    /// What a restriction reads from an item.
    enum Path: Sendable {
        case field(String)
        case extended(ExtendedFieldURI)
    }

    case and([ItemRestriction])
    case or([ItemRestriction])
    case not(ItemRestriction)
    case exists(Path)
    case compare(Comparison, Path, String)
    case contains(Path, String, mode: String, ignoreCase: Bool)

    /// Properties a restriction cannot search (OBS: exchangelib marks `calendar:UID` so). Any other FieldURI is
    /// accepted; one the emulator does not keep (`message:Sender` on an empty folder) has no value, so no comparison
    /// on it matches.
    static let unsearchableFields: Set<String> = ["calendar:UID"]

    /// Parses a restriction element; a property it cannot search is ErrorUnsupportedPathForQuery.
    static func parse(_ node: XMLNode) throws(EWSFault) -> Result<ItemRestriction, EWSError> {
        func path(_ element: XMLNode?) throws(EWSFault) -> Result<Path, EWSError> {
            guard let element else { throw EWSFault.schemaValidation("The restriction has no property path.", at: node) }
            switch element.name {
            case "FieldURI":
                let uri = element.attributes["FieldURI"] ?? ""
                guard !uri.isEmpty, !unsearchableFields.contains(uri) else {
                    return .failure(
                        EWSError(
                            "ErrorUnsupportedPathForQuery", "The property can not be used with this type of restriction.",
                            fieldURI: uri))
                }
                return .success(.field(uri))
            case "ExtendedFieldURI":
                return .success(.extended(try ExtendedFieldURI(element)))
            default:
                return .failure(
                    EWSError("ErrorUnsupportedPathForQuery", "The property can not be used with this type of restriction."))
            }
        }
        switch node.name {
        case "And", "Or":
            var parts: [ItemRestriction] = []
            for child in node.children {
                switch try parse(child) {
                case .success(let part): parts.append(part)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(node.name == "And" ? .and(parts) : .or(parts))
        case "Not":
            guard let child = node.children.first else { throw EWSFault.schemaValidation("'Not' is empty.", at: node) }
            return try parse(child).map { .not($0) }
        case "Exists":
            return try path(node.children.first).map { .exists($0) }
        case "Contains":
            guard let constant = node.type("Constant")?.attributes["Value"] else {
                throw EWSFault.schemaValidation("'Contains' needs a Constant.", at: node)
            }
            let mode = node.attributes["ContainmentMode"] ?? "FullString"
            let ignoreCase = (node.attributes["ContainmentComparison"] ?? "Exact").contains("IgnoreCase")
            return try path(node.children.first).map { .contains($0, constant, mode: mode, ignoreCase: ignoreCase) }
        default:
            guard let comparison = Comparison(rawValue: node.name) else {
                return .failure(EWSError("ErrorInvalidRestriction", "The restriction '\(node.name)' is not supported."))
            }
            guard node.children.count == 2,
                let constant = node.children[1].children.first(where: { $0.name == "Constant" })?.attributes["Value"]
            else {
                return .failure(
                    EWSError("ErrorInvalidRestriction", "The EWS emulator compares a property with a Constant only."))
            }
            return try path(node.children.first).map { .compare(comparison, $0, constant) }
        }
    }
}
