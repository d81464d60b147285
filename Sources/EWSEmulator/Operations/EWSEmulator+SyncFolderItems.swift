import Foundation

// MARK: - SyncFolderItems (docs/exchange.md, "SyncFolderItems")

extension EWSEmulator {
    /// The changes to a folder since a SyncState (all items as Create without one): Create and Update with the item
    /// (masters and singles, never occurrences), Delete with the ItemId, oldest first, at most MaxChangesReturned
    /// (1–512) per call; IncludesLastItemInRange false means "call again with the new state". A state this server did
    /// not issue for this folder, or one issued before the mailbox's sync states were invalidated, is
    /// ErrorInvalidSyncStateData — whose message still carries an empty SyncState and IncludesLastItemInRange.
    func syncFolderItems(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let shapeNode = operation.message("ItemShape"), let folderNode = operation.message("SyncFolderId")?.children.first
        else {
            throw EWSFault.schemaValidation(
                "The element 'SyncFolderItems' has incomplete content: 'ItemShape' and 'SyncFolderId'.", at: operation)
        }
        guard let maximumNode = operation.message("MaxChangesReturned") else {
            throw EWSFault.schemaValidation(
                "The element 'SyncFolderItems' has incomplete content: 'MaxChangesReturned'.", at: operation)
        }
        guard let maximum = Int(maximumNode.value), (1...512).contains(maximum) else {
            throw EWSFault.schemaValidation(
                "The 'MaxChangesReturned' element is invalid - the value '\(maximumNode.value)' is not between 1 and 512.",
                at: maximumNode)
        }
        let shape = try PropertyShape(shapeNode)
        let stateText = operation.message("SyncState")?.value ?? ""
        let ignored = Set((operation.message("Ignore")?.types("ItemId") ?? []).compactMap { $0.attributes["Id"] })
        var errorContent = XMLWriter()
        errorContent.empty("m:SyncState")
        errorContent.element("m:IncludesLastItemInRange", "true")
        let target = try folder(folderNode, context)
        let result = Result { () throws(EWSError) -> XMLWriter in
            let folder = try target.get()
            return try changes(
                in: folder, since: stateText, maximum: maximum, ignored: ignored, shape: shape, context: context)
        }
        let message: EWSResponseMessage
        switch result {
        case .success(let content): message = EWSResponseMessage(content: content)
        case .failure(let error): message = EWSResponseMessage(error: error, content: errorContent)
        }
        return EWSResponseMessage.response("SyncFolderItems", [message])
    }

    private func changes(
        in folder: FolderRef, since stateText: String, maximum: Int, ignored: Set<String>, shape: PropertyShape,
        context: EWSRequestContext
    ) throws(EWSError) -> XMLWriter {
        let key = folder.mailbox.primarySmtpAddress.lowercased() + "|" + folder.name
        let invalid = EWSError("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.")
        let snapshot = try state.withLock { state throws(EWSError) -> (MailboxStore, UInt64) in
            let mailboxKey = folder.mailbox.primarySmtpAddress.lowercased()
            var store = state.mailboxes[mailboxKey] ?? MailboxStore()
            var watermark: UInt64 = 0
            if !stateText.isEmpty {
                guard let token = SyncStateToken.decode(stateText, mailbox: key, key: syncStateKey),
                    token.epoch == UInt32(truncatingIfNeeded: store.syncEpoch), token.watermark <= UInt64(store.sequence)
                else { throw invalid }
                if state.faults.invalidateSyncState > 0, state.faultRNG.unit() < state.faults.invalidateSyncState {
                    store.syncEpoch += 1
                    state.mailboxes[mailboxKey] = store
                    state.withStats(context.account) { $0.faultsInjected["invalidateSyncState", default: 0] += 1 }
                    throw invalid
                }
                watermark = token.watermark
            }
            return (store, watermark)
        }
        let (store, since) = snapshot
        enum Change {
            case create(CalendarItemRecord)
            case update(CalendarItemRecord)
            case delete(MailboxStore.Tombstone)
        }
        var all: [(sequence: Int, change: Change)] = []
        if folder.isCalendar {
            for record in store.orderedItems where record.modifiedSequence > since {
                all.append((record.modifiedSequence, record.createdSequence > since ? .create(record) : .update(record)))
            }
            for tombstone in store.tombstones where tombstone.deletedSequence > since && tombstone.createdSequence <= since {
                all.append((tombstone.deletedSequence, .delete(tombstone)))
            }
        }
        all.sort { $0.sequence < $1.sequence }
        let truncated = all.count > maximum
        let page = all.prefix(maximum)
        let watermark = truncated ? page.last!.sequence : store.sequence
        let token = SyncStateToken(mailbox: key, epoch: UInt32(truncatingIfNeeded: store.syncEpoch), watermark: UInt64(watermark))
        let options = ItemRenderOptions(
            shape: shape, version: context.version, purpose: .sync, folder: folder,
            milliseconds: context.soap.dateTimePrecision == "Milliseconds",
            workingElsewhere: configuration.workingElsewhereForOlderSchemas)
        let writer = writer(options)
        var xml = XMLWriter()
        xml.element("m:SyncState", token.encode(key: syncStateKey))
        xml.element("m:IncludesLastItemInRange", truncated ? "false" : "true")
        xml.element("m:Changes") { xml in
            for (_, change) in page {
                switch change {
                case .create(let record) where !ignored.contains(record.id):
                    xml.element("t:Create") { xml in writer.write(CalendarInstance(record), to: &xml) }
                case .update(let record) where !ignored.contains(record.id):
                    xml.element("t:Update") { xml in writer.write(CalendarInstance(record), to: &xml) }
                case .delete(let tombstone):
                    xml.element("t:Delete") { xml in
                        xml.empty("t:ItemId", [("Id", tombstone.id), ("ChangeKey", tombstone.changeKey)])
                    }
                default:
                    break
                }
            }
        }
        return xml
    }
}
