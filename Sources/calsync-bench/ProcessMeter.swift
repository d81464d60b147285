import Foundation

/// Resident memory and CPU time of a process, from `/proc` (Linux).
enum ProcessMeter {
    /// VmRSS in megabytes (1 MB = 2^20 bytes); `pid` nil for this process.
    static func rssMegabytes(pid: Int32? = nil) -> Double {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return 0 }
        return kilobytes / 1_024
    }

    /// User + system CPU seconds consumed so far (fields 14 and 15 of `/proc/PID/stat`).
    static func cpuSeconds(pid: Int32? = nil) -> Double {
        let path = "/proc/\(pid.map(String.init) ?? "self")/stat"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let close = text.lastIndex(of: ")") else { return 0 }
        // Fields after "(comm)": state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
