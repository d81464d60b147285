import Foundation

/// The zones that read the dateTimes of one item write (`docs/exchange.md`, "Time zones"): Start in StartTimeZone, End
/// in EndTimeZone, each falling back to the request's TimeZoneContext, then UTC. Values with an offset ignore them.
struct ItemZones: Sendable {
    var startId: String
    var endId: String
    var start: TimeZone
    var end: TimeZone
}
