import Documents
import Testing

@Suite("Amounts in Vietnamese words")
struct VietnameseNumberWordsTests {
    @Test("spells whole đồng as an accountant writes them", arguments: [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (55, "Năm mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (115, "Một trăm mười lăm đồng"),
        (2021, "Hai nghìn không trăm hai mươi mốt đồng"),
        (10_000, "Mười nghìn đồng"),
        (500_000, "Năm trăm nghìn đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (35_000_000, "Ba mươi lăm triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_200_000_000_000, "Một nghìn hai trăm tỷ đồng"),
        (2_000_000_500, "Hai tỷ năm trăm đồng"),
        (2_000_000_021, "Hai tỷ không trăm hai mươi mốt đồng"),
        (1_000_000_000_000_000, "Một triệu tỷ đồng"),
        (-1_500_000, "Âm một triệu năm trăm nghìn đồng"),
    ])
    func spells(amount: Int, words: String) {
        #expect(VietnameseNumberWords.spell(amount) == words)
    }

    @Test("reads the largest and smallest Int without overflowing")
    func extremes() {
        #expect(VietnameseNumberWords.spell(Int.max).hasPrefix("Chín tỷ hai trăm hai mươi ba triệu"))
        #expect(VietnameseNumberWords.spell(Int.min).hasPrefix("Âm chín tỷ"))
        #expect(VietnameseNumberWords.spell(Int.min).hasSuffix("tám đồng"))
    }
}
