import CalSyncHTTP

/// The emulator's name for the shared JSON value type (Graph payloads are open-ended: events carry
/// dozens of optional properties, so they are stored and rendered as JSON values, not fixed structs).
public typealias EmulatorJSON = JSONValue
