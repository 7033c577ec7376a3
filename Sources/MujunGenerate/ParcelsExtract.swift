import Foundation

/// Writes `parcels_<as-of>.csv`: natural resources' register of supplied land and its
/// development (spec extracts.md `parcels`), Chinese headers, dates the way Excel writes them
/// (`2019/3/5`), and as planted bad rows parcels whose contract date does not exist
/// (`2023/2/29`).
struct ParcelsExtract {
    let writer: ExtractWriter
    private(set) var planted: [PlantedReject] = []
    private var schedule: PlantSchedule

    static let header = ["宗地代码", "不动产权证号", "土地使用权人", "土地使用权人信用代码", "区划代码", "土地用途",
                         "宗地面积(平方米)", "供地方式", "合同签订日期", "约定动工日期", "约定竣工日期", "实际动工日期",
                         "投产日期", "已开发面积", "约定总投资", "已完成投资", "停工日期", "出让价款", "建筑面积",
                         "司法查封", "闲置原因", "认定书编号", "认定日期"]
    static let impossibleDates = ["2023/2/29", "2022/4/31", "2021/6/31", "2019/9/31", "2022/11/31"]

    init(directory: URL, options: CountyOptions) throws {
        writer = try ExtractWriter(url: directory.appendingPathComponent("parcels_\(options.asOf).csv"),
                                   format: ExtractFormat.of(.parcels, year: options.lastYear, lastYear: options.lastYear))
        writer.header(ParcelsExtract.header)
        schedule = PlantSchedule(enterprises: options.enterprises)
    }

    mutating func write(_ firm: Enterprise) throws {
        for parcel in firm.parcels { row(parcel, firm) }
        schedule.reach(firm.index)
        if schedule.isOwed {
            // A parcel of the firm's in every respect but a contract date that does not exist;
            // numbered in the slot no real parcel uses.
            let line = writer.nextLine
            let number = firm.index * ParcelPlanner.slotsPerEnterprise + ParcelPlanner.slotsPerEnterprise - 1
            let bad = ParcelsExtract.impossibleDates[planted.count % ParcelsExtract.impossibleDates.count]
            writer.text(ParcelPlanner.parcelID(number: number, township: firm.township))
            writer.empty()
            writer.text(firm.name)
            writer.text(firm.uscc)
            writer.text(firm.township.code)
            writer.raw("工业")
            writer.money(1_333_333)
            writer.raw("出让")
            writer.text(bad)
            for _ in 0..<14 { writer.empty() }
            writer.endRow()
            planted.append(PlantedReject(line: line, reason: "bad_date", column: "supplied_on",
                                         note: "contract date \(bad) does not exist"))
            schedule.paid()
        }
        try writer.flushIfFull()
    }

    private func row(_ parcel: Parcel, _ firm: Enterprise) {
        let w = writer
        w.text(parcel.parcelID)
        w.text(parcel.certNo)
        w.text(firm.name)
        w.text(firm.uscc)
        w.text(parcel.township.code)
        w.text(parcel.landUse)
        w.money(parcel.areaCents)
        w.text(parcel.supplyMethod)
        w.date(parcel.suppliedOn, slashed: true)
        w.date(parcel.agreedStartOn, slashed: true)
        w.date(parcel.agreedCompletionOn, slashed: true)
        w.date(parcel.actualStartOn, slashed: true)
        w.date(parcel.productionStartOn, slashed: true)
        optionalMoney(parcel.developedCents)
        optionalMoney(parcel.totalInvestmentCents)
        optionalMoney(parcel.investedCents)
        w.date(parcel.suspendedSince, slashed: true)
        optionalMoney(parcel.landPriceCents)
        optionalMoney(parcel.floorAreaCents)
        if parcel.judicialSeizure { w.raw("是") } else if parcel.areaCents % 3 == 0 { w.empty() } else { w.raw("否") }
        w.text(parcel.idleCause)
        w.text(parcel.determinationNo)
        w.date(parcel.determinedOn, slashed: true)
        w.endRow()
    }

    private func optionalMoney(_ cents: Int64?) {
        if let cents { writer.money(cents) } else { writer.empty() }
    }
}
