import Foundation

/// What the `gyre` command line asks for.
public enum GyreCommand: Equatable, Sendable {
    /// `gyre`: the interactive prompt (or statements from a pipe).
    case repl
    /// `gyre run FILE.nb …`
    case run(RunOptions)
    /// `gyre bench …`: the arguments after `bench`, passed through.
    case bench([String])
    /// `gyre --help` (`nil`) or `gyre run --help` (`"run"`).
    case help(String?)
    /// `gyre --version`
    case version
}

/// Options of `gyre run`.
public struct RunOptions: Equatable, Sendable {
    public var notebookPath: String
    public var reportDirectory: String?
    public var keepGoing = false
    public var includeCode = true
    public var parameters: [ParameterOverride] = []

    public init(notebookPath: String, reportDirectory: String? = nil, keepGoing: Bool = false,
                includeCode: Bool = true, parameters: [ParameterOverride] = []) {
        self.notebookPath = notebookPath
        self.reportDirectory = reportDirectory
        self.keepGoing = keepGoing
        self.includeCode = includeCode
        self.parameters = parameters
    }
}

/// Parses `gyre`'s arguments (without the program name). Errors are `GyreError.usage`.
public enum GyreCommandLine {
    public static func parse(_ arguments: [String]) throws -> GyreCommand {
        guard let first = arguments.first else { return .repl }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help", "help":
            if let topic = rest.first, topic == "run" || topic == "bench" { return .help(topic) }
            guard rest.isEmpty else { throw GyreError.usage("'\(first)' takes no arguments besides a command name") }
            return .help(nil)
        case "-V", "--version", "version":
            guard rest.isEmpty else { throw GyreError.usage("'\(first)' takes no arguments") }
            return .version
        case "run":
            return try parseRun(rest)
        case "bench":
            return .bench(rest)
        default:
            if first.hasPrefix("-") { throw GyreError.usage("unknown option '\(first)'") }
            if first.hasSuffix(".nb") { throw GyreError.usage("unknown command '\(first)'; did you mean 'gyre run \(first)'?") }
            throw GyreError.usage("unknown command '\(first)'")
        }
    }

    static func parseRun(_ arguments: [String]) throws -> GyreCommand {
        var file: String?
        var options = RunOptions(notebookPath: "")
        var index = 0
        var optionsEnded = false

        /// The value of `--name VALUE` or `--name=VALUE` / `-pVALUE`.
        func value(of option: String, inline: String?, what: String) throws -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw GyreError.usage("option '\(option)' needs \(what)") }
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                guard file == nil else { throw GyreError.usage("'gyre run' takes one notebook, got '\(file!)' and '\(argument)'") }
                file = argument
                continue
            }
            let (option, inline) = splitOption(argument)
            switch option {
            case "--": optionsEnded = true
            case "-h", "--help": return .help("run")
            case "-k", "--keep-going": options.keepGoing = true
            case "--no-code": options.includeCode = false
            case "-r", "--report":
                guard options.reportDirectory == nil else { throw GyreError.usage("option '--report' given twice") }
                let directory = try value(of: option, inline: inline, what: "a folder, e.g. --report out/")
                guard !directory.isEmpty else { throw GyreError.usage("option '--report' needs a folder") }
                options.reportDirectory = directory
            case "-p", "--param":
                let spec = try value(of: option, inline: inline, what: "name=value, e.g. -p seed=3")
                let override: ParameterOverride
                do { override = try ParameterOverride(parsing: spec) } catch let error as GyreError {
                    throw GyreError.usage(error.description)
                }
                if options.parameters.contains(where: { $0.name == override.name }) {
                    throw GyreError.usage("parameter '\(override.name)' given twice")
                }
                options.parameters.append(override)
            default:
                throw GyreError.usage("unknown option '\(argument)' for 'gyre run'")
            }
        }
        guard let file else { throw GyreError.usage("'gyre run' needs a notebook file, e.g. gyre run study.nb") }
        options.notebookPath = file
        return .run(options)
    }

    /// `--report=out` → ("--report", "out"); `-pseed=3` → ("-p", "seed=3"); `-k` → ("-k", nil).
    static func splitOption(_ argument: String) -> (String, String?) {
        if argument.hasPrefix("--") {
            guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
        if argument.count > 2 && (argument.hasPrefix("-p") || argument.hasPrefix("-r")) {
            return (String(argument.prefix(2)), String(argument.dropFirst(2)))
        }
        return (argument, nil)
    }

    public static let mainHelp = """
        Gyre: a notebook REPL for an array language.

        Usage:
          gyre                         interactive prompt (reads statements from a pipe too)
          gyre run FILE.nb [options]   run a notebook (see 'gyre run --help')
          gyre bench [args…]           run the benchmarks
          gyre --help | --version

        At the prompt, :help lists commands and builtins.
        Environment: GYRE_HISTORY  history file (default ~/.gyre_history; empty: none)
        """

    public static let runHelp = """
        Usage: gyre run FILE.nb [--report DIR] [--keep-going] [--no-code] [-p name=value]…

        Runs the notebook's cells in order in one session and prints each cell's output.
        A failing cell prints its error with the notebook's line number and stops the run.

        Options:
          -r, --report DIR       write DIR/report.md, DIR/report.html and DIR/fig-*.png
          -k, --keep-going       run the remaining cells after a failure
              --no-code          leave the code out of the report
          -p, --param NAME=VALUE set a parameter: replaces the right-hand side of the
                                 top-level 'NAME = …' in the parameters cell (or the
                                 first cell); VALUE is Gyre source, e.g. -p 'out="b"'
          -h, --help             show this help

        Exit status: 0 all cells succeeded, 1 a cell failed, 2 usage error, 130 Ctrl-C.
        """
}
