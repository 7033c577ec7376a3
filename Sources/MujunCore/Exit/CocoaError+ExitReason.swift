import Foundation

/// Foundation's file errors, as `FileManager` and `Data.write` throw them: a folder or file
/// that cannot be created or written is EX_CANTCREAT (details.md #77), one that cannot be read
/// is EX_NOINPUT. The plain "no such file" code is left `failed`: Foundation uses it for reads
/// and writes alike.
extension CocoaError: ExitReasonProviding {
    public var exitReason: ExitReason {
        switch code {
        case .fileWriteNoPermission, .fileWriteUnknown, .fileWriteOutOfSpace, .fileWriteVolumeReadOnly,
             .fileWriteInvalidFileName, .fileWriteFileExists:
            return .cannotCreate
        case .fileReadNoSuchFile, .fileReadNoPermission, .fileReadUnknown, .fileReadInvalidFileName:
            return .noInput
        default:
            return .failed
        }
    }
}
