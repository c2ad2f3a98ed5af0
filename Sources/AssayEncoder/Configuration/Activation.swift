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

    /// Applies the activation to every element in place.
    ///
    /// - Parameter values: The pre-activation values.
    func apply(to values: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .gelu:
            GELU.apply(to: values)
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
