import Foundation

// MARK: - ConvertId (what exchangelib's first requests send, to learn the auth scheme and the server version)

extension EWSEmulator {
    static let idFormats: Set<String> = ["EwsLegacyId", "EwsId", "EntryId", "HexEntryId", "StoreId", "OwaId"]

    /// Converts item ids between formats, one message per `t:AlternateId`. The emulator's EntryId/StoreId is the
    /// base64 of "EntryId:<EwsId>" (HexEntryId: the same bytes in hex); EwsLegacyId and OwaId equal the EwsId. A
    /// Mailbox that is not an SMTP address is ErrorInvalidSmtpAddress, one without a mailbox ErrorNonExistentMailbox.
    func convertId(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let destination = operation.attributes["DestinationFormat"], Self.idFormats.contains(destination) else {
            throw EWSFault.schemaValidation("The 'DestinationFormat' attribute is missing or invalid.", at: operation)
        }
        guard let sources = operation.message("SourceIds"), !sources.children.isEmpty else {
            throw EWSFault.schemaValidation("The element 'ConvertId' has incomplete content: 'SourceIds'.", at: operation)
        }
        var messages: [EWSResponseMessage] = []
        for source in sources.children {
            let id = source.attributes["Id"] ?? ""
            let format = source.attributes["Format"] ?? ""
            let address = source.attributes["Mailbox"] ?? ""
            guard Self.idFormats.contains(format) else {
                throw EWSFault.schemaValidation("'\(format)' is not an IdFormatType value.", at: source)
            }
            guard address.contains("@") else {
                messages.append(
                    EWSResponseMessage(error: EWSError("ErrorInvalidSmtpAddress", "The SMTP address format is invalid.")))
                continue
            }
            guard state.withLock({ $0.directory.mailbox(smtp: address) }) != nil else {
                messages.append(
                    EWSResponseMessage(
                        error: EWSError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.")))
                continue
            }
            guard let ewsId = Self.ewsId(id, format: format) else {
                messages.append(EWSResponseMessage(error: .invalidIdMalformed))
                continue
            }
            let converted = Self.convert(ewsId, to: destination)
            messages.append(
                .success { xml in
                    xml.empty(
                        "m:AlternateId",
                        [
                            ("xmlns:xsi", EWSNamespace.xsi), ("xsi:type", "t:AlternateIdType"), ("Format", destination),
                            ("Id", converted),
                            ("Mailbox", address),
                        ])
                })
        }
        return EWSResponseMessage.response("ConvertId", messages)
    }

    static func ewsId(_ id: String, format: String) -> String? {
        switch format {
        case "EwsId", "EwsLegacyId", "OwaId":
            return id.hasPrefix("AAMk") ? id : nil
        case "EntryId", "StoreId":
            guard let data = Data(base64Encoded: id), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("EntryId:")
            else { return nil }
            return String(text.dropFirst(8))
        case "HexEntryId":
            guard id.count % 2 == 0 else { return nil }
            var bytes: [UInt8] = []
            var index = id.startIndex
            while index < id.endIndex {
                let next = id.index(index, offsetBy: 2)
                guard let byte = UInt8(id[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return ewsId(Data(bytes).base64EncodedString(), format: "EntryId")
        default:
            return nil
        }
    }

    static func convert(_ ewsId: String, to format: String) -> String {
        let entry = Data("EntryId:\(ewsId)".utf8)
        switch format {
        case "EntryId", "StoreId": return entry.base64EncodedString()
        case "HexEntryId": return entry.map { String(format: "%02X", $0) }.joined()
        default: return ewsId
        }
    }
}
