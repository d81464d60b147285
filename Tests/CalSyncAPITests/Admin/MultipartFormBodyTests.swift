import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// `multipart/form-data` as Chromium and Firefox send a form with a file input (RFC 7578), read into the same fields
/// as a url-encoded form; every malformed body is a 400 with a sentence, never a crash.
@Suite struct MultipartFormBodyTests {
    static let boundary = "----WebKitFormBoundaryx8GQ2bE1hzPDyNbq"

    static func body(_ parts: [String], boundary: String = boundary, closing: Bool = true) -> String {
        parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + (closing ? "--\(boundary)--\r\n" : "")
    }

    static func field(_ name: String, _ value: String) -> String {
        "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)"
    }

    static func file(_ name: String, _ fileName: String, _ content: String) -> String {
        "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/json\r\n\r\n\(content)"
    }

    static func request(_ body: String, contentType: String = "multipart/form-data; boundary=\(boundary)") -> HTTPRequest {
        HTTPRequest(method: .post, target: "/admin/integrations", headers: ["Content-Type": contentType], body: Data(body.utf8))
    }

    @Test func fieldsAndFilesReadAsABrowserSendsThem() throws {
        let key = "{\r\n  \"type\": \"service_account\",\r\n  \"private_key\": \"-----BEGIN…\\n\"\r\n}\r\n"
        let body = Self.body([
            Self.field("name", "Zoë & co"), Self.field("empty", ""), Self.file("serviceAccountKeyUpload", "key.json", key),
            Self.file("other", "", ""),
        ])
        let form = try FormBody.of(Self.request(body))
        #expect(try form.value("name") == "Zoë & co")
        #expect(try form.value("empty") == "")
        #expect(try form.value("serviceAccountKeyUpload") == key)
        // A file input left empty is as if it had not been sent.
        #expect(try form.value("other") == nil)
        #expect(form.fields.map(\.name) == ["name", "empty", "serviceAccountKeyUpload"])
    }

    @Test func aQuotedBoundaryAndAPreambleAreRead() throws {
        let body = "preamble\r\n" + Self.body([Self.field("a", "1")], boundary: "simple boundary")
        let form = try FormBody.of(
            Self.request(body, contentType: "multipart/form-data; charset=utf-8; boundary=\"simple boundary\""))
        #expect(try form.value("a") == "1")
    }

    @Test(arguments: [
        ("no boundary", "multipart/form-data", body([field("a", "1")])),
        ("no closing delimiter", "multipart/form-data; boundary=\(boundary)", body([field("a", "1")], closing: false)),
        ("no disposition", "multipart/form-data; boundary=\(boundary)", body(["Content-Type: text/plain\r\n\r\nx"])),
        ("no name", "multipart/form-data; boundary=\(boundary)", body(["Content-Disposition: form-data\r\n\r\nx"])),
        ("no blank line", "multipart/form-data; boundary=\(boundary)", body(["Content-Disposition: form-data; name=\"a\""])),
        ("control character", "multipart/form-data; boundary=\(boundary)", body([field("a", "x\u{1}y")])),
        ("no part", "multipart/form-data; boundary=\(boundary)", "just text"),
        ("delimiter at the end", "multipart/form-data; boundary=\(boundary)", "--\(boundary)"),
    ])
    func malformedBodiesAreRefusedWithA400(_ what: String, _ contentType: String, _ body: String) {
        #expect(throws: AdminError.self, "\(what)") { try FormBody.of(Self.request(body, contentType: contentType)) }
        do { _ = try FormBody.of(Self.request(body, contentType: contentType)) } catch let error as AdminError {
            #expect(error.status == 400, "\(what)")
        } catch {}
    }

    @Test func aFileThatIsNotTextIsRefused() throws {
        var body = Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"k\"; filename=\"k.json\"\r\n\r\n".utf8)
        body.append(contentsOf: [0xFF, 0xFE, 0x00])
        body.append(contentsOf: "\r\n--\(Self.boundary)--\r\n".utf8)
        let request = HTTPRequest(
            method: .post, target: "/", headers: ["Content-Type": "multipart/form-data; boundary=\(Self.boundary)"], body: body)
        #expect(throws: AdminError(400, "The form is malformed: the file sent as `k` is not UTF-8 text.", field: "k")) {
            try FormBody.of(request)
        }
    }

    @Test func theLimitsOfAUrlEncodedFormHold() throws {
        let many = Self.body((0...FormBody.maxFields).map { Self.field("f\($0)", "1") })
        #expect(throws: AdminError(400, "The form has more than \(FormBody.maxFields) fields.")) {
            try FormBody.of(Self.request(many))
        }
        let long = Self.body([Self.field("a", String(repeating: "x", count: FormBody.maxValueLength + 1))])
        #expect(throws: AdminError.self) { try FormBody.of(Self.request(long)) }
    }

    @Test func anotherContentTypeIsA415() {
        #expect(throws: AdminError.self) { try FormBody.of(Self.request("a=1", contentType: "text/plain")) }
    }
}
