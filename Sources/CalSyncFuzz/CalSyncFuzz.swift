// Fuzz target for `HTTPRequestParser`; the checks are `HTTPParserInvariants.check` (CalSyncTesting).
//
// Fuzz (libFuzzer + ASan; new inputs go to the first directory, crash reproducers to ./crash-*):
//   swift build -c release --product CalSyncFuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
//     -Xswiftc -use-ld=lld && .build/release/CalSyncFuzz fixtures/fuzz/http-parser -max_total_time=60
// `-use-ld=lld`: the default gold linker dies on the ASan objects ("internal error in format_file_lineno").
// Add `--scratch-path .build-fuzz` to keep it apart from debug builds, and `-rss_limit_mb=2048 -max_len=2048
// -dict=fixtures/fuzz/http-parser.dict` to the run.
// Keep the committed corpus small: run into a scratch directory, then
//   .build-fuzz/release/CalSyncFuzz -merge=1 NEW_DIR fixtures/fuzz/http-parser SCRATCH_DIR
// and replace fixtures/fuzz/http-parser with NEW_DIR.
//
// Replay (plain build, no sanitizer; what `swift test` also does through HTTPRequestParserCorpusTests):
//   swift run CalSyncFuzz [corpus-dir-or-file ...]      # default fixtures/fuzz/http-parser
// prints each violation and "N passed, M failed"; exits 1 if any failed.

import CalSyncTesting
import Foundation

#if FUZZING

    @_silgen_name("LLVMFuzzerRunDriver")
    func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ userCallback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    @main
    enum CalSyncFuzz {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            let status = llvmFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
                if let violation = HTTPParserInvariants.check(bytes) {
                    FileHandle.standardError.write(Data("HTTP parser invariant violated: \(violation)\n".utf8))
                    abort()  // libFuzzer saves the input as crash-<sha1>
                }
                return 0
            }
            exit(status)
        }
    }

#else

    @main
    enum CalSyncFuzz {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            let roots = arguments.isEmpty ? ["fixtures/fuzz/http-parser"] : Array(arguments)
            var files: [URL] = []
            for root in roots {
                let url = URL(fileURLWithPath: root)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    FileHandle.standardError.write(Data("no such file or directory: \(root)\n".utf8))
                    exit(2)
                }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                    files += names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
                } else {
                    files.append(url)
                }
            }
            var passed = 0
            var failed = 0
            for file in files {
                guard let data = try? Data(contentsOf: file) else {
                    print("FAIL \(file.path): unreadable")
                    failed += 1
                    continue
                }
                if let violation = HTTPParserInvariants.check(Array(data)) {
                    print("FAIL \(file.path): \(violation)")
                    failed += 1
                } else {
                    passed += 1
                }
            }
            print("\(passed) passed, \(failed) failed")
            exit(failed == 0 && passed > 0 ? 0 : 1)
        }
    }

#endif
