import Foundation
import GyreREPL
import GyreBuiltins

// `gyre`: the REPL, `gyre run FILE.nb`, `gyre bench`. Everything lives in the libraries.
let status = gyreMain(arguments: Array(CommandLine.arguments.dropFirst()), version: GyreVersion.current,
                      makeKernel: { InterpreterKernel() },
                      bench: { args in runBenchmarks(args) })
exit(status)
