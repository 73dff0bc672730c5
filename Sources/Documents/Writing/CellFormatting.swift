/// How cell values read as text in print and in CSV.
enum CellFormatting {
    /// "15/04/2021".
    static func date(year: Int, month: Int, day: Int) -> String {
        "\(twoDigits(day))/\(twoDigits(month))/\(year)"
    }

    /// "2021-04-15" (ISO 8601), for programs.
    static func isoDate(year: Int, month: Int, day: Int) -> String {
        let digits = String(year)
        let paddedYear = (0...9999).contains(year) ? String(repeating: "0", count: max(0, 4 - digits.count)) + digits : digits
        return "\(paddedYear)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// Whole đồng with Vietnamese thousands separators: 35000000 → "35.000.000".
    static func money(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                grouped.append(".")
            }
            grouped.append(digit)
        }
        return amount < 0 ? "-" + grouped : grouped
    }

    /// The cell as plain text: numbers without separators, dates dd/mm/yyyy.
    static func plain(_ cell: DocumentCell) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let number), .money(let number): String(number)
        case .date(let year, let month, let day): date(year: year, month: month, day: day)
        case .empty: ""
        }
    }

    /// The cell as printed on paper: money grouped by thousands.
    static func printed(_ cell: DocumentCell) -> String {
        if case .money(let amount) = cell {
            return money(amount)
        }
        return plain(cell)
    }

    private static func twoDigits(_ number: Int) -> String {
        (0...9).contains(number) ? "0\(number)" : String(number)
    }
}
