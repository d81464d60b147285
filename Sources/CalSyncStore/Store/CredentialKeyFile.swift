import CalSyncCrypto
import Foundation

/// The file holding the key credentials are sealed under (`CALSYNC_SECRET_KEY_FILE`): 32 random bytes, as written
/// by `create` (their base64 text and a newline), or as raw bytes, or as 64 hex digits; whitespace around the text
/// is ignored.
public enum CredentialKeyFile {
    /// The sealer of the key in `path`, and a warning when other users than the file's owner may read it.
    public static func read(_ path: String) throws(CredentialKeyError) -> (sealer: CredentialSealer, warning: String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialKeyError("cannot read the secret key file \(path): \(reasonUnreadable(path))")
        }
        guard let key = key(in: Array(data)) else {
            throw CredentialKeyError(
                "the secret key file \(path) does not hold a key: it must hold 32 bytes, as base64 (what `calsync "
                    + "secret-key new FILE` writes), hex or raw bytes")
        }
        var warning: String?
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o044 != 0 {
            warning =
                "the secret key file \(path) may be read by other users (mode "
                + String(format: "%04o", status.st_mode & 0o777) + "): chmod 600 it"
        }
        return (try CredentialSealer(key: key), warning)
    }

    /// Writes a new random key to `path` (which must not exist), readable by its owner only; its sealer.
    public static func create(_ path: String) throws(CredentialKeyError) -> CredentialSealer {
        let made: (sealer: CredentialSealer, key: [UInt8])
        do {
            made = try CredentialSealer.random()
        } catch {
            throw CredentialKeyError("cannot make a key: \(error)")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CredentialKeyError("cannot create the secret key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let text = Array((Data(made.key).base64EncodedString() + "\n").utf8)
        guard write(descriptor, text, text.count) == text.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw CredentialKeyError("cannot write the secret key file \(path): \(reason)")
        }
        return made.sealer
    }

    /// The 32-byte key a file's bytes hold: base64 or hex text (trimmed), or the raw bytes themselves.
    static func key(in bytes: [UInt8]) -> [UInt8]? {
        if let text = String(validating: bytes, as: UTF8.self)?.trimmingCharacters(in: .whitespacesAndNewlines) {
            if text.utf8.count == 64, let key = hex(text) { return key }
            if let key = Data(base64Encoded: text), key.count == AESGCM.keySize { return Array(key) }
        }
        return bytes.count == AESGCM.keySize ? bytes : nil
    }

    private static func hex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    private static func reasonUnreadable(_ path: String) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            return "it does not exist (make one with `calsync secret-key new \(path)`)"
        }
        return "this user may not read it"
    }
}
