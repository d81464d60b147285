import CalSyncCore
import Foundation

/// The value of an extended property: one `t:Value`, or `t:Values/t:Value` for the array types. Values are kept as
/// the client wrote them, after checking they fit the declared type (booleans and times in their canonical form).
struct ExtendedPropertyValue: Sendable, Hashable {
    var values: [String]

    /// Reads the value of a `t:ExtendedProperty` element for `uri`; a value that does not fit its type is
    /// ErrorInvalidExtendedPropertyValue.
    init(_ property: XMLNode, uri: ExtendedFieldURI) throws(EWSError) {
        let raw: [String]
        if uri.isArray {
            guard let values = property.type("Values") else { throw Self.invalid(uri) }
            raw = values.types("Value").map(\.text)
        } else {
            guard let value = property.type("Value") else { throw Self.invalid(uri) }
            raw = [value.text]
        }
        var checked: [String] = []
        for value in raw {
            guard let canonical = Self.canonical(value, type: uri.propertyType) else { throw Self.invalid(uri) }
            checked.append(canonical)
        }
        values = checked
    }

    init(values: [String]) {
        self.values = values
    }

    /// The value in its canonical form, or nil when it does not fit the (element) type.
    static func canonical(_ value: String, type: String) -> String? {
        let element = type.hasSuffix("Array") ? String(type.dropLast(5)) : type
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch element {
        case "String": return value
        case "Boolean":
            switch trimmed.lowercased() {
            case "true", "1": return "true"
            case "false", "0": return "false"
            default: return nil
            }
        case "Short": return Int16(trimmed).map(String.init)
        case "Integer", "Error": return Int32(trimmed).map(String.init)
        case "Long", "Currency": return Int64(trimmed).map(String.init)
        case "Float", "Double", "ApplicationTime": return Double(trimmed) != nil ? trimmed : nil
        case "SystemTime": return EWSDateTime.parse(trimmed, defaultZone: TimeZone(identifier: "UTC")!).map(EWSDateTime.format)
        case "Binary", "Object": return Data(base64Encoded: trimmed) != nil ? trimmed : nil
        case "CLSID": return ExtendedFieldURI.isGUID(trimmed) ? trimmed : nil
        default: return nil
        }
    }

    func write(uri: ExtendedFieldURI, to xml: inout XMLWriter) {
        xml.element("t:ExtendedProperty") { xml in
            uri.write(to: &xml)
            if uri.isArray {
                xml.element("t:Values") { xml in
                    for value in values { xml.element("t:Value", value) }
                }
            } else {
                xml.element("t:Value", values.first ?? "")
            }
        }
    }

    static func invalid(_ uri: ExtendedFieldURI) -> EWSError {
        EWSError("ErrorInvalidExtendedPropertyValue", "The extended property value is inconsistent with its type.")
    }
}
