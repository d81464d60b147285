import CCrypto

/// An OpenSSL memory `BIO`, freed on deinit: PEM text goes in (read-only over a copy of the bytes) or comes out.
final class MemoryBIO {
    let pointer: OpaquePointer
    /// Keeps the bytes a read-only BIO points into alive for as long as the BIO.
    private let storage: UnsafeMutableBufferPointer<UInt8>?

    /// A read-only BIO over a copy of `bytes`.
    init(reading bytes: [UInt8]) throws(CryptoError) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = copy.initialize(from: bytes)
        guard let bio = BIO_new_mem_buf(copy.baseAddress, Int32(bytes.count)) else {
            copy.deallocate()
            throw CryptoError.fromQueue("BIO_new_mem_buf")
        }
        pointer = bio
        storage = copy
    }

    /// An empty BIO to write into.
    init() throws(CryptoError) {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.fromQueue("BIO_new") }
        pointer = bio
        storage = nil
    }

    deinit {
        BIO_free(pointer)
        if let storage {
            // The copy may hold key material: wipe it before giving the memory back.
            storage.update(repeating: 0)
            storage.deallocate()
        }
    }

    /// Everything written so far, as text.
    func readAll() -> String {
        let pending = Int(BIO_ctrl_pending(pointer))
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = pending == 0 ? 0 : BIO_read(pointer, &bytes, Int32(pending))
        return String(decoding: bytes.prefix(max(0, Int(read))), as: UTF8.self)
    }
}
