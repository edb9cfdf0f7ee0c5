import GyreLang

extension BuiltinRegistry {
    /// Every builtin: the language's own families plus the library families.
    public static func standard() -> BuiltinRegistry {
        let r = BuiltinRegistry.core()
        r.registerPlot()
        r.registerData()
        r.registerLearning()
        return r
    }
}
