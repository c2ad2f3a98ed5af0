import Foundation
import AssaySession

extension MIMEBundle {
    /// The bundle as a Jupyter `data` object: JSON media types travel as JSON, the rest as text.
    package var jupyterData: [String: JSON] {
        data.reduce(into: [:]) { result, entry in
            let isJSON = entry.key == "application/json" || entry.key.hasSuffix("+json")
            if isJSON, let parsed = try? JSON(parsing: Data(entry.value.utf8)) {
                result[entry.key] = parsed
            } else {
                result[entry.key] = .string(entry.value)
            }
        }
    }
}
