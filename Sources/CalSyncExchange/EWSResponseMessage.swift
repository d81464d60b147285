import CalSyncCore

/// One `m:<Op>ResponseMessage` of an answer: its class, code and text, the back-off the server asked for, and the
/// element itself (what the operation returns). One comes back per requested item, in request order.
struct EWSResponseMessage: Sendable {
    var responseClass: String
    var code: String
    var text: String
    var backOffMilliseconds: Int?
    var element: SOAPElement

    init(_ element: SOAPElement) {
        self.element = element
        responseClass = element.attributes["ResponseClass"] ?? "Error"
        code = element.message("ResponseCode")?.value ?? "ErrorInternalServerError"
        text = element.message("MessageText")?.value ?? ""
        backOffMilliseconds = EWSFault.backOff(in: element.message("MessageXml"))
    }

    var isSuccess: Bool { code == "NoError" }

    /// The neutral error this message stands for (the server's code kept as `providerCode`).
    func error(httpStatus: Int? = 200) -> CalendarError {
        let message = text.isEmpty ? "Exchange answered \(code)" : text
        return EWSErrorCode.error(code, message: message, httpStatus: httpStatus, backOffMilliseconds: backOffMilliseconds)
    }

    /// The messages of an answer body (`m:<Op>Response/m:ResponseMessages/*`).
    static func all(in response: SOAPElement) -> [EWSResponseMessage] {
        (response.message("ResponseMessages")?.children ?? []).map(EWSResponseMessage.init)
    }
}
