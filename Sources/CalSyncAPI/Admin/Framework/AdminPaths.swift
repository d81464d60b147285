import Foundation

/// The admin pages' URLs. Ids are percent-encoded as path segments and query values, so any id the scheduler
/// chose makes a working link (and the HTML escaping of attributes comes on top).
enum AdminPaths {
    static let home = "/admin"
    static let signIn = "/admin/sign-in"
    static let signOut = "/admin/sign-out"
    static let stylesheet = "/admin/assets/admin.css"
    static let script = "/admin/assets/admin.js"
    static let status = "/admin/status"
    static let syncNow = "/admin/sync"
    static let instructors = "/admin/instructors"
    static let integrations = "/admin/integrations"
    static let operations = "/admin/operations"
    static let operationsBulk = "/admin/operations/bulk"
    static let availability = "/admin/availability"
    static let team = "/admin/availability/team"
    static let timeZone = "/admin/time-zone"

    static func instructorSync(_ id: String) -> String { "/admin/instructors/\(segment(id))/sync" }
    static func integration(_ id: String) -> String { "/admin/integrations/\(segment(id))" }
    static func integrationAction(_ id: String, _ action: String) -> String { integration(id) + "/" + action }
    static func operation(_ id: Int64) -> String { "/admin/operations/\(id)" }
    static func operationAction(_ id: Int64, _ action: String) -> String { operation(id) + "/" + action }

    /// A path with a query; nil values are left out.
    static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let pairs = query.compactMap { name, value in value.map { "\(name)=\(queryValue($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// A page of this site to come back to after a form (`return=`): a path under /admin, else the home page. Never
    /// another site (`//host`, a backslash) nor anything with spaces or control characters.
    static func back(to text: String?) -> String {
        guard let text, text.count <= 2_048, AdminSite.owns(path: String(text.prefix { $0 != "?" })),
            !text.contains("\\"), !text.contains("//"),
            text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return home }
        return text
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
