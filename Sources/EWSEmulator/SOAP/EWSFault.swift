/// A whole-request failure, answered as a SOAP Fault with HTTP 500 (`docs/exchange.md`, "Errors"): the faultcode
/// `a:<ResponseCode>` in the types namespace, then `detail` with `e:ResponseCode`, `e:Message` and, for some codes,
/// `t:MessageXml` values (BackOffMilliseconds for ErrorServerBusy; LineNumber, LinePosition and Violation for
/// ErrorSchemaValidation, which also carries the older `e:Line` and `e:Position`).
struct EWSFault: Error, Sendable {
    var code: String
    var message: String
    /// `t:MessageXml/t:Value[@Name]` entries.
    var values: [EWSMessageValue] = []
    /// For ErrorSchemaValidation: where in the request, and what the schema expected.
    var line: Int?
    var position: Int?
    var violation: String?
    var status = 500
    /// Answered as one error ResponseMessage per requested item (HTTP 200) instead of a fault, where
    /// `EWSConfiguration` makes an UNCONFIRMED shape per-item.
    var perItem = false

    init(code: String, message: String, values: [EWSMessageValue] = []) {
        self.code = code
        self.message = message
        self.values = values
    }

    /// ErrorSchemaValidation at the element that broke the schema.
    static func schemaValidation(_ violation: String, at node: XMLNode?) -> EWSFault {
        var fault = EWSFault(code: "ErrorSchemaValidation", message: "The request failed schema validation: \(violation)")
        fault.violation = violation
        fault.line = node?.line
        fault.position = node?.column
        return fault
    }

    static func schemaValidation(_ violation: String, line: Int, position: Int) -> EWSFault {
        var fault = EWSFault(code: "ErrorSchemaValidation", message: "The request failed schema validation: \(violation)")
        fault.violation = violation
        fault.line = line
        fault.position = position
        return fault
    }

    /// ErrorServerBusy, with the back-off hint when there is one (OBS: not every busy fault carries it).
    static func serverBusy(backOffMilliseconds: Int?) -> EWSFault {
        EWSFault(
            code: "ErrorServerBusy", message: "The server cannot service this request right now. Try again later.",
            values: backOffMilliseconds.map { [EWSMessageValue(name: "BackOffMilliseconds", value: String($0))] } ?? [])
    }

    static func invalidRequest(_ message: String) -> EWSFault {
        EWSFault(code: "ErrorInvalidRequest", message: message)
    }

    /// The fault's body content (inside `s:Body`).
    func write(to xml: inout XMLWriter) {
        xml.element("s:Fault") { xml in
            xml.element("faultcode", "a:" + code, [("xmlns:a", EWSNamespace.types)])
            xml.element("faultstring", message, [("xml:lang", "en-US")])
            xml.element("detail") { xml in
                xml.element("e:ResponseCode", code, [("xmlns:e", EWSNamespace.errors)])
                xml.element("e:Message", message, [("xmlns:e", EWSNamespace.errors)])
                if let line { xml.element("e:Line", String(line), [("xmlns:e", EWSNamespace.errors)]) }
                if let position { xml.element("e:Position", String(position), [("xmlns:e", EWSNamespace.errors)]) }
                guard !values.isEmpty || line != nil || violation != nil else { return }
                xml.element("t:MessageXml", [("xmlns:t", EWSNamespace.types)]) { xml in
                    if let line { xml.element("t:LineNumber", String(line)) }
                    if let position { xml.element("t:LinePosition", String(position)) }
                    if let violation { xml.element("t:Violation", violation) }
                    for entry in values { xml.element("t:Value", entry.value, [("Name", entry.name)]) }
                }
            }
        }
    }
}
