import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

/// The key file `CALSYNC_SECRET_KEY_FILE` names: made readable by its owner only, read in each accepted form.
@Suite struct CredentialKeyFileTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-key-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func aNewKeyIsBase64ReadableByItsOwnerOnlyAndReadsBackAsTheSameKey() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try CredentialKeyFile.create(path("calsync.key"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path("calsync.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOfFile: path("calsync.key"), encoding: .utf8)
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines))?.count == 32)
        let (read, warning) = try CredentialKeyFile.read(path("calsync.key"))
        #expect(read.keyId == made.keyId)
        #expect(made.keyId.count == 16)
        #expect(warning == nil)
        #expect(throws: CredentialKeyError.self) { try CredentialKeyFile.create(path("calsync.key")) }
    }

    @Test func hexAndRawKeysAreTheSameKeyAsTheirBase64() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = (0..<32).map { UInt8($0 * 7 % 256) }
        try Data(key).base64EncodedString().write(toFile: path("b64"), atomically: true, encoding: .utf8)
        try (key.map { String(format: "%02X", $0) }.joined() + "\n").write(toFile: path("hex"), atomically: true, encoding: .utf8)
        try Data(key).write(to: URL(fileURLWithPath: path("raw")))
        let ids = try ["b64", "hex", "raw"].map { try CredentialKeyFile.read(path($0)).sealer.keyId }
        #expect(Set(ids).count == 1)
        #expect(ids.first == (try CredentialSealer(key: key)).keyId)
    }

    @Test func aFileWithoutAKeyOrNoFileIsRefusedWithWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try "not a key\n".write(toFile: path("bad"), atomically: true, encoding: .utf8)
        #expect(throws: CredentialKeyError.self) { try CredentialKeyFile.read(path("bad")) }
        do {
            _ = try CredentialKeyFile.read(path("bad"))
        } catch {
            #expect(error.description.contains("does not hold a key: it must hold 32 bytes"))
        }
        do {
            _ = try CredentialKeyFile.read(path("missing"))
        } catch {
            #expect(
                error.description
                    == "cannot read the secret key file \(path("missing")): it does not exist (make one with `calsync "
                    + "secret-key new \(path("missing"))`)")
        }
    }

    @Test func aKeyFileOthersMayReadIsUsedWithAWarning() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CredentialKeyFile.create(path("shared.key"))
        chmod(path("shared.key"), 0o644)
        let (_, warning) = try CredentialKeyFile.read(path("shared.key"))
        #expect(warning == "the secret key file \(path("shared.key")) may be read by other users (mode 0644): chmod 600 it")
    }
}
