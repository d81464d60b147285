/// Lower-case hex, for comparing digests with the RFCs' test vectors.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }
}
