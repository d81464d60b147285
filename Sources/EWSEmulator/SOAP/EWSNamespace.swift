/// The namespaces of EWS (`docs/exchange.md`, "Envelope"). Requests are read by namespace URI, never by prefix.
enum EWSNamespace {
    static let soap = "http://schemas.xmlsoap.org/soap/envelope/"
    static let messages = "http://schemas.microsoft.com/exchange/services/2006/messages"
    static let types = "http://schemas.microsoft.com/exchange/services/2006/types"
    static let errors = "http://schemas.microsoft.com/exchange/services/2006/errors"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    static let xsd = "http://www.w3.org/2001/XMLSchema"
}
