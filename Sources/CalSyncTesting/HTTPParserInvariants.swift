import CalSyncHTTP
import Foundation

/// Properties `HTTPRequestParser` must have for any input bytes. Shared by the `CalSyncFuzz` fuzz
/// target and the corpus-replay test, so that a fuzzer finding becomes a regression test by adding
/// its input to `fixtures/fuzz/http-parser`.
///
/// For each of two limit configurations, the bytes are parsed in one piece, in two pieces split at an
/// input-derived point, and (up to `maxByteAtATimeLength`) one byte at a time, draining `next()` after
/// every feed and stopping at the first error. Checked:
/// - `next()` settles (answers `.needMore` or `.error`) within a bounded number of calls, and an error
///   is sticky;
/// - every request is well formed: body ≤ `maxBodyBytes`, body size equals its Content-Length (empty
///   without one), no Transfer-Encoding, the Host rule, an origin-form (or OPTIONS `*`) target, token
///   method and field names, field values without controls or surrounding whitespace, `Connection:
///   close` ends keep-alive;
/// - `.expectContinue` comes at most once per request, only for a request that asked for it;
/// - re-serialising a request and parsing it again gives the same request (no lossy or ambiguous parse);
/// - every split gives the same requests, the same error and the same unconsumed remainder
///   (`.needMore` and `.expectContinue` depend on packet boundaries and are not compared).
///
/// A test oracle, so it lives in `CalSyncTesting`, not in the server it judges, and it spells out RFC 9110's
/// character classes itself rather than borrowing the parser's.
public enum HTTPParserInvariants {
    /// `(maxHeaderBytes, maxBodyBytes)` pairs every input is checked with: small limits, so that short
    /// inputs reach the 431 and 413 paths, and the server's defaults.
    public static let limits: [(maxHeaderBytes: Int, maxBodyBytes: Int)] = [(256, 64), (16 * 1024, 1 << 20)]

    /// Inputs up to this length are also fed one byte at a time.
    public static let maxByteAtATimeLength = 2048

    /// Returns nil when every invariant holds, else a description of the first violation.
    public static func check(_ bytes: [UInt8]) -> String? {
        for limit in limits {
            var runs: [(name: String, pieces: [ArraySlice<UInt8>])] = [("one piece", [bytes[...]])]
            let split = splitPoint(bytes)
            runs.append(("split at \(split)", [bytes[..<split], bytes[split...]]))
            if bytes.count <= maxByteAtATimeLength {
                runs.append(("byte at a time", bytes.indices.map { bytes[$0...$0] }))
            }
            var reference: [Event]?
            for run in runs {
                var runner = Runner(maxHeaderBytes: limit.maxHeaderBytes, maxBodyBytes: limit.maxBodyBytes)
                let context = "limits \(limit.maxHeaderBytes)/\(limit.maxBodyBytes), \(run.name)"
                if let violation = runner.run(run.pieces) { return "\(context): \(violation)" }
                if let reference, reference != runner.events {
                    let index =
                        zip(reference, runner.events).enumerated().first { $0.element.0 != $0.element.1 }?
                        .offset ?? min(reference.count, runner.events.count)
                    let expected = index < reference.count ? "\(reference[index])" : "nothing"
                    let got = index < runner.events.count ? "\(runner.events[index])" : "nothing"
                    return "\(context): result \(index) differs from one piece: expected \(expected), got \(got)"
                }
                reference = runner.events
            }
        }
        return nil
    }

    /// RFC 9110 §5.6.2 `tchar`: the characters of a method or a field name.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 9110 §5.5 field-value characters: VCHAR, SP, HTAB, obs-text (no CR, LF, NUL or other controls).
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\t") || (byte >= 0x20 && byte != 0x7F)
    }

    /// A split point derived from the bytes (FNV-1a), in `0...bytes.count`.
    static func splitPoint(_ bytes: [UInt8]) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(bytes.count + 1))
    }

    /// What a run observed, compared across splits.
    enum Event: Equatable, CustomStringConvertible {
        case request(method: String, target: String, headers: [String], body: Data, keepAlive: Bool, http10: Bool)
        case error(status: Int, code: String, message: String)
        /// The run ended needing more bytes with this many unconsumed, in the head or the body.
        case pending(buffered: Int, readingBody: Bool)

        var description: String {
            switch self {
            case .request(let method, let target, let headers, let body, let keepAlive, let http10):
                let target = target.debugDescription
                return "request \(method) \(target) \(headers) body \(body.count) B keepAlive \(keepAlive) 1.0 \(http10)"
            case .error(let status, let code, let message): return "error \(status) \(code) \(message)"
            case .pending(let buffered, let readingBody): return "pending \(buffered) B readingBody \(readingBody)"
            }
        }
    }

    struct Runner {
        var parser: HTTPRequestParser
        let maxBodyBytes: Int
        var events: [Event] = []
        var fed = 0
        var continueAnswered = false

        init(maxHeaderBytes: Int, maxBodyBytes: Int) {
            parser = HTTPRequestParser(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes, remoteAddress: "fuzz")
            self.maxBodyBytes = maxBodyBytes
        }

        /// Feeds the pieces, draining after each; nil or the first violation.
        mutating func run(_ pieces: [ArraySlice<UInt8>]) -> String? {
            for piece in pieces {
                parser.feed(piece)
                fed += piece.count
                switch drain() {
                case .violation(let message): return message
                case .failed: return nil
                case .needMore: continue
                }
            }
            if parser.bufferedByteCount > fed { return "bufferedByteCount \(parser.bufferedByteCount) > \(fed) fed" }
            events.append(.pending(buffered: parser.bufferedByteCount, readingBody: parser.isReadingBody))
            return nil
        }

        enum Outcome {
            case needMore
            case failed
            case violation(String)
        }

        mutating func drain() -> Outcome {
            // Every request consumes at least one byte, so more calls than bytes fed means a loop.
            for _ in 0...(fed + 2) {
                switch parser.next() {
                case .needMore:
                    return .needMore
                case .expectContinue:
                    if continueAnswered { return .violation("expectContinue twice for one request") }
                    continueAnswered = true
                case .error(let status, let code, let message):
                    guard (400...599).contains(status) else { return .violation("error status \(status)") }
                    if parser.keepAlive { return .violation("keepAlive still true after an error") }
                    guard case .error(status, code, message) = parser.next() else {
                        return .violation("error \(status) is not sticky")
                    }
                    events.append(.error(status: status, code: code, message: message))
                    return .failed
                case .request(let request):
                    if let violation = check(request) { return .violation(violation) }
                    continueAnswered = false
                    events.append(
                        .request(
                            method: request.method.rawValue, target: request.target,
                            headers: request.headers.map { "\($0.name): \($0.value)" }, body: request.body,
                            keepAlive: parser.keepAlive, http10: parser.isHTTP10))
                }
            }
            return .violation("next() did not settle after \(fed + 3) calls")
        }

        /// Checks one request just returned by `parser.next()`.
        func check(_ request: HTTPRequest) -> String? {
            let headers = request.headers
            if request.body.count > maxBodyBytes {
                return "body of \(request.body.count) B exceeds maxBodyBytes \(maxBodyBytes)"
            }
            let lengths = headers.values("Content-Length").flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if lengths.isEmpty {
                if !request.body.isEmpty { return "body of \(request.body.count) B without Content-Length" }
            } else if lengths.contains(where: { Int($0) != request.body.count }) {
                return "Content-Length \(lengths) but body of \(request.body.count) B"
            }
            if !headers.values("Transfer-Encoding").isEmpty { return "request with Transfer-Encoding accepted" }
            let hosts = headers.values("Host").count
            if hosts > 1 || (hosts == 0 && !parser.isHTTP10) { return "\(hosts) Host fields accepted" }
            let method = request.method.rawValue.utf8
            if method.isEmpty || !method.allSatisfy(HTTPParserInvariants.isTokenChar) { return "bad method \(request.method)" }
            if !(request.target.hasPrefix("/") || (request.target == "*" && request.method == .options)) {
                return "target \(request.target.debugDescription) is not origin-form"
            }
            if request.target.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) {
                return "target \(request.target.debugDescription) has controls, spaces or non-ASCII"
            }
            for field in headers {
                if field.name.isEmpty || !field.name.utf8.allSatisfy(HTTPParserInvariants.isTokenChar) {
                    return "bad field name \(field.name.debugDescription)"
                }
                let value = field.value.utf8
                if !value.allSatisfy(HTTPParserInvariants.isFieldValueChar) {
                    return "field value \(field.value.debugDescription) has controls"
                }
                for edge in [value.first, value.last] where edge == UInt8(ascii: " ") || edge == UInt8(ascii: "\t") {
                    return "field value \(field.value.debugDescription) not trimmed"
                }
            }
            // Connection options are tokens separated by commas and OWS (SP / HTAB only).
            let connection = headers.values("Connection").flatMap { $0.utf8.split(separator: UInt8(ascii: ",")) }
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
            if connection.contains(where: { $0.lowercased() == "close" }) && parser.keepAlive {
                return "keepAlive despite Connection: close"
            }
            if continueAnswered {
                let expect = headers["Expect"]?.lowercased()
                if expect != "100-continue" || parser.isHTTP10 || request.body.isEmpty {
                    return "expectContinue for a request that did not ask for it"
                }
            }
            // Derived fields must not trap.
            _ = (request.path, request.query.count)
            return roundTrip(request)
        }

        /// Serialises the request canonically and parses it again: it must come back unchanged.
        func roundTrip(_ request: HTTPRequest) -> String? {
            var text = "\(request.method) \(request.target) HTTP/1.\(parser.isHTTP10 ? 0 : 1)\r\n"
            for field in request.headers { text += "\(field.name): \(field.value)\r\n" }
            text += "\r\n"
            let bytes = Array(text.utf8) + Array(request.body)
            var again = HTTPRequestParser(maxHeaderBytes: bytes.count, maxBodyBytes: maxBodyBytes)
            again.feed(bytes)
            guard case .request(let copy) = again.next() else { return "re-serialised request does not parse" }
            if copy.method != request.method || copy.target != request.target || copy.headers != request.headers
                || copy.body != request.body || again.keepAlive != parser.keepAlive
                || again.isHTTP10 != parser.isHTTP10 || again.bufferedByteCount != 0
            {
                return "re-serialised request parses differently"
            }
            return nil
        }
    }
}
