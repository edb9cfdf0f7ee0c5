// swift-tools-version:6.0
// Gyre: a notebook-style REPL for an array language on a tensor/autodiff core.
// Layers (nothing below imports anything above):
//   gyre (CLI) → GyreREPL → GyreBuiltins → GyreLang → GyreLearn → GyreNN → GyreAutodiff → GyreTensor → CBLAS
//   GyrePlot → CCairo (knows nothing of the language)
import PackageDescription

/// Hot numeric targets are compiled for the machine's AVX2/FMA level (see docs/architecture.md).
let fast: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]

let package = Package(
    name: "Gyre",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gyre", targets: ["gyre"]),
        .executable(name: "gyre-bench", targets: ["gyre-bench"]),
    ],
    targets: [
        // MARK: - C libraries (one thin seam each)
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .systemLibrary(name: "CEdit", path: "Sources/CEdit"),
        .systemLibrary(name: "CCmark", path: "Sources/CCmark"),

        // MARK: - Library layers
        .target(name: "GyreTensor", dependencies: ["CBLAS"], swiftSettings: fast),
        .target(name: "GyreAutodiff", dependencies: ["GyreTensor"], swiftSettings: fast),

        // MARK: - Executables
        .executableTarget(name: "gyre", dependencies: ["GyreTensor"]),
        .executableTarget(name: "gyre-bench", dependencies: ["GyreTensor", "CBLAS"], swiftSettings: fast),

        // MARK: - Tests
        .target(name: "GyreTestSupport", dependencies: ["GyreAutodiff"], path: "Tests/GyreTestSupport"),
        .testTarget(name: "GyreTensorTests", dependencies: ["GyreTensor"]),
        .testTarget(name: "GyreAutodiffTests", dependencies: ["GyreAutodiff", "GyreTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
