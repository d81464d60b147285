import Foundation

// MARK: - Throttling and injected faults (docs/exchange.md, "Throttling" and "Faults")

extension EWSEmulator {
    /// The faults in force.
    public func faults() -> EWSFaults {
        state.withLock { $0.faults }
    }

    /// Replaces the faults in force (`EWSFaults()` turns them off) and reseeds the fault generator.
    public func setFaults(_ faults: EWSFaults) {
        state.withLock { state in
            state.faults = faults
            state.faultRNG = EWSRandom(seed: EWSState.faultSeed(faults, configurationSeed: configuration.seed))
        }
    }

    /// Counts the request against its account (requests, in flight, operations), checks it against the account's last
    /// back-off and its concurrency limit, and draws its fault and latency, in one critical section.
    func admit(account: String, operation: String, arrival: ContinuousClock.Instant) -> FaultPlan {
        state.withLock { state in
            var plan = FaultPlan()
            var inFlight = 0
            state.withStats(account) { stats in
                stats.requests += 1
                stats.operations[operation, default: 0] += 1
                stats.inFlight += 1
                stats.maxInFlight = max(stats.maxInFlight, stats.inFlight)
                inFlight = stats.inFlight
            }
            if let backOff = state.backOffs[account], arrival > backOff.given, arrival < backOff.until {
                let early = Int(((backOff.until - arrival) / .milliseconds(1)).rounded(.up))
                if arrival > backOff.given + .milliseconds(max(0, configuration.earlyRequestGraceMilliseconds)) {
                    state.withStats(account) { stats in
                        stats.earlyRequests += 1
                        stats.maxEarlyByMilliseconds = max(stats.maxEarlyByMilliseconds, early)
                    }
                }
                if configuration.busyUntilBackOffElapses { plan.fault = .serverBusy(max(1, early)) }
            }
            let faults = state.faults
            if plan.fault == nil, let limit = configuration.maxConcurrencyPerAccount, inFlight > max(1, limit) {
                plan.fault = .exceededConnectionCount
            }
            if plan.fault == nil, faults.serverBusyNextRequests > 0 {
                state.faults.serverBusyNextRequests -= 1
                plan.fault = .serverBusy(Self.drawBackOff(faults, &state.faultRNG))
            }
            if plan.fault == nil {
                plan.fault = Self.drawFault(faults, &state.faultRNG, isCreate: operation == "CreateItem")
            }
            if let fault = plan.fault, fault != .createCommitThen500 {
                state.withStats(account) { $0.faultsInjected[fault.name, default: 0] += 1 }
            }
            if case .serverBusy(let milliseconds) = plan.fault {
                plan.backOffGiven = milliseconds
                state.withStats(account) { $0.serverBusyGiven += 1 }
            }
            var latency = max(0, faults.addedLatencyMs)
            if faults.latencyJitterMs > 0 { latency += Int(state.faultRNG.next() % UInt64(faults.latencyJitterMs + 1)) }
            if latency > 0 {
                plan.latency = .milliseconds(latency)
                state.withStats(account) { $0.faultsInjected["addedLatency", default: 0] += 1 }
            }
            return plan
        }
    }

    /// At most one fault, from one draw cut into bands in a fixed order, so each comes with its own probability
    /// and a seed repeats the same sequence. With every probability at 0 nothing is drawn.
    static func drawFault(_ faults: EWSFaults, _ rng: inout EWSRandom, isCreate: Bool) -> InjectedEWSFault? {
        let commit = isCreate ? faults.createCommitThen500 : 0
        guard faults.connectionReset + faults.unavailable503 + faults.serverBusy + commit > 0 else { return nil }
        var u = rng.unit()
        func falls(in band: Double) -> Bool {
            if u < band { return true }
            u -= band
            return false
        }
        if falls(in: faults.connectionReset) { return .connectionReset }
        if falls(in: faults.unavailable503) { return .unavailable503 }
        if falls(in: faults.serverBusy) {
            return .serverBusy(rng.unit() < faults.serverBusyWithoutBackOff ? nil : drawBackOff(faults, &rng))
        }
        if falls(in: commit) { return .createCommitThen500 }
        return nil
    }

    static func drawBackOff(_ faults: EWSFaults, _ rng: inout EWSRandom) -> Int {
        let range = faults.backOffMilliseconds
        guard range.upperBound > range.lowerBound else { return range.lowerBound }
        return range.lowerBound + Int(rng.next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
