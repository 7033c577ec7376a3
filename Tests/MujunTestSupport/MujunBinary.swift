import Foundation

/// Runs the real `mujun` executable, as an operator or cron would.
public enum MujunBinary {
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The package root, found from this file's place in the checkout.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var path: String {
        if let bin = ProcessInfo.processInfo.environment["MUJUN_BIN"] { return bin }
        return packageRoot.appendingPathComponent(".build/debug/mujun").path
    }

    /// The PG* environment of a server that cannot be reached: the loopback's port 1.
    public static var unreachableServer: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = "127.0.0.1"
        env["PGPORT"] = "1"
        return env
    }

    /// Runs `mujun ARGS…` to completion and captures its output.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs so a chatty child never blocks on a full pipe.
        let stdoutBox = DataBox(), stderrBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(out, stdoutBox), (err, stderrBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdoutBox.data, as: UTF8.self),
                       stderr: String(decoding: stderrBox.data, as: UTF8.self))
    }
}

final class DataBox: @unchecked Sendable { var data = Data() }
