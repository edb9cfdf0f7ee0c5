import Foundation
import Testing
@testable import GyreREPL

@Suite struct CommandLineTests {
    @Test func commands() throws {
        #expect(try GyreCommandLine.parse([]) == .repl)
        #expect(try GyreCommandLine.parse(["--help"]) == .help(nil))
        #expect(try GyreCommandLine.parse(["-h"]) == .help(nil))
        #expect(try GyreCommandLine.parse(["--version"]) == .version)
        #expect(try GyreCommandLine.parse(["run", "--help"]) == .help("run"))
        #expect(try GyreCommandLine.parse(["run", "a.nb", "-h"]) == .help("run"))
        #expect(try GyreCommandLine.parse(["bench", "--sgemm", "-n", "3"]) == .bench(["--sgemm", "-n", "3"]))
    }

    @Test func runOptions() throws {
        let parsed = try GyreCommandLine.parse(["run", "study.nb", "--report", "out", "--keep-going", "--no-code",
                                                "-p", "lambda_gp=0.01", "-pseed=3", "--param=out=\"x\""])
        #expect(parsed == .run(RunOptions(notebookPath: "study.nb", reportDirectory: "out", keepGoing: true, includeCode: false,
                                          parameters: [ParameterOverride(name: "lambda_gp", value: "0.01"),
                                                       ParameterOverride(name: "seed", value: "3"),
                                                       ParameterOverride(name: "out", value: "\"x\"")])))
        #expect(try GyreCommandLine.parse(["run", "--report=r", "--", "-odd.nb"])
                == .run(RunOptions(notebookPath: "-odd.nb", reportDirectory: "r")))
    }

    @Test(arguments: [
        (["--frobnicate"], "unknown option '--frobnicate'"),
        (["study.nb"], "unknown command 'study.nb'; did you mean 'gyre run study.nb'?"),
        (["play"], "unknown command 'play'"),
        (["run"], "'gyre run' needs a notebook file, e.g. gyre run study.nb"),
        (["run", "a.nb", "b.nb"], "'gyre run' takes one notebook, got 'a.nb' and 'b.nb'"),
        (["run", "a.nb", "--fast"], "unknown option '--fast' for 'gyre run'"),
        (["run", "a.nb", "--report"], "option '--report' needs a folder, e.g. --report out/"),
        (["run", "a.nb", "-p"], "option '-p' needs name=value, e.g. -p seed=3"),
        (["run", "a.nb", "-p", "seed"], "-p expects name=value, got 'seed'"),
        (["run", "a.nb", "-p", "s=1", "-p", "s=2"], "parameter 's' given twice"),
        (["run", "a.nb", "-r", "a", "-r", "b"], "option '--report' given twice"),
        (["--version", "x"], "'--version' takes no arguments"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect { try GyreCommandLine.parse(arguments) } throws: { ($0 as? GyreError) == .usage(message) }
    }

    func main(_ arguments: [String], kernel: FakeKernel = FakeKernel()) -> (Int32, CapturedConsole) {
        let captured = CapturedConsole()
        let code = gyreMain(arguments: arguments, version: "1.2.3", makeKernel: { kernel },
                            bench: { $0 == ["x"] ? 7 : 0 }, console: captured.console)
        return (code, captured)
    }

    @Test func mainExitCodesAndMessages() throws {
        let (helpCode, help) = main(["--help"])
        #expect(helpCode == 0 && help.out.contains("gyre run FILE.nb"))
        #expect(main(["--version"]).1.out == "gyre 1.2.3\n")
        #expect(main(["run", "--help"]).1.out.contains("--keep-going"))
        #expect(main(["bench", "x"]).0 == 7)
        let (badCode, bad) = main(["run", "a.nb", "--bogus"])
        #expect(badCode == 2)
        #expect(bad.err == "gyre: unknown option '--bogus' for 'gyre run'\nRun 'gyre run --help' for usage.\n")
        let (missingCode, missing) = main(["run", "/nonexistent/study.nb"])
        #expect(missingCode == 2)
        #expect(missing.err == "gyre: cannot read notebook /nonexistent/study.nb: No such file or directory\n")
    }

    @Test func mainRunsANotebookAndWritesAReport() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/n.nb"
        try "#%% parameters\nseed = 1\n#%% Go\nfigure\n".write(toFile: path, atomically: true, encoding: .utf8)
        let kernel = FakeKernel()
        let (code, captured) = main(["run", path, "-p", "seed=2", "--report", directory + "/out"], kernel: kernel)
        #expect(code == 0)
        #expect(kernel.codes == ["seed = 2", "figure"])
        #expect(captured.out.contains("out: figure"))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/fig-2-1.png"))
        #expect(try String(contentsOfFile: directory + "/out/report.md", encoding: .utf8).contains("**Gyre:** 1.2.3"))

        try "x = 1\nfail\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(main(["run", path]).0 == 1)
        #expect(main(["run", path, "-p", "nope=1"]).0 == 2)
    }
}
