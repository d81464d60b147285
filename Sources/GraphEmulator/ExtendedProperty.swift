/// A single-value legacy extended property stored on an event (docs/microsoft-365.md §5).
struct ExtendedProperty: Sendable, Hashable {
    var id: String
    var value: String

    var json: EmulatorJSON { ["id": .string(id), "value": .string(value)] }

    /// Parses the `singleValueExtendedProperties` array of a request body.
    static func parseList(_ json: EmulatorJSON) throws(GraphError) -> [ExtendedProperty] {
        guard let items = json.arrayValue else {
            throw GraphError(status: 400, code: "BadRequest", message: "Invalid value for 'singleValueExtendedProperties'.")
        }
        var result: [ExtendedProperty] = []
        for item in items {
            guard let id = item["id"]?.stringValue, let value = item["value"]?.stringValue else {
                throw GraphError(
                    status: 400, code: "ErrorInvalidExtendedProperty",
                    message: "The extended property attribute combination is invalid.")
            }
            guard PropertyId(id) != nil else {
                throw GraphError(
                    status: 400, code: "ErrorInvalidExtendedProperty",
                    message: "The extended property attribute combination is invalid.")
            }
            result.append(ExtendedProperty(id: id, value: value))
        }
        return result
    }

    /// Adds or replaces properties by id (PATCH semantics).
    static func merge(_ updates: [ExtendedProperty], into existing: inout [ExtendedProperty]) {
        for update in updates {
            if let index = existing.firstIndex(where: { PropertyId.matches($0.id, update.id) }) {
                existing[index] = update
            } else {
                existing.append(update)
            }
        }
    }

    /// A parsed property id: `{type} {guid} Name {name}`, `{type} {guid} Id {0x…}` or `{type} {proptag}`.
    /// Type, GUID and hex tags compare case-insensitively; the **Name part is case-sensitive** (DOC).
    struct PropertyId: Hashable {
        var type: String
        var guid: String
        var kind: String
        var name: String

        init?(_ text: String) {
            let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
            if parts.count == 2, parts[1].lowercased().hasPrefix("0x") {
                type = parts[0].lowercased()
                guid = ""
                kind = "tag"
                name = parts[1].lowercased()
                return
            }
            guard parts.count == 4, parts[1].hasPrefix("{"), parts[1].hasSuffix("}"), parts[1].count == 38 else { return nil }
            type = parts[0].lowercased()
            guid = parts[1].lowercased()
            switch parts[2].lowercased() {
            case "name":
                kind = "name"
                name = parts[3]
            case "id":
                kind = "id"
                name = parts[3].lowercased()
            default:
                return nil
            }
        }

        static func matches(_ a: String, _ b: String) -> Bool {
            guard let pa = PropertyId(a), let pb = PropertyId(b) else { return a == b }
            return pa == pb
        }
    }
}
