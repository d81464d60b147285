/// One `m:<Op>ResponseMessage`: Success with `NoError`, or the error's class and code, then what the operation
/// returns for that item (`content`, written after the status elements as the schema orders them).
struct EWSResponseMessage: Sendable {
    var error: EWSError?
    /// ResponseClass Warning instead of Error (ErrorNameResolutionMultipleResults: the results still follow).
    var isWarning = false
    var content = XMLWriter()

    init(error: EWSError? = nil, isWarning: Bool = false, content: XMLWriter = XMLWriter()) {
        self.error = error
        self.isWarning = isWarning
        self.content = content
    }

    init(_ result: Result<XMLWriter, EWSError>) {
        switch result {
        case .success(let content): self.init(content: content)
        case .failure(let error): self.init(error: error)
        }
    }

    static func success(_ body: (inout XMLWriter) -> Void) -> EWSResponseMessage {
        var content = XMLWriter()
        body(&content)
        return EWSResponseMessage(content: content)
    }

    var responseClass: String {
        guard error != nil else { return "Success" }
        return isWarning ? "Warning" : "Error"
    }

    func write(operation: String, to xml: inout XMLWriter) {
        xml.element("m:\(operation)ResponseMessage", [("ResponseClass", responseClass)]) { xml in
            if let error {
                xml.element("m:MessageText", error.message)
                xml.element("m:ResponseCode", error.code)
                xml.element("m:DescriptiveLinkKey", "0")
                if !error.values.isEmpty || error.fieldURI != nil {
                    xml.element("m:MessageXml") { xml in
                        if let uri = error.fieldURI { xml.empty("t:FieldURI", [("FieldURI", uri)]) }
                        for entry in error.values { xml.element("t:Value", entry.value, [("Name", entry.name)]) }
                    }
                }
            } else {
                xml.element("m:ResponseCode", "NoError")
            }
            xml.append(content)
        }
    }

    /// `m:<Op>Response/m:ResponseMessages` holding `messages`, one per requested item in request order.
    static func response(_ operation: String, _ messages: [EWSResponseMessage]) -> XMLWriter {
        var xml = XMLWriter()
        xml.element("m:\(operation)Response", [("xmlns:m", EWSNamespace.messages), ("xmlns:t", EWSNamespace.types)]) {
            xml in
            xml.element("m:ResponseMessages") { xml in
                for message in messages { message.write(operation: operation, to: &xml) }
            }
        }
        return xml
    }
}
