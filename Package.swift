// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "CalSync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "calsync", targets: ["calsync"]),
        .executable(name: "calsync-bench", targets: ["calsync-bench"]),
    ],
    targets: [
        // System libraries: a module map and a shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // OpenSSL's libcrypto (already loaded by libcurl): RS256 for Google, NTLM's digests, credentials at rest.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // The commit a release build was made from (deploy/build-release.sh); a header only, nothing to link.
        .systemLibrary(name: "CBuildInfo"),

        // Child processes through posix_spawn, for tests and the benchmark (Foundation's Process.run can crash on Linux).
        .target(name: "ChildProcessKit", swiftSettings: strict),

        // Pure domain: no I/O, no Dispatch.
        .target(name: "CalSyncCore", swiftSettings: strict),
        .target(name: "CalSyncStore", dependencies: ["CalSyncCore", "CSQLite", "CalSyncCrypto"], swiftSettings: strict),
        .target(name: "CalSyncHTTP", dependencies: ["CCurl"], swiftSettings: strict),
        // Thin Swift wrappers over libcrypto (no cryptography of our own).
        .target(name: "CalSyncCrypto", dependencies: ["CCrypto"], swiftSettings: strict),
        // What Microsoft 365 and Exchange Server share: Windows zone names (CLDR) and CalSync's named property.
        .target(name: "MicrosoftCalendarKit", dependencies: ["CalSyncCore"], swiftSettings: strict),
        // What every adapter reuses: how it is made (ProviderMaker), throttling, retries.
        .target(name: "CalSyncProviderKit", dependencies: ["CalSyncCore", "CalSyncHTTP"], swiftSettings: strict),
        .target(
            name: "CalSyncGraph", dependencies: ["CalSyncCore", "CalSyncHTTP", "CalSyncProviderKit", "MicrosoftCalendarKit"],
            swiftSettings: strict),
        .target(
            name: "GraphEmulator", dependencies: ["CalSyncCore", "CalSyncHTTP", "MicrosoftCalendarKit"], swiftSettings: strict),
        // Exchange Server's EWS (SOAP, NTLM and Basic logons, impersonation), for tests, the demo and exchangelib in CI.
        .target(
            name: "EWSEmulator", dependencies: ["CalSyncCore", "CalSyncHTTP", "CalSyncCrypto", "MicrosoftCalendarKit"],
            swiftSettings: strict),
        // The Exchange Server adapter: EWS (SOAP over libcurl, NTLM or Basic, impersonation) behind CalendarProvider.
        .target(
            name: "CalSyncExchange",
            dependencies: ["CalSyncCore", "CalSyncHTTP", "CalSyncProviderKit", "MicrosoftCalendarKit"],
            swiftSettings: strict),
        .target(name: "GoogleEmulator", dependencies: ["CalSyncCore", "CalSyncHTTP", "CalSyncCrypto"], swiftSettings: strict),
        // The Google Workspace adapter: a service account with domain-wide delegation, Calendar v3 and the Directory.
        .target(
            name: "CalSyncGoogle", dependencies: ["CalSyncCore", "CalSyncHTTP", "CalSyncCrypto", "CalSyncProviderKit"],
            swiftSettings: strict),
        .target(
            name: "CalSyncWorker",
            dependencies: ["CalSyncCore", "CalSyncStore", "CalSyncHTTP"],
            swiftSettings: strict
        ),
        // The one registry of calendar systems (a provider maker per connection type).
        .target(
            name: "CalSyncProviders",
            dependencies: [
                "CalSyncCore", "CalSyncHTTP", "CalSyncProviderKit", "CalSyncWorker", "CalSyncGraph", "CalSyncGoogle",
                "CalSyncExchange",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "CalSyncAPI",
            dependencies: ["CalSyncCore", "CalSyncStore", "CalSyncHTTP", "CalSyncWorker"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "calsync",
            dependencies: [
                "CalSyncCore", "CalSyncStore", "CalSyncGraph", "CalSyncHTTP", "CalSyncWorker", "CalSyncAPI", "GraphEmulator",
                "CalSyncProviders", "CBuildInfo",
                "EWSEmulator",
                "GoogleEmulator", "CalSyncGoogle", "CalSyncCrypto",
            ],
            swiftSettings: strict
        ),
        // libFuzzer target for HTTPRequestParser; a plain build replays fixtures/fuzz/http-parser.
        .executableTarget(name: "CalSyncFuzz", dependencies: ["CalSyncTesting"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "calsync-bench",
            dependencies: [
                "CalSyncCore", "CalSyncStore", "CalSyncGraph", "CalSyncHTTP", "CalSyncWorker", "CalSyncAPI", "GraphEmulator",
                "ChildProcessKit",
                "CalSyncProviders",
            ],
            swiftSettings: strict
        ),

        // What tests share: a manual clock, temporary databases, fixture lookup, test oracles, the in-memory provider
        // and the provider conformance suite. Test targets (and the fuzzer) depend on it; production targets never do.
        .target(
            name: "CalSyncTesting", dependencies: ["CalSyncCore", "CalSyncStore", "CalSyncHTTP"], swiftSettings: strict
        ),

        .testTarget(name: "CalSyncCoreTests", dependencies: ["CalSyncCore", "CalSyncTesting"], swiftSettings: strict),
        .testTarget(
            name: "CalSyncProviderKitTests", dependencies: ["CalSyncProviderKit", "CalSyncHTTP", "CalSyncTesting"],
            swiftSettings: strict),
        .testTarget(name: "ChildProcessKitTests", dependencies: ["ChildProcessKit"], swiftSettings: strict),
        .testTarget(
            name: "MicrosoftCalendarKitTests", dependencies: ["MicrosoftCalendarKit", "CalSyncTesting"], swiftSettings: strict
        ),
        .testTarget(
            name: "CalSyncStoreTests", dependencies: ["CalSyncStore", "CalSyncCore", "CSQLite", "CalSyncTesting"],
            swiftSettings: strict),
        .testTarget(name: "CalSyncHTTPTests", dependencies: ["CalSyncHTTP", "CalSyncTesting"], swiftSettings: strict),
        .testTarget(
            name: "CalSyncCryptoTests", dependencies: ["CalSyncCrypto", "ChildProcessKit", "CalSyncTesting"],
            swiftSettings: strict),
        .testTarget(
            name: "CalSyncGraphTests",
            dependencies: [
                "CalSyncGraph", "GraphEmulator", "CalSyncHTTP", "CalSyncCore", "CalSyncProviderKit", "MicrosoftCalendarKit",
                "CalSyncTesting",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GraphEmulatorTests",
            dependencies: ["GraphEmulator", "CalSyncHTTP", "CalSyncCore", "MicrosoftCalendarKit", "CalSyncTesting"],
            swiftSettings: strict),
        .testTarget(
            name: "EWSEmulatorTests",
            dependencies: ["EWSEmulator", "CalSyncHTTP", "CalSyncCrypto", "CalSyncCore", "CalSyncTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CalSyncExchangeTests",
            dependencies: [
                "CalSyncExchange", "EWSEmulator", "CalSyncHTTP", "CalSyncCore", "MicrosoftCalendarKit", "CalSyncWorker",
                "CalSyncStore", "CalSyncProviderKit", "CalSyncTesting",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "GoogleEmulatorTests",
            dependencies: ["GoogleEmulator", "CalSyncHTTP", "CalSyncCrypto", "CalSyncCore", "CalSyncTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CalSyncGoogleTests",
            dependencies: [
                "CalSyncGoogle", "GoogleEmulator", "CalSyncHTTP", "CalSyncCrypto", "CalSyncCore", "CalSyncStore",
                "CalSyncWorker", "CalSyncProviderKit",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CalSyncAPITests",
            dependencies: [
                "CalSyncAPI", "CalSyncWorker", "CalSyncStore", "CalSyncGraph", "GraphEmulator", "CalSyncHTTP", "CalSyncCore",
                "CalSyncProviders", "MicrosoftCalendarKit", "CalSyncTesting", "GoogleEmulator", "EWSEmulator",
            ],
            swiftSettings: strict
        ),
        // The executable's own logic (configuration file, seeding, CLI output), through `@testable import calsync`.
        .testTarget(
            name: "CalSyncCLITests",
            dependencies: [
                "calsync", "CalSyncCore", "CalSyncStore", "CalSyncWorker", "CalSyncHTTP", "GraphEmulator", "GoogleEmulator",
                "ChildProcessKit", "CalSyncProviders", "CalSyncTesting",
            ],
            swiftSettings: strict
        ),
        // The provider conformance suite on every provider (in memory; Microsoft 365 on the GraphEmulator), and the
        // in-memory provider's own tests.
        .testTarget(
            name: "ProviderConformanceTests",
            dependencies: [
                "CalSyncCore", "CalSyncTesting", "CalSyncGraph", "CalSyncHTTP", "CalSyncProviderKit", "GraphEmulator",
                "MicrosoftCalendarKit", "CalSyncGoogle", "GoogleEmulator", "CalSyncExchange", "EWSEmulator",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CalSyncWorkerTests",
            dependencies: [
                "CalSyncWorker", "CalSyncStore", "CalSyncCore", "CalSyncGraph", "GraphEmulator", "CalSyncHTTP",
                "CalSyncProviderKit", "CalSyncProviders", "MicrosoftCalendarKit", "CalSyncTesting",
            ],
            swiftSettings: strict
        ),
    ]
)
