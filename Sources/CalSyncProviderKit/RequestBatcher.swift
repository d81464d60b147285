import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import Synchronization

/// Coalesces concurrent requests into batches, for any calendar system whose `BatchWireFormat` says how.
///
/// A request joins a queue. A full batch (`BatchPlanner`) goes at once; otherwise the queue is flushed once no
/// request has joined for `linger` seconds, or once its oldest request has waited `maxLinger` — requests that trickle
/// in (each person's pull reads the store first) still fill batches. A batch of one is sent as the plain request it
/// is. Each caller gets back its own part as a response of its own (status, headers, body), so the client applies
/// its single-request rules to it — a part's 429 and its `Retry-After`, a 410, a 401, an unknown outcome for a create.
///
/// The whole batch failing below HTTP (timeout, reset) fails every part with that error; a batch answered without
/// readable parts (400, 401, 429, 5xx for the whole batch) hands that answer to every part; a part missing from a
/// readable answer fails as a transport error (`other`), which for a create means "outcome unknown". The caller
/// already holds its calendar's slot (`InFlightGate`), so parts in flight per calendar stay within the gate's limit
/// across every batch. A part whose calendar was given a `Retry-After` while it waited in the queue (another batch's
/// part came back 429 or 503) is held back until that has elapsed.
public final class RequestBatcher: Sendable {
    private struct Entry: Sendable {
        let request: HTTPClientRequest
        let queued: BatchPlanner.Queued
        var since = ContinuousClock.now
        let continuation: CheckedContinuation<HTTPClientResponse, any Error>
    }

    private struct State: Sendable {
        var queue: [Entry] = []
        var flushScheduled = false
        var lastArrival = ContinuousClock.now
    }

    let transport: any HTTPTransport
    let wire: any BatchWireFormat
    let configuration: BatchCoalescing
    let planner: BatchPlanner
    /// The gate the callers hold their slots in: it knows each calendar's `Retry-After`.
    let gate: InFlightGate
    private let state = Mutex(State())

    /// Nil when `configuration` has coalescing off.
    public init?(
        transport: any HTTPTransport, wire: any BatchWireFormat, configuration: BatchCoalescing, gate: InFlightGate
    ) {
        guard configuration.enabled else { return nil }
        self.gate = gate
        self.transport = transport
        self.wire = wire
        self.configuration = configuration
        self.planner = BatchPlanner(
            maxItems: max(1, min(configuration.maxItems, wire.maxItems)), maxPerCalendar: configuration.maxPerCalendar)
    }

    /// Sends `request` as a part of the next batch (or on its own when the wire format cannot batch it).
    public func send(_ request: HTTPClientRequest, key: InFlightKey) async throws -> HTTPClientResponse {
        guard wire.canBatch(request) else { return try await transport.send(request) }
        let queued = BatchPlanner.Queued(key: key, group: wire.group(of: request))
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(Entry(request: request, queued: queued, continuation: continuation))
        }
    }

    /// Queues `entry`: full batches go at once, the rest after the linger.
    private func enqueue(_ entry: Entry) {
        var entry = entry
        entry.since = .now
        let (full, scheduleFlush) = state.withLock { state -> ([[Entry]], Bool) in
            state.queue.append(entry)
            state.lastArrival = entry.since
            var full: [[Entry]] = []
            while let batch = Self.take(&state.queue, planner: planner, onlyIfFull: true) { full.append(batch) }
            let schedule = !state.queue.isEmpty && !state.flushScheduled
            if schedule { state.flushScheduled = true }
            return (full, schedule)
        }
        for batch in full { Task { await self.dispatch(batch) } }
        if scheduleFlush {
            Task {
                var wait = configuration.linger
                while let next = await lingerLeft(after: wait) { wait = next }
                flush()
            }
        }
    }

    /// Waits `seconds`, then returns how much longer the queue should wait for companions, or nil when it
    /// should go now: nobody joined for `linger`, or the oldest has waited `maxLinger`.
    private func lingerLeft(after seconds: Double) async -> Double? {
        if seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) } else { await Task.yield() }
        let now = ContinuousClock.now
        return state.withLock { state -> Double? in
            guard let oldest = state.queue.map(\.since).min() else { return nil }
            let quiet = (now - state.lastArrival).inSeconds
            let waited = (now - oldest).inSeconds
            guard quiet < configuration.linger, waited < configuration.maxLinger else { return nil }
            return min(configuration.linger - quiet, configuration.maxLinger - waited)
        }
    }

    /// Queues `entry` again once its calendar's `Retry-After` has elapsed.
    private func holdBack(_ entry: Entry, seconds: Double) {
        Task {
            try? await gate.sleeper.sleep(seconds: seconds)
            enqueue(entry)
        }
    }

    /// Sends everything queued, in as many batches as it takes.
    private func flush() {
        let batches = state.withLock { state -> [[Entry]] in
            state.flushScheduled = false
            var batches: [[Entry]] = []
            while let batch = Self.take(&state.queue, planner: planner, onlyIfFull: false) { batches.append(batch) }
            return batches
        }
        for batch in batches { Task { await self.dispatch(batch) } }
    }

    /// Removes the planner's next batch from the queue; with `onlyIfFull`, only a batch of `maxItems`.
    private static func take(_ queue: inout [Entry], planner: BatchPlanner, onlyIfFull: Bool) -> [Entry]? {
        let indices = planner.next(queue.map(\.queued))
        guard !indices.isEmpty, !onlyIfFull || indices.count == planner.maxItems else { return nil }
        let batch = indices.map { queue[$0] }
        let taken = Set(indices)
        queue = queue.enumerated().filter { !taken.contains($0.offset) }.map(\.element)
        return batch
    }

    private func dispatch(_ batch: [Entry]) async {
        var batch = batch
        _ = holdBackDeferred(&batch)
        var prepared = batch.count > 1 ? makeBatch(batch) : nil
        // Checked again once encoded, right before sending: another batch's answer may have deferred a calendar.
        while prepared != nil, holdBackDeferred(&batch) {
            prepared = batch.count > 1 ? makeBatch(batch) : nil
        }
        guard let only = batch.first else { return }
        guard let (ids, outer) = prepared else {
            do {
                let answer = try await transport.send(only.request)
                deferIfThrottled(only.queued.key, answer)
                only.continuation.resume(returning: answer)
            } catch {
                only.continuation.resume(throwing: error)
            }
            return
        }
        let response: HTTPClientResponse
        do {
            response = try await transport.send(outer)
        } catch {
            for entry in batch { entry.continuation.resume(throwing: error) }
            return
        }
        deliver(response, to: batch, ids: ids)
    }

    /// Takes out of `batch` the entries whose calendar is deferred now, to queue them again when that has elapsed.
    /// Returns whether any was taken out.
    private func holdBackDeferred(_ batch: inout [Entry]) -> Bool {
        let before = batch.count
        batch.removeAll { entry in
            guard let remaining = gate.remainingDeferral(entry.queued.key), remaining > 0 else { return false }
            holdBack(entry, seconds: remaining)
            return true
        }
        return batch.count != before
    }

    /// The one request carrying these entries (parts numbered by position), with the longest of their timeouts.
    private func makeBatch(_ batch: [Entry]) -> ([String], HTTPClientRequest) {
        let ids = batch.indices.map(BatchPlanner.itemId)
        var outer = wire.encode(batch.map(\.request), ids: ids)
        outer.timeout = batch.map(\.request.timeout).max() ?? outer.timeout
        return (ids, outer)
    }

    /// Applies a 429's or 503's `Retry-After` to the calendar at once, before any caller resumes: a request to that
    /// calendar about to be dispatched meanwhile is then held back too (the client applies it again, later).
    private func deferIfThrottled(_ key: InFlightKey, _ answer: HTTPClientResponse) {
        guard answer.status == 429 || answer.status == 503, let value = answer.headers["Retry-After"],
            let seconds = RetryAfter.seconds(from: value, now: gate.clock.now())
        else { return }
        gate.deferRequests(key, seconds: seconds)
    }

    private func deliver(_ response: HTTPClientResponse, to batch: [Entry], ids: [String]) {
        // Read once the parts' Retry-Afters are on the gate, before any caller resumes.
        defer { response.onRead?() }
        guard let answers = wire.decode(response) else {
            if (200..<300).contains(response.status) {
                let failure = HTTPTransportError(.other, "the batch answer (HTTP \(response.status)) could not be read")
                for entry in batch { entry.continuation.resume(throwing: failure) }
            } else {
                for entry in batch { deferIfThrottled(entry.queued.key, response) }
                for entry in batch { entry.continuation.resume(returning: response) }
            }
            return
        }
        for (entry, id) in zip(batch, ids) {
            if let answer = answers[id] { deferIfThrottled(entry.queued.key, answer) }
        }
        for (entry, id) in zip(batch, ids) {
            if let answer = answers[id] {
                entry.continuation.resume(returning: answer)
            } else {
                entry.continuation.resume(
                    throwing: HTTPTransportError(.other, "the batch answer has no response for part \(id)"))
            }
        }
    }
}
