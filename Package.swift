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
        .systemLibrary(name: "CLBFGS", path: "Sources/CLBFGS"),

        // MARK: - Library layers
        .target(name: "GyreTensor", dependencies: ["CBLAS"], swiftSettings: fast),
        .target(name: "GyreAutodiff", dependencies: ["GyreTensor"], swiftSettings: fast),
        .target(name: "GyreData", dependencies: ["GyreAutodiff", "GyreTensor"], swiftSettings: fast),
        .target(name: "GyreNN", dependencies: ["GyreAutodiff", "GyreTensor"], swiftSettings: fast),
        .target(name: "GyrePlot", dependencies: ["CCairo"]),
        .target(name: "GyreLearn", dependencies: ["GyreNN", "GyreData", "GyreAutodiff", "GyreTensor", "CLBFGS"], swiftSettings: fast),
        .target(name: "GyreLang", dependencies: ["GyreAutodiff", "GyreTensor"]),
        .target(name: "GyreREPL", dependencies: ["CEdit", "CCmark"]),
        .target(name: "GyreBuiltins", dependencies: ["GyreLang", "GyreREPL", "GyreLearn", "GyreNN", "GyreData", "GyrePlot", "GyreTensor", "GyreAutodiff"]),

        // MARK: - Executables
        .executableTarget(name: "gyre", dependencies: ["GyreREPL", "GyreBuiltins"]),
        .executableTarget(name: "gyre-bench", dependencies: ["GyreTensor", "GyreAutodiff", "GyreData", "GyreNN", "GyreLearn", "GyreLang", "GyrePlot", "CBLAS"], swiftSettings: fast),

        // MARK: - Tests
        .target(name: "GyreTestSupport", dependencies: ["GyreAutodiff", "GyreLang"], path: "Tests/GyreTestSupport"),
        .testTarget(name: "GyreTensorTests", dependencies: ["GyreTensor"]),
        .testTarget(name: "GyreAutodiffTests", dependencies: ["GyreAutodiff", "GyreTestSupport", "GyreData"]),
        .testTarget(name: "GyreLangTests", dependencies: ["GyreLang", "GyreTestSupport"], resources: [.copy("Programs")]),
        .target(name: "GyreTerminalTesting", path: "Tests/GyreTerminalTesting"),
        .testTarget(name: "GyreREPLTests", dependencies: ["GyreREPL", "GyreTerminalTesting"]),
        .testTarget(name: "GyrePlotTests", dependencies: ["GyrePlot"]),
        .testTarget(name: "GyreDataTests", dependencies: ["GyreData", "GyreAutodiff", "GyreTensor", "GyreTestSupport"]),
        .testTarget(name: "GyreNNTests", dependencies: ["GyreNN", "GyreAutodiff", "GyreTensor", "GyreTestSupport"]),
        .testTarget(name: "GyreLearnTests", dependencies: ["GyreLearn", "GyreData", "GyreTestSupport"]),
        .testTarget(name: "GyreBuiltinsTests", dependencies: ["GyreBuiltins", "GyreLang", "GyreREPL", "GyreTerminalTesting", "GyreTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
