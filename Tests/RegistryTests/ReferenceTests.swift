import Foundation
import Registry
import Storage
import Testing

/// The shared reference folder beside the repository (`<repo>/../shared/reference`), when this checkout has one.
private let referenceFolder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
private let referenceFolderExists = FileManager.default.fileExists(atPath: referenceFolder.appendingPathComponent("provinces.csv").path)

/// The data rows of a reference CSV (a header, then plain comma-separated cells: the files quote nothing).
private func csvRows(_ name: String, header: String) throws -> [[String]] {
    let text = try String(contentsOf: referenceFolder.appendingPathComponent(name), encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    #expect(lines.removeFirst() == header)
    return lines.filter { !$0.isEmpty }.map { line in
        #expect(!line.contains("\""), "quoted cell in \(name): \(line)")
        return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Where two texts first differ, by byte offset, with a little context from each.
private func firstDifference(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8), y = Array(b.utf8)
    let offset = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
    func around(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[max(0, offset - 20)..<min(bytes.count, offset + 20)], as: UTF8.self).debugDescription
    }
    return "at byte \(offset) of \(x.count) vs \(y.count): \(around(x)) vs \(around(y))"
}

@Suite("Embedded data")
struct ReferenceTests {
    @Test("the embedded schema is the repository's schema.sql")
    func embeddedSchema() throws {
        let onDisk = try String(contentsOf: repositoryRoot.appendingPathComponent("schema.sql"), encoding: .utf8)
        let embedded = try Schema.text()
        // Compared byte for byte; on failure, say where they part rather than print 21 kB twice.
        let same = Array(embedded.utf8) == Array(onDisk.utf8)
        #expect(same, "Schema.text() differs from schema.sql: \(firstDifference(embedded, onDisk)) (scripts/embed-schema writes it)")
        #expect(try Schema.migrations().map(\.name).first == "001-registry")
    }

    @Test("ethnic groups match the shared reference CSV", .enabled(if: referenceFolderExists))
    func ethnicGroups() throws {
        let rows = try csvRows("ethnic_groups.csv", header: "code,name,aliases")
        #expect(rows.count == 54)
        #expect(rows.map { $0[0] } == ReferenceData.ethnicGroups.map(\.code))
        for (row, group) in zip(rows, ReferenceData.ethnicGroups) {
            #expect(row.count == 3, "\(row)")
            #expect(row[1] == group.name, "code \(group.code)")
            let aliases = row.count > 2 ? row[2].split(separator: "|").map(String.init) : []
            #expect(aliases == group.aliases, "code \(group.code)")
        }
    }

    @Test("provinces match the shared reference CSV", .enabled(if: referenceFolderExists))
    func provinces() throws {
        let rows = try csvRows("provinces.csv", header: "code,name")
        #expect(rows.count == 63)
        #expect(rows.map { $0[0] } == ReferenceData.provinces.map(\.code))
        #expect(rows.map { $0[1] } == ReferenceData.provinces.map(\.name))
    }

    @Test("Vĩnh Phúc's districts match the shared reference CSV", .enabled(if: referenceFolderExists))
    func districts() throws {
        let rows = try csvRows("vinh_phuc_districts.csv", header: "code,name,province_code")
        let vinhPhuc = ReferenceData.districts.filter { $0.provinceCode == "26" }
        #expect(rows.map { $0[0] } == vinhPhuc.map(\.code))
        #expect(rows.map { $0[1] } == vinhPhuc.map(\.name))
        #expect(rows.allSatisfy { $0.count == 3 && $0[2] == "26" })
    }

    @Test("reference codes are unique and the way the schema wants them")
    func referenceShapes() {
        let ethnic = ReferenceData.ethnicGroups.map(\.code)
        #expect(Set(ethnic).count == ethnic.count)
        #expect(ethnic.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        let provinces = ReferenceData.provinces.map(\.code)
        #expect(Set(provinces).count == provinces.count)
        #expect(ReferenceData.provinces.first { $0.code == "26" }?.name == "Vĩnh Phúc")
        #expect(ReferenceData.districts.allSatisfy { $0.code.count == 3 && provinces.contains($0.provinceCode) })
        // Every alias key leads to one group only.
        var owner: [String: String] = [:]
        for group in ReferenceData.ethnicGroups {
            for name in [group.name] + group.aliases {
                let key = Inputs.ethnicKey(name)
                #expect(owner[key, default: group.code] == group.code, "\(name) is ambiguous")
                owner[key] = group.code
            }
        }
    }
}
