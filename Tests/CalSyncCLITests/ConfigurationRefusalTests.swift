import CalSyncStore
import Foundation
import Testing

/// `calsync serve --config FILE` with a file it must not start on: it says what is wrong and where, in words a user
/// reads (never Swift's or Foundation's internals, never a secret), and exits 2 before serving anything.
@Suite struct ConfigurationRefusalTests {
    static let integration = #""id": "contoso", "name": "C", "tenantId": "t", "clientId": "c", "clientSecret": "s3cret-value""#
    static let event = #""title": "T", "start": "2030-01-07T09:00:00Z", "end": "2030-01-07T10:00:00Z""#

    /// Runs `calsync serve --config FILE` on `json`; its status and standard error, the file's path put back as `P`.
    func serve(_ json: String, environment: [String: String] = [:]) async throws -> (status: Int32?, stderr: String) {
        let file = ConfigurationFile(json)
        defer { file.remove() }
        let (status, _, stderr) = try await CalSyncRun.finished(["serve", "--config", file.path], environment: environment)
        return (status, stderr.replacingOccurrences(of: file.path, with: "P"))
    }

    @Test(arguments: [
        (
            "{\n  \"database\": \"calsync.sqlite\",\n}\n",
            "the configuration file P is not valid JSON at line 2, column 31: a trailing comma before } (JSON allows none)"
        ),
        (
            #"{"instructors": [{"id": "a", "name": "A", "email": "a@x"},]}"#,
            "the configuration file P is not valid JSON at line 1, column 58: a trailing comma before ] (JSON allows none)"
        ),
        (
            "{\n  // the database\n  \"database\": \"x.sqlite\"\n}",
            "the configuration file P is not valid JSON at line 2, column 3: a comment (JSON allows none)"
        ),
        (
            #"{"database": "a.sqlite", "database": "b.sqlite"}"#,
            #"the configuration file P is not valid JSON at line 1, column 26: the key "database" appears twice in this object"#
        ),
        ("", "the configuration file P is not valid JSON at line 1, column 1: the text is empty"),
        ("[]", "the configuration file P is not valid: it must hold a JSON object ({…}), not a list"),
        (
            #"{"instructors": [{"id": 5, "name": "A", "email": "a@x"}]}"#,
            "the configuration file P is not valid: instructors[0].id must be a string, not a number"
        ),
        (
            #"{"instructors": {"id": "a"}}"#,
            "the configuration file P is not valid: instructors must be a list ([…]), not an object"
        ),
        (
            #"{"instructors": [{"id": "a", "name": "A"}]}"#,
            "the configuration file P is not valid: instructors[0].email is required"
        ),
        (
            #"{"syncIntervalSeconds": 1.5}"#,
            "the configuration file P is not valid: syncIntervalSeconds must be a whole number, not 1.5"
        ),
        (
            #"{"integrations": [{\#(integration), "settings": {"workday": {"start": "9am"}}}]}"#,
            "the configuration file P is not valid: integrations[0].settings.workday.start must be a time of day, HH:MM"
        ),
        (
            #"{"trainingEvents": [{"id": "t", \#(event), "status": "postponed"}]}"#,
            #"the configuration file P: trainingEvents[0].status must be scheduled or cancelled, not "postponed""#
        ),
    ])
    func aFileThatIsNotValidSaysWhereInPlainWords(json: String, message: String) async throws {
        let (status, stderr) = try await serve(json)
        #expect(status == 2)
        #expect(stderr == "calsync: \(message)\n")
        for word in ["NSCocoaErrorDomain", "DecodingError", "Swift", "Dictionary<", "debugDescription", "codingPath"] {
            #expect(!stderr.contains(word), "\(word) in \(stderr)")
        }
    }

    @Test(arguments: [
        (
            #""graphBaseURL": "http://graph.example.com/v1.0""#,
            "integrations[0].graphBaseURL uses plain http:// to the non-loopback host graph.example.com; use https:// "
                + "(http:// is accepted only for 127.0.0.0/8, ::1 and localhost)"
        ),
        (#""authorityHost": "ftp://login.example.com""#, "integrations[0].authorityHost must use https://, not ftp://"),
        (#""graphBaseURL": "graph.microsoft.com""#, "integrations[0].graphBaseURL is not an absolute URL: graph.microsoft.com"),
    ])
    func anInsecureOrBrokenEndpointIsRefusedAtStart(setting: String, message: String) async throws {
        let (status, stderr) = try await serve(#"{"integrations": [{\#(Self.integration), \#(setting)}]}"#)
        #expect(status == 2)
        #expect(stderr == "calsync: the configuration file P: \(message)\n")
        #expect(!stderr.contains("s3cret"))
    }

    @Test func aTokenGivenToTwoRolesIsRefusedWithoutShowingIt() async throws {
        let token = "shared-t0ken-0123456789"
        let inFile = try await serve(
            #"{"tokens": [{"role": "admin", "token": "\#(token)"}, {"role": "reader", "token": "\#(token)"}]}"#)
        #expect(inFile.status == 2)
        #expect(
            inFile.stderr
                == "calsync: the same token is given to two roles: tokens[0] (admin) and tokens[1] (reader); "
                + "give each role its own token\n")
        let fromEnvironment = try await serve(
            #"{"tokens": [{"role": "admin", "token": "\#(token)"}]}"#, environment: ["CALSYNC_READER_TOKEN": token])
        #expect(fromEnvironment.status == 2)
        #expect(
            fromEnvironment.stderr
                == "calsync: the same token is given to two roles: tokens[0] (admin) and CALSYNC_READER_TOKEN (reader); "
                + "give each role its own token\n")
        #expect(!inFile.stderr.contains(token) && !fromEnvironment.stderr.contains(token))
    }

    @Test(arguments: [
        (
            #"{"instructors": [{"id": "i-ana", "name": "A", "email": "a@x"}, {"id": "i-ana", "name": "B", "email": "b@x"}]}"#,
            #"instructors[1].id "i-ana" repeats instructors[0].id (each instructor id may appear once)"#
        ),
        (
            #"{"trainingEvents": [{"id": "t-1", \#(event)}, {"id": "t-2", \#(event)}, {"id": "t-1", \#(event)}]}"#,
            #"trainingEvents[2].id "t-1" repeats trainingEvents[0].id (each training event id may appear once)"#
        ),
        (
            #"{"integrations": [{\#(integration)}, {\#(integration)}]}"#,
            #"integrations[1].id "contoso" repeats integrations[0].id (each integration id may appear once)"#
        ),
    ])
    func aDuplicateIdIsRefusedNamingBothPlaces(json: String, message: String) async throws {
        let (status, stderr) = try await serve(json)
        #expect(status == 2)
        #expect(stderr == "calsync: the configuration file P: \(message)\n")
    }

    @Test func theSameTokenTwiceIsRefusedNamingBothPlaces() async throws {
        let token = "twice-t0ken-0123456789"
        let (status, stderr) = try await serve(
            #"{"tokens": [{"role": "reader", "token": "\#(token)"}, {"role": "reader", "token": "\#(token)"}]}"#)
        #expect(status == 2)
        #expect(stderr == "calsync: tokens[1] repeats the token of tokens[0] (each token may appear once)\n")
    }

    @Test func anEventForAnInstructorNobodyDeclaredIsRefusedAndNothingIsWritten() async throws {
        let file = ConfigurationFile(
            #"{"integrations": [{\#(Self.integration)}], "instructors": [{"id": "i-ana", "name": "A", "email": "a@x"}], "#
                + #""trainingEvents": [{"id": "t-1", \#(Self.event), "instructorIds": ["i-ana", "i-bob"]}]}"#)
        defer { file.remove() }
        let run = try CalSyncRun(["serve", "--config", file.path])
        defer { run.remove() }
        #expect(try await run.exitStatus(within: 20) == 2)
        #expect(
            run.stderr
                == "calsync: trainingEvents[0].instructorIds[1]: no instructor has the id \"i-bob\" "
                + "(declare it under instructors)\n")
        // Nothing of the file was written: not the integration, not the instructor, not the event.
        if FileManager.default.fileExists(atPath: run.database) {
            let store = try CalSyncStore(path: run.database)
            #expect(try await store.integrations().isEmpty)
            #expect(try await store.instructors().isEmpty)
            #expect(try await store.trainingEvents().isEmpty)
        }
    }

    @Test func aLogLevelThatDoesNotExistIsRefused() async throws {
        let file = try await serve(#"{"logLevel": "verbose"}"#)
        #expect(file.status == 2)
        #expect(
            file.stderr == "calsync: the configuration file P: logLevel must be debug, info, warning or error, not \"verbose\"\n")
        let environment = try await serve("{}", environment: ["CALSYNC_LOG_LEVEL": "loud"])
        #expect(environment.status == 2)
        #expect(environment.stderr == "calsync: CALSYNC_LOG_LEVEL must be debug, info, warning or error, not \"loud\"\n")
    }
}
