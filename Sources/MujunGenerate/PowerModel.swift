import Foundation
import MujunCore

/// How many kWh each power account uses each month (spec extracts.md `power`).
///
/// Production accounts follow the firm's sales times its industry's electricity intensity,
/// with a summer and winter peak; a firm whose production stopped shows 0 kWh every month
/// (the rows keep coming: the account is open); building sites and offices use a small steady
/// amount. An account has rows from the month it opened while the firm exists.
struct PowerModel {
    let firstYear: Int
    let seed: UInt64

    static let season: [Double] = [1.04, 0.78, 0.98, 0.95, 1.0, 1.06, 1.16, 1.17, 1.02, 0.96, 0.94, 1.0]

    /// (month, kWh) for `account` of `firm` in `year`.
    func months(of account: PowerAccount, number: Int, firm: Enterprise, year: Int) -> [(Int, Int64)] {
        var random = SeededRandom(seed: seed, stream: .power, index: firm.index, salt: year * 8 + number)
        let officeBase = random.uniform(1_500, 30_000)
        var rows: [(Int, Int64)] = []
        rows.reserveCapacity(12)
        for month in 1...12 {
            let monthStart = CalendarDay(year: year, month: month, day: 1)!
            guard firm.alive(inMonth: monthStart), account.opensOn.monthIndex <= monthStart.monthIndex else { continue }
            let noise = random.uniform(0.85, 1.15)
            if firm.stopped(inMonth: monthStart) {
                rows.append((month, 0))
                continue
            }
            let kWh: Double
            switch account.usage {
            case .office:
                kWh = officeBase * PowerModel.season[month - 1] * noise
            case .construction:
                kWh = random.uniform(3_000, 25_000)
            case .production:
                let monthEnd = monthStart.endOfMonth
                let producingMu = firm.parcels.reduce(0.0) { $0 + ($1.producing(on: monthEnd) ? $1.mu : 0) }
                if producingMu == 0 {
                    kWh = random.uniform(5_000, 30_000)  // building its plant
                } else {
                    let grown = pow(1 + firm.growth, Double(year - firstYear) + Double(month - 1) / 12)
                    let sales = (firm.taxPerMu * producingMu + firm.baseTax) * grown / firm.taxShare
                    kWh = sales * firm.kWhPerYuan * account.share / 12 * PowerModel.season[month - 1] * noise
                }
            }
            rows.append((month, Int64(kWh.rounded())))
        }
        return rows
    }
}
