import CalSyncCore
import Foundation

/// Availability as the API shows it (docs/api.md, "Availability and conflicts").
///
///     GET /v1/instructors/{id}/availability
///     { "instructorId", "from", "to", "syncStatus", "lastSyncAt", "availability": "known" | "unknown",
///       "knownFrom", "knownUntil", "busy": [ { "start", "end", "kind", "showAs", "allDay", "ref" } ],
///       "free": [ { "start", "end" } ] | null }
///
///     POST /v1/availability/search
///     { "items": [ { "instructorId", "syncStatus", "availability", "knownFrom", "knownUntil", "freeForWholeRange",
///                    "qualifies", "busy": [...] } ] }
///
/// Busy intervals are clipped to the window; `ref` is the training event's or absence's id, null for external
/// blocks. `availability` is `known` only when all of the window is; `knownFrom` / `knownUntil` bound the part that
/// is (null when none is), and `free` lists the free time of that part (null when there is none). `qualifies`,
/// `knownFrom` and `knownUntil` are additions to the contract's shape (see `PersonAvailability`).
///
/// Written with `JSONWriter` (keys in sorted order, as `JSONOutput` sorts them): this is the API's hottest
/// answer, and `JSONSerialization` cost most of its time.
enum AvailabilityRepresentation {
    static func write(_ answer: PersonAvailability, into json: inout JSONWriter) {
        let window = answer.availability.window
        json.beginObject()
        json.key("availability")
        json.string(answer.isKnown ? "known" : "unknown")
        json.key("busy")
        writeBusy(answer.availability.busy, into: &json)
        json.key("free")
        if answer.knownPart != nil {
            json.beginArray()
            for range in answer.availability.free {
                json.beginObject()
                json.key("end")
                json.instant(range.end)
                json.key("start")
                json.instant(range.start)
                json.endObject()
            }
            json.endArray()
        } else {
            json.null()
        }
        json.key("from")
        json.instant(window.start)
        json.key("instructorId")
        json.string(answer.instructorId)
        writeKnownPart(answer, into: &json)
        json.key("lastSyncAt")
        json.instant(answer.person.lastSyncAt)
        json.key("syncStatus")
        json.string(answer.person.status.rawValue)
        json.key("to")
        json.instant(window.end)
        json.endObject()
    }

    /// `{ "items": [...] }`, in the order given.
    static func writeSearch(_ answers: [PersonAvailability], minFreeMinutes: Int?, into json: inout JSONWriter) {
        json.beginObject()
        json.key("items")
        json.beginArray()
        for answer in answers {
            json.beginObject()
            json.key("availability")
            json.string(answer.isKnown ? "known" : "unknown")
            json.key("busy")
            writeBusy(answer.availability.busy, into: &json)
            json.key("freeForWholeRange")
            json.bool(answer.freeForWholeRange)
            json.key("instructorId")
            json.string(answer.instructorId)
            writeKnownPart(answer, into: &json)
            json.key("qualifies")
            json.bool(answer.qualifies(minFreeMinutes: minFreeMinutes))
            json.key("syncStatus")
            json.string(answer.person.status.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// `"knownFrom"` and `"knownUntil"` (in sorted key order, between `instructorId` and `lastSyncAt`/`qualifies`).
    static func writeKnownPart(_ answer: PersonAvailability, into json: inout JSONWriter) {
        let known = answer.knownPart
        json.key("knownFrom")
        json.instant(known?.start)
        json.key("knownUntil")
        json.instant(known?.end)
    }

    static func writeBusy(_ intervals: [BusyInterval], into json: inout JSONWriter) {
        json.beginArray()
        for interval in intervals {
            json.beginObject()
            json.key("allDay")
            json.bool(interval.isAllDay)
            json.key("end")
            json.instant(interval.end)
            json.key("kind")
            json.string(interval.kind.rawValue)
            json.key("ref")
            json.string(interval.ref)
            json.key("showAs")
            json.string(interval.showAs.rawValue)
            json.key("start")
            json.instant(interval.start)
            json.endObject()
        }
        json.endArray()
    }
}
