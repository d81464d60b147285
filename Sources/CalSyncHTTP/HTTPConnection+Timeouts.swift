import Dispatch

// MARK: - Timeouts (on `loop.queue` only)
//
// One timer per connection, armed lazily: it is rescheduled only when the deadline moves earlier.
// When it fires early (the deadline moved later, or there is none while the responder works), it
// re-arms itself. So a busy keep-alive connection does not reschedule its timer on every request.

extension HTTPConnection {
    /// When the connection must make progress by, in its current state; nil while the responder works.
    func currentDeadline() -> UInt64? {
        switch phase {
        case .closed:
            return nil
        case .lingering:
            return lingerDeadline
        case .closing:
            return lastActivity + Self.nanoseconds(configuration.idleTimeout)
        case .open:
            if hasPendingOutput { return lastActivity + Self.nanoseconds(configuration.idleTimeout) }
            if busy { return nil }
            if parser.isIdle {
                // A fresh connection must start its first request within the header timeout.
                return requestsServed == 0
                    ? openedAt + Self.nanoseconds(configuration.headerTimeout)
                    : lastActivity + Self.nanoseconds(configuration.idleTimeout)
            }
            if parser.isReadingBody { return lastActivity + Self.nanoseconds(configuration.idleTimeout) }
            return (headStart ?? lastActivity) + Self.nanoseconds(configuration.headerTimeout)
        }
    }

    /// Call after every state change: notes when a request head started, arms the timer if needed, and tells the
    /// registry what the connection is doing.
    func updateTimer() {
        guard phase != .closed, let timer else { return }
        publishActivity()
        if phase == .open, headStart == nil, !busy, !parser.isIdle, !parser.isReadingBody {
            headStart = Self.now()
        }
        guard let deadline = currentDeadline(), deadline < timerArmedAt else { return }
        timerArmedAt = deadline
        timer.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(5))
    }

    func onTimer() {
        guard phase != .closed else { return }
        timerArmedAt = .max
        if let deadline = currentDeadline(), Self.now() >= deadline {
            expire()
        }
        updateTimer()
    }

    private func expire() {
        switch phase {
        case .closing, .lingering:
            closeNow()
        case .open:
            if hasPendingOutput || parser.isIdle {
                // A stalled reader, an idle keep-alive connection, or a client that never sent a byte.
                closeNow()
            } else if parser.isReadingBody {
                fail(408, code: "request_timeout", message: "request body not received in time")
            } else {
                fail(408, code: "request_timeout", message: "request headers not received in time")
            }
        case .closed:
            break
        }
    }

    /// Seconds to nanoseconds, clamped so that huge or infinite timeouts cannot overflow.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }
}
