import CalSyncCrypto

/// The id CalSync chooses for an event it creates (docs/google.md, "Writing events"): the lower-case hex SHA-256 of
/// the create's idempotency key, 64 characters of base32hex's alphabet. Every attempt of one create uses the same id,
/// so a repeat after an ambiguous failure answers 409 `duplicate` instead of making a second event.
enum GoogleEventId {
    /// `generation` > 0 derives a fresh id for the same key (Google keeps a deleted event's id taken).
    static func make(idempotencyKey: String, generation: Int = 0) -> String {
        let input = generation == 0 ? idempotencyKey : idempotencyKey + "#\(generation)"
        // SHA-256 through libcrypto cannot fail on a valid input; an empty digest would make an invalid id that
        // Google refuses with 400, never a wrong event.
        let digest = (try? SHA256.digest(Array(input.utf8))) ?? []
        return digest.map { byte in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }.joined()
    }
}
