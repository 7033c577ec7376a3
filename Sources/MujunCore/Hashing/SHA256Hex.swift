import Crypto
import Foundation

/// The lower-case hexadecimal SHA-256 of `data`: how files, batches, migrations and policy
/// profiles are identified in `runs.*` and in manifests (64 characters).
///
/// ```swift
/// sha256Hex(Data("abc".utf8))   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public func sha256Hex(_ data: some DataProtocol) -> String {
    sha256Hex(SHA256.hash(data: data))
}

/// The lower-case hexadecimal form of a finished digest, for hashes fed in pieces (a file read
/// in chunks while it loads).
public func sha256Hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
