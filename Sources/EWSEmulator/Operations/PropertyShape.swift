/// An ItemShape or FolderShape: the base shape (IdOnly, Default, AllProperties) and the additional properties, by
/// FieldURI and by ExtendedFieldURI.
struct PropertyShape: Sendable {
    enum Base: String, Sendable {
        case idOnly = "IdOnly"
        case `default` = "Default"
        case allProperties = "AllProperties"
    }

    var base: Base
    var fieldURIs: Set<String>
    var extended: [ExtendedFieldURI]

    init(_ node: XMLNode) throws(EWSFault) {
        guard let baseNode = node.type("BaseShape") else {
            throw EWSFault.schemaValidation("The shape has no 'BaseShape'.", at: node)
        }
        guard let base = Base(rawValue: baseNode.value) else {
            throw EWSFault.schemaValidation("'\(baseNode.value)' is not a DefaultShapeNamesType value.", at: baseNode)
        }
        self.base = base
        var fields: Set<String> = []
        var extended: [ExtendedFieldURI] = []
        for property in node.type("AdditionalProperties")?.children ?? [] {
            switch property.name {
            case "FieldURI":
                guard let uri = property.attributes["FieldURI"] else {
                    throw EWSFault.schemaValidation("The required attribute 'FieldURI' is missing.", at: property)
                }
                fields.insert(uri)
            case "ExtendedFieldURI":
                extended.append(try ExtendedFieldURI(property))
            case "IndexedFieldURI", "ExceptionFieldURI":
                continue
            default:
                throw EWSFault.schemaValidation("'\(property.name)' is not a property path.", at: property)
            }
        }
        fieldURIs = fields
        self.extended = extended
    }

    init(base: Base, fieldURIs: Set<String> = [], extended: [ExtendedFieldURI] = []) {
        self.base = base
        self.fieldURIs = fieldURIs
        self.extended = extended
    }

    /// Whether a property is returned: asked for by name, or part of the base shape (`inDefault`: Default has it;
    /// AllProperties has every property the emulator keeps).
    func wants(_ uri: String, inDefault: Bool) -> Bool {
        if fieldURIs.contains(uri) { return true }
        switch base {
        case .idOnly: return false
        case .default: return inDefault
        case .allProperties: return true
        }
    }
}
