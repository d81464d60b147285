/// How a client coalesces requests into batches (`RequestBatcher`). With coalescing on, requests made at about the
/// same time — many people's pulls, many pushes — go out as batches of up to `maxItems` (and never more than the
/// wire format allows): a partial batch waits for companions while they keep coming (a `linger` gap at most) and at
/// most `maxLinger` in all; a request left alone goes out as a plain request. Each part keeps its caller's retry
/// rules.
public struct BatchCoalescing: Sendable, Hashable {
    public var enabled: Bool
    /// Parts per batch; the wire format's own limit applies on top.
    public var maxItems: Int
    /// Parts addressing one calendar in one batch (they may run in parallel at the server, so a per-calendar
    /// concurrency limit applies to them too).
    public var maxPerCalendar: Int
    /// A partial batch is sent once no request has joined it for this many seconds…
    public var linger: Double
    /// …or once its oldest request has waited this long.
    public var maxLinger: Double

    public init(
        enabled: Bool = true, maxItems: Int = 50, maxPerCalendar: Int = 4, linger: Double = 0.002,
        maxLinger: Double = 0.02
    ) {
        self.enabled = enabled
        self.maxItems = max(1, maxItems)
        self.maxPerCalendar = max(1, maxPerCalendar)
        self.linger = max(0, linger)
        self.maxLinger = max(self.linger, maxLinger)
    }

    /// Every request on its own.
    public static let off = BatchCoalescing(enabled: false)
    /// Batches as large as the wire format allows, sent after a 2 ms lull or 20 ms at most (production).
    public static let standard = BatchCoalescing()
}
