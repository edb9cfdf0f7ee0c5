import GyreTensor

/// `:help` texts and `docs/builtins.md`, both generated from the registry.
extension BuiltinRegistry {
    /// Signature, summary, parameter docs, doc text and example of one builtin.
    public func helpText(_ name: String) -> String? {
        guard let s = specs[name] else { return nil }
        var out = "\(s.signature)\n  \(s.summary)\n"
        let documented = s.params.filter { !$0.doc.isEmpty }
        if !documented.isEmpty {
            out += "\n" + documented.map { "  \($0.name): \($0.doc)" }.joined(separator: "\n") + "\n"
        }
        if !s.doc.isEmpty { out += "\n" + wrap(s.doc, indent: "  ") + "\n" }
        if !s.example.isEmpty { out += "\n  example: \(s.example)\n" }
        return out
    }

    /// Every builtin grouped by family, one line each.
    public func helpIndex() -> String {
        var out = "Builtins by family (:help NAME for details):\n"
        for f in families {
            let names = all.filter { $0.family == f.name }.map(\.name)
            guard !names.isEmpty else { continue }
            out += "\n\(f.name)" + (f.about.isEmpty ? "" : " — \(f.about)") + "\n"
            out += wrap(names.joined(separator: ", "), indent: "  ") + "\n"
        }
        return out
    }

    /// The generated reference `docs/builtins.md` (a test keeps the committed file current).
    public func markdown() -> String {
        var out = "# Gyre builtins\n\nGenerated from the builtin registry: `GYRE_UPDATE_DOCS=1 swift test --filter BuiltinDocsTests`\nrewrites this file, and the same test fails when it is out of date. At the prompt,\n`:help NAME` shows the same text. Each entry: signature, summary, parameters, example.\n"
        for f in families {
            let specsInFamily = all.filter { $0.family == f.name }
            guard !specsInFamily.isEmpty else { continue }
            out += "\n## \(f.name)\n\n" + (f.about.isEmpty ? "" : "\(f.about.prefix(1).uppercased() + f.about.dropFirst()).\n\n")
            for s in specsInFamily {
                out += "### `\(s.name)`\n\n`\(s.signature)`\n\n\(s.summary)\n"
                if !s.doc.isEmpty { out += "\n\(s.doc)\n" }
                let documented = s.params.filter { !$0.doc.isEmpty }
                if !documented.isEmpty {
                    out += "\n" + documented.map { "- `\($0.name)`: \($0.doc)" }.joined(separator: "\n") + "\n"
                }
                if !s.example.isEmpty { out += "\n```gyre\n\(s.example)\n```\n" }
                out += "\n"
            }
        }
        return out
    }

    private func wrap(_ text: String, indent: String, width: Int = 88) -> String {
        var lines: [String] = [], line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width && line != indent { lines.append(line); line = indent }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
