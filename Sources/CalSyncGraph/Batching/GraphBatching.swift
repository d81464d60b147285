/// How `GraphClient` batches requests (docs/microsoft-365.md §6). With batching on, requests made at about the
/// same time — many people's delta pulls, many pushes — are coalesced into `$batch` POSTs of up to
/// `maxItems`: a partial batch waits for companions while they keep coming (a `linger` gap at most) and
/// at most `maxLinger` in all; a request left alone goes out as a plain request. Each item keeps its own retry rules (see `GraphClient.send`).
public struct GraphBatching: Sendable, Hashable {
    public var enabled: Bool
    /// At most 20 (Graph's limit).
    public var maxItems: Int
    /// Items addressing one mailbox in one batch (Outlook's limit is 4 concurrent per app and mailbox).
    public var maxPerMailbox: Int
    /// A partial batch is sent once no request has joined it for this many seconds…
    public var linger: Double
    /// …or once its oldest request has waited this long.
    public var maxLinger: Double

    public init(
        enabled: Bool = true, maxItems: Int = 20, maxPerMailbox: Int = 4, linger: Double = 0.002,
        maxLinger: Double = 0.02
    ) {
        self.enabled = enabled
        self.maxItems = max(1, min(maxItems, 20))
        self.maxPerMailbox = max(1, maxPerMailbox)
        self.linger = max(0, linger)
        self.maxLinger = max(self.linger, maxLinger)
    }

    /// Every request on its own (the default for a bare `GraphClient`).
    public static let off = GraphBatching(enabled: false)
    /// `$batch` of 20, sent after a 2 ms lull or 20 ms at most (production).
    public static let standard = GraphBatching()
}
