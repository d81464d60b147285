import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Writes (docs/google.md, "Writing events")

extension GoogleCalendarProvider {
    /// Ids tried for one idempotency key before giving up (a deleted event keeps its id taken).
    static let maxGenerations = 3

    /// `events.insert` with the id derived from `idempotencyKey` and `sendUpdates=none`. A 409 `duplicate` means an
    /// earlier attempt already created it: the id is returned. If that event was since deleted (Google keeps it as
    /// `cancelled`), it is brought back with a patch, or, where Google refuses that, the next generation's id is used.
    /// A create that got no clear answer throws `.transient` with `CalendarError.outcomeUnknownCode`.
    public func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String {
        for generation in 0..<Self.maxGenerations {
            let id = GoogleEventId.make(idempotencyKey: idempotencyKey, generation: generation)
            do {
                _ = try await send(
                    .post, calendarURL(["events"], query: [("sendUpdates", "none")]), in: calendar,
                    body: GoogleEventWriter.insertBody(event, id: id))
                return id
            } catch let error as CalendarError where error.httpStatus == 409 && error.providerCode == "duplicate" {
                let existing = try await send(.get, calendarURL(["events", id]), in: calendar)
                guard existing["status"]?.stringValue == "cancelled" else { return id }
                if try await revive(id, in: calendar, to: event) { return id }
            } catch let error as CalendarError where error.kind == .transient && (error.httpStatus ?? 500) >= 500 {
                // No clear answer after the retries: the event may exist. Repeating this create is safe (same id).
                throw CalendarError(
                    .transient, httpStatus: error.httpStatus, providerCode: CalendarError.outcomeUnknownCode,
                    message: error.message + " The event may have been created; repeating the create is safe.")
            }
        }
        throw CalendarError(
            .invalidRequest, httpStatus: 409, providerCode: "duplicate",
            message: "Every id CalSync derives for this item is taken by a deleted event.")
    }

    /// Patches a deleted event back to life (UNCONFIRMED with Google); false where Google refuses.
    private func revive(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws -> Bool {
        do {
            let answer = try await patch(id, in: calendar, to: event)
            return answer["status"]?.stringValue != "cancelled"
        } catch let error as CalendarError where error.kind == .permissionMissing || error.kind == .notFound {
            return false
        }
    }

    private func patch(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws -> JSONValue {
        try await send(
            .patch, calendarURL(["events", id], query: [("sendUpdates", "none")]), in: calendar,
            body: GoogleEventWriter.patchBody(event, keepsOutOfOffice: event.showAs == .oof))
    }

    /// `PATCH` with everything CalSync writes. Throws `.notFound` when the event is gone (404, 410, or a patch Google
    /// refuses because the event was deleted).
    public func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws {
        do {
            _ = try await patch(id, in: calendar, to: event)
        } catch let error as CalendarError where error.kind == .permissionMissing && error.providerCode == "forbidden" {
            let existing = try await send(.get, calendarURL(["events", id]), in: calendar)
            if existing["status"]?.stringValue == "cancelled" {
                throw CalendarError(.notFound, httpStatus: 410, providerCode: "deleted", message: "The event was deleted.")
            }
            throw error
        }
    }

    /// `DELETE` with `sendUpdates=none`; 410 `deleted` and 404 throw `.notFound` (already gone).
    public func delete(_ id: String, in calendar: CalendarID) async throws {
        _ = try await send(.delete, calendarURL(["events", id], query: [("sendUpdates", "none")]), in: calendar)
    }

    /// The live event carrying `tag` in CalSync's private extended property (`privateExtendedProperty` filter).
    public func find(tag: String, in calendar: CalendarID) async throws -> String? {
        let query = [("privateExtendedProperty", GoogleEventWriter.tagProperty + "=" + tag), ("maxResults", "10")]
        let answer = try await send(.get, calendarURL(["events"], query: query), in: calendar)
        return answer["items"]?.arrayValue?.first { $0["status"]?.stringValue != "cancelled" }?["id"]?.stringValue
    }
}
