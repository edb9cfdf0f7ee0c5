/// The Gyre release (shown by `gyre --version` and in report headers).
public enum GyreVersion {
    public static let current = "0.1.0"
}
