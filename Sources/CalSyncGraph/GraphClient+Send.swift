import CalSyncCore
import CalSyncHTTP
import Foundation

extension GraphClient {
    /// Sends one Graph request with the standard headers and a bearer token; on 401 invalidates the
    /// token and retries once. Returns 2xx answers; throws every other outcome as a `CalendarError`.
    func send(_ method: HTTPMethod, _ url: String, body: Data? = nil, maxPageSize: Int? = nil) async throws
        -> HTTPClientResponse
    {
        guard let target = URL(string: url) else {
            throw CalendarError(
                .invalidRequest, code: "invalidURL", message: "not a valid Graph URL: \(GraphClient.originOf(url))")
        }
        var token = try await tokenProvider.token()
        var response = try await perform(method, target, body: body, maxPageSize: maxPageSize, token: token)
        if response.status == 401 {
            // The token may have been revoked or expired early: fetch a new one and try once more.
            await tokenProvider.invalidate(rejected: token)
            token = try await tokenProvider.token()
            response = try await perform(method, target, body: body, maxPageSize: maxPageSize, token: token)
        }
        guard (200..<300).contains(response.status) else {
            throw GraphErrorMapper.map(
                status: response.status, headers: response.headers, body: response.body, now: clock.now())
        }
        return response
    }

    /// The `Prefer` header value every request sends (one header, comma-separated preferences, RFC 7240).
    static func preferHeader(maxPageSize: Int?) -> String {
        var preferences = [#"IdType="ImmutableId""#, #"outlook.timezone="UTC""#]
        if let maxPageSize { preferences.append("odata.maxpagesize=\(maxPageSize)") }
        return preferences.joined(separator: ", ")
    }

    private func perform(_ method: HTTPMethod, _ url: URL, body: Data?, maxPageSize: Int?, token: AccessToken)
        async throws -> HTTPClientResponse
    {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer " + token.value.revealed)
        headers.add("Accept", "application/json")
        headers.add("Prefer", Self.preferHeader(maxPageSize: maxPageSize))
        headers.add("client-request-id", UUID().uuidString.lowercased())
        if body != nil { headers.add("Content-Type", "application/json") }
        let request = HTTPClientRequest(method: method, url: url, headers: headers, body: body)
        do {
            return try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw GraphErrorMapper.map(transportError: error)
        } catch let error as CalendarError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CalendarError(.transient, message: "request failed: \(type(of: error))")
        }
    }
}
