import CalSyncHTTP
import Foundation
import Testing

/// Everything `next()` returns until it needs more bytes.
private func drain(_ parser: inout HTTPRequestParser) -> [HTTPRequestParser.Result] {
    var results: [HTTPRequestParser.Result] = []
    while true {
        let result = parser.next()
        if case .needMore = result { return results }
        results.append(result)
        if case .error = result { return results }
    }
}

private func parse(_ text: String, maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20)
    -> [HTTPRequestParser.Result]
{
    var parser = HTTPRequestParser(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes, remoteAddress: "10.0.0.1")
    parser.feed(Array(text.utf8))
    return drain(&parser)
}

private func requests(_ results: [HTTPRequestParser.Result]) -> [HTTPRequest] {
    results.compactMap { if case .request(let request) = $0 { request } else { nil } }
}

private func errorStatus(_ results: [HTTPRequestParser.Result]) -> (Int, String)? {
    for case .error(let status, let code, _) in results { return (status, code) }
    return nil
}

/// Method, target, headers and body, for comparing requests.
private func summary(_ request: HTTPRequest) -> String {
    let headers = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
    return "\(request.method) \(request.target) [\(headers)] \(String(decoding: request.body, as: UTF8.self))"
}

@Suite struct HTTPRequestParserTests {
    static let twoRequests =
        "POST /items?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Tag:  one \r\n\r\nhello"
        + "GET /second HTTP/1.1\r\nHost: x\r\n\r\n"

    @Test func parsesSimpleGet() throws {
        let results = parse("GET /v1.0/users?$top=5 HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")
        let request = try #require(requests(results).first)
        #expect(request.method == .get)
        #expect(request.target == "/v1.0/users?$top=5")
        #expect(request.path == "/v1.0/users")
        #expect(request.queryValue("$top") == "5")
        #expect(request.headers["accept"] == "*/*")
        #expect(request.remoteAddress == "10.0.0.1")
        #expect(request.body.isEmpty)
    }

    @Test func pipelinedRequestsInOneBuffer() {
        let parsed = requests(parse(Self.twoRequests))
        #expect(
            parsed.map(summary) == [
                "POST /items?a=1 [Host=x;Content-Length=5;X-Tag=one] hello",
                "GET /second [Host=x] ",
            ])
    }

    @Test func splitAcrossFeedsAtEveryByte() {
        let bytes = Array(Self.twoRequests.utf8)
        let expected = requests(parse(Self.twoRequests)).map(summary)
        for split in 0...bytes.count {
            var parser = HTTPRequestParser()
            parser.feed(bytes[0..<split])
            var results = drain(&parser)
            parser.feed(bytes[split...])
            results += drain(&parser)
            #expect(requests(results).map(summary) == expected, "split at \(split)")
            #expect(parser.isIdle)
        }
    }

    @Test func oneByteAtATime() {
        var parser = HTTPRequestParser()
        var results: [HTTPRequestParser.Result] = []
        for byte in Self.twoRequests.utf8 {
            parser.feed([byte])
            results += drain(&parser)
        }
        #expect(requests(results).map(summary) == requests(parse(Self.twoRequests)).map(summary))
    }

    @Test func percentDecodedPathAndQuery() throws {
        let request = try #require(requests(parse(rawGET("/a%20b/caf%C3%A9?name=J%C3%BCrgen&q=x+y&empty&k=%2F"))).first)
        #expect(request.path == "/a b/café")
        #expect(request.rawQuery == "name=J%C3%BCrgen&q=x+y&empty&k=%2F")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["name=Jürgen", "q=x y", "empty=", "k=/"])
    }

    @Test func headerLimitGives431() {
        let big = rawGET("/", "X-Big: \(String(repeating: "a", count: 2000))\r\n")
        #expect(errorStatus(parse(big, maxHeaderBytes: 1024))! == (431, "header_too_large"))
        // Also while the head is still incomplete: no need to wait for the end of an endless head.
        #expect(errorStatus(parse(String(big.dropLast(4)), maxHeaderBytes: 1024))! == (431, "header_too_large"))
        #expect(requests(parse(big, maxHeaderBytes: 4096)).count == 1)
    }

    @Test func bodyLimitGives413BeforeTheBodyArrives() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n"
        #expect(errorStatus(parse(head, maxBodyBytes: 100))! == (413, "payload_too_large"))
        #expect(requests(parse(head + String(repeating: "b", count: 101), maxBodyBytes: 101)).count == 1)
    }

    @Test(arguments: [
        ("Transfer-Encoding: chunked\r\n", 411, "length_required"),
        ("Transfer-Encoding: gzip, chunked\r\n", 411, "length_required"),
        ("Transfer-Encoding: gzip\r\n", 501, "not_implemented"),
        ("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400, "bad_request"),
        ("Content-Length: abc\r\n", 400, "bad_request"),
        ("Content-Length: -1\r\n", 400, "bad_request"),
        ("Content-Length: +5\r\n", 400, "bad_request"),
        ("Content-Length: 1, 2\r\n", 400, "bad_request"),
        ("Content-Length: 1\r\nContent-Length: 2\r\n", 400, "bad_request"),
        ("Content-Length: 99999999999999999999\r\n", 400, "bad_request"),
        ("Expect: something-else\r\n", 417, "expectation_failed"),
    ])
    func framingErrors(header: String, status: Int, code: String) {
        let text = "POST / HTTP/1.1\r\nHost: x\r\n\(header)\r\n"
        #expect(errorStatus(parse(text))! == (status, code))
    }

    @Test func repeatedEqualContentLengthIsAccepted() {
        let text = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok"
        #expect(requests(parse(text)).map { String(decoding: $0.body, as: UTF8.self) } == ["ok"])
    }

    @Test(arguments: [
        "GET /\r\n\r\n",  // no version
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",  // double space
        "GET / HTTP/1.1 \r\nHost: x\r\n\r\n",  // trailing space
        "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",  // bad method
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / http/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",  // HTTP/1.1 without Host
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET x HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
    ])
    func badSyntaxGives400(text: String) {
        #expect(errorStatus(parse(text))! == (400, "bad_request"))
    }

    @Test func unsupportedVersionGives505() {
        #expect(errorStatus(parse("GET / HTTP/2.0\r\nHost: x\r\n\r\n"))! == (505, "http_version_not_supported"))
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser()
        parser.feed(Array("BAD\r\n\r\n".utf8))
        #expect(errorStatus(drain(&parser)) != nil)
        parser.feed(Array(rawGET("/").utf8))
        #expect(errorStatus([parser.next()]) != nil)
        #expect(!parser.keepAlive)
    }

    @Test func keepAliveRules() {
        func keepAlive(_ text: String) -> Bool {
            var parser = HTTPRequestParser()
            parser.feed(Array(text.utf8))
            _ = parser.next()
            return parser.keepAlive
        }
        #expect(keepAlive(rawGET("/")))
        #expect(!keepAlive(rawGET("/", "Connection: close\r\n")))
        #expect(!keepAlive("GET / HTTP/1.0\r\n\r\n"))
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
    }

    @Test func expectContinueIsAnsweredOnceBeforeTheBody() {
        var parser = HTTPRequestParser()
        parser.feed(Array("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .expectContinue = parser.next() else {
            Issue.record("expected .expectContinue")
            return
        }
        guard case .needMore = parser.next() else {
            Issue.record("expected .needMore")
            return
        }
        parser.feed(Array("abc".utf8))
        #expect(requests([parser.next()]).map(summary).first?.hasSuffix("abc") == true)
    }

    @Test func lenientLineEndingsAndLeadingEmptyLines() {
        let text = "\r\n\nGET /lf HTTP/1.1\nHost: x\n\n"
        #expect(requests(parse(text)).map(\.path) == ["/lf"])
    }

    @Test func absoluteFormTargetBecomesOriginForm() {
        let text = "GET http://example.com/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n"
        #expect(requests(parse(text)).map(\.target) == ["/a/b?c=d"])
        let bare = "GET https://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"
        #expect(requests(parse(bare)).map(\.target) == ["/"])
    }

    @Test func optionsAsterisk() {
        #expect(requests(parse("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")).map(\.target) == ["*"])
    }
}
