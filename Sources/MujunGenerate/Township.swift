/// A township (镇街) or development zone (园区) of the synthetic county: the `region_code` and
/// `region_name` of the registry and the parcels, and what grades and flags are grouped by.
///
/// The county is modelled on a suburban district of Nanjing (江宁区, division code 320115):
/// nine 街道 with nine-digit township codes, and two development zones with codes in the 4xx
/// range that such zones usually get. Firms are spread by `weight`; the zones are denser.
public struct Township: Sendable, Equatable {
    /// Nine-digit township code, e.g. `320115002`.
    public let code: String
    /// Its name, e.g. `秣陵街道`.
    public let name: String
    /// Relative share of the county's enterprises.
    public let weight: Double
    /// 城镇土地使用税 rate for industrial land here, yuan per m² per year (land grade).
    public let landTaxRate: Double
    /// Roads used to make addresses.
    public let roads: [String]

    /// The district whose townships these are (the first six digits of every code).
    public static let districtCode = "320115"
    public static let districtName = "南京市江宁区"
    /// What firm names start with (`南京某某机械有限公司`).
    public static let cityPrefix = "南京"

    /// The county's townships and zones, in code order.
    public static let all: [Township] = [
        Township(code: "320115001", name: "东山街道", weight: 9, landTaxRate: 8,
                 roads: ["上元大道", "金箔路", "竹山路", "天元中路"]),
        Township(code: "320115002", name: "秣陵街道", weight: 12, landTaxRate: 6,
                 roads: ["秣周东路", "胜太路", "将军大道", "天元东路"]),
        Township(code: "320115003", name: "汤山街道", weight: 7, landTaxRate: 4,
                 roads: ["汤泉东路", "温泉路", "龙尚路"]),
        Township(code: "320115004", name: "淳化街道", weight: 6, landTaxRate: 4,
                 roads: ["淳化路", "青龙路", "土桥路"]),
        Township(code: "320115005", name: "禄口街道", weight: 9, landTaxRate: 5,
                 roads: ["空港路", "飞天大道", "禄铜路", "宁溧路"]),
        Township(code: "320115006", name: "江宁街道", weight: 7, landTaxRate: 4,
                 roads: ["江宁路", "滨江大道", "铜井路"]),
        Township(code: "320115007", name: "谷里街道", weight: 4, landTaxRate: 3,
                 roads: ["谷里大道", "宁丹路"]),
        Township(code: "320115008", name: "湖熟街道", weight: 5, landTaxRate: 3,
                 roads: ["湖熟大道", "龙都路", "周岗路"]),
        Township(code: "320115009", name: "横溪街道", weight: 4, landTaxRate: 3,
                 roads: ["横溪大道", "丹阳路"]),
        Township(code: "320115401", name: "江宁经济技术开发区", weight: 25, landTaxRate: 6,
                 roads: ["苏源大道", "诚信大道", "清水亭西路", "吉印大道", "润麒路", "水阁路"]),
        Township(code: "320115402", name: "江宁滨江经济开发区", weight: 12, landTaxRate: 5,
                 roads: ["丽水大街", "盛安大道", "滨江大道", "宝象路"]),
    ]

    static let weights: [Double] = all.map(\.weight)
}
