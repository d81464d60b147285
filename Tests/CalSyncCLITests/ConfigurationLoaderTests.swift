import Foundation
import Testing

@testable import calsync

@Suite struct ConfigurationLoaderTests {
    /// What `calsync serve --config FILE` prints (after "calsync: ") when loading fails.
    func failure(_ json: String, environment: [String: String] = [:]) -> (message: String?, path: String) {
        let file = ConfigurationFile(json)
        defer { file.remove() }
        do {
            _ = try ConfigurationLoader.load(path: file.path, environment: environment)
            return (nil, file.path)
        } catch {
            return ("\(error)", file.path)
        }
    }

    @Test func aMisspeltTopLevelKeyIsRefusedWithTheKeyItResembles() {
        let (message, path) = failure(#"{"databse": "/var/lib/calsync/calsync.sqlite"}"#)
        #expect(message == "\(path): unknown key \"databse\" (did you mean \"database\"?)")
    }

    static let integration = #""id": "contoso", "name": "C", "tenantId": "t", "clientId": "c", "clientSecretEnv": "S""#

    @Test(arguments: [
        (#"{"integrations": [{\#(integration), "tenantID": "x"}]}"#, #""integrations[0].tenantID" (did you mean "tenantId"?)"#),
        (
            #"{"integrations": [{\#(integration), "settings": {"absenceShowAz": "oof"}}]}"#,
            #""integrations[0].settings.absenceShowAz" (did you mean "absenceShowAs"?)"#
        ),
        (
            #"{"integrations": [{\#(integration), "settings": {"halfDay": {"amEnds": "12:00"}}}]}"#,
            #""integrations[0].settings.halfDay.amEnds" (did you mean "amEnd"?)"#
        ),
        (
            #"{"instructors": [{"id": "a", "name": "A", "email": "a@x"}, {"id": "b", "name": "B", "email": "b@x", "syncEnabeld": false}]}"#,
            #""instructors[1].syncEnabeld" (did you mean "syncEnabled"?)"#
        ),
        (
            #"{"trainingEvents": [{"id": "t", "title": "T", "start": "2030-01-07T09:00:00Z", "end": "2030-01-07T10:00:00Z", "instructors": []}]}"#,
            #""trainingEvents[0].instructors" (did you mean "instructorIds"?)"#
        ),
        (#"{"tokens": [{"role": "admin", "secret": "0123456789abcdef"}]}"#, #""tokens[0].secret""#),
    ])
    func unknownKeysAreRefusedAtEveryLevelWithTheirPath(json: String, named: String) {
        let (message, path) = failure(json)
        #expect(message == "\(path): unknown key \(named)")
    }

    @Test func theExampleConfigurationLoads() throws {
        let example = ConfigurationFile.packageRoot.appendingPathComponent("deploy/calsync.example.json").path
        let configuration = try ConfigurationLoader.load(path: example, environment: [:])
        #expect(configuration.database == "/var/lib/calsync/calsync.sqlite")
        #expect(configuration.listen == "127.0.0.1:8080")
        let environment = ["CALSYNC_CONTOSO_CLIENT_SECRET": "from-the-environment"]
        let integrations = try ConfigurationLoader.declaredIntegrations(configuration, environment: environment)
        #expect(integrations.map(\.id) == ["contoso"])
        #expect(integrations.first?.settings.eventSubjectTemplate == "Training: {title}")
        #expect(integrations.first?.connection.secret.revealed == "from-the-environment")
        #expect(configuration.instructors.map(\.id) == ["i-ana"])
        #expect(try ConfigurationLoader.declaredTrainingEvents(configuration).map(\.id) == ["t-swift-101"])
    }

    @Test func theEnvironmentWinsOverTheFilesDatabaseAndListenAddress() throws {
        let file = ConfigurationFile(#"{"database": "/srv/file.sqlite", "listen": "127.0.0.1:9000"}"#)
        defer { file.remove() }
        let fromFile = try ConfigurationLoader.load(path: file.path, environment: ["CALSYNC_DATABASE": "", "CALSYNC_LISTEN": ""])
        #expect(fromFile.database == "/srv/file.sqlite")
        #expect(fromFile.listen == "127.0.0.1:9000")
        let overridden = try ConfigurationLoader.load(
            path: file.path, environment: ["CALSYNC_DATABASE": "/srv/env.sqlite", "CALSYNC_LISTEN": "[::1]:9001"])
        #expect(overridden.database == "/srv/env.sqlite")
        #expect(overridden.listen == "[::1]:9001")
        #expect(try ConfigurationLoader.listenAddress(overridden.listen) == ("::1", 9001))
        let noFile = try ConfigurationLoader.load(path: nil, environment: ["CALSYNC_DATABASE": "/srv/only.sqlite"])
        #expect(noFile.database == "/srv/only.sqlite")
        #expect(noFile.listen == "127.0.0.1:8080")
    }

    @Test func aBadListenAddressIsExplained() {
        #expect(
            failure("{}", environment: ["CALSYNC_LISTEN": "localhost"]).message
                == "listen address localhost must be host:port, e.g. 127.0.0.1:8080")
        #expect(
            failure(#"{"listen": "127.0.0.1:99999"}"#).message
                == "listen address 127.0.0.1:99999 must be host:port with a port from 0 to 65535")
        #expect(failure(#"{"listen": ":8080"}"#).message == "listen address :8080 must be host:port with a port from 0 to 65535")
    }

    @Test func theAddressServeListensOnReadsBackAsAListenAddress() throws {
        #expect(ConfigurationLoader.address(host: "127.0.0.1", port: 8080) == "127.0.0.1:8080")
        #expect(ConfigurationLoader.address(host: "::1", port: 41234) == "[::1]:41234")
        #expect(try ConfigurationLoader.listenAddress(ConfigurationLoader.address(host: "::1", port: 41234)) == ("::1", 41234))
    }

    @Test func aMissingSecretVariableIsNamedWithoutRevealingAnySecret() throws {
        let file = ConfigurationFile(
            #"{"integrations": [{"id": "contoso", "name": "C", "tenantId": "t", "clientId": "c", "#
                + #""clientSecret": "inline-s3cret", "clientSecretEnv": "CONTOSO_SECRET"}]}"#)
        defer { file.remove() }
        let configuration = try ConfigurationLoader.load(path: file.path, environment: [:])
        for environment in [["OTHER_SECRET": "other-s3cret"], ["CONTOSO_SECRET": "", "OTHER_SECRET": "other-s3cret"]] {
            let error = #expect(throws: ConfigurationLoader.Failure.self) {
                _ = try ConfigurationLoader.declaredIntegrations(configuration, environment: environment)
            }
            #expect(
                error?.description == "integration contoso: environment variable CONTOSO_SECRET (its client secret) is not set")
            #expect(error?.description.contains("s3cret") == false)
        }
    }

    /// A file's settings keep the rules the API keeps (`PATCH /v1/integrations/{id}` would refuse these).
    @Test(arguments: [
        (#""pastDays": 999"#, "`settings.pastDays`"),
        (#""absenceShowAs": "bogus""#, "`settings.absenceShowAs` must be busy or oof."),
        (#""workday": {"start": "18:00", "end": "09:00"}"#, "`settings.workday.start` (18:00) must be before"),
        (#""massDeletionPercent": 0"#, "`settings.massDeletionPercent`"),
    ])
    func settingsTheAPIWouldRefuseAreRefused(setting: String, expected: String) throws {
        let file = ConfigurationFile(
            #"{"integrations": [{"id": "contoso", "name": "C", "tenantId": "t", "clientId": "c", "clientSecret": "x", "#
                + #""settings": {"# + setting + "}}]}")
        defer { file.remove() }
        let configuration = try ConfigurationLoader.load(path: file.path, environment: [:])
        let error = #expect(throws: ConfigurationLoader.Failure.self) {
            _ = try ConfigurationLoader.declaredIntegrations(configuration, environment: [:])
        }
        #expect(error?.description.hasPrefix("integration contoso: ") == true)
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }

    @Test func aWrongTypeNamesItsPath() {
        let (message, path) = failure(#"{"instructors": [{"id": 5, "name": "A", "email": "a@x"}]}"#)
        #expect(message == "the configuration file \(path) is not valid: instructors[0].id must be a string, not a number")
    }

    @Test func suggestionsAreOnlyForNearMisses() {
        let known = ["database", "listen", "syncIntervalSeconds"]
        #expect(UnknownConfigurationKey.nearest("Database", among: known) == "database")
        #expect(UnknownConfigurationKey.nearest("lisen", among: known) == "listen")
        #expect(UnknownConfigurationKey.nearest("syncInterval", among: known) == nil)
        #expect(UnknownConfigurationKey.nearest("db", among: known) == nil)
        #expect(UnknownConfigurationKey.editDistance("kitten", "sitting") == 3)
    }

    @Test func settingsKeysComeFromSyncSettingsItself() {
        let keys = CalSyncConfiguration.knownKeys.keys["integrations"]??.keys["settings"]??.keys ?? [:]
        #expect(keys.count == 13)
        #expect(keys["absenceShowAs"] != nil && keys["massDeletionPercent"] != nil)
        #expect(keys["workday"]??.keys.keys.sorted() == ["end", "start"])
        #expect(keys["halfDay"]??.keys.keys.sorted() == ["amEnd", "pmStart"])
    }
}
