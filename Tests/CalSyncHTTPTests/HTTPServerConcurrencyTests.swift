import CalSyncHTTP
import Foundation
import Testing

@Suite struct HTTPServerConcurrencyTests {
    /// 200 requests over 8 keep-alive connections, each on its own client thread; every response must
    /// match its own request.
    @Test func twoHundredRequestsOverEightConnections() async throws {
        let responder = ClosureResponder { request in
            if request.path.hasSuffix("0") { await Task.yield() }
            return .json(200, object: ["path": request.path, "body": String(decoding: request.body, as: UTF8.self)])
        }
        try await withServer(responder: responder) { server, port in
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for connection in 0..<8 {
                    group.addTask {
                        try await onThread {
                            let client = try TestClient(port: port)
                            var mismatches = 0
                            for index in 0..<25 {
                                let path = "/c\(connection)/r\(index)"
                                try client.send(rawPOST(path, "body-\(connection)-\(index)"))
                                let response = try client.readResponse()
                                let object = try JSONSerialization.jsonObject(with: response.body) as? [String: String]
                                if response.status != 200 || object?["path"] != path
                                    || object?["body"] != "body-\(connection)-\(index)"
                                {
                                    mismatches += 1
                                }
                            }
                            return mismatches
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
        }
    }

    /// A client that sends half a head and stalls must not delay anyone else.
    @Test func aStalledClientDoesNotBlockOthers() async throws {
        try await withServer(config { $0.loopCount = 1 }) { _, port in
            let texts = try await onThread {
                let stalled = try TestClient(port: port)
                try stalled.send("GET /never HTTP/1.1\r\nHost: x\r\nX-Partial: ")
                let other = try TestClient(port: port)
                try other.send(rawGET("/quick") + rawGET("/quick2"))
                return [try other.readResponse().text, try other.readResponse().text]
            }
            #expect(texts == ["GET /quick", "GET /quick2"])
        }
    }
}
