import GyreTensor

extension Module {
    /// One line per module, indented by depth, with its configuration and own parameter
    /// count, then the total:
    ///
    ///     SmallCNN                                   
    ///       conv1  Conv2d(3→32, kernel 3×3, stride 1, padding 1)     896
    ///     …
    ///     total parameters: 93,248
    public func summary(name: String = "") -> String {
        var rows: [(String, String)] = []
        for (path, m) in namedModules() {
            let depth = path.isEmpty ? 0 : path.split(separator: ".").count
            let label = path.isEmpty ? (name.isEmpty ? m.typeName : name) : String(path.split(separator: ".").last!)
            let config = m.configDescription.isEmpty ? m.typeName : "\(m.typeName)(\(m.configDescription))"
            let own = m.namedParameters().count - m.children.reduce(0) { $0 + $1.module.namedParameters().count }
            let ownCount = own > 0 ? m.ownParameterCount : 0
            let text = String(repeating: "  ", count: depth) + (path.isEmpty && name.isEmpty ? config : "\(label)  \(config)")
            rows.append((text, ownCount > 0 ? Self.grouped(ownCount) : ""))
        }
        let width = rows.map(\.0.count).max() ?? 0
        var out = rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
        let buffers = namedBuffers().reduce(0) { $0 + $1.buffer.value.count }
        out.append("total parameters: \(Self.grouped(parameterCount))"
                   + (buffers > 0 ? " (+ \(Self.grouped(buffers)) buffer values)" : "")
                   + " · mode: \(isTraining ? "train" : "eval")")
        return out.joined(separator: "\n")
    }

    /// Parameters registered directly on this module (not its children).
    var ownParameterCount: Int {
        parameterCount - children.reduce(0) { $0 + $1.module.parameterCount }
    }

    /// 11168832 → "11,168,832".
    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
