/// A per-item failure: one ResponseMessage with ResponseClass Error (or Warning), its ResponseCode and MessageText,
/// and optional `m:MessageXml` values, inside an HTTP 200 answer. Other items of the same request are unaffected.
struct EWSError: Error, Sendable, Equatable {
    var code: String
    var message: String
    var values: [EWSMessageValue] = []
    /// The property an error is about (`t:FieldURI` in the MessageXml, e.g. for ErrorInvalidPropertyRequest).
    var fieldURI: String?

    init(_ code: String, _ message: String, values: [EWSMessageValue] = [], fieldURI: String? = nil) {
        self.code = code
        self.message = message
        self.values = values
        self.fieldURI = fieldURI
    }

    static let itemNotFound = EWSError("ErrorItemNotFound", "The specified object was not found in the store.")
    static let invalidIdMalformed = EWSError("ErrorInvalidIdMalformed", "Id is malformed.")
    static let invalidIdEmpty = EWSError("ErrorInvalidIdEmpty", "Id must be non-empty.")
    static let invalidChangeKey = EWSError("ErrorInvalidChangeKey", "ChangeKey is invalid.")
    static let folderNotFound = EWSError("ErrorFolderNotFound", "The specified folder could not be found in the store.")
    static let accessDenied = EWSError("ErrorAccessDenied", "Access is denied. Check credentials and try again.")
}
