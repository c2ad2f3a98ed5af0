import Foundation

/// The feed-forward activation function of an encoder layer.
public enum Activation: CaseIterable, Sendable {
    /// GELU with the exact error function: `0.5·x·(1 + erf(x/√2))` (`gelu`).
    case gelu
    /// GELU with the tanh approximation (`gelu_new`, `gelu_pytorch_tanh`, `gelu_fast`).
    case geluTanh
    /// The rectified linear unit (`relu`).
    case relu

    /// The spellings of this activation in `config.json`.
    var configurationNames: [String] {
        switch self {
        case .gelu: ["gelu"]
        case .geluTanh: ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"]
        case .relu: ["relu"]
        }
    }

    /// Looks up a `config.json` spelling.
    ///
    /// - Parameter configurationName: The `hidden_act` or `activation` value.
    init?(configurationName: String) {
        guard let match = Self.allCases.first(where: { $0.configurationNames.contains(configurationName) }) else {
            return nil
        }
        self = match
    }

    /// Adds a bias to every row and applies the activation, in place.
    ///
    /// - Parameters:
    ///   - values: `rows × bias.count` products of a linear layer computed without its bias.
    ///   - rows: The number of rows.
    ///   - bias: The linear layer's bias.
    func apply(to values: UnsafeMutablePointer<Float>, rows: Int, adding bias: [Float]) {
        let width = bias.count
        bias.withUnsafeBufferPointer { bias in
            let bias = bias.baseAddress!
            if self == .gelu {
                Kernels.gelu(values, rows: rows, width: width, adding: bias)
                return
            }
            for row in 0..<rows {
                let x = values + row * width
                for index in 0..<width {
                    x[index] += bias[index]
                }
                apply(to: UnsafeMutableBufferPointer(start: x, count: width))
            }
        }
    }

    /// Applies the activation to every element in place.
    ///
    /// - Parameter values: The pre-activation values.
    func apply(to values: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .gelu:
            if let base = values.baseAddress {
                Kernels.gelu(base, count: values.count)
            }
        case .geluTanh:
            let squareRootTwoOverPi: Float = 0.79788456080286535588
            for index in values.indices {
                let x = values[index]
                values[index] = 0.5 * x * (1 + tanh(squareRootTwoOverPi * (x + 0.044715 * x * x * x)))
            }
        case .relu:
            for index in values.indices {
                values[index] = max(values[index], 0)
            }
        }
    }
}
