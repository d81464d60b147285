import CalSyncCrypto
import Foundation

/// A SyncFolderItems SyncState: opaque base64 to the client, holding the mailbox, the epoch it was issued in and the
/// change counter it has seen, signed so that an altered or foreign state is ErrorInvalidSyncStateData.
struct SyncStateToken: Sendable, Equatable {
    var mailbox: String
    var epoch: UInt32
    var watermark: UInt64

    static let magic: [UInt8] = Array("ESS1".utf8)

    func encode(key: [UInt8]) -> String {
        var bytes = Self.magic + Self.mailboxTag(mailbox, key: key)
        withUnsafeBytes(of: epoch.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: watermark.littleEndian) { bytes += $0 }
        bytes += Self.mac(bytes, key: key)
        return Data(bytes).base64EncodedString()
    }

    /// The token if `text` is one this server issued for `mailbox`; nil otherwise.
    static func decode(_ text: String, mailbox: String, key: [UInt8]) -> SyncStateToken? {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 36 else {
            return nil
        }
        let bytes = [UInt8](data)
        guard Array(bytes[0..<4]) == magic, Array(bytes[4..<12]) == mailboxTag(mailbox, key: key),
            mac(Array(bytes[0..<24]), key: key) == Array(bytes[24..<36])
        else { return nil }
        let epoch = bytes[12..<16].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let watermark = bytes[16..<24].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return SyncStateToken(mailbox: mailbox, epoch: epoch, watermark: watermark)
    }

    private static func mailboxTag(_ mailbox: String, key: [UInt8]) -> [UInt8] {
        Array(((try? HMAC.authenticate(Array(mailbox.lowercased().utf8), key: key, digest: .sha256)) ?? []).prefix(8))
    }

    private static func mac(_ bytes: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(((try? HMAC.authenticate(bytes, key: key, digest: .sha256)) ?? []).prefix(12))
    }
}
