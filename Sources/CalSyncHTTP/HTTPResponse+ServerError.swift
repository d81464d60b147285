import Foundation

extension HTTPResponse {
    /// An error the server produces itself, in the API's error shape:
    /// `{"error":{"code":"snake_case","message":"…"}}`.
    static func serverError(_ status: Int, code: String, message: String) -> HTTPResponse {
        .json(status, object: ["error": ["code": code, "message": message]])
    }
}
