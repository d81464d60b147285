import Foundation
import Testing

@testable import CalSyncHTTP

/// libcurl's own HTTP authentication through `HTTPClientRequest.credentials`.
@Suite("CurlTransport credentials")
struct CurlTransportCredentialsTests {
    @Test func basicCredentialsAreSentAndNeverOtherwise() async throws {
        let server = try CurlTransportTestServer { request in
            request.header("Authorization") == nil
                ? .respond(CurlTestResponse(status: 401, headers: [("WWW-Authenticate", #"Basic realm="ews""#)]))
                : .respond(CurlTestResponse(status: 200, body: Data("ok".utf8)))
        }
        defer { server.stop() }
        let transport = CurlTransport()
        var request = HTTPClientRequest(method: .post, url: server.url("/EWS/Exchange.asmx"), body: Data("<x/>".utf8))
        request.credentials = HTTPCredentials(scheme: .basic, username: #"CONTOSO\svc"#, password: "pä ss")
        let response = try await transport.send(request)
        #expect(response.status == 200)
        let expected = "Basic " + Data(#"CONTOSO\svc:pä ss"#.utf8).base64EncodedString()
        #expect(server.receivedRequests.last?.header("Authorization") == expected)
        #expect(request.credentials?.description.contains("pä ss") == false)

        // The same lane without credentials sends none: nothing of the previous request's logon is left behind.
        let plain = try await transport.send(HTTPClientRequest(method: .post, url: server.url("/EWS/Exchange.asmx")))
        #expect(plain.status == 401)
        #expect(server.receivedRequests.last?.header("Authorization") == nil)
    }

    @Test func ntlmStartsWithANegotiateMessage() async throws {
        let server = try CurlTransportTestServer { _ in
            .respond(CurlTestResponse(status: 401, headers: [("WWW-Authenticate", "NTLM")]))
        }
        defer { server.stop() }
        var request = HTTPClientRequest(method: .post, url: server.url("/EWS/Exchange.asmx"), body: Data("<x/>".utf8))
        request.credentials = HTTPCredentials(scheme: .ntlm, username: #"CONTOSO\svc"#, password: "pw")
        let response = try await CurlTransport().send(request)
        #expect(response.status == 401)
        let negotiate = try #require(server.receivedRequests.first?.header("Authorization"))
        #expect(negotiate.hasPrefix("NTLM TlRMTVNTUAAB"))  // "NTLMSSP\0" then message type 1
    }
}
