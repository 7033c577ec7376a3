// swift-tools-version:6.0
// Mujun (亩均): the 亩均论英雄 data pipeline. See README.md and docs/architecture.md.
import PackageDescription

let package = Package(
    name: "mujun",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mujun", targets: ["mujun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
    ],
    targets: [
        // C libraries, from Debian's -dev packages (deploy/local/setup.sh installs them).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Debian's libcsv-dev ships no .pc file: the module map links `csv` itself.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),

        // SQL migrations and policy profiles, shipped inside the binary's resource bundle so an
        // installed `mujun` works from any folder (spec details.md #78). The files themselves
        // stay at the top level (sql/, jobs/) where analysts and operators look for them.
        .target(
            name: "MujunResources",
            path: ".",
            exclude: ["Sources/mujun", "Sources/MujunCore", "Sources/MujunDatabase", "Sources/MujunIngest", "Sources/MujunPolicy",
                      "Sources/MujunLand", "Sources/MujunGrading", "Sources/MujunLists", "Sources/MujunGenerate", "Sources/MujunJobs", "Sources/MujunDemo", "Sources/MujunReport",
                      "Sources/CLibPQ", "Sources/CLibCSV", "Tests", "docs", "deploy", "bench", ".ci",
                      "README.md", "Package.swift"],
            sources: ["Sources/MujunResources"],
            resources: [.copy("sql"), .copy("jobs")]
        ),

        // What every module shares and nothing else: the exit-code table (`ExitReason`),
        // `CalendarDay`, `sha256Hex`, the JSON encoder presets, the credit-code checks (`USCC`,
        // with the field folding they need) and the extract kinds. Small on purpose, so that
        // land, grading, lists and the generator need not import the loader's hot path.
        .target(
            name: "MujunCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),

        // PostgreSQL access over libpq: connections, parameterised queries, transactions,
        // COPY, advisory locks, migrations.
        .target(
            name: "MujunDatabase",
            dependencies: [
                "CLibPQ",
                "MujunCore",
                "MujunResources",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Extract ingestion: libcsv streaming, decoding, validation, COPY into staging, batches.
        .target(
            name: "MujunIngest",
            dependencies: [
                "CLibCSV",
                "MujunCore",
                "MujunDatabase",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The per-byte and per-field hot path of every load: release builds leave out the
            // runtime exclusivity checks (swift_beginAccess on every class-property write, ~5 %
            // of a load's client time in perf). The compile-time checks stay; debug builds and
            // the tests keep the runtime ones.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),

        // Policy profiles (jobs/policies/*.yaml): strict keys, ranges, canonical SHA-256.
        .target(
            name: "MujunPolicy",
            dependencies: [
                "MujunCore",
                "MujunResources",
                "MujunDatabase",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // Land flags (spec land.md): idle and inefficient parcels, set-based SQL in sql/land/.
        .target(
            name: "MujunLand",
            dependencies: ["MujunCore", "MujunDatabase", "MujunPolicy", .product(name: "Logging", package: "swift-log")]
        ),

        // Grading (spec evaluation.md): per-mu indicators and A–D classes, SQL in sql/grading/.
        .target(
            name: "MujunGrading",
            dependencies: ["MujunCore", "MujunDatabase", "MujunPolicy", .product(name: "Logging", package: "swift-log")]
        ),

        // Jobs (spec jobs.md): job files, `mujun run` and its steps (one file each), status,
        // schedules, metrics.
        .target(
            name: "MujunJobs",
            dependencies: [
                "MujunCore", "MujunDatabase", "MujunPolicy", "MujunIngest", "MujunLand", "MujunGrading", "MujunLists",
                "MujunResources",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // `mujun demo` (issue 9): a generated county through the whole pipeline, on the local
        // PostgreSQL of deploy/local that it starts itself when no database is given.
        .target(
            name: "MujunDemo",
            dependencies: ["MujunCore", "MujunDatabase", "MujunIngest", "MujunGenerate", "MujunJobs", "MujunReport",
                           "MujunGrading", "MujunPolicy"]
        ),

        // Differential-policy lists (spec lists.md): files for other departments, SQL in sql/lists/.
        .target(
            name: "MujunLists",
            dependencies: ["MujunCore", "MujunDatabase", "MujunPolicy", "MujunGrading", "MujunResources",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),

        // The year's report: one self-contained HTML file with inline SVG (issue 9).
        .target(
            name: "MujunReport",
            dependencies: ["MujunCore", "MujunDatabase", "MujunResources", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),

        // A synthetic county for the demo and tests (issue 9): deterministic for a seed.
        .target(
            name: "MujunGenerate",
            dependencies: ["MujunCore"]
        ),

        // The thin command-line front end: parse, call a library, map errors to exit codes.
        .executableTarget(
            name: "mujun",
            dependencies: [
                "MujunCore",
                "MujunDatabase",
                "MujunIngest",
                "MujunPolicy",
                "MujunLand",
                "MujunGrading",
                "MujunLists",
                "MujunGenerate",
                "MujunJobs",
                "MujunDemo",
                "MujunReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // One test county (CountyFixture: database, folder, loader, credit codes, profiles) and
        // the worked grading example, shared by every test target.
        .target(
            name: "MujunTestSupport",
            dependencies: ["MujunCore", "MujunDatabase", "MujunGrading", "MujunIngest", "MujunPolicy"],
            path: "Tests/MujunTestSupport"
        ),
        .testTarget(
            name: "MujunDatabaseTests",
            dependencies: ["MujunDatabase", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunLandTests",
            dependencies: ["MujunCore", "MujunLand", "MujunIngest", "MujunPolicy", "MujunDatabase", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunGradingTests",
            dependencies: ["MujunCore", "MujunGrading", "MujunIngest", "MujunPolicy", "MujunDatabase", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunReportTests",
            dependencies: ["MujunCore", "MujunReport", "MujunGrading", "MujunLand", "MujunIngest", "MujunDatabase", "MujunTestSupport"]
        ),
        // Analysts' least privilege and region grants (spec security.md), over graded mart views.
        .testTarget(
            name: "MujunSecurityTests",
            dependencies: ["MujunCore", "MujunGrading", "MujunIngest", "MujunDatabase", "MujunTestSupport"]
        ),
        // The command line as an operator meets it: the real binary, its exit codes and output.
        .testTarget(
            name: "mujunTests",
            dependencies: ["MujunCore", "MujunDatabase", "MujunGenerate", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunListsTests",
            dependencies: ["MujunCore", "MujunLists", "MujunGrading", "MujunLand", "MujunIngest", "MujunPolicy", "MujunDatabase",
                           "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunGenerateTests",
            dependencies: ["MujunCore", "MujunGenerate", "MujunIngest", "MujunDatabase", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunJobsTests",
            dependencies: ["MujunCore", "MujunJobs", "MujunIngest", "MujunDatabase", "MujunTestSupport",
                           "MujunDemo", "MujunGrading", "MujunLists", "MujunPolicy", "MujunReport"]
        ),
        .testTarget(
            name: "MujunPolicyTests",
            dependencies: ["MujunPolicy", "MujunTestSupport"]
        ),
        .testTarget(
            name: "MujunIngestTests",
            dependencies: ["MujunCore", "MujunIngest", "MujunDatabase", "MujunTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
