import ArgumentParser
import Registry
import Foundation

/// The root command: `uytin`. Each subcommand is small and calls into the libraries.
public struct UytinCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "uytin",
        abstract: HelpText.pick("Danh sách người có uy tín trong đồng bào dân tộc thiểu số và các chế độ, chính sách đối với họ.",
                                "The list of reputable persons (người có uy tín) and their benefits, for a provincial Ethnic Affairs Committee."),
        subcommands: [
            Initialize.self, TermCommand.self, AreaCommand.self, ReorgCommand.self, RegimeCommand.self, AgencyCommand.self,
            VillageCommand.self, PersonCommand.self, ProposeCommand.self,
            ProposalCommand.self, DecisionCommand.self, ListCommand.self, HistoryCommand.self, AuditCommand.self,
            CheckCommand.self, BackupCommand.self, RuleCommand.self, FestivalCommand.self, PlanCommand.self, EventCommand.self,
            ContingencyCommand.self, RunCommand.self, EntitlementCommand.self, BudgetCommand.self, ExportCommand.self, ReportCommand.self, RollupCommand.self,
            ImportCommand.self, CalendarCommand.self, SettingCommand.self,
            DemoCommand.self, ServeCommand.self, UserCommand.self,
        ])

    public init() {}
}

extension UytinCommand {
    /// Runs the command line, accepting the global options before the subcommand too (`uytin --db x.sqlite list`)
    /// by moving them after it, where the parser expects them.
    public static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        let arguments = movingGlobalOptions(arguments)
        HelpText.language = language(arguments)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // Help, and the exit codes commands chose, go out as they are; a malformed command is told in the
            // clerk's language, with the parser's own words and where to read the usage (exit 64).
            if exitCode(for: error) == .success {
                // Help: the parser's headings in the clerk's language too.
                print(HelpText.translated(fullMessage(for: error)))
                exit(withError: ExitCode.success)
            }
            if error is ExitCode { exit(withError: error) }
            let english = language(arguments) == .en
            let detail = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? ""
            let words = arguments.prefix { !$0.hasPrefix("-") }.joined(separator: " ")
            let help = "uytin \(words.isEmpty ? "" : words + " ")--help"
            let text = english
                ? "Malformed command: \(detail.replacingOccurrences(of: "Error: ", with: ""))\nSee `\(help)`."
                : "Lệnh không đúng cú pháp: \(vietnamese(detail))\nXem cách dùng: `\(help)`."
            FileHandle.standardError.write(Data((text + "\n").utf8))
            exit(withError: ExitCode(64))
        }
    }

    /// The language asked for on the command line or in UYTIN_LANG.
    static func language(_ arguments: [String]) -> Language {
        if let index = arguments.firstIndex(of: "--lang"), index + 1 < arguments.count {
            return Language(rawValue: arguments[index + 1].lowercased()) ?? .vi
        }
        if let inline = arguments.first(where: { $0.hasPrefix("--lang=") }) {
            return Language(rawValue: String(inline.dropFirst(7)).lowercased()) ?? .vi
        }
        return Language(rawValue: (ProcessInfo.processInfo.environment["UYTIN_LANG"] ?? "vi").lowercased()) ?? .vi
    }

    /// The parser's usual sentences, in Vietnamese; anything else is kept as the parser wrote it.
    static func vietnamese(_ detail: String) -> String {
        let phrases = [("Error: ", ""), ("Missing expected argument '--", "Thiếu tùy chọn bắt buộc '--"),
                       ("does not take any value, but", "không nhận giá trị, nhưng lại có"), ("' was specified.", "'."),
                       ("The option", "Tùy chọn"), ("had already been set with flag", "đã được đặt bằng cờ"),
                       ("Value to be set with flag", "Giá trị đặt bằng cờ"), ("is not a valid value", "không phải giá trị hợp lệ"),
                       ("Unknown option", "Không có tùy chọn"), ("Unexpected argument", "Thừa tham số"),
                       ("Missing value for", "Thiếu giá trị cho"), ("Missing expected argument", "Thiếu tham số bắt buộc"),
                       ("The value", "Giá trị"), ("is invalid for", "không hợp lệ cho"),
                       ("Please provide at least one value to the option", "Cần ít nhất một giá trị cho tùy chọn"),
                       ("Unknown subcommand", "Không có lệnh con"), ("Did you mean", "Có phải ý bạn là")]
        var text = detail
        for (english, vietnamese) in phrases { text = text.replacingOccurrences(of: english, with: vietnamese) }
        return Inputs.shown(text).count > 300 ? String(text.prefix(300)) + "…" : text
    }

    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        let withValue: Set<String> = ["--db", "--actor", "--lang"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if withValue.contains(name) || argument == "--json" || argument == "--wide" {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        // The subcommand path: the words up to the first option.
        var path = Array(arguments[index...])
        let firstOption = path.firstIndex { $0.hasPrefix("-") } ?? path.count
        path.insert(contentsOf: leading, at: firstOption)
        return path
    }
}
