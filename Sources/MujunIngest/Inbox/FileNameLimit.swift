import Foundation
import MujunCore

/// Names Mujun makes from a drop-folder file's name (`archive/<batch>-NAME`, `NAME.error.txt`,
/// `STEM.rejects.csv` and its `.tmp`) must fit the file system's 255-byte limit, or the move
/// fails after the batch has committed, on every run (issue 16 item 2).
enum FileNameLimit {
    static let bytes = 255

    /// `base + suffix`, with `reserve` bytes to spare (for a `.N` a move may add). When that is
    /// too long, the end of `base`'s stem is cut (on a character boundary), keeping its `.csv`,
    /// and the cut is marked `~` + 8 hex digits of the full name's SHA-256, so two long names
    /// that share a beginning stay apart.
    static func fit(_ base: String, _ suffix: String = "", reserve: Int = 0) -> String {
        if base.utf8.count + suffix.utf8.count + reserve <= bytes { return base + suffix }
        let ext = base.lowercased().hasSuffix(".csv") ? String(base.suffix(4)) : ""
        var stem = Substring(base.dropLast(ext.count))
        let marker = "~" + sha256Hex(Data(base.utf8)).prefix(8)
        let budget = bytes - reserve - suffix.utf8.count - ext.utf8.count - marker.utf8.count
        while stem.utf8.count > budget { stem = stem.dropLast() }
        return stem + marker + ext + suffix
    }
}
