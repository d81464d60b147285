import CalSyncWorker
import Foundation

/// `calsync-bench`: benchmarks that print figures (never timed tests).
///
///     swift run -c release calsync-bench [--instructors N] [--latency-ms L] [--json FILE]
///     swift run -c release calsync-bench api [--writes N] [--rate R] [--instructors N] [--wrk-seconds S]
///     swift run -c release calsync-bench availability-server [--instructors N] [--port P]
@main
enum BenchCLI {
    static let help = """
        Usage: calsync-bench [--instructors 10000] [--latency-ms 50] [--json FILE]
               calsync-bench api [--writes 500] [--rate 50] [--mailboxes 20] [--instructors 1000] [--wrk-seconds 10]
               calsync-bench availability-server [--instructors 1000] [--port 8090]

        (default) scale: the Graph emulator (its own process) with --instructors people, a realistic calendar each,
              --latency-ms per Graph request; a naive baseline (one calendarView per person per cycle, no batching)
              then CalSync (delta, $batch, spread over 10 slots): round trips per person in an idle cycle, idle and
              busy (10 % changed) cycle times, RSS after 10 cycles, CPU per cycle, highest in flight per mailbox.
              --json FILE also writes the figures.
        api   (1) real-time push latency: PUT of an assignment → the event present in the Graph emulator,
              p50/p99 at --rate writes/s, beside the emulator's own latency for a direct create;
              (2) availability: a one-week window over --instructors people × one year of busy blocks,
              with wrk (apt-get install wrk), req/s and p99 beside /healthz in the same run.
        availability-server
              seeds the same store as `api` (2) and serves the API until interrupted, printing a ready wrk
              command (for profilers such as `perf record`, or your own load).
        """

    static func main() async {
        ProcessMemory.limitArenas()
        let args = Array(CommandLine.arguments.dropFirst())
        if args.contains("--help") || args.contains("-h") {
            print(help)
            exit(0)
        }
        switch args.first {
        case "api": await api(Array(args.dropFirst()))
        case "emulator-child": await emulatorChild(Array(args.dropFirst()))
        case "availability-server": await serveAvailability(Array(args.dropFirst()))
        default: await scale(args)
        }
    }

    /// `--name value` pairs with positive integer values, or nil (after printing the usage).
    static func integers(_ args: [String], defaults: [String: Int], strings: Set<String> = []) -> (
        [String: Int], [String: String]
    )? {
        var options = defaults
        var texts: [String: String] = [:]
        var rest = args[...]
        while let flag = rest.popFirst() {
            let name = String(flag.dropFirst(2))
            guard flag.hasPrefix("--"), let text = rest.popFirst() else { return nil }
            if strings.contains(name) {
                texts[name] = text
                continue
            }
            guard options[name] != nil, let value = Int(text), value > 0 else { return nil }
            options[name] = value
        }
        return (options, texts)
    }

    static func usage(_ args: [String]) -> Never {
        print("calsync-bench: bad options \(args.joined(separator: " "))\n\n\(help)")
        exit(2)
    }

    static func scale(_ args: [String]) async {
        guard let (options, texts) = integers(args, defaults: ["instructors": 10_000, "latency-ms": 50], strings: ["json"])
        else { usage(args) }
        do {
            let benchmark = ScaleBenchmark(instructors: options["instructors"]!, latencyMs: options["latency-ms"]!)
            let report = try await benchmark.run { line in
                FileHandle.standardError.write(Data(("… " + line + "\n").utf8))
            }
            print(report.table)
            if let path = texts["json"] {
                let data = try JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys])
                try data.write(to: URL(fileURLWithPath: path))
            }
            exit(0)
        } catch {
            print("calsync-bench: \(error)")
            exit(1)
        }
    }

    static func emulatorChild(_ args: [String]) async {
        guard let (options, _) = integers(args, defaults: ["instructors": 10_000, "latency-ms": 50]) else { usage(args) }
        do {
            try await ScaleEmulatorChild.run(instructors: options["instructors"]!, latencyMs: options["latency-ms"]!)
        } catch {
            print("calsync-bench emulator-child: \(error)")
            exit(1)
        }
    }

    static func api(_ args: [String]) async {
        let defaults = ["writes": 500, "rate": 50, "mailboxes": 20, "instructors": 1000, "wrk-seconds": 10]
        guard let (options, _) = integers(args, defaults: defaults) else { usage(args) }
        do {
            let push = try await PushLatencyBenchmark(
                writes: options["writes"]!, rate: options["rate"]!,
                mailboxes: options["mailboxes"]!
            ).run()
            print(push.report)
            let availability = try await AvailabilityBenchmark(
                instructors: options["instructors"]!,
                seconds: options["wrk-seconds"]!
            ).run()
            print(availability.report)
            exit(0)
        } catch {
            print("calsync-bench: \(error)")
            exit(1)
        }
    }

    static func serveAvailability(_ args: [String]) async {
        guard let (options, _) = integers(args, defaults: ["instructors": 1000, "port": 8090]) else { usage(args) }
        do {
            let instructors = options["instructors"]!
            let served = try await AvailabilityBenchmark(instructors: instructors, seconds: 0).serve(port: options["port"]!)
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-availability.lua").path
            try served.script(instructors: instructors).write(toFile: script, atomically: true, encoding: .utf8)
            FileHandle.standardOutput.write(
                Data(
                    """
                    Serving \(served.blocks) busy blocks of \(instructors) people on http://127.0.0.1:\(served.port) (reader token \(served.token)).
                    Load it with: wrk -t2 -c64 -d10s --latency -s \(script) http://127.0.0.1:\(served.port)/
                    Stop with Ctrl-C.

                    """.utf8))
            while true { try await Task.sleep(for: .seconds(3_600)) }
        } catch {
            print("calsync-bench: \(error)")
            exit(1)
        }
    }
}
