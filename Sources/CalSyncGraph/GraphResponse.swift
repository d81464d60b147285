import CalSyncCore
import CalSyncHTTP
import Foundation

/// Decoding of successful Graph bodies, with failures mapped to `CalendarError`.
///
/// A 2xx body that does not parse is reported as `.transient` with code `InvalidResponse`: it is
/// usually a proxy's page or a truncated answer, and a failed read must never delete anything.
enum GraphResponse {
    /// A collection page: `value`, `@odata.nextLink`, `@odata.deltaLink`.
    struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
        var value: [Item]
        var nextLink: String?
        var deltaLink: String?

        enum CodingKeys: String, CodingKey {
            case value
            case nextLink = "@odata.nextLink"
            case deltaLink = "@odata.deltaLink"
        }
    }

    /// `{"id": …}`: the answer to a create, or an item of a `$select=id` list.
    struct Identified: Decodable, Sendable {
        var id: String
    }

    /// A directory user as `GET /users?$select=id,displayName,mail,userPrincipalName,proxyAddresses`
    /// returns it (docs/microsoft-365.md §2). `proxyAddresses` only comes back when selected.
    struct User: Decodable, Sendable {
        var id: String
        var displayName: String?
        var mail: String?
        var userPrincipalName: String?
        var proxyAddresses: [String]?

        var directoryUser: DirectoryUser {
            DirectoryUser(
                id: id, displayName: displayName, mail: mail, userPrincipalName: userPrincipalName,
                proxyAddresses: proxyAddresses ?? [])
        }
    }

    /// `GET /users/{id}/mailboxSettings` (only the field we read).
    struct MailboxSettings: Decodable, Sendable {
        var timeZone: String?
    }

    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPClientResponse, what: String)
        throws(CalendarError) -> T
    {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch let error as DecodingError {
            throw malformed("\(what): \(describe(error))", status: response.status)
        } catch {
            throw malformed("\(what): the body is not JSON", status: response.status)
        }
    }

    static func malformed(_ detail: String, status: Int? = nil) -> CalendarError {
        CalendarError(
            .transient, httpStatus: status, providerCode: "InvalidResponse", message: "unexpected Graph answer: \(detail)")
    }

    /// A short description naming the JSON path; never the values.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(key.stringValue) in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "bad value at \(path(context))"
        @unknown default:
            return "undecodable body"
        }
    }
}
