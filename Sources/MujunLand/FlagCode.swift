/// The codes a flag run gives a parcel (spec land.md).
///
/// `IDLE-*` are idle land (闲置土地, 国土资源部令第53号 art. 2), `INEFF-*` inefficient industrial
/// land (低效工业用地, seed 003 二(二)); `LOWFAR` and `SPLIT` are informational; `UNKNOWN` marks a
/// parcel with a test the data could not decide. The rules are in `sql/land/`.
public enum FlagCode: String, Sendable, CaseIterable, Codable {
    /// 未动工: not started a year after the agreed start.
    case idle1 = "IDLE-1"
    /// 中止开发: started, suspended a year, under 1/3 developed or 25 % invested.
    case idle2 = "IDLE-2"
    /// 停工停产.
    case ineff1 = "INEFF-1"
    /// 未按约定建设.
    case ineff2 = "INEFF-2"
    /// 亩均税收低.
    case ineff3 = "INEFF-3"
    /// 司法处置且停产.
    case ineff4 = "INEFF-4"
    /// 淘汰类或僵尸企业.
    case ineff5 = "INEFF-5"
    /// 容积率不达标 (informational).
    case lowfar = "LOWFAR"
    /// 可分割回购 (informational).
    case split = "SPLIT"
    /// 数据缺失无法判定.
    case unknown = "UNKNOWN"
}
