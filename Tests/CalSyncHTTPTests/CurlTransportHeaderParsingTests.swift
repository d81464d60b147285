import Foundation
import Testing

@testable import CalSyncHTTP

@Suite("CurlResponseAccumulator header parsing")
struct CurlTransportHeaderParsingTests {
    private func parse(_ lines: [String]) -> HTTPHeaders {
        let accumulator = CurlResponseAccumulator(cancellation: CurlCancellationFlag())
        for line in lines {
            Array(line.utf8).withUnsafeBytes { accumulator.appendHeaderLine($0) }
        }
        return accumulator.headers
    }

    @Test func keepsOnlyTheFinalResponsesFields() {
        let headers = parse([
            "HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "Content-Type: application/json\r\n", "ETag:  \"abc\" \r\n", "\r\n",
        ])
        #expect(headers == HTTPHeaders([("Content-Type", "application/json"), ("ETag", "\"abc\"")]))
    }

    @Test func http2StatusLineStartsABlockToo() {
        let headers = parse([
            "HTTP/1.1 200 Connection established\r\n", "Via: proxy\r\n", "\r\n", "HTTP/2 204\r\n", "x-ms-a: 1\r\n", "\r\n",
        ])
        #expect(headers == HTTPHeaders([("x-ms-a", "1")]))
    }

    @Test func trailersAndMalformedLinesAreIgnored() {
        let headers = parse([
            "HTTP/1.1 200 OK\r\n", "no colon here\r\n", ": no name\r\n", "A: 1\r\n", "\r\n", "Trailer-Field: x\r\n",
        ])
        #expect(headers == HTTPHeaders([("A", "1")]))
    }

    @Test func foldedLinesJoinThePreviousValue() {
        let headers = parse(["HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "\t second\r\n", "B: 2\n", "\r\n"])
        #expect(headers == HTTPHeaders([("X-Long", "first second"), ("B", "2")]))
    }

    @Test func valuesDecodeAsUTF8() {
        let headers = parse(["HTTP/1.1 200 OK\r\n", "X-Name: Zoë\r\n", "\r\n"])
        #expect(headers["x-name"] == "Zoë")
    }
}
