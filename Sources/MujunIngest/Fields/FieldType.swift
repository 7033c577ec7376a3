/// The type of one extract column, as the kind tables of spec extracts.md declare it.
///
/// Each case names a validation rule and the canonical form `FieldParser` writes for COPY.
/// The rules are those of spec details.md; the case comments cite the item.
public enum FieldType: Sendable, Equatable {
    /// Any text, written COPY-escaped. A NUL byte is `badEncoding` (details #68): PostgreSQL
    /// text cannot hold it and would abort the whole COPY.
    case text
    /// 统一社会信用代码 (domain.md, details #14): full-width folded, upper-cased, 18 characters
    /// with a correct GB 32100-2015 check character, else `badUSCC`. Written as 18 ASCII bytes.
    case uscc
    /// A calendar date in one of the four forms of details #8, with an optional Excel time part
    /// (details #56), within 1900-01-01…2099-12-31 (details #68), else `badDate`.
    /// Written `YYYY-MM-DD`.
    case date
    /// A month (`period`): the date forms without the day and without a time part, else
    /// `badDate`. Written `YYYY-MM-01`, the first day of the month.
    case month
    /// Yuan, `numeric(18,2)`: at most 2 decimals (else `badNumber`), at most 16 integer digits
    /// (else `outOfRange`); negative allowed (tax refunds).
    case money
    /// As `money`, but a negative amount is `negativeValue` (checked after the type's own
    /// rules, details #6).
    case moneyNonNegative
    /// m², `numeric(14,2)`, ≥ 0: at most 2 decimals (`badNumber`), at most 12 integer digits
    /// (`outOfRange`), negative → `negativeValue`.
    case area
    /// As `area`, but 0 is `outOfRange` (details #9: "an area of 0 where > 0 is required").
    case areaPositive
    /// kWh, ≥ 0, any number of decimals (details #9); negative → `negativeValue`.
    case kwh
    /// A statistics `year` (details.md #85, #102): four ASCII digits, optionally followed by 年
    /// (`2024`, `2024年`), else `badNumber`; four digits outside 2000–2100 are `outOfRange`.
    case year
    /// Integer ≥ 0 (employees): a decimal point is `badNumber`, above 2147483647 is
    /// `outOfRange` (details #68), negative is `negativeValue`.
    case count
    /// `Y/N`, `是/否`, `1/0`, `true/false`, ASCII case-insensitive (details #10), written `t`/`f`;
    /// anything else `outOfRange`.
    case boolean
    /// Registry status (extracts.md, details #11), written as its English code; anything else
    /// `outOfRange`.
    case registryStatus
    /// `power`/`water`/`gas` (any case) or `电`/`水`/`气` (details #11); anything else `outOfRange`.
    case utility
    /// 闲置原因 (details #11): `enterprise`, `government`, or `other` for any other text.
    case idleCause
    /// GB/T 4754-2017 class code (details #12), written with its upper-case section letter.
    case industryCode
    /// A power `account_no` (details #13): ASCII digits only, leading zeros kept.
    case accountDigits
}
