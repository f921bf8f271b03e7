// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "FrontDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frontdesk", targets: ["frontdesk"]),
        .library(name: "FrontDeskDomain", targets: ["FrontDeskDomain"]),
        .library(name: "FrontDeskStore", targets: ["FrontDeskStore"]),
        .library(name: "FrontDeskUI", targets: ["FrontDeskUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Treatment protocols are YAML files (issue 6).
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Pure values and rules: no SQLite, no curses, no clock or file system of its own.
        // Yams only reads protocol files (text in, values out): still no I/O of its own.
        .target(name: "FrontDeskDomain", dependencies: [.product(name: "Yams", package: "Yams")]),
        // GRDB-based store implementing the domain's repository protocols.
        .target(
            name: "FrontDeskStore",
            dependencies: [
                "FrontDeskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // SHA-256 for the audit trail's hash chain.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Terminal-free UI core: cells, buffer, widgets, panes, update/render.
        .target(name: "FrontDeskUI", dependencies: ["FrontDeskDomain"]),
        // The system ncursesw library, through a small C shim.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        // The ncurses driver: draws a ScreenBuffer, reads keys, reports resizes.
        .target(name: "FrontDeskTerminal", dependencies: ["FrontDeskUI", "CNCursesW"]),
        // The system PAM library (Linux-PAM), through a small C shim.
        .systemLibrary(name: "CPAM", providers: [.apt(["libpam0g-dev"])]),
        // The lock screen's password check through PAM (an `Authenticator` of FrontDeskUI).
        .target(name: "FrontDeskPAM", dependencies: ["FrontDeskUI", "CPAM"]),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "frontdesk",
            dependencies: [
                "FrontDeskDomain",
                "FrontDeskStore",
                "FrontDeskUI",
                "FrontDeskTerminal",
                "FrontDeskPAM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // `make bench`: search latency at 1,000,000 patients (not a test).
        .executableTarget(
            name: "FrontDeskBench",
            dependencies: [
                "FrontDeskDomain",
                "FrontDeskStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FrontDeskDomainTests", dependencies: ["FrontDeskDomain"]),
        .testTarget(
            name: "FrontDeskStoreTests",
            dependencies: [
                "FrontDeskDomain",
                "FrontDeskStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "FrontDeskUITests",
            dependencies: ["FrontDeskDomain", "FrontDeskStore", "FrontDeskUI"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "FrontDeskPAMTests", dependencies: ["FrontDeskPAM"]),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["FrontDeskDomain"]
        ),
    ]
)
