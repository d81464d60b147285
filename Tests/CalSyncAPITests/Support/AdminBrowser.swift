import CalSyncHTTP
import Foundation

@testable import CalSyncAPI

/// A tiny browser for the admin pages, in-process: it keeps cookies (name → value, forgetting `Max-Age=0` ones),
/// sends forms as a browser does (url-encoded, with the `_csrf` of the last page it read) and can follow redirects.
final class AdminBrowser: @unchecked Sendable {  // owned by one test
    let harness: APITestHarness
    private(set) var cookies: [String: String] = [:]
    /// The `_csrf` value found in the last page read.
    private(set) var csrf: String?

    init(_ harness: APITestHarness) { self.harness = harness }

    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let html: String
        var location: String? { headers["Location"] }
    }

    func get(_ target: String, follow: Bool = true) async -> Page {
        await send(.get, target, body: nil, follow: follow)
    }

    /// POSTs `fields` (and the CSRF token of the last page, unless `csrf` is given: "" sends none).
    func post(
        _ target: String, _ fields: [(String, String)] = [], csrf override: String? = nil, follow: Bool = true,
        headers extra: HTTPHeaders = HTTPHeaders()
    ) async -> Page {
        var all = fields
        let token = override ?? csrf ?? ""
        if !token.isEmpty { all.append((AdminCSRF.fieldName, token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return await send(.post, target, body: body, follow: follow, extra: extra)
    }

    /// POSTs `fields` and `files` (and the CSRF token of the last page) as multipart/form-data, as a browser sends a
    /// form with a file input; a file input left empty is sent as a browser sends it (no file name, no content).
    func postMultipart(
        _ target: String, _ fields: [(String, String)], files: [(name: String, fileName: String, content: String)]
    ) async -> Page {
        let boundary = "----CalSyncTestBoundary\(UUID().uuidString.prefix(8))"
        var parts = fields
        if let csrf, !csrf.isEmpty { parts.append((AdminCSRF.fieldName, csrf)) }
        var body = parts.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
        for file in files {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\n"
                + "Content-Type: application/json\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return await send(.post, target, body: body, follow: true, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Signs in with a token through the form; returns the page landed on.
    @discardableResult
    func signIn(_ token: APITestHarness.Token = .admin) async -> Page {
        _ = await get(AdminPaths.signIn)
        return await post(AdminPaths.signIn, [("token", token.rawValue)])
    }

    func send(
        _ method: HTTPMethod, _ target: String, body: String?, follow: Bool, extra: HTTPHeaders = HTTPHeaders(),
        contentType: String = "application/x-www-form-urlencoded"
    ) async -> Page {
        var headers = extra
        headers["Host"] = "127.0.0.1:8080"
        if !cookies.isEmpty { headers["Cookie"] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { headers["Content-Type"] = contentType }
        let request = HTTPRequest(method: method, target: target, headers: headers, body: Data((body ?? "").utf8))
        let response = await harness.server.respond(to: request)
        for header in response.headers.values("Set-Cookie") { remember(header) }
        let page = Page(status: response.status, headers: response.headers, html: String(decoding: response.body, as: UTF8.self))
        if let token = Self.csrfToken(in: page.html) { csrf = token }
        if follow, response.status == 303, let location = page.location { return await get(location) }
        return page
    }

    func remember(_ setCookie: String) {
        let attributes = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = attributes.first, let eq = first.firstIndex(of: "=") else { return }
        let name = String(first[..<eq])
        if attributes.contains("Max-Age=0") {
            cookies[name] = nil
        } else {
            cookies[name] = String(first[first.index(after: eq)...])
        }
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
    }
}
