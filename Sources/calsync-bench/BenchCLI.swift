import Foundation

/// `calsync-bench`: benchmarks that print figures (never timed tests).
///
///     swift run -c release calsync-bench api [--writes N] [--rate R] [--instructors N] [--wrk-seconds S]
///     swift run -c release calsync-bench availability-server [--instructors N] [--port P]
@main
enum BenchCLI {
    static let help = """
        Usage: calsync-bench api [--writes 500] [--rate 50] [--mailboxes 20] [--instructors 1000] [--wrk-seconds 10]

        api   (1) real-time push latency: PUT of an assignment → the event present in the Graph emulator,
              p50/p99 at --rate writes/s, beside the emulator's own latency for a direct create;
              (2) availability: a one-week window over --instructors people × one year of busy blocks,
              with wrk (apt-get install wrk), req/s and p99 beside /healthz in the same run.

        availability-server [--instructors 1000] [--port 8090]
              seeds the same store and serves the API until interrupted, printing a ready wrk command
              (for profilers: valgrind --tool=callgrind, or your own load).
        """

    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "availability-server", !args.contains("--help") {
            await serveAvailability(Array(args.dropFirst()))
        }
        guard args.first == "api", !args.contains("--help") else {
            print(help)
            exit(args.contains("--help") ? 0 : 2)
        }
        do {
            let options = parse(Array(args.dropFirst()),
                                defaults: ["writes": 500, "rate": 50, "mailboxes": 20, "instructors": 1000, "wrk-seconds": 10])
            let push = try await PushLatencyBenchmark(writes: options["writes"]!, rate: options["rate"]!,
                                                      mailboxes: options["mailboxes"]!).run()
            print(push.report)
            let availability = try await AvailabilityBenchmark(instructors: options["instructors"]!,
                                                               seconds: options["wrk-seconds"]!).run()
            print(availability.report)
            exit(0)
        } catch {
            print("calsync-bench: \(error)")
            exit(1)
        }
    }

    /// `--name value` pairs of positive whole numbers over `defaults`; anything else prints the usage and exits 2.
    static func parse(_ args: [String], defaults: [String: Int]) -> [String: Int] {
        var options = defaults
        var rest = args[...]
        while let flag = rest.popFirst() {
            let name = String(flag.dropFirst(2))
            guard flag.hasPrefix("--"), options[name] != nil, let text = rest.popFirst(), let value = Int(text), value > 0 else {
                print("calsync-bench: bad option \(flag)\n\n\(help)")
                exit(2)
            }
            options[name] = value
        }
        return options
    }

    static func serveAvailability(_ args: [String]) async -> Never {
        let options = parse(args, defaults: ["instructors": 1000, "port": 8090])
        do {
            let instructors = options["instructors"]!
            let served = try await AvailabilityBenchmark(instructors: instructors, seconds: 0).serve(port: options["port"]!)
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-availability.lua").path
            try served.script(instructors: instructors).write(toFile: script, atomically: true, encoding: .utf8)
            FileHandle.standardOutput.write(Data("""
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
