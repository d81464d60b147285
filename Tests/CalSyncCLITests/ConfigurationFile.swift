import Foundation

/// A configuration file with the given JSON in a unique temporary path; `remove()` deletes it.
struct ConfigurationFile {
    let path: String

    init(_ json: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString).json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
