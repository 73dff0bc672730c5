import ArgumentParser
import Foundation

/// The root command: `uytin`. Each subcommand is small and calls into the libraries.
public struct UytinCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "uytin",
        abstract: "The list of reputable persons (người có uy tín) and their benefits, for a provincial Ethnic Affairs Committee.",
        subcommands: [
            Initialize.self, AreaCommand.self, VillageCommand.self, PersonCommand.self, ProposeCommand.self,
            ProposalCommand.self, DecisionCommand.self, ListCommand.self, HistoryCommand.self, AuditCommand.self,
            CheckCommand.self, BackupCommand.self, RuleCommand.self, FestivalCommand.self, PlanCommand.self, EventCommand.self,
            ContingencyCommand.self, RunCommand.self, EntitlementCommand.self, BudgetCommand.self, ExportCommand.self,
            ImportCommand.self, CalendarCommand.self,
            DemoCommand.self,
        ])

    public init() {}
}

extension UytinCommand {
    /// Runs the command line, accepting the global options before the subcommand too (`uytin --db x.sqlite list`)
    /// by moving them after it, where the parser expects them.
    public static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        main(movingGlobalOptions(arguments))
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
            } else if withValue.contains(name) || argument == "--json" {
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
