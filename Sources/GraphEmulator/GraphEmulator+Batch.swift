import CalSyncHTTP
import Foundation

// MARK: - POST /$batch (docs/microsoft-365.md §6 JSON batching, §7 throttling and batching)

extension GraphEmulator {
    /// Runs a JSON batch. The batch is authenticated once; each item then goes through the same
    /// pipeline as a request of its own (in-flight counting per app + mailbox, the MailboxConcurrency
    /// limit, injected faults, the route), so items count toward Outlook's limits individually: more
    /// than 4 items in flight for one mailbox — in this batch and others together — get 429
    /// `ApplicationThrottled` with their own `Retry-After` in the item's headers.
    ///
    /// Items run in waves: those without `dependsOn` together, then each item once its dependencies
    /// answered (an item whose dependency failed gets 424 Failed Dependency, DOC). Latency: one
    /// `addedLatencyMs` (+ jitter) per wave — a plain batch costs one request's latency, a strictly
    /// serial one a latency per item, as Graph runs dependent Outlook items one at a time. Items stay
    /// in flight for their wave's latency.
    ///
    /// The outer status is 400 when the batch itself is malformed, otherwise 200 (or
    /// `batchThrottledOuterStatus` when an item was throttled); responses come back in a seeded random
    /// order when `shuffleBatchResponses` is on.
    func handleBatch(_ context: inout RequestContext) async -> HTTPResponse {
        let token: AccessTokenRecord
        let batch: EmulatorBatchRequest
        do throws(GraphError) {
            token = try authenticate(context)
            guard context.request.method == .post else { throw GraphError.methodNotAllowed }
            guard let json = try? EmulatorJSON.parse(context.request.body) else {
                throw EmulatorBatchRequest.invalid("Invalid JSON batch request body.")
            }
            batch = try EmulatorBatchRequest(json: json)
        } catch {
            let latency = state.withLock { state in Self.drawLatency(state.faults, &state.faultRNG, ledger: &state.throttling) }
            await Self.pause(latency)
            return render(error, context)
        }
        var answers: [String: HTTPResponse] = [:]  // by lower-cased id
        var given: [(mailbox: String, seconds: Double)] = []
        var remaining = batch.items
        while !remaining.isEmpty {
            let wave = remaining.filter { item in item.dependsOn.allSatisfy { answers[$0.lowercased()] != nil } }
            remaining.removeAll { item in wave.contains { $0.id == item.id } }
            let (results, retryAfters) = await runWave(wave, answers: answers, token: token, outer: context)
            for (id, response) in results { answers[id] = response }
            given += retryAfters
        }
        // The items' Retry-Afters reach the client with the batch's answer.
        return startingRetryAfter(renderBatch(batch, answers: answers, context), app: token.clientId, given: given)
    }

    /// Admits every item of the wave at once (so they are in flight together), answers them, waits
    /// the wave's latency, then takes them out of flight.
    private func runWave(
        _ wave: [EmulatorBatchRequest.Item], answers: [String: HTTPResponse], token: AccessTokenRecord,
        outer: RequestContext
    ) async -> (answers: [String: HTTPResponse], retryAfters: [(mailbox: String, seconds: Double)]) {
        var results: [String: HTTPResponse] = [:]
        var admitted: [(id: String, plan: FaultPlan, route: GraphRoute, context: RequestContext)] = []
        for item in wave {
            let id = item.id.lowercased()
            let failed = item.dependsOn.first { answers[$0.lowercased()].map { !(200..<300).contains($0.status) } ?? true }
            let itemContext = self.itemContext(item, outer: outer)
            if let failed {
                results[id] = render(GraphError.failedDependency(failed), itemContext)
                continue
            }
            if let versioned = Self.versionPrefix(itemContext.request.path) {
                results[id] = render(
                    GraphError(
                        status: 400, code: "BadRequest",
                        message: "Invalid request URL: '\(versioned)' must not be repeated inside a batch."),
                    itemContext)
                continue
            }
            let route = GraphRoute.parse(itemContext.request.path)
            admitted.append((id, admit(route, token: token, itemContext, drawsLatency: false), route, itemContext))
        }
        for var entry in admitted {
            results[entry.id] = perform(entry.route, entry.plan, token: token, &entry.context)
        }
        let latency = state.withLock { state in Self.drawLatency(state.faults, &state.faultRNG, ledger: &state.throttling) }
        await Self.pause(latency)
        state.withLock { state in
            for entry in admitted {
                state.throttling.end(app: token.clientId, mailbox: entry.plan.mailbox)
                let status = results[entry.id].map { $0.dropsConnection ? 0 : $0.status } ?? 0
                state.stats.record(
                    route: "\(entry.context.request.method.rawValue) \(entry.route.template) (batch item)",
                    status: status)
            }
        }
        let retryAfters = admitted.compactMap { entry in
            entry.plan.mailbox.flatMap { mailbox in entry.plan.fault?.retryAfter.map { (mailbox, $0) } }
        }
        return (results, retryAfters)
    }

    /// The item as a request of its own: its method, URL (made absolute-path), headers and body, with
    /// the batch's Host so links in its answer point at this server.
    private func itemContext(_ item: EmulatorBatchRequest.Item, outer: RequestContext) -> RequestContext {
        var headers = item.headers
        if headers["Host"] == nil, let host = outer.request.headers["Host"] { headers.add("Host", host) }
        let target = item.url.hasPrefix("/") ? item.url : "/" + item.url
        let request = HTTPRequest(
            method: item.method, target: target, headers: headers, body: item.body,
            remoteAddress: outer.request.remoteAddress)
        let requestId = state.withLock { $0.rng.uuidString() }
        return RequestContext(request: request, now: clock.now(), requestId: requestId, arrival: outer.arrival)
    }

    /// `/v1.0` or `/beta` at the start of an item's path: the version comes from the `$batch` URL.
    private static func versionPrefix(_ path: String) -> String? {
        let first = path.split(separator: "/").first.map { $0.lowercased() }
        return first == "v1.0" || first == "beta" ? "/" + first! : nil
    }

    private func renderBatch(_ batch: EmulatorBatchRequest, answers: [String: HTTPResponse], _ context: RequestContext)
        -> HTTPResponse
    {
        var items: [EmulatorJSON] = []
        var throttled = false
        for item in batch.items {
            guard let response = answers[item.id.lowercased()] else { continue }
            // A dropped connection inside a batch surfaces as Graph's own failure of that item.
            let status = response.dropsConnection ? 502 : response.status
            throttled = throttled || status == 429
            items.append(itemJSON(id: item.id, status: status, response: response))
        }
        if configuration.shuffleBatchResponses {
            state.withLock { state in items.shuffle(using: &state.rng) }
        }
        var headers = commonHeaders(context)
        headers["Content-Type"] = "application/json"
        headers["OData-Version"] = "4.0"
        let status = throttled ? configuration.batchThrottledOuterStatus : 200
        return HTTPResponse(status: status, headers: headers, body: EmulatorJSON.object(["responses": .array(items)]).data)
    }

    private func itemJSON(id: String, status: Int, response: HTTPResponse) -> EmulatorJSON {
        var headers: [String: EmulatorJSON] = [:]
        for (name, value) in response.headers {
            let renamed = name.lowercased() == "retry-after" ? configuration.batchItemRetryAfterHeader : name
            headers[renamed] = .string(value)
        }
        var object: [String: EmulatorJSON] = [
            "id": .string(id), "status": .number(Double(status)), "headers": .object(headers),
        ]
        if response.dropsConnection {
            object["body"] = GraphError(status: 502, code: "BadGateway", message: "The mailbox server dropped the request.")
                .body(date: clock.now(), requestId: response.headers["request-id"] ?? "", clientRequestId: "")
        } else if response.body.isEmpty {
            object["body"] = .null
        } else if let json = try? EmulatorJSON.parse(response.body) {
            object["body"] = json
        } else {
            object["body"] = .string(response.body.base64EncodedString())
        }
        return .object(object)
    }
}

extension GraphError {
    /// 424 for an item whose `dependsOn` request failed (DOC).
    static func failedDependency(_ id: String) -> GraphError {
        GraphError(status: 424, code: "FailedDependency", message: "The request depends on request '\(id)', which failed.")
    }
}
