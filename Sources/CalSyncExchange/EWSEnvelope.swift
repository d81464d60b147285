import Foundation

/// A SOAP 1.1 request envelope with the headers every CalSync request carries (`docs/exchange.md`, "Envelope"):
/// the schema version, the person the service account acts as (when it acts as someone), and a UTC time-zone
/// context (CalSync writes UTC instants and names each item's own zone).
enum EWSEnvelope {
    static func make(version: String, impersonating mailbox: String?, body: (inout SOAPWriter) -> Void) -> Data {
        var xml = SOAPWriter()
        xml.element(
            "s:Envelope",
            [
                ("xmlns:s", SOAPNamespace.envelope), ("xmlns:m", SOAPNamespace.messages),
                ("xmlns:t", SOAPNamespace.types),
            ]
        ) { xml in
            xml.element("s:Header") { xml in
                xml.empty("t:RequestServerVersion", [("Version", version)])
                if let mailbox {
                    xml.element("t:ExchangeImpersonation") { xml in
                        xml.element("t:ConnectingSID") { xml in xml.element("t:PrimarySmtpAddress", mailbox) }
                    }
                }
                xml.element("t:TimeZoneContext") { xml in xml.empty("t:TimeZoneDefinition", [("Id", "UTC")]) }
            }
            xml.element("s:Body", [], body)
        }
        return Data(("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + xml.text).utf8)
    }

    /// `<t:DistinguishedFolderId Id="calendar">` with the mailbox named (required when the account has none).
    static func calendarFolder(_ mailbox: String, to xml: inout SOAPWriter) {
        xml.element("t:DistinguishedFolderId", [("Id", "calendar")]) { xml in
            xml.element("t:Mailbox") { xml in xml.element("t:EmailAddress", mailbox) }
        }
    }
}
