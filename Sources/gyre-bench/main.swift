// gyre-bench: prints tables of performance figures, one section per library layer.
//   swift run -c release gyre-bench tensor      (or: all, list, --reps N)
import Foundation

let registry = BenchRegistry(sections: [tensorSection, autodiffSection, nnSection, dataSection, langSection, plotSection, invclrSection])
exit(registry.main(Array(CommandLine.arguments.dropFirst())))
