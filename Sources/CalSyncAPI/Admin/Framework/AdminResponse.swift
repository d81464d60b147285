import CalSyncHTTP
import Foundation

/// The admin pages' responses: HTML with the security headers every page carries, and redirects.
enum AdminResponse {
    /// Scripts and styles only from this site (no inline ones), forms only to it, no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    static func page(_ status: Int, _ html: HTML) -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: securityHeaders, body: Data(html.rendered.utf8))
        response.headers["Content-Type"] = "text/html; charset=utf-8"
        return response
    }

    /// 303 See Other: after a form, the browser GETs the page that shows its outcome.
    static func redirect(_ location: String) -> HTTPResponse {
        var response = HTTPResponse(status: 303, headers: securityHeaders)
        response.headers["Location"] = location
        return response
    }

    static func asset(_ text: String, contentType: String) -> HTTPResponse {
        var response = HTTPResponse(status: 200, headers: ["Content-Type": contentType], body: Data(text.utf8))
        response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    }

    static var securityHeaders: HTTPHeaders {
        [
            "Cache-Control": "no-store",
            "Content-Security-Policy": contentSecurityPolicy,
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
        ]
    }
}
