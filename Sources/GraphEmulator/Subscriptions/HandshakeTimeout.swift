/// The time allowed for a handshake or a delivery ran out.
struct HandshakeTimeout: Error {}
