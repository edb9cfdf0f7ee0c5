/// The language's own builtins (library families are added by GyreBuiltins).
extension BuiltinRegistry {
    public static func core() -> BuiltinRegistry {
        let r = BuiltinRegistry()
        r.registerCore()
        r.registerArrays()
        r.registerMath()
        r.registerRandom()
        r.registerGrad()
        return r
    }
}
