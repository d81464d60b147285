import CalSyncCore
import CalSyncExchange
import CalSyncGoogle
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncWorker
import Synchronization

/// The one place that knows every calendar system this build speaks: a provider maker per connection type. `calsync
/// serve`, `demo`, `doctor`, `calsync-bench` and the tests all make their providers here. Providers (and so their
/// cached tokens and batchers) are kept per integration until its connection changes.
public final class ProviderRegistry: CalendarProviderFactory {
    public let environment: ProviderEnvironment
    let makers: [String: any ProviderMaker]
    public let vocabularies: ProviderVocabularies
    private let providers = Mutex<[String: (connection: Connection, provider: any CalendarProvider)]>([:])

    public init(makers: [any ProviderMaker], environment: ProviderEnvironment) {
        self.environment = environment
        self.makers = Dictionary(makers.map { ($0.connectionType, $0) }, uniquingKeysWith: { first, _ in first })
        self.vocabularies = ProviderVocabularies(makers.map(\.vocabulary))
    }

    /// Every calendar system of this build, over one transport.
    public static func standard(
        transport: any HTTPTransport, clock: any WallClock = SystemWallClock(), coalescesRequests: Bool = true
    ) -> ProviderRegistry {
        ProviderRegistry(
            makers: standardMakers,
            environment: ProviderEnvironment(transport: transport, clock: clock, coalescesRequests: coalescesRequests))
    }

    /// The adapters of this build (the only line outside the adapters that names one).
    public static var standardMakers: [any ProviderMaker] {
        [GraphProviderMaker(), ExchangeProviderMaker(), GoogleProviderMaker()]
    }

    /// The vocabularies of this build's calendar systems (for planning pushes without a registry at hand).
    public static var standardVocabularies: ProviderVocabularies {
        ProviderVocabularies(standardMakers.map(\.vocabulary))
    }

    /// The connection types some adapter serves.
    public var connectionTypes: [String] { makers.keys.sorted() }

    public func provider(for integration: Integration) throws -> any CalendarProvider {
        if let cached = providers.withLock({ $0[integration.id] }), cached.connection == integration.connection {
            return cached.provider
        }
        let provider = try maker(for: integration).makeProvider(for: integration, in: environment)
        providers.withLock { $0[integration.id] = (integration.connection, provider) }
        return provider
    }

    public func connectionChecks(for integration: Integration, secretSource: String?) async -> ConnectionChecks {
        do {
            return try await maker(for: integration).connectionChecks(
                for: integration, secretSource: secretSource, in: environment)
        } catch {
            return ConnectionChecks(
                findings: [ConnectionFinding(.configuration, .problem, "\(error)")], canContinue: false)
        }
    }

    /// The integration's maker; refused (a configuration error, nothing sent) when its credential cannot be read
    /// back from the database (`UnreadableSecret`) or no adapter serves its type.
    func maker(for integration: Integration) throws(CalendarError) -> any ProviderMaker {
        if let unreadable = integration.connection.secret.unreadable {
            throw CalendarError(.configuration, providerCode: "credential_unreadable", message: unreadable.reason)
        }
        guard let maker = makers[integration.type] else {
            throw CalendarError(
                .configuration, providerCode: "unsupported_type",
                message: "no calendar system of type \(integration.type) is supported by this build")
        }
        return maker
    }
}
