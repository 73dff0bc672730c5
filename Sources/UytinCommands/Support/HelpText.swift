import ArgumentParser
import Registry

/// Help in the clerk's language. `--help`, command abstracts and option help are Vietnamese by default and English
/// with `--lang en` or UYTIN_LANG=en. The language is chosen in `UytinCommand.start` before the command line is
/// parsed, because the parser builds every command's help when it first reads the command's options.
enum HelpText {
    nonisolated(unsafe) static var language: Language = .vi

    /// The sentence in the help's language.
    static func pick(_ vi: String, _ en: String) -> String { language == .en ? en : vi }

    /// The parser's own headings and phrases, in Vietnamese (the help's body is already in the chosen language).
    static func translated(_ help: String) -> String {
        guard language == .vi else { return help }
        let phrases: [(String, String)] = [
            ("OVERVIEW: ", "TỔNG QUAN: "), ("USAGE: ", "CÁCH DÙNG: "), ("ARGUMENTS:", "THAM SỐ:"),
            ("OPTIONS:", "TÙY CHỌN:"), ("SUBCOMMANDS:", "LỆNH CON:"),
            ("Show help information.", "Xem hướng dẫn này."), ("(default: ", "(mặc định: "), ("; default: ", "; mặc định: "),
            ("(values: ", "(giá trị: "), ("(default)", "(mặc định)"),
            ("<subcommand>", "<lệnh-con>"), ("[<options>]", "[<tùy-chọn>]"),
            ("' for detailed help.", "' để xem hướng dẫn chi tiết."), ("  See '", "  Xem '"),
        ]
        var text = help
        for (english, vietnamese) in phrases { text = text.replacingOccurrences(of: english, with: vietnamese) }
        return text
    }
}

extension ArgumentHelp {
    /// Help for an option, flag or argument in both languages: `@Option(help: .vi("Mã xã.", en: "The commune's code."))`.
    static func vi(_ vi: String, en: String) -> ArgumentHelp { ArgumentHelp(HelpText.pick(vi, en)) }
}
