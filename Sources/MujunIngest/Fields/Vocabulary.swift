/// The closed word lists of extracts: booleans, registry status, utility, idle cause (spec
/// extracts.md, details #10, #11).
///
/// Each accepted spelling maps to one canonical code, written as the stored value. Fields are
/// compared byte for byte (ASCII letters case-insensitively), so no `String` is made per row.
enum Vocabulary {
    /// `Y/N`, `是/否`, `1/0`, `true/false`, ASCII case-insensitive (details #10) → `t`/`f`, the
    /// COPY text spelling of a PostgreSQL boolean; anything else `outOfRange`.
    @inline(__always)
    static func appendBoolean(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        switch field.count {
        case 1:
            switch field[0] {
            case 0x59, 0x79, 0x31: out.append(0x74)  // Y y 1
            case 0x4E, 0x6E, 0x30: out.append(0x66)  // N n 0
            default: throw .outOfRange
            }
        case 3 where equals(field, "是"): out.append(0x74)
        case 3 where equals(field, "否"): out.append(0x66)
        case 4 where equalsIgnoringASCIICase(field, "true"): out.append(0x74)
        case 5 where equalsIgnoringASCIICase(field, "false"): out.append(0x66)
        default: throw .outOfRange
        }
    }

    /// Registry status (extracts.md `registry.status`, details #11): 存续/在业/开业 → `active`,
    /// 停业 → `suspended`, 注销 → `deregistered`, 吊销 → `revoked`, 迁出 → `moved_out`, and the
    /// English codes themselves, in any ASCII case like every other English word of extracts
    /// (booleans, utility, headers). Anything else is `outOfRange`.
    @inline(__always)
    static func appendRegistryStatus(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        let code: StaticString
        if field.count == 6 {  // two CJK characters
            if equals(field, "存续") || equals(field, "在业") || equals(field, "开业") {
                code = "active"
            } else if equals(field, "停业") {
                code = "suspended"
            } else if equals(field, "注销") {
                code = "deregistered"
            } else if equals(field, "吊销") {
                code = "revoked"
            } else if equals(field, "迁出") {
                code = "moved_out"
            } else if equalsIgnoringASCIICase(field, "active") {
                code = "active"
            } else {
                throw .outOfRange
            }
        } else if equalsIgnoringASCIICase(field, "suspended") {
            code = "suspended"
        } else if equalsIgnoringASCIICase(field, "deregistered") {
            code = "deregistered"
        } else if equalsIgnoringASCIICase(field, "revoked") {
            code = "revoked"
        } else if equalsIgnoringASCIICase(field, "moved_out") {
            code = "moved_out"
        } else {
            throw .outOfRange
        }
        out.append(literal: code)
    }

    /// Utility (accounts extract, details #11): `power`/`water`/`gas` in any case, or
    /// `电`/`水`/`气`. Anything else is `outOfRange`.
    @inline(__always)
    static func appendUtility(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        let code: StaticString
        if equals(field, "电") || equalsIgnoringASCIICase(field, "power") {
            code = "power"
        } else if equals(field, "水") || equalsIgnoringASCIICase(field, "water") {
            code = "water"
        } else if equals(field, "气") || equalsIgnoringASCIICase(field, "gas") {
            code = "gas"
        } else {
            throw .outOfRange
        }
        out.append(literal: code)
    }

    /// 闲置原因 (details #11): `企业`/`企业原因` → `enterprise`, `政府`/`政府原因` → `government`,
    /// any other non-empty text (其他, 不可抗力, …) → `other`. Never rejects: the cause only
    /// narrows which idle parcels trigger vetoes and surcharges (details #42, #45).
    @inline(__always)
    static func appendIdleCause(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        let code: StaticString
        if equals(field, "企业") || equals(field, "企业原因") {
            code = "enterprise"
        } else if equals(field, "政府") || equals(field, "政府原因") {
            code = "government"
        } else {
            code = "other"
        }
        out.append(literal: code)
    }

    /// Byte-for-byte equality with a literal.
    @inline(__always)
    static func equals(_ field: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard field.count == count else { return false }
        let expected = word.utf8Start
        for index in 0..<count where field[index] != expected[index] { return false }
        return true
    }

    /// Equality with a lower-case ASCII literal, ignoring the case of ASCII letters only:
    /// OR-ing 0x20 into every byte would also fold punctuation (`_` 0x5F into DEL 0x7F) and the
    /// bytes of multi-byte characters.
    @inline(__always)
    static func equalsIgnoringASCIICase(
        _ field: UnsafeBufferPointer<UInt8>, _ word: StaticString
    ) -> Bool {
        let count = word.utf8CodeUnitCount
        guard field.count == count else { return false }
        let expected = word.utf8Start
        for index in 0..<count {
            let byte = field[index]
            let lower = byte &- 0x41 <= 25 ? byte | 0x20 : byte
            if lower != expected[index] { return false }
        }
        return true
    }
}
