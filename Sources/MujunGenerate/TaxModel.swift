import Foundation
import MujunCore

/// How much tax an enterprise pays each month, and what it sells (spec extracts.md `tax`).
///
/// The year's tax other than land-use and property tax is the firm's tax per mu times the
/// land it produces on (or a base amount for firms whose tax does not come from land), grown
/// yearly; it is paid as VAT every month, corporate income tax in quarterly prepayments with
/// a settlement in May that is sometimes a refund, individual income tax withheld monthly and
/// surcharges on VAT. Land-use and property tax are paid in April and October on land held
/// and buildings in use. Some firms get a VAT credit refund (留抵退税) once a year: a negative
/// VAT month. Stopped firms pay only land taxes; suspended ones file zero returns.
struct TaxModel {
    let firstYear: Int
    let seed: UInt64

    /// Seasonal shape of VAT and sales (Spring Festival in February, year-end rush).
    static let season: [Double] = [1.0, 0.72, 1.0, 1.0, 1.0, 1.04, 0.98, 0.98, 1.04, 1.0, 1.06, 1.18]
    /// Property tax per m² of floor area per year (1.2 % of 70 % of a building's value).
    static let propertyTaxPerM2 = 21.0

    /// The months of `year` in which the firm files, with their amounts.
    func months(of firm: Enterprise, year: Int) -> [MonthlyTax] {
        var random = SeededRandom(seed: seed, stream: .tax, index: firm.index, salt: year)
        let refundMonth = firm.getsRefunds ? random.int(in: 1...12) : 0
        let settlement = random.uniform(-0.3, 0.35)
        var rows: [MonthlyTax] = []
        rows.reserveCapacity(12)
        for month in 1...12 {
            let monthStart = CalendarDay(year: year, month: month, day: 1)!
            guard firm.alive(inMonth: monthStart) else { continue }
            var row = MonthlyTax(month: month)
            let stopped = firm.stopped(inMonth: monthStart)
            if firm.status == .suspended && stopped {
                rows.append(row)  // 零申报: a zero return
                continue
            }
            let monthEnd = monthStart.endOfMonth
            var producingMu = 0.0, heldM2 = 0.0, floorM2 = 0.0
            for parcel in firm.parcels where parcel.suppliedOn <= monthEnd {
                heldM2 += Double(parcel.areaCents) / 100
                if parcel.producing(on: monthEnd) {
                    producingMu += parcel.mu
                    floorM2 += Double(parcel.floorAreaCents ?? parcel.areaCents) / 100
                }
            }
            let grown = pow(1 + firm.growth, Double(year - firstYear) + Double(month - 1) / 12)
            let core = stopped ? 0 : (firm.taxPerMu * producingMu + firm.baseTax) * grown
            let season = TaxModel.season[month - 1]
            var vat = core * 0.50 / 12 * season * random.uniform(0.75, 1.25)
            if month == refundMonth { vat = -core * random.uniform(0.08, 0.3) }
            var cit = 0.0
            switch month {
            case 1, 4, 7, 10: cit = core * 0.22 / 4 * random.uniform(0.6, 1.4)
            case 5: cit = core * 0.22 * settlement
            default: break
            }
            let iit = core * 0.08 / 12 * random.uniform(0.9, 1.1)
            let other = max(vat, 0) * 0.12 + core * 0.02 / 12
            row.vat = TaxModel.cents(vat)
            row.corporateIncomeTax = TaxModel.cents(cit)
            row.individualIncomeTax = TaxModel.cents(iit)
            row.otherTaxes = TaxModel.cents(other)
            if month == 4 || month == 10 {
                row.urbanLandUseTax = TaxModel.cents(heldM2 * firm.township.landTaxRate / 2)
                row.propertyTax = TaxModel.cents(floorM2 * TaxModel.propertyTaxPerM2 / 2)
            }
            let sales = core / firm.taxShare / 12 * season * random.uniform(0.85, 1.15)
            row.salesRevenue = TaxModel.cents(sales)
            rows.append(row)
        }
        return rows
    }

    /// Yuan to cents, rounded half away from zero.
    static func cents(_ yuan: Double) -> Int64 {
        Int64((yuan * 100).rounded())
    }
}
