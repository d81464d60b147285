import Foundation

/// Human output on stdout (logs go to stderr as JSON lines).
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("calsync: " + text + "\n").utf8))
    }
}
