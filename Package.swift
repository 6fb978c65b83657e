// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "EvalShell",
    products: [
        .executable(name: "evalshell", targets: ["EvalShell"]),
        .library(name: "EvalDSL", targets: ["EvalDSL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // The language, the budget model and everything that computes: never prints, never exits.
        .target(
            name: "EvalDSL",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                "ZlibShim",
            ]
        ),
        // libedit's variadic C API behind plain C functions Swift can call.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .executableTarget(
            name: "EvalShell",
            dependencies: [
                "EvalDSL",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic made-up budget data at province scale, the example files, the test fixtures.
        .executableTarget(name: "evalshell-datagen", dependencies: ["EvalDSL"], path: "Sources/DataGen"),
        .testTarget(name: "EvalDSLTests", dependencies: ["EvalDSL"], resources: [.copy("Fixtures")]),
        // The system's zlib: the zip reader and writer of the Office formats, the tests' PNG decoder.
        .systemLibrary(name: "ZlibShim", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .testTarget(
            name: "EvalShellTests",
            dependencies: ["EvalDSL", "EvalShell", "ZlibShim"]
        ),
    ]
)

// The harness of the libFuzzer targets (Fuzz/Harness): what each does with one input, also used by
// the tests that replay the fuzzers' findings, so it is part of every build.
package.targets.append(.target(name: "FuzzHarness", dependencies: ["EvalDSL"], path: "Fuzz/Harness"))
for target in package.targets where target.name == "EvalDSLTests" {
    target.dependencies.append("FuzzHarness")
}

// libFuzzer targets (tools/fuzz.sh), only when asked: libFuzzer supplies their `main`, so an ordinary
// build could not link them.
if Context.environment["EVALSHELL_FUZZ"] == "1" {
    for name in ["fuzz-parse", "fuzz-eval", "fuzz-notebook", "fuzz-csv", "fuzz-xlsx"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzHarness"], path: "Fuzz/\(name)"))
    }
}
