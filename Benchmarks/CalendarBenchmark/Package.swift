// swift-tools-version:6.1
import PackageDescription

// Times the lunar calendar in a release build of its own, apart from the main package (run scripts/bench-calendar).
// Sources/VietnameseCalendar is a symlink to the main package's library, so the benchmark measures that very code.
let package = Package(
    name: "CalendarBenchmark",
    platforms: [.macOS(.v13)],
    targets: [
        .target(name: "VietnameseCalendar"),
        .executableTarget(name: "CalendarBenchmark", dependencies: ["VietnameseCalendar"]),
    ]
)
