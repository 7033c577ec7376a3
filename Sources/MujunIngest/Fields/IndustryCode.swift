import MujunCore

/// 国民经济行业分类 codes of GB/T 4754-2017 (spec extracts.md `industry_code`, details #12).
///
/// A code is an optional section letter (门类, any case) and 2–4 digits: division (大类, 2),
/// group (中类, 3) or class (小类, 4). The 2-digit division must exist in the standard and, when
/// a letter is given, belong to that section; anything else is `outOfRange`. The stored form is
/// the upper-case section letter and the digits, the letter derived from the division when
/// absent: `3311` → `C3311`, `c33` → `C33`. Only the division is checked against the standard;
/// groups and classes are not tabled.
///
/// ```swift
/// IndustryCode.normalize("3311")         // "C3311"
/// IndustryCode.section(ofDivision: 44)   // "D"
/// ```
public enum IndustryCode {
    /// The section letter of a GB/T 4754-2017 division (1–97), nil for a number that is not a
    /// division.
    public static func section(ofDivision division: Int) -> Character? {
        let letter = sectionLetter(ofDivision: division)
        return letter == 0 ? nil : Character(Unicode.Scalar(letter))
    }

    /// The canonical form of `text` (trimmed like a field), or nil when it is not a valid code.
    public static func normalize(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let out = ByteBuffer(capacity: 16)
            do throws(RejectReason) {
                try append(FieldTrimming.trimmed(bytes), to: out)
            } catch {
                return nil
            }
            return String(decoding: out.bytes, as: UTF8.self)
        }
    }

    /// Validates a field and appends its canonical form.
    @inline(__always)
    static func append(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        let count = field.count
        guard count >= 2 else { throw .outOfRange }
        var given: UInt8 = 0
        var digitsStart = 0
        let first = field[0]
        if first &- 0x41 <= 25 || first &- 0x61 <= 25 {
            given = first & 0xDF  // ASCII upper case
            digitsStart = 1
        }
        let digits = count &- digitsStart
        guard digits >= 2 && digits <= 4 else { throw .outOfRange }
        for position in digitsStart..<count where field[position] &- 0x30 > 9 {
            throw .outOfRange
        }
        let division = Int(field[digitsStart] &- 0x30) &* 10 &+ Int(field[digitsStart &+ 1] &- 0x30)
        let section = sectionLetter(ofDivision: division)
        guard section != 0, given == 0 || given == section else { throw .outOfRange }
        // Letter and digits in one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 5) { buffer in
            let text = buffer.baseAddress!
            text[0] = section
            for offset in 0..<digits { text[1 &+ offset] = field[digitsStart &+ offset] }
            out.append(UnsafeBufferPointer(start: text, count: 1 &+ digits))
        }
    }

    /// The divisions (大类) of GB/T 4754-2017 §5 "国民经济行业分类和代码表", by section (门类),
    /// as ASCII letters; 0 for none.
    ///
    /// The 2017 edition numbers its 97 divisions 01–97 without gaps, so every number 1–97 is
    /// listed; the lists are literal so each section can be checked against the standard's
    /// table (and a revision that retires a division is a one-line change).
    @inline(__always)
    static func sectionLetter(ofDivision division: Int) -> UInt8 {
        switch division {
        // A 农、林、牧、渔业: 农业, 林业, 畜牧业, 渔业, 农林牧渔专业及辅助性活动
        case 1, 2, 3, 4, 5: return 0x41
        // B 采矿业: 煤炭, 油气, 黑色金属矿, 有色金属矿, 非金属矿, 开采专业及辅助性活动, 其他采矿业
        case 6, 7, 8, 9, 10, 11, 12: return 0x42
        // C 制造业: 13 农副食品加工业 … 43 金属制品、机械和设备修理业
        case 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
             34, 35, 36, 37, 38, 39, 40, 41, 42, 43: return 0x43
        // D 电力、热力、燃气及水生产和供应业
        case 44, 45, 46: return 0x44
        // E 建筑业: 房屋建筑, 土木工程建筑, 建筑安装, 建筑装饰装修和其他建筑业
        case 47, 48, 49, 50: return 0x45
        // F 批发和零售业
        case 51, 52: return 0x46
        // G 交通运输、仓储和邮政业: 铁路, 道路, 水上, 航空, 管道, 多式联运和运输代理, 装卸搬运和仓储, 邮政
        case 53, 54, 55, 56, 57, 58, 59, 60: return 0x47
        // H 住宿和餐饮业
        case 61, 62: return 0x48
        // I 信息传输、软件和信息技术服务业
        case 63, 64, 65: return 0x49
        // J 金融业
        case 66, 67, 68, 69: return 0x4A
        // K 房地产业
        case 70: return 0x4B
        // L 租赁和商务服务业
        case 71, 72: return 0x4C
        // M 科学研究和技术服务业
        case 73, 74, 75: return 0x4D
        // N 水利、环境和公共设施管理业 (79 土地管理业 is new in 2017)
        case 76, 77, 78, 79: return 0x4E
        // O 居民服务、修理和其他服务业
        case 80, 81, 82: return 0x4F
        // P 教育
        case 83: return 0x50
        // Q 卫生和社会工作
        case 84, 85: return 0x51
        // R 文化、体育和娱乐业
        case 86, 87, 88, 89, 90: return 0x52
        // S 公共管理、社会保障和社会组织
        case 91, 92, 93, 94, 95, 96: return 0x53
        // T 国际组织
        case 97: return 0x54
        default: return 0
        }
    }
}
