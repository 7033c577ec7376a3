/// The generator version written into manifests and shown by `--version`.
enum MujunVersion {
    static let current = "0.1.0"
}
