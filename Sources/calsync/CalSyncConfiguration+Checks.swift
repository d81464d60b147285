import CalSyncCore
import CalSyncGraph

extension CalSyncConfiguration {
    /// The rules a file keeps beyond its shape, checked when it is read (`ConfigurationLoader.read`): each id once per
    /// list, Graph and login endpoints that never carry a secret in clear text over a network (the rule the API keeps
    /// for `graphBaseURL` and `authorityHost`), training events with times and a status that can be written. Throws a
    /// `ConfigurationLoader.Failure` naming the place in the file.
    func check() throws {
        try Self.once(integrations.map(\.id), list: "integrations", noun: "integration")
        try Self.once(instructors.map(\.id), list: "instructors", noun: "instructor")
        try Self.once(trainingEvents.map(\.id), list: "trainingEvents", noun: "training event")
        for (index, item) in integrations.enumerated() {
            for (field, value) in [("graphBaseURL", item.graphBaseURL), ("authorityHost", item.authorityHost)] {
                guard let value else { continue }
                do {
                    _ = try GraphEndpoint.validated(value, field: "integrations[\(index)].\(field)")
                } catch {
                    let message = (error as? CalendarError)?.message ?? "integrations[\(index)].\(field) is not a usable URL"
                    throw ConfigurationLoader.Failure(description: message)
                }
            }
        }
        _ = try ConfigurationLoader.declaredTrainingEvents(self)
    }

    /// Refuses an id that appears twice in `list`, naming both places.
    static func once(_ ids: [String], list: String, noun: String) throws {
        var first: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let earlier = first[id] {
                throw ConfigurationLoader.Failure(
                    description: "\(list)[\(index)].id \"\(id)\" repeats \(list)[\(earlier)].id (each \(noun) id may appear once)"
                )
            }
            first[id] = index
        }
    }
}
