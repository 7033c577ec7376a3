/// An enterprise's registration status (登记状态) as market regulation writes it, and the code
/// the pipeline stores (spec extracts.md `registry.status`).
public enum RegistryStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
    case deregistered
    case revoked
    case movedOut = "moved_out"

    /// The words the registry extract uses; active firms appear under all three synonyms.
    func spelling(_ random: inout SeededRandom) -> String {
        switch self {
        case .active:
            let roll = random.uniform()
            return roll < 0.6 ? "存续" : roll < 0.9 ? "在业" : "开业"
        case .suspended: return "停业"
        case .deregistered: return "注销"
        case .revoked: return "吊销"
        case .movedOut: return "迁出"
        }
    }
}
