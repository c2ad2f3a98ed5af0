import Foundation

extension RunCost {
    /// An amount in dollars as people read it: `$0`, `$1.25`, `$0.0123`, and under a cent two
    /// significant digits (`$0.00045`, `$0.0000090`).
    package static func dollars(_ amount: Double) -> String {
        guard amount.isFinite, amount != 0 else { return "$0" }
        let magnitude = abs(amount)
        let decimals: Int
        if magnitude >= 1 {
            decimals = 2
        } else if magnitude >= 0.01 {
            decimals = 4
        } else {
            decimals = min(12, Int(-log10(magnitude).rounded(.down)) + 2)
        }
        return "$" + String(format: "%.\(decimals)f", amount)
    }
}

extension RunCost {
    /// An amount rounded to a ten-billionth of a dollar, so that sums of prices read as written
    /// (`0.00045`, not `0.0004499999999999976`).
    package static func rounded(_ amount: Double) -> Double {
        (amount * 1e10).rounded() / 1e10
    }
}
