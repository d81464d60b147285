import CalSyncHTTP
import Foundation

// MARK: - One EWS request: logon → SOAP → throttling and faults → version → impersonation → operation

extension EWSEmulator {
    func handleEWS(_ request: HTTPRequest) async -> HTTPResponse {
        let account: String
        switch authenticate(request) {
        case .success(let sam):
            account = sam
        case .failure(let refusal):
            if refusal.countsAsUnauthorized { state.withLock { $0.stats.unauthorized += 1 } }
            return refusal.response
        }
        guard request.method == .post else {
            var response = HTTPResponse.text(405, "The HTTP verb used to access this page is not allowed.")
            response.headers["Allow"] = "POST"
            return response
        }
        let soap: SOAPRequest
        do {
            let root = try XMLTreeParser.parse(request.body)
            do {
                soap = try SOAPRequest(root)
            } catch {
                return recorded(render(fault: error, operation: "(envelope)"), operation: "(envelope)")
            }
        } catch {
            return recorded(render(fault: error.asFault, operation: "(unreadable)"), operation: "(unreadable)")
        }
        // Counted by name only for the operations EWS has here, so a client cannot grow the statistics without bound.
        let operation = Self.operations.contains(soap.operation.name) ? soap.operation.name : "(other)"
        let plan = admit(account: account, operation: operation, arrival: request.receivedAt)
        var response = perform(plan, soap: soap, request: request, account: account)
        await Self.pause(plan.latency)
        state.withLock { state in
            state.withStats(account) { $0.inFlight -= 1 }
            let status = response.dropsConnection ? 0 : response.status
            state.stats.responses["\(operation) \(status)", default: 0] += 1
        }
        if let backOff = plan.backOffGiven {
            response.onDelivered = { [self] in
                let now = ContinuousClock.now
                state.withLock { state in
                    let until = now + .milliseconds(backOff)
                    if let existing = state.backOffs[account], existing.until >= until { return }
                    state.backOffs[account] = EWSState.BackOff(given: now, until: until)
                }
            }
        }
        return response
    }

    private func perform(_ plan: FaultPlan, soap: SOAPRequest, request: HTTPRequest, account: String) -> HTTPResponse {
        let operation = soap.operation.name
        switch plan.fault {
        case .connectionReset:
            return HTTPResponse.dropConnection()
        case .unavailable503:
            return .text(
                503, "<html><body><h1>Service Unavailable</h1><p>HTTP Error 503. The service is unavailable.</p></body></html>",
                contentType: "text/html; charset=us-ascii")
        case .serverBusy(let milliseconds):
            return render(fault: .serverBusy(backOffMilliseconds: milliseconds), operation: operation)
        case .exceededConnectionCount:
            return render(
                fault: EWSFault(
                    code: "ErrorExceededConnectionCount",
                    message: "You have exceeded the available concurrent connections for your account. Try again once "
                        + "your other requests have completed."),
                operation: operation)
        case .createCommitThen500, nil:
            let response: HTTPResponse
            do {
                let context = try makeContext(soap, request: request, account: account)
                response = render(body: try dispatch(context), operation: operation, context: context)
            } catch {
                return error.perItem
                    ? render(perItem: error, operation: soap.operation) : render(fault: error, operation: operation)
            }
            guard plan.fault == .createCommitThen500, operation == "CreateItem", response.status == 200 else { return response }
            state.withLock { $0.withStats(account) { $0.faultsInjected["createCommitThen500", default: 0] += 1 } }
            return .text(
                500,
                "<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/EWS' Application.</h1>"
                    + "</body></html>", contentType: "text/html; charset=utf-8")
        }
    }

    static let operations: Set<String> = [
        "ResolveNames", "GetFolder", "FindItem", "GetItem", "SyncFolderItems", "CreateItem", "UpdateItem", "DeleteItem",
        "ConvertId", "GetServerTimeZones",
    ]

    /// The operation, by the local name of the Body's first element (no SOAPAction needed).
    func dispatch(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard operation.namespace == EWSNamespace.messages else {
            throw EWSFault.invalidRequest("The request is invalid: '\(operation.name)' is not an EWS operation.")
        }
        switch operation.name {
        case "ResolveNames": return try resolveNames(context)
        case "GetFolder": return try getFolder(context)
        case "FindItem": return try findItem(context)
        case "GetItem": return try getItem(context)
        case "SyncFolderItems": return try syncFolderItems(context)
        case "CreateItem": return try createItem(context)
        case "UpdateItem": return try updateItem(context)
        case "DeleteItem": return try deleteItem(context)
        case "ConvertId": return try convertId(context)
        case "GetServerTimeZones": return try getServerTimeZones(context)
        default:
            throw EWSFault.invalidRequest("The EWS emulator does not implement the '\(operation.name)' operation.")
        }
    }

    // MARK: - Rendering

    /// Counts a response that never reached the throttling step.
    func recorded(_ response: HTTPResponse, operation: String) -> HTTPResponse {
        state.withLock { $0.stats.responses["\(operation) \(response.status)", default: 0] += 1 }
        return response
    }

    func render(body: XMLWriter, operation: String, context: EWSRequestContext) -> HTTPResponse {
        xmlResponse(200, configuration.serverVersion.envelope(body))
    }

    func render(fault: EWSFault, operation: String) -> HTTPResponse {
        var body = XMLWriter()
        fault.write(to: &body)
        return xmlResponse(fault.status, configuration.serverVersion.envelope(body))
    }

    /// A request-level error answered per item: one error message for each item the operation names.
    func render(perItem fault: EWSFault, operation: XMLNode) -> HTTPResponse {
        let error = EWSError(fault.code, fault.message, values: fault.values)
        let messages = Array(repeating: EWSResponseMessage(error: error), count: Self.requestedItemCount(operation))
        return xmlResponse(200, configuration.serverVersion.envelope(EWSResponseMessage.response(operation.name, messages)))
    }

    /// How many ResponseMessages an operation answers with: one per id, item, change or folder it names.
    static func requestedItemCount(_ operation: XMLNode) -> Int {
        let container: String? =
            switch operation.name {
            case "GetItem", "DeleteItem": "ItemIds"
            case "CreateItem": "Items"
            case "UpdateItem": "ItemChanges"
            case "GetFolder": "FolderIds"
            case "FindItem": "ParentFolderIds"
            case "ConvertId": "SourceIds"
            default: nil
            }
        guard let container, let node = operation.message(container) else { return 1 }
        return max(1, node.children.count)
    }

    func xmlResponse(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/xml; charset=utf-8"], body: Data(text.utf8))
    }

    /// Sleeps without holding a thread; cancellation just ends the pause.
    static func pause(_ duration: Duration) async {
        guard duration > .zero else { return }
        try? await Task.sleep(for: duration)
    }
}

extension XMLTreeParser.Failure {
    var asFault: EWSFault {
        EWSFault.schemaValidation(message, line: line, position: column)
    }
}
