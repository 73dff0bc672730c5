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
//   WebConsole          `uytin serve`: the office's web console (Hummingbird), accounts, sessions and pages;
//                       it calls the same storage transactions and compositions as the command line
//   UytinCommands       the command-line contract (../shared/CLI.md)
let package = Package(
    name: "uytin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "uytin", targets: ["uytin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
            name: "WebConsole",
            dependencies: [
                "Registry", "Scheduler", "Storage", "VietnameseCalendar", "Documents", "Composition",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Templates", "Assets"]
        ),
        .target(
            name: "UytinCommands",
            dependencies: [
                "Registry", "Scheduler", "Storage", "VietnameseCalendar", "Demo", "Documents", "Composition", "WebConsole",
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
        .testTarget(name: "WebConsoleTests", dependencies: ["WebConsole", "Storage", "Registry", "Demo", "Documents",
                                                             .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ]
)
