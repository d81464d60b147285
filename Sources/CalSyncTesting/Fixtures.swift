import Foundation

/// The repository's `fixtures/` folder (and its root), found from this source file, so every test target
/// reads the same files the same way whatever the working directory.
public enum Fixtures {
    /// The package root: the folder holding `Package.swift`, `fixtures/`, `deploy/`.
    public static let packageRoot = URL(fileURLWithPath: #filePath)  // Sources/CalSyncTesting/Fixtures.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `fixtures/`.
    public static let root = packageRoot.appendingPathComponent("fixtures")

    /// `fixtures/<relativePath>`, e.g. `url("graph/error-throttled.json")`.
    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The file-system path of `fixtures/<relativePath>`.
    public static func path(_ relativePath: String) -> String { url(relativePath).path }

    /// The bytes of `fixtures/<relativePath>`; traps naming the file when it cannot be read (a test setup error).
    public static func data(_ relativePath: String) -> Data {
        do { return try Data(contentsOf: url(relativePath)) } catch {
            preconditionFailure("missing fixture fixtures/\(relativePath): \(error)")
        }
    }

    /// The UTF-8 text of `fixtures/<relativePath>`; traps like `data(_:)`.
    public static func text(_ relativePath: String) -> String { String(decoding: data(relativePath), as: UTF8.self) }
}
