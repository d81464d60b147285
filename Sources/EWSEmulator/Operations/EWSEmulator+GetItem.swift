import Foundation

// MARK: - GetItem (docs/exchange.md, "GetItem")

extension EWSEmulator {
    /// One message per ItemId, in order: the item (or occurrence) with the properties its shape asks for, extended
    /// properties included, or ErrorItemNotFound for that id only. A ChangeKey is optional, but when given it must be
    /// well-formed (ErrorInvalidChangeKey); an old one still reads the current item.
    func getItem(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let shapeNode = operation.message("ItemShape"), let ids = operation.message("ItemIds") else {
            throw EWSFault.schemaValidation(
                "The element 'GetItem' has incomplete content: 'ItemShape' and 'ItemIds'.", at: operation)
        }
        let shape = try PropertyShape(shapeNode)
        var messages: [EWSResponseMessage] = []
        for node in ids.children {
            let result = Result { () throws(EWSError) -> XMLWriter in
                let (id, _) = try Self.checkItemId(node).get()
                let calendar = try actingCalendar(context).get()
                guard let instance = readInstance(id, in: calendar.mailbox) else { throw EWSError.itemNotFound }
                let options = ItemRenderOptions(
                    shape: shape, version: context.version, purpose: .get, folder: calendar,
                    milliseconds: context.soap.dateTimePrecision == "Milliseconds",
                    workingElsewhere: configuration.workingElsewhereForOlderSchemas)
                var xml = XMLWriter()
                xml.element("m:Items") { xml in writer(options).write(instance, to: &xml) }
                return xml
            }
            messages.append(EWSResponseMessage(result))
        }
        return EWSResponseMessage.response("GetItem", messages)
    }
}
