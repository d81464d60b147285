/// Little-endian reading and writing for NTLM messages (MS-NLMP §2.2), bounds-checked: a short or lying message
/// gives nil, never a crash.
enum NTLMBytes {
    /// "NTLMSSP\0"
    static let signature: [UInt8] = Array("NTLMSSP".utf8) + [0]

    static func uint16(_ bytes: [UInt8], at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard let low = uint16(bytes, at: offset), let high = uint16(bytes, at: offset + 2) else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    /// The payload a (Len, MaxLen, BufferOffset) field at `offset` points to.
    static func field(_ bytes: [UInt8], at offset: Int) -> [UInt8]? {
        guard let length = uint16(bytes, at: offset), let start = uint32(bytes, at: offset + 4) else { return nil }
        let begin = Int(start)
        let end = begin + Int(length)
        guard length == 0 || (begin >= 0 && end <= bytes.count) else { return nil }
        return length == 0 ? [] : Array(bytes[begin..<end])
    }

    static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        append16(UInt16(value & 0xFFFF), to: &bytes)
        append16(UInt16(value >> 16), to: &bytes)
    }

    static func append64(_ value: UInt64, to bytes: inout [UInt8]) {
        append32(UInt32(value & 0xFFFF_FFFF), to: &bytes)
        append32(UInt32(value >> 32), to: &bytes)
    }

    static func utf16le(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// UTF-16LE (Unicode flag) or the OEM code page, read as Latin-1; nil for an odd byte count or bad UTF-16.
    static func string(_ bytes: [UInt8], unicode: Bool) -> String? {
        guard unicode else { return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self) }
        guard bytes.count % 2 == 0 else { return nil }
        let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return String(validating: units, as: UTF16.self)
    }
}
