import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker

/// What route handlers work with: the store, the sync controls, metrics and the clock.
public struct APIContext: Sendable {
    public let store: CalSyncStore
    public let sync: any SyncControlling
    public let metrics: MetricsRegistry
    public let clock: any WallClock
    /// The calendar systems' vocabularies (fingerprints of pushed events, the meaning of error codes): the provider
    /// registry's.
    public let vocabularies: ProviderVocabularies
    /// The default sync interval (staleness = no successful pull for 3 × the integration's interval).
    public let defaultSyncIntervalSeconds: Int
    /// Checks an integration's connection (the admin pages' "Test connection"); nil: the button is not offered.
    public let doctor: Doctor?

    public init(
        store: CalSyncStore, sync: any SyncControlling, metrics: MetricsRegistry, clock: any WallClock = SystemWallClock(),
        vocabularies: ProviderVocabularies, defaultSyncIntervalSeconds: Int = 300, doctor: Doctor? = nil
    ) {
        self.store = store
        self.sync = sync
        self.metrics = metrics
        self.clock = clock
        self.vocabularies = vocabularies
        self.defaultSyncIntervalSeconds = defaultSyncIntervalSeconds
        self.doctor = doctor
    }
}
