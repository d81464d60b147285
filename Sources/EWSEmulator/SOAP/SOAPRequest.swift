import Foundation

/// A parsed EWS request envelope: the SOAP headers EWS reads and the operation element (the first child of Body,
/// which is what EWS dispatches on; no SOAPAction header is needed).
struct SOAPRequest: Sendable {
    static let soap12 = "http://www.w3.org/2003/05/soap-envelope"

    /// The `Version` attribute of `t:RequestServerVersion` as sent (nil without the header).
    var versionName: String?
    var impersonation: EWSImpersonation?
    /// `t:TimeZoneContext/t:TimeZoneDefinition/@Id`
    var timeZoneContextId: String?
    /// `t:DateTimePrecision` (Seconds or Milliseconds).
    var dateTimePrecision: String?
    var operation: XMLNode

    /// Reads the envelope; a document that is not a SOAP envelope with one operation in its Body is a schema error.
    init(_ root: XMLNode) throws(EWSFault) {
        guard root.name == "Envelope", root.namespace == EWSNamespace.soap || root.namespace == Self.soap12 else {
            throw EWSFault.schemaValidation("The root element must be a SOAP Envelope.", at: root)
        }
        let children = root.children.filter { $0.namespace == root.namespace }
        guard let body = children.first(where: { $0.name == "Body" }) else {
            throw EWSFault.schemaValidation("The SOAP Envelope has no Body.", at: root)
        }
        guard let operation = body.children.first else {
            throw EWSFault.schemaValidation("The SOAP Body holds no operation.", at: body)
        }
        self.operation = operation
        guard let header = children.first(where: { $0.name == "Header" }) else { return }
        if let version = header.type("RequestServerVersion") {
            versionName = version.attributes["Version"] ?? ""
        }
        if let element = header.type("ExchangeImpersonation") {
            guard let sid = element.type("ConnectingSID"), let identifier = sid.children.first,
                let kind = EWSImpersonation.Kind(rawValue: identifier.name)
            else {
                throw EWSFault(
                    code: "ErrorInvalidExchangeImpersonationHeaderData",
                    message: "The impersonation header does not name a user (ConnectingSID needs PrincipalName, SID, "
                        + "PrimarySmtpAddress or SmtpAddress).")
            }
            impersonation = EWSImpersonation(kind: kind, value: identifier.value)
        }
        timeZoneContextId = header.type("TimeZoneContext")?.type("TimeZoneDefinition")?.attributes["Id"]
        dateTimePrecision = header.type("DateTimePrecision")?.value
    }
}
