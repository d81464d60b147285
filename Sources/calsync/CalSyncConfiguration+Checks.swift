extension CalSyncConfiguration {
    /// The rules a file keeps beyond its shape, checked when it is read (`ConfigurationLoader.read`): each id once per
    /// list, each connection's endpoints never carrying a secret in clear text over a network (the rule the API keeps),
    /// training events with times and a status that can be written. Throws a
    /// `ConfigurationLoader.Failure` naming the place in the file.
    func check() throws {
        try Self.once(integrations.map(\.id), list: "integrations", noun: "integration")
        try Self.once(instructors.map(\.id), list: "instructors", noun: "instructor")
        try Self.once(trainingEvents.map(\.id), list: "trainingEvents", noun: "training event")
        for (index, item) in integrations.enumerated() {
            try item.connection.checkEndpoints(place: "integrations[\(index)]")
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
