import CalSyncHTTP
import Foundation

/// A logon that did not (yet) succeed: the `WWW-Authenticate` values of the 401 (an NTLM challenge, or the schemes
/// on offer), as IIS answers, with its HTML page and the connection kept open.
struct AuthenticationRefusal: Error, Sendable {
    var challenge: [String]
    /// False for the NTLM challenge (step two of a handshake, not a refusal).
    var countsAsUnauthorized: Bool

    var response: HTTPResponse {
        var headers = HTTPHeaders()
        for value in challenge { headers.add("WWW-Authenticate", value) }
        headers["Content-Type"] = "text/html"
        let body =
            "<html><head><title>401 - Unauthorized</title></head><body><h2>401 - Unauthorized: Access is denied due "
            + "to invalid credentials.</h2></body></html>"
        return HTTPResponse(status: 401, headers: headers, body: Data(body.utf8))
    }
}
