// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "FrontDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frontdesk", targets: ["frontdesk"]),
        .library(name: "FrontDeskDomain", targets: ["FrontDeskDomain"]),
        .library(name: "FrontDeskStore", targets: ["FrontDeskStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Pure values and rules: no SQLite, no curses, no clock or file system of its own.
        .target(name: "FrontDeskDomain"),
        // GRDB-based store implementing the domain's repository protocols.
        .target(
            name: "FrontDeskStore",
            dependencies: [
                "FrontDeskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "frontdesk",
            dependencies: [
                "FrontDeskDomain",
                "FrontDeskStore",
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
            name: "CommandLineTests",
            dependencies: ["FrontDeskDomain"]
        ),
    ]
)
