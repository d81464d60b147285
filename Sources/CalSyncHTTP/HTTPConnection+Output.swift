import Dispatch

// MARK: - Writing and closing (on `loop.queue` only)

extension HTTPConnection {
    var hasPendingOutput: Bool { outboundOffset < outbound.count }

    /// Queues bytes after any unsent ones and writes as much as the socket takes.
    func send(_ bytes: [UInt8]) {
        if hasPendingOutput {
            outbound.append(contentsOf: bytes)
        } else {
            outbound = bytes
            outboundOffset = 0
        }
        flush()
    }

    /// Writes until done or `EAGAIN`; on `EAGAIN` a write source resumes the work when writable.
    func flush() {
        while outboundOffset < outbound.count {
            let offset = outboundOffset
            let result = outbound.withUnsafeBytes { Socket.send(fd, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .done(let count):
                outboundOffset += count
                lastActivity = Self.now()
            case .wouldBlock:
                armWriteSource()
                return
            case .closed, .failed:
                closeNow()
                return
            }
        }
        outbound = []
        outboundOffset = 0
    }

    private func armWriteSource() {
        if let writeSource {
            if writeSuspended {
                writeSource.resume()
                writeSuspended = false
            }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: loop.queue)
        source.setEventHandler { [self] in onWritable() }
        source.setCancelHandler { [self] in sourceCancelled() }
        writeSource = source
        liveSources += 1
        source.resume()
    }

    private func onWritable() {
        guard phase != .closed else { return }
        flush()
        guard phase != .closed, !hasPendingOutput else {
            updateTimer()
            return
        }
        if let writeSource, !writeSuspended {
            writeSource.suspend()
            writeSuspended = true
        }
        switch phase {
        case .open: processRequests()
        case .closing: finishClosing()
        case .lingering, .closed: break
        }
        updateTimer()
    }

    /// The last response is out: half-close, then discard input until the peer closes (lingering close).
    func finishClosing() {
        Socket.shutdownWrite(fd)
        phase = .lingering
        lingerDeadline = Self.now() + Self.nanoseconds(min(2, configuration.idleTimeout))
        if readEOF {
            closeNow()
            return
        }
        resumeReading()
        updateTimer()
    }

    /// Cancels every source; the last cancel handler closes the descriptor.
    func closeNow() {
        guard phase != .closed else { return }
        phase = .closed
        timer?.cancel()
        if let writeSource {
            writeSource.cancel()
            if writeSuspended {
                writeSource.resume()
                writeSuspended = false
            }
        }
        if let readSource {
            readSource.cancel()
            if readPaused {
                readSource.resume()
                readPaused = false
            }
        }
    }

    /// A source's cancel handler. Once no source watches the descriptor any more, closes it, breaks
    /// the reference cycles through the handlers, and frees the connection's slot.
    func sourceCancelled() {
        liveSources -= 1
        guard liveSources == 0 else { return }
        Socket.close(fd)
        readSource = nil
        writeSource = nil
        timer = nil
        outbound = []
        parser = HTTPRequestParser(maxHeaderBytes: 0, maxBodyBytes: 0)
        registry.remove(id)
    }
}
