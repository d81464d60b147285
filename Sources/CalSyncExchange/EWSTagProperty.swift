import MicrosoftCalendarKit

/// CalSync's tag as an EWS extended property: the named property Graph uses too (`CalSyncNamedProperty`), so an
/// item pushed through either is recognised by both (`docs/exchange.md`, "Extended properties").
enum EWSTagProperty {
    static let attributes: [(String, String)] = [
        ("PropertySetId", CalSyncNamedProperty.propertySetId), ("PropertyName", CalSyncNamedProperty.name),
        ("PropertyType", "String"),
    ]

    /// `<t:ExtendedFieldURI …/>`
    static func writeURI(to xml: inout SOAPWriter) {
        xml.empty("t:ExtendedFieldURI", attributes)
    }

    /// `<t:ExtendedProperty>` holding `value`.
    static func write(_ value: String, to xml: inout SOAPWriter) {
        xml.element("t:ExtendedProperty") { xml in
            writeURI(to: &xml)
            xml.element("t:Value", value)
        }
    }

    /// The tag's value among an item's `t:ExtendedProperty` elements (the set's GUID compared in any case: servers
    /// may normalise it).
    static func value(in item: SOAPElement) -> String? {
        for property in item.types("ExtendedProperty") {
            guard let uri = property.type("ExtendedFieldURI"),
                uri.attributes["PropertyName"] == CalSyncNamedProperty.name,
                uri.attributes["PropertySetId"]?.lowercased() == CalSyncNamedProperty.propertySetId.lowercased()
            else { continue }
            return property.type("Value")?.text
        }
        return nil
    }
}
