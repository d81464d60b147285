import CalSyncHTTP
import Foundation

// MARK: - POST /batch/calendar/v3 (docs/google.md, "Batch requests")

extension GoogleEmulator {
    /// Runs a multipart batch: each part is a call of its own (its own token, or the batch's; the quotas, faults and
    /// statistics count it like any call) and is answered in its own part, in order, with its own status. The batch
    /// itself answers 200 unless it is malformed (400) or a whole-batch fault hits it (dropped connection, 503, 429).
    /// A batch counts once in flight for each person it carries.
    func handleBatch(_ context: GoogleRequestContext) async -> HTTPResponse {
        guard context.request.method == .post else { return GoogleError.notFound.response() }
        let whole: GoogleInjectedFault? = withState { state in
            var faults = GoogleFaults()
            faults.connectionReset = state.faults.connectionReset
            faults.unavailable503 = state.faults.unavailable503
            faults.rateLimit429 = state.faults.rateLimit429
            faults.retryAfterSeconds = state.faults.retryAfterSeconds
            let fault = GoogleInjectedFault.draw(faults, &state.faultRNG, isWrite: false, usesSyncToken: false)
            if let fault { state.stats.countFault("batch " + fault.name) }
            return fault
        }
        switch whole {
        case .connectionReset: return HTTPResponse.dropConnection()
        case .error(_, let error): return error.response()
        default: break
        }
        let batch: GoogleBatchRequest
        do {
            batch = try GoogleBatchRequest(
                contentType: context.request.headers["Content-Type"], body: context.request.body,
                maximumParts: configuration.maxBatchParts)
        } catch {
            return error.response()
        }
        let calls = batch.parts.map { part in (part, call(part, outer: context)) }
        let persons = Set(calls.compactMap { try? $0.1.token.get() }.map { $0.subject ?? $0.clientEmail })
        withState { state in
            state.stats.batches += 1
            state.stats.largestBatch = max(state.stats.largestBatch, batch.parts.count)
            for person in persons.sorted() {
                state.ledger.begin(
                    person, method: "POST", path: context.request.path, instant: context.arrival, stats: &state.stats)
            }
        }
        var answers: [(GoogleBatchRequest.Part, HTTPResponse)] = []
        var backoffs: [(person: String, seconds: Double?)] = []
        for (part, call) in calls {
            let response: HTTPResponse
            switch call.token {
            case .failure(let error):
                response = error.response()
            case .success(let token):
                let (answer, backoff) = performCall(call.route, call.context, token: token)
                response = answer
                backoffs.append((token.subject ?? token.clientEmail, backoff))
            }
            withState {
                $0.stats.record(route: "\(part.method.rawValue) \(call.route.template) (batch part)", status: response.status)
            }
            answers.append((part, response))
        }
        await Self.pause(withState { $0.drawLatency() })
        withState { state in for person in persons { state.ledger.end(person) } }
        let boundary = withState { $0.newToken(prefix: "batch_", length: 20) }
        return startingBackoffs(Self.multipart(answers, boundary: boundary), backoffs)
    }

    /// A part as a call: its context (the batch's Host, arrival and clock), its route, and its token (the part's own
    /// `Authorization`, else the batch's). Only Calendar calls belong in this batch endpoint.
    private func call(_ part: GoogleBatchRequest.Part, outer: GoogleRequestContext)
        -> (context: GoogleRequestContext, route: GoogleRoute, token: Result<GoogleAccessToken, GoogleError>)
    {
        var headers = part.headers
        if headers["Host"] == nil, let host = outer.request.headers["Host"] { headers.add("Host", host) }
        let authorization = headers["Authorization"] ?? outer.request.headers["Authorization"]
        let request = HTTPRequest(
            method: part.method, target: part.target, headers: headers, body: part.body,
            remoteAddress: outer.request.remoteAddress, receivedAt: outer.arrival)
        let context = GoogleRequestContext(request: request, now: clock.now(), arrival: outer.arrival, inBatch: true)
        let route = GoogleRoute.parse(request.path)
        switch route {
        case .calendar, .events, .event, .setting:
            do {
                return (context, route, .success(try authenticate(authorization, now: context.now)))
            } catch {
                return (context, route, .failure(error))
            }
        default:
            return (context, route, .failure(.notFound))
        }
    }

    /// The multipart answer: one `application/http` part per call, in order, `Content-ID: <response-…>`, each a whole
    /// HTTP response with a reason phrase (google-api-python-client reads both, OBS).
    private static func multipart(_ answers: [(GoogleBatchRequest.Part, HTTPResponse)], boundary: String) -> HTTPResponse {
        var text = ""
        for (part, response) in answers {
            // A dropped connection cannot happen inside a batch part; a part that would have had one says 503.
            let response = response.dropsConnection ? GoogleError.unavailable.response() : response
            text += "--\(boundary)\r\nContent-Type: application/http\r\n"
            if let id = part.contentId { text += "Content-ID: <response-\(id)>\r\n" }
            text += "\r\nHTTP/1.1 \(response.status) \(HTTPResponse.reasonPhrase(for: response.status))\r\n"
            for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
            text += "Content-Length: \(response.body.count)\r\n\r\n"
            text += String(decoding: response.body, as: UTF8.self) + "\r\n"
        }
        text += "--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers["Content-Type"] = "multipart/mixed; boundary=\(boundary)"
        return HTTPResponse(status: 200, headers: headers, body: Data(text.utf8))
    }
}
