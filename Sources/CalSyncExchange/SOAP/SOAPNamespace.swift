/// The namespaces of an EWS conversation (`docs/exchange.md`, "Envelope"). Answers are read by namespace URI, never
/// by prefix: servers and Microsoft's samples bind different prefixes, or none.
enum SOAPNamespace {
    static let envelope = "http://schemas.xmlsoap.org/soap/envelope/"
    static let messages = "http://schemas.microsoft.com/exchange/services/2006/messages"
    static let types = "http://schemas.microsoft.com/exchange/services/2006/types"
    static let errors = "http://schemas.microsoft.com/exchange/services/2006/errors"
}
