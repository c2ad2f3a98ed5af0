import AssayCore
import AssaySession

extension MIMEBundle {
    /// The bundle as a Jupyter `data` object: text as strings, JSON as JSON, the progress under
    /// ``MIMEBundle/progressMIMEType``; MIME types in order, so a bundle always gives the same object.
    package var jupyterData: JSONObject {
        var result = JSONObject()
        for (mimeType, representation) in data.sorted(by: { $0.key < $1.key }) {
            switch representation {
            case .text(let text): result[mimeType] = .string(text)
            case .json(let value): result[mimeType] = value
            }
        }
        if let progress {
            result[Self.progressMIMEType] = progress.json
        }
        return result
    }
}
