// swift-tools-version: 6.0
// huanxin — the nightly intake and roll-up pipeline of the equipment-renewal
// and trade-in programme. Modules follow the data flow; dependencies point
// one way: Vocabulary → Catalog → Intake, Ledger → Rollup → Reports (with
// Outbox and Sheets) → Pipeline (the only application layer) → huanxin (the
// command line, and Portal, the web portal). ARCHITECTURE.md draws it.
import PackageDescription

let package = Package(
    name: "huanxin",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "huanxin", targets: ["huanxin"]),
        .library(name: "Sheets", targets: ["Sheets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System libraries that carry the spreadsheet I/O.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // Spreadsheet I/O: knows nothing of the programme.
        .target(name: "Sheets", dependencies: ["CLibXML2", "CZlib"]),
        // The programme's shared words: Period, Submitter, Severity, Issue, ProgrammeCalendar.
        .target(name: "Vocabulary"),
        // The catalog in Schemas/: regions, departments, units, indicators, plans, layouts.
        .target(name: "Catalog", dependencies: ["Vocabulary", .product(name: "Yams", package: "Yams")]),
        // SHA-256's compression function, with the x86 SHA instructions where the processor has them.
        .target(name: "CSHA256"),
        // Files on disk: the Outbox layout, atomic and staged writes, the archive of originals, SHA-256.
        .target(name: "Outbox", dependencies: ["CSHA256"]),
        // Applies a layout to a sheet: rows → observations + issues.
        .target(name: "Intake", dependencies: ["Sheets", "Vocabulary", "Catalog"]),
        // Every submission version and accepted observation, in SQLite. It stores
        // its own records, so it does not depend on Intake; Pipeline maps between them.
        .target(
            name: "Ledger", dependencies: ["Vocabulary", "Catalog", .product(name: "GRDB", package: "GRDB.swift")]),
        // City and province figures, targets, progress, completeness.
        .target(name: "Rollup", dependencies: ["Vocabulary", "Ledger", "Catalog"]),
        // Roll-up workbooks, CSV, JSON and receipts.
        .target(name: "Reports", dependencies: ["Vocabulary", "Outbox", "Rollup", "Ledger", "Sheets", "Catalog"]),
        // The nightly batch: scan, intake, ledger, roll-up, outputs.
        .target(
            name: "Pipeline",
            dependencies: [
                "Vocabulary", "Outbox", "Sheets", "Catalog", "Intake", "Ledger", "Rollup", "Reports",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        // The web portal (`huanxin serve`): routes, sessions, pages over Pipeline's use cases, nothing else.
        // It names the catalog, receipt and status types Pipeline's use cases hand it.
        .target(
            name: "Portal",
            dependencies: [
                "Pipeline", "Catalog", "Reports", "Rollup",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ], resources: [.copy("Templates"), .copy("Static")]),
        // The command line: argument parsing over Pipeline's use cases (and the portal), nothing else.
        .executableTarget(
            name: "huanxin",
            dependencies: [
                "Pipeline", "Portal", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // huanxin's side of `make bench` (bench/README.md); not part of the product.
        .executableTarget(
            name: "huanxin-bench", dependencies: ["Vocabulary", "Outbox", "Sheets", "Catalog", "Reports"],
            path: "Sources/HuanxinBench"),

        // Writes the demo inbox (示例数据) that `make run` reads on a fresh clone.
        .executableTarget(
            name: "make-demo-inbox", dependencies: ["Vocabulary", "Outbox", "Sheets", "Catalog", "Reports"],
            path: "Sources/DemoInbox"),

        // What tests need from outside their code, and what a missing one means under CI.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SheetsTests", dependencies: ["Sheets", "TestSupport"], exclude: ["Fixtures", "Scripts"]),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"]),
        .testTarget(name: "OutboxTests", dependencies: ["Outbox", "CSHA256"]),
        .testTarget(name: "CatalogTests", dependencies: ["Vocabulary", "Catalog", "TestSupport"]),
        .testTarget(
            name: "IntakeTests", dependencies: ["Vocabulary", "Intake", "Sheets", "Catalog"], exclude: ["Fixtures"]),
        .testTarget(name: "LedgerTests", dependencies: ["Vocabulary", "Ledger", "Catalog", "TestSupport"]),
        .testTarget(name: "RollupTests", dependencies: ["Vocabulary", "Rollup", "Ledger", "Catalog"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Vocabulary", "Outbox", "Reports", "Rollup", "Ledger", "Intake", "Catalog", "Sheets", "TestSupport",
            ], exclude: ["Golden"]),
        // The command line as people run it: the built binary, its output and exit codes.
        .testTarget(name: "huanxinTests", dependencies: ["TestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Vocabulary", "Outbox", "Pipeline", "Sheets", "Catalog", "Intake", "Ledger", "Rollup", "Reports",
                "TestSupport",
            ], exclude: ["Golden"]),
        .testTarget(
            name: "PortalTests",
            dependencies: [
                "Vocabulary", "Outbox", "Portal", "Pipeline", "Catalog", "Intake", "Ledger", "Reports", "Rollup",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ], exclude: ["Scripts", "Golden"]),
    ]
)
