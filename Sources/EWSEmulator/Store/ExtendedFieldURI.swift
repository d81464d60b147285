/// `t:ExtendedFieldURI`: a MAPI property addressed by a property set (distinguished name or GUID) plus a name or a
/// numeric id, or by a bare property tag, with its type (`docs/exchange.md`, "Extended properties"). A set cannot be
/// combined with a tag, and a set needs a name or an id, never both.
struct ExtendedFieldURI: Sendable, Hashable {
    var distinguishedPropertySetId: String?
    var propertySetId: String?
    var propertyTag: String?
    var propertyName: String?
    var propertyId: String?
    var propertyType: String

    /// The property's identity: the same property however it is spelled (a distinguished set or its GUID, a tag in
    /// hex or decimal, GUIDs in any case). Names compare exactly.
    struct Key: Sendable, Hashable {
        var set: String?
        var name: String?
        var id: Int?
        var tag: Int?
        var type: String
    }

    static let distinguishedSets: [String: String] = [
        "Meeting": "6ed8da90-450b-101b-98da-00aa003f1305",
        "Appointment": "00062002-0000-0000-c000-000000000046",
        "Common": "00062008-0000-0000-c000-000000000046",
        "PublicStrings": "00020329-0000-0000-c000-000000000046",
        "Address": "00062004-0000-0000-c000-000000000046",
        "InternetHeaders": "00020386-0000-0000-c000-000000000046",
        "CalendarAssistant": "11000e07-b51b-40d6-af21-caa85edab1d0",
        "UnifiedMessaging": "4442858e-a9e3-4e80-b900-317a210cc15b",
        "Task": "00062003-0000-0000-c000-000000000046",
        "Sharing": "00062040-0000-0000-c000-000000000046",
    ]

    static let types: Set<String> = [
        "ApplicationTime", "ApplicationTimeArray", "Binary", "BinaryArray", "Boolean", "CLSID", "CLSIDArray", "Currency",
        "CurrencyArray", "Double", "DoubleArray", "Error", "Float", "FloatArray", "Integer", "IntegerArray", "Long",
        "LongArray", "Null", "Object", "ObjectArray", "Short", "ShortArray", "SystemTime", "SystemTimeArray", "String",
        "StringArray",
    ]

    /// Reads the element's attributes; a type outside the schema's list is a schema error, a combination the
    /// documentation forbids is ErrorInvalidExtendedProperty, both for the whole request.
    init(_ node: XMLNode) throws(EWSFault) {
        let attributes = node.attributes
        guard let type = attributes["PropertyType"], Self.types.contains(type) else {
            throw EWSFault.schemaValidation(
                "The 'PropertyType' attribute is missing or not a MapiPropertyTypeType value.", at: node)
        }
        propertyType = type
        distinguishedPropertySetId = attributes["DistinguishedPropertySetId"]
        propertySetId = attributes["PropertySetId"]
        propertyTag = attributes["PropertyTag"]
        propertyName = attributes["PropertyName"]
        propertyId = attributes["PropertyId"]
        if let set = distinguishedPropertySetId, Self.distinguishedSets[set] == nil {
            throw EWSFault.schemaValidation("'\(set)' is not a DistinguishedPropertySetType value.", at: node)
        }
        let hasSet = distinguishedPropertySetId != nil || propertySetId != nil
        let invalid =
            (distinguishedPropertySetId != nil && propertySetId != nil)
            || (propertyTag != nil && (hasSet || propertyName != nil || propertyId != nil))
            || (propertyTag == nil && !hasSet) || (hasSet && (propertyName == nil) == (propertyId == nil))
            || (propertyTag != nil && Self.number(propertyTag!) == nil)
            || (propertyId != nil && Self.number(propertyId!) == nil)
            || (propertySetId != nil && !Self.isGUID(propertySetId!))
        guard !invalid else {
            throw EWSFault(
                code: "ErrorInvalidExtendedProperty",
                message: "The extended property attribute combination is invalid.")
        }
    }

    var key: Key {
        let set = distinguishedPropertySetId.flatMap { Self.distinguishedSets[$0] } ?? propertySetId?.lowercased()
        return Key(
            set: set, name: propertyName, id: propertyId.flatMap(Self.number), tag: propertyTag.flatMap(Self.number),
            type: propertyType)
    }

    var isArray: Bool { propertyType.hasSuffix("Array") }

    func write(to xml: inout XMLWriter) {
        var attributes: [(String, String)] = []
        if let distinguishedPropertySetId { attributes.append(("DistinguishedPropertySetId", distinguishedPropertySetId)) }
        if let propertySetId { attributes.append(("PropertySetId", propertySetId)) }
        if let propertyTag { attributes.append(("PropertyTag", propertyTag)) }
        if let propertyName { attributes.append(("PropertyName", propertyName)) }
        if let propertyId { attributes.append(("PropertyId", propertyId)) }
        attributes.append(("PropertyType", propertyType))
        xml.empty("t:ExtendedFieldURI", attributes)
    }

    /// Decimal or `0x` hexadecimal.
    static func number(_ text: String) -> Int? {
        let lowered = text.lowercased()
        if lowered.hasPrefix("0x") { return Int(lowered.dropFirst(2), radix: 16) }
        return Int(text)
    }

    static func isGUID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
