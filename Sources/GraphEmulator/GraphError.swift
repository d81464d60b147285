import Foundation

/// A Graph error: HTTP status plus the `{"error":{"code","message","innerError":{…}}}` body
/// (docs/microsoft-365.md §10). Also thrown by the emulator's in-process side-door methods.
public struct GraphError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    /// Extra response headers (e.g. `WWW-Authenticate` on 401).
    public var headers: [String: String]
    /// Extra `innerError` members (the 429 sample carries `code`, `message` and `status` there).
    var innerErrorExtras: [String: String] = [:]

    public init(status: Int, code: String, message: String, headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    /// The error body, with the request's ids in `innerError`.
    func body(date: Date, requestId: String, clientRequestId: String) -> EmulatorJSON {
        var inner: [String: EmulatorJSON] = [
            "date": .string(GraphDateFormat.innerErrorDate(date)),
            "request-id": .string(requestId),
            "client-request-id": .string(clientRequestId),
        ]
        for (name, value) in innerErrorExtras { inner[name] = .string(value) }
        return [
            "error": [
                "code": .string(code),
                "message": .string(message),
                "innerError": .object(inner),
            ]
        ]
    }

    // MARK: - Errors used across routes

    static func unauthenticated(_ message: String) -> GraphError {
        GraphError(
            status: 401, code: "InvalidAuthenticationToken", message: message,
            headers: [
                "WWW-Authenticate":
                    "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\""
            ])
    }

    /// 403 on calendar and mailbox calls (OBS; fixture error-access-denied-calendar.json).
    static let mailboxAccessDenied = GraphError(
        status: 403, code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again.")

    /// 403 on directory calls (DOC example in json-batching).
    static let directoryAccessDenied = GraphError(
        status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.")

    static let itemNotFound = GraphError(
        status: 404, code: "ErrorItemNotFound", message: "The specified object was not found in the store.")

    static func invalidUser(_ user: String) -> GraphError {
        GraphError(status: 404, code: "ErrorInvalidUser", message: "The requested user '\(user)' is invalid.")
    }

    static let mailboxNotEnabled = GraphError(
        status: 404, code: "MailboxNotEnabledForRESTAPI",
        message: "The mailbox is either inactive, soft-deleted, or is hosted on-premise.")

    static func segmentNotFound(_ segment: String) -> GraphError {
        GraphError(status: 400, code: "BadRequest", message: "Resource not found for the segment '\(segment)'.")
    }

    /// 405 as in the json-batching example response.
    static let methodNotAllowed = GraphError(
        status: 405, code: "Request_BadRequest", message: "Specified HTTP method is not allowed for the request target.")

    static let unreadableBody = GraphError(
        status: 400, code: "BadRequest",
        message:
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.")

    static let unsupportedMediaType = GraphError(
        status: 415, code: "UnsupportedMediaType",
        message:
            "A supported MIME type could not be found that matches the content type of the request. The supported type(s) 'application/json' do not match the content type of the request."
    )

    static func invalidRequest(_ detail: String) -> GraphError {
        GraphError(status: 400, code: "ErrorInvalidRequest", message: "Your request can't be completed. \(detail)")
    }

    static func propertyValidation(_ detail: String) -> GraphError {
        GraphError(
            status: 400, code: "ErrorPropertyValidationFailure",
            message: "At least one property failed validation. \(detail)")
    }

    static func unknownProperty(_ name: String) -> GraphError {
        GraphError(
            status: 400, code: "RequestBroker--ParseUri",
            message: "Could not find a property named '\(name)' on type 'microsoft.graph.event'.")
    }

    static func syncStateNotFound(generation: Int, highest: Int) -> GraphError {
        GraphError(
            status: 410, code: "SyncStateNotFound",
            message: "The sync state generation is not found; generation=\(generation);[highest=\(highest)].")
    }
}
