/// One month of tax paid by one enterprise (入库税收), a row of the `tax` extract; amounts in
/// cents of yuan. Refunds are negative.
struct MonthlyTax: Sendable, Equatable {
    var month: Int
    var vat: Int64 = 0
    var corporateIncomeTax: Int64 = 0
    var individualIncomeTax: Int64 = 0
    var urbanLandUseTax: Int64 = 0
    var propertyTax: Int64 = 0
    var otherTaxes: Int64 = 0
    var salesRevenue: Int64 = 0

    /// Tax as grading sums it (every column but sales).
    var total: Int64 {
        vat + corporateIncomeTax + individualIncomeTax + urbanLandUseTax + propertyTax + otherTaxes
    }
}
