import CalSyncCore
import CalSyncGraph
import Testing

@Suite struct GraphEndpointTests {
    @Test func httpsIsAcceptedAndTrailingSlashesAreRemoved() throws {
        let endpoint = try GraphEndpoint(
            graphBaseURL: "https://graph.microsoft.com/v1.0//", authorityHost: "https://login.microsoftonline.com/")
        #expect(endpoint.graphBaseURL == "https://graph.microsoft.com/v1.0")
        #expect(endpoint.authorityHost == "https://login.microsoftonline.com")
        #expect(
            endpoint.tokenURL(tenantId: "contoso.onmicrosoft.com")
                == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/v1.0", "http://127.9.8.7/v1.0", "http://localhost:9000/v1.0", "http://LOCALHOST/v1.0",
        "http://[::1]:8080/v1.0",
    ])
    func plainHTTPIsAcceptedOnLoopback(url: String) throws {
        let endpoint = try GraphEndpoint(graphBaseURL: url + "/", authorityHost: url)
        #expect(endpoint.graphBaseURL == url)
    }

    @Test(arguments: [
        "http://graph.microsoft.com/v1.0", "http://10.0.0.5:8080", "http://127.0.0.1.evil.example/v1.0",
        "http://localhost.evil.example", "http://128.0.0.1", "http://[::2]:80",
    ])
    func plainHTTPToOtherHostsIsRefused(url: String) async throws {
        let error = await calendarError {
            _ = try GraphEndpoint(graphBaseURL: url, authorityHost: "https://login.microsoftonline.com")
        }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("graphBaseURL") == true)
        #expect(error?.message.contains("https://") == true)
    }

    @Test func authorityHostIsCheckedToo() async {
        let error = await calendarError {
            _ = try GraphEndpoint(graphBaseURL: "https://graph.microsoft.com/v1.0", authorityHost: "http://login.example.com")
        }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("authorityHost") == true)
        #expect(error?.message.contains("login.example.com") == true)
    }

    @Test(arguments: ["", "graph.microsoft.com/v1.0", "ftp://graph.microsoft.com", "https://graph.microsoft.com/v1.0?x=1"])
    func malformedURLsAreRefused(url: String) async {
        let error = await calendarError {
            _ = try GraphEndpoint(graphBaseURL: url, authorityHost: "https://login.microsoftonline.com")
        }
        #expect(error?.kind == .configuration)
    }

    @Test func theClientRefusesANonLoopbackHTTPIntegration() async {
        let integration = TestIntegration.make(graphBaseURL: "http://graph.example.com/v1.0")
        let error = await calendarError {
            _ = try GraphClient(integration: integration, transport: ScriptedTransport(), zones: .bundled)
        }
        #expect(error?.kind == .configuration)
        #expect(error?.description.contains(TestIntegration.secret) == false)
    }

    @Test func linksAreFollowedOnlyOnGraphsOrigin() throws {
        let endpoint = try GraphEndpoint(
            graphBaseURL: "https://graph.microsoft.com/v1.0", authorityHost: "https://login.microsoftonline.com")
        #expect(endpoint.isSameOrigin("https://graph.microsoft.com/v1.0/users?$skiptoken=x"))
        #expect(endpoint.isSameOrigin("https://GRAPH.microsoft.com:443/v1.0/me/calendarView/delta?$deltatoken=y"))
        #expect(!endpoint.isSameOrigin("https://evil.example/v1.0/users?$skiptoken=x"))
        #expect(!endpoint.isSameOrigin("http://graph.microsoft.com/v1.0/users"))
        #expect(!endpoint.isSameOrigin("https://graph.microsoft.com:8443/v1.0/users"))
    }
}

@Suite struct GraphPercentEncodingTests {
    @Test func pathSegmentsKeepOnlyUnreservedCharacters() {
        #expect(GraphPercentEncoding.pathSegment("AAMkAD/x+y=") == "AAMkAD%2Fx%2By%3D")
        #expect(GraphPercentEncoding.pathSegment("a-b.c_d~e") == "a-b.c_d~e")
        #expect(GraphPercentEncoding.pathSegment("jane doe@contoso.com") == "jane%20doe%40contoso.com")
        #expect(GraphPercentEncoding.pathSegment("ümlaut?#%") == "%C3%BCmlaut%3F%23%25")
    }

    @Test func odataStringsDoubleTheirQuotes() {
        #expect(GraphPercentEncoding.odataString("O'Brien's") == "'O''Brien''s'")
    }

    @Test func formBodiesEncodeKeysAndValues() {
        #expect(GraphPercentEncoding.formBody([("a b", "c&d=e"), ("x", "")]) == "a%20b=c%26d%3De&x=")
    }
}
