// swift-tools-version:6.1
import PackageDescription

// One library per concern; the `uytin` executable only parses and dispatches.
//   VietnameseCalendar  solar days and the Vietnamese lunar calendar (no database)
//   Registry            the domain: persons, villages, proposals, decisions, rules, texts
//   Scheduler           benefits: rule versions, occasions (Tết, festivals, months, plans), contingency policies
//   Documents           CSV, XLSX and printable HTML documents (streamed), and reading clerks' spreadsheets
//   Storage             SQLite: the schema, migrations and every SQL statement
//   Composition         what each document contains (titles, columns, groups, totals, texts), from a database
//                       snapshot and a language; front ends only pick the format and the destination
//   Demo                a sample province shaped like Vĩnh Phúc, for newcomers and benchmarks
//   UytinCommands       the command-line contract (../shared/CLI.md)
let package = Package(
    name: "uytin",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "uytin", targets: ["uytin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(name: "VietnameseCalendar"),
        .target(name: "Registry", dependencies: ["VietnameseCalendar"]),
        .target(name: "Scheduler", dependencies: ["Registry", "VietnameseCalendar"]),
        .target(
            name: "Storage",
            dependencies: ["Registry", "Scheduler", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "Documents", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "Composition", dependencies: ["Registry", "Scheduler", "Storage", "Documents", "VietnameseCalendar"]),
        .target(name: "Demo", dependencies: ["Registry", "Scheduler", "Storage", "VietnameseCalendar"]),
        .target(
            name: "UytinCommands",
            dependencies: [
                "Registry", "Scheduler", "Storage", "VietnameseCalendar", "Demo", "Documents", "Composition",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Swift 5 mode only so main.swift may touch C's `stdout` to make it line-buffered.
        .executableTarget(name: "uytin", dependencies: ["UytinCommands"], swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(name: "VietnameseCalendarTests", dependencies: ["VietnameseCalendar"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Storage", "VietnameseCalendar", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Storage", "Registry", "Demo", "VietnameseCalendar",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CommandLineTests", dependencies: ["UytinCommands", "Documents", "Composition", "Storage", "Registry", "Scheduler"],
                    exclude: ["Fixtures"]),
    ]
)
