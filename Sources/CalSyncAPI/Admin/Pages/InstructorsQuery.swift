import CalSyncCore
import Foundation

/// What the Instructors page shows, from its query: `show=` (a filter), `q=` (a name, e-mail or id substring),
/// `sort=name|status|last-sync` with `dir=asc|desc`, and `page=` (50 people a page). Every link of the page keeps
/// the rest of the query, so searching, sorting, filtering and paging combine.
struct InstructorsQuery: Sendable, Equatable {
    enum Sort: String, Sendable, CaseIterable {
        case name
        case status
        case lastSync = "last-sync"
    }

    static let pageSize = 50

    var show: InstructorsPage.Filter = .all
    var search: String?
    var sort: Sort = .name
    var descending = false
    var page = 1

    init() {}

    init(_ request: AdminRequest) throws {
        show = try InstructorsPage.Filter(query: request.query("show"))
        if let text = request.query("q") {
            guard text.count <= 200 else { throw AdminError(400, "`q` is longer than 200 characters.", field: "q") }
            search = text
        }
        if let text = request.query("sort") {
            guard let sort = Sort(rawValue: text) else {
                throw AdminError(400, "`sort` must be one of: name, status, last-sync.", field: "sort")
            }
            self.sort = sort
        }
        switch request.query("dir") {
        case nil, "asc"?: descending = false
        case "desc"?: descending = true
        default: throw AdminError(400, "`dir` must be asc or desc.", field: "dir")
        }
        if let text = request.query("page") {
            guard let page = Int(text), (1...100_000).contains(page) else {
                throw AdminError(400, "`page` must be a page number (1, 2, …).", field: "page")
            }
            self.page = page
        }
    }

    /// The page's address with this query (defaults left out).
    var path: String {
        AdminPaths.with(
            AdminPaths.instructors,
            [
                ("show", show == .all ? nil : show.rawValue), ("q", search), ("sort", sort == .name ? nil : sort.rawValue),
                ("dir", descending ? "desc" : nil), ("page", page == 1 ? nil : String(page)),
            ])
    }

    /// The same query with changes (any other change than the page goes back to the first page).
    func with(show: InstructorsPage.Filter? = nil, sort: Sort? = nil, descending: Bool? = nil, page: Int? = nil)
        -> InstructorsQuery
    {
        var copy = self
        copy.show = show ?? self.show
        copy.sort = sort ?? self.sort
        copy.descending = descending ?? self.descending
        copy.page = page ?? 1
        return copy
    }

    /// Whether the person's name, e-mail or id holds the search text (case and accents aside).
    func matches(_ person: PersonContext) -> Bool {
        guard let search else { return true }
        let instructor = person.instructor
        return [instructor.name, instructor.email, instructor.id].contains {
            $0.range(of: search, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// The people in the chosen order; ties by name, then id.
    func sorted(_ people: [PersonContext]) -> [PersonContext] {
        func byName(_ a: PersonContext, _ b: PersonContext) -> Bool {
            let order = a.instructor.name.localizedStandardCompare(b.instructor.name)
            return order == .orderedSame ? a.instructor.id < b.instructor.id : order == .orderedAscending
        }
        func ascending(_ a: PersonContext, _ b: PersonContext) -> Bool? {
            switch sort {
            case .name: return nil
            case .status:
                let (x, y) = (Self.attention(a.status), Self.attention(b.status))
                return x == y ? nil : x < y
            case .lastSync:
                // Never synced comes first: the oldest news.
                let (x, y) = (a.lastSyncAt ?? .distantPast, b.lastSyncAt ?? .distantPast)
                return x == y ? nil : x < y
            }
        }
        return people.sorted { a, b in
            if let first = ascending(a, b) { return descending ? !first : first }
            return descending && sort == .name ? byName(b, a) : byName(a, b)
        }
    }

    /// Statuses in the order they need attention: failing first, in step last.
    static func attention(_ status: PersonSyncStatus) -> Int {
        switch status {
        case .error: 0
        case .unmatched: 1
        case .stale: 2
        case .disabled: 3
        case .ok: 4
        }
    }
}
