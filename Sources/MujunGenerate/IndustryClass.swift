/// A class (小类) of GB/T 4754-2017 that synthetic firms belong to, with what the generator
/// needs to make them plausible: words for firm names, how much of sales ends up as tax, and
/// how much electricity a yuan of sales takes.
///
/// About three quarters of a county's firms are manufacturing (section C), from light
/// (garments, electronics) to heavy (steel rolling, castings, chemicals), so that tax per kWh
/// spreads as widely as it does in real evaluations.
public struct IndustryClass: Sendable, Equatable {
    /// Section letter and four digits, e.g. `C3311`.
    public let code: String
    /// The class's name in the standard.
    public let title: String
    /// Words that firms of the class put in their names (`机械`, `钢结构`…).
    public let nameWords: [String]
    /// Relative frequency among firms of its group.
    public let weight: Double
    /// Tax (excluding land-use and property tax) as a share of sales.
    public let taxShare: Double
    /// kWh per yuan of sales.
    public let kWhPerYuan: Double

    public var isManufacturing: Bool { code.hasPrefix("C") }

    /// Manufacturing classes (section C).
    public static let manufacturing: [IndustryClass] = [
        IndustryClass("C1391", "淀粉及淀粉制品制造", ["食品", "淀粉制品"], 1, 0.035, 0.08),
        IndustryClass("C1411", "糕点、面包制造", ["食品", "烘焙食品"], 1, 0.045, 0.04),
        IndustryClass("C1713", "棉印染精加工", ["印染", "纺织"], 1, 0.035, 0.15),
        IndustryClass("C1819", "其他机织服装制造", ["服饰", "服装"], 2, 0.04, 0.02),
        IndustryClass("C2110", "木质家具制造", ["家具", "木业"], 2, 0.04, 0.03),
        IndustryClass("C2231", "纸和纸板容器制造", ["包装", "纸业"], 2, 0.04, 0.06),
        IndustryClass("C2319", "包装装潢及其他印刷", ["印务", "彩印"], 2, 0.05, 0.04),
        IndustryClass("C2614", "有机化学原料制造", ["化工", "化学"], 2, 0.05, 0.25),
        IndustryClass("C2641", "涂料制造", ["涂料", "化工"], 2, 0.06, 0.05),
        IndustryClass("C2651", "初级形态塑料及合成树脂制造", ["新材料", "树脂"], 1, 0.05, 0.15),
        IndustryClass("C2720", "化学药品制剂制造", ["药业", "制药"], 2, 0.10, 0.06),
        IndustryClass("C2922", "塑料板、管、型材制造", ["塑业", "管业"], 2, 0.04, 0.08),
        IndustryClass("C2929", "塑料零件及其他塑料制品制造", ["塑胶", "塑料制品"], 3, 0.04, 0.08),
        IndustryClass("C3021", "水泥制品制造", ["建材", "混凝土制品"], 2, 0.04, 0.10),
        IndustryClass("C3130", "钢压延加工", ["钢业", "金属材料"], 2, 0.03, 0.35),
        IndustryClass("C3311", "金属结构制造", ["钢结构", "金属结构"], 4, 0.04, 0.06),
        IndustryClass("C3312", "金属门窗制造", ["门窗", "幕墙"], 2, 0.04, 0.04),
        IndustryClass("C3391", "黑色金属铸造", ["铸造", "铸业"], 2, 0.035, 0.30),
        IndustryClass("C3399", "其他未列明金属制品制造", ["金属制品", "五金"], 3, 0.04, 0.07),
        IndustryClass("C3421", "金属切削机床制造", ["机床", "数控机床"], 2, 0.05, 0.04),
        IndustryClass("C3441", "泵及真空设备制造", ["泵业", "流体设备"], 2, 0.05, 0.04),
        IndustryClass("C3451", "滚动轴承制造", ["轴承", "传动"], 2, 0.05, 0.06),
        IndustryClass("C3484", "机械零部件加工", ["机械", "精密机械"], 6, 0.05, 0.06),
        IndustryClass("C3511", "矿山机械制造", ["重工", "矿山机械"], 1, 0.05, 0.05),
        IndustryClass("C3562", "半导体器件专用设备制造", ["半导体设备", "微电子装备"], 1, 0.07, 0.03),
        IndustryClass("C3670", "汽车零部件及配件制造", ["汽车零部件", "汽配"], 6, 0.05, 0.06),
        IndustryClass("C3811", "发电机及发电机组制造", ["电机", "动力设备"], 2, 0.05, 0.04),
        IndustryClass("C3823", "配电开关控制设备制造", ["电气", "开关"], 3, 0.06, 0.03),
        IndustryClass("C3825", "光伏设备及元器件制造", ["光伏", "光能"], 2, 0.04, 0.12),
        IndustryClass("C3831", "电线、电缆制造", ["电缆", "线缆"], 2, 0.03, 0.05),
        IndustryClass("C3841", "锂离子电池制造", ["新能源", "电池"], 2, 0.04, 0.10),
        IndustryClass("C3872", "照明灯具制造", ["照明", "光电"], 2, 0.05, 0.03),
        IndustryClass("C3911", "计算机整机制造", ["电子", "计算机"], 1, 0.03, 0.02),
        IndustryClass("C3973", "集成电路制造", ["集成电路", "微电子"], 1, 0.06, 0.15),
        IndustryClass("C3982", "电子电路制造", ["电路", "电子科技"], 3, 0.05, 0.08),
        IndustryClass("C4011", "工业自动控制系统装置制造", ["自动化", "智能控制"], 3, 0.07, 0.02),
        IndustryClass("C4190", "其他未列明制造业", ["实业", "制造"], 2, 0.04, 0.05),
        IndustryClass("C4320", "通用设备修理", ["设备维修", "机电设备"], 1, 0.06, 0.03),
    ]

    /// The warehousing class of the firms that hold 仓储 land.
    public static let warehousing = IndustryClass("G5920", "通用仓储", ["仓储", "物流"], 1, 0.06, 0.02)

    /// Other sections: trade, logistics, construction, software, research, power, real estate,
    /// catering, environment.
    public static let services: [IndustryClass] = [
        IndustryClass("F5164", "金属及金属矿批发", ["物资", "金属贸易"], 3, 0.01, 0.001),
        IndustryClass("F5165", "建材批发", ["建材贸易", "商贸"], 3, 0.01, 0.001),
        IndustryClass("G5821", "货物运输代理", ["物流", "供应链"], 2, 0.02, 0.002),
        IndustryClass("E4790", "其他房屋建筑业", ["建设", "建筑工程"], 2, 0.03, 0.002),
        IndustryClass("I6513", "应用软件开发", ["软件", "信息技术"], 3, 0.08, 0.003),
        IndustryClass("M7320", "工程和技术研究和试验发展", ["科技", "技术研究"], 2, 0.06, 0.004),
        IndustryClass("D4416", "太阳能发电", ["光伏电力", "新能源发电"], 1, 0.08, 0.001),
        IndustryClass("K7010", "房地产开发经营", ["置业", "房地产开发"], 1, 0.12, 0.001),
        IndustryClass("H6210", "正餐服务", ["餐饮", "酒店管理"], 2, 0.03, 0.02),
        IndustryClass("N7820", "环境卫生管理", ["环境", "环境工程"], 1, 0.04, 0.01),
    ]

    static let manufacturingWeights: [Double] = manufacturing.map(\.weight)
    static let serviceWeights: [Double] = services.map(\.weight)

    init(_ code: String, _ title: String, _ nameWords: [String], _ weight: Double,
         _ taxShare: Double, _ kWhPerYuan: Double) {
        self.code = code
        self.title = title
        self.nameWords = nameWords
        self.weight = weight
        self.taxShare = taxShare
        self.kWhPerYuan = kWhPerYuan
    }
}
