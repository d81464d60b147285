import Foundation

/// `calsync-bench`: benchmarks that print figures (never timed tests).
///
///     swift run -c release calsync-bench api [--writes N] [--rate R] [--instructors N] [--wrk-seconds S]
@main
enum BenchCLI {
    static let help = """
        Usage: calsync-bench api [--writes 500] [--rate 50] [--mailboxes 20] [--instructors 1000] [--wrk-seconds 10]

        api   (1) real-time push latency: PUT of an assignment → the event present in the Graph emulator,
              p50/p99 at --rate writes/s, beside the emulator's own latency for a direct create;
              (2) availability: a one-week window over --instructors people × one year of busy blocks,
              with wrk (apt-get install wrk), req/s and p99 beside /healthz in the same run.
        """

    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        guard args.first == "api", !args.contains("--help") else {
            print(help)
            exit(args.contains("--help") ? 0 : 2)
        }
        do {
            var options: [String: Int] = ["writes": 500, "rate": 50, "mailboxes": 20, "instructors": 1000, "wrk-seconds": 10]
            var rest = args.dropFirst()
            while let flag = rest.popFirst() {
                let name = String(flag.dropFirst(2))
                guard flag.hasPrefix("--"), options[name] != nil, let text = rest.popFirst(), let value = Int(text), value > 0 else {
                    print("calsync-bench: bad option \(flag)\n\n\(help)")
                    exit(2)
                }
                options[name] = value
            }
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
}
