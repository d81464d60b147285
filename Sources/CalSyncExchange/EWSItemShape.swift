/// The properties CalSync reads from a calendar item: times and zones, free/busy, cancellation and the owner's
/// response, categories, subject and location (only their digest is kept), and CalSync's tag.
enum EWSItemShape {
    static let fieldURIs = [
        "item:Subject", "item:Categories", "calendar:Start", "calendar:End", "calendar:IsAllDayEvent",
        "calendar:LegacyFreeBusyStatus", "calendar:Location", "calendar:IsCancelled", "calendar:CalendarItemType",
        "calendar:MyResponseType", "calendar:StartTimeZone",
    ]

    /// `<m:ItemShape>`: IdOnly plus `fields` and, when asked, the tag.
    static func write(fields: [String] = fieldURIs, tag: Bool = true, to xml: inout SOAPWriter) {
        xml.element("m:ItemShape") { xml in
            xml.element("t:BaseShape", "IdOnly")
            guard !fields.isEmpty || tag else { return }
            xml.element("t:AdditionalProperties") { xml in
                for uri in fields { xml.empty("t:FieldURI", [("FieldURI", uri)]) }
                if tag { EWSTagProperty.writeURI(to: &xml) }
            }
        }
    }
}
