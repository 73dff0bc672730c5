/// Amounts of money in Vietnamese words, as written under a total ("Bằng chữ: Ba mươi lăm triệu đồng.").
public enum VietnameseNumberWords {
    /// The amount in words, first letter capitalised, ending in "đồng": 2021 → "Hai nghìn không trăm hai mươi
    /// mốt đồng"; negative amounts start with "Âm".
    public static func spell(_ amount: Int) -> String {
        let words = amount < 0 ? "âm " + number(amount.magnitude) : number(amount.magnitude)
        return words.prefix(1).uppercased() + words.dropFirst() + " đồng"
    }

    /// The number in words, lower case: 105 → "một trăm linh năm".
    static func number(_ value: UInt) -> String {
        guard value > 0 else { return "không" }
        return read(value, afterHigherPart: false)
    }

    private static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// Reads a number by tỷ (10^9) and, below that, by triệu, nghìn and units; a group of zeros is skipped.
    /// `afterHigherPart` says a larger part has been read, so this one keeps its "không trăm" and "linh".
    private static func read(_ value: UInt, afterHigherPart: Bool) -> String {
        var parts: [String] = []
        var higher = afterHigherPart
        let billions = value / 1_000_000_000
        if billions > 0 {
            parts.append(read(billions, afterHigherPart: higher) + " tỷ")
            higher = true
        }
        let below = value % 1_000_000_000
        for (scale, name) in [(UInt(1_000_000), "triệu"), (1_000, "nghìn"), (1, "")] {
            let group = below / scale % 1_000
            guard group > 0 else { continue }
            let words = triple(Int(group), full: higher)
            parts.append(name.isEmpty ? words : words + " " + name)
            higher = true
        }
        return parts.joined(separator: " ")
    }

    /// Reads 1…999; `full` reads the hundreds even when zero ("không trăm hai mươi mốt"), as in the middle of a
    /// number.
    private static func triple(_ value: Int, full: Bool) -> String {
        let (hundreds, tens, units) = (value / 100, value / 10 % 10, value % 10)
        var words: [String] = []
        if full || hundreds > 0 {
            words += [digits[hundreds], "trăm"]
        }
        switch tens {
        case 0:
            if units > 0 {
                if !words.isEmpty { words.append("linh") }
                words.append(digits[units])
            }
        case 1:
            words.append("mười")
            switch units {
            case 0: break
            case 5: words.append("lăm")
            default: words.append(digits[units])
            }
        default:
            words += [digits[tens], "mươi"]
            switch units {
            case 0: break
            case 1: words.append("mốt")
            case 4: words.append("tư")
            case 5: words.append("lăm")
            default: words.append(digits[units])
            }
        }
        return words.joined(separator: " ")
    }
}
