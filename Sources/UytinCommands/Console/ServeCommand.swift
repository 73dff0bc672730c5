import ArgumentParser
import Foundation
import Registry
import WebConsole

/// `uytin serve`: the office's web console on this machine (README "The web console").
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: HelpText.pick("Chạy trang quản lý trên trình duyệt (tài khoản: `uytin user add`).",
                                "Run the web console (accounts: `uytin user add`)."))
    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này; sau nginx vẫn để 127.0.0.1).",
                      en: "The address to listen on (default 127.0.0.1: this machine only; keep it behind nginx)."))
    var host = "127.0.0.1"
    @Option(help: .vi("Cổng (mặc định 8080).", en: "The port (default 8080).")) var port = 8080

    func run() throws {
        try Console.run(options) { console in
            guard (1...65535).contains(port) else {
                throw RegistryError("bad_port", .malformed, vi: "--port phải từ 1 đến 65535.", en: "--port must be 1 to 65535.")
            }
            let database = try console.database()
            if try database.accounts().filter({ !$0.isDisabled }).isEmpty {
                console.warn(console.say("Chưa có tài khoản nào: hãy tạo bằng `uytin user add --login TÊN --role \"quản trị\"`.",
                                         "No account yet: make one with `uytin user add --login NAME --role admin`."))
            }
            let configuration = ConsoleConfiguration(databasePath: options.databasePath, host: host, port: port)
            let finished = DispatchSemaphore(value: 0)
            let outcome = ServeOutcome()
            Task {
                do {
                    try await ConsoleServer.serve(configuration) { address in
                        console.line(console.say("Trang quản lý đang chạy tại \(address) (Ctrl+C để dừng).",
                                                 "The console is running at \(address) (Ctrl+C to stop)."))
                    }
                } catch {
                    outcome.error = error
                }
                finished.signal()
            }
            finished.wait()
            if let error = outcome.error {
                if let clerkFacing = error as? any ClerkFacingError { throw clerkFacing }
                throw RegistryError("cannot_serve", .cannotCreateOutput,
                                    vi: "Không chạy được trang quản lý tại \(host):\(port): \(error). Cổng có thể đang được dùng; hãy chọn --port khác.",
                                    en: "Cannot serve at \(host):\(port): \(error). The port may be in use; choose another --port.")
            }
        }
    }
}

/// The server task's failure, handed back to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    var error: (any Error)?
}
