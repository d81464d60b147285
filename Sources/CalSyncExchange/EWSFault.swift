import CalSyncCore

/// A SOAP fault for a whole request (HTTP 500): `faultcode`, `faultstring`, and a `detail` with `e:ResponseCode`,
/// `e:Message` and, for ErrorServerBusy, `t:MessageXml/t:Value Name="BackOffMilliseconds"` (`docs/exchange.md`,
/// "Errors").
struct EWSFault: Sendable {
    var code: String
    var message: String
    var backOffMilliseconds: Int?

    init(_ fault: SOAPElement) {
        let detail = fault.anyChild("detail")
        let detailCode = detail?.child("ResponseCode", in: SOAPNamespace.errors)?.value
        // faultcode is a QName (`a:ErrorServerBusy`): its local part names the error when the detail does not.
        let faultCode = fault.anyChild("faultcode")?.value.split(separator: ":").last.map(String.init)
        code = detailCode ?? faultCode ?? "ErrorInternalServerError"
        message =
            detail?.child("Message", in: SOAPNamespace.errors)?.value ?? fault.anyChild("faultstring")?.value
            ?? "Exchange answered a SOAP fault"
        backOffMilliseconds = Self.backOff(in: detail?.anyChild("MessageXml"))
    }

    /// `BackOffMilliseconds` among a MessageXml's `t:Value` elements (read as the element's value, never from text).
    static func backOff(in messageXml: SOAPElement?) -> Int? {
        guard let value = messageXml?.types("Value").first(where: { $0.attributes["Name"] == "BackOffMilliseconds" })
        else { return nil }
        guard let milliseconds = Int(value.value), milliseconds >= 0 else { return nil }
        return milliseconds
    }

    func error(httpStatus: Int?) -> CalendarError {
        EWSErrorCode.error(code, message: message, httpStatus: httpStatus, backOffMilliseconds: backOffMilliseconds)
    }
}
