/// Why an encoder could not be loaded: a missing file (and how to get it) or a file that did not read.
struct EncoderLoadFailure: Error, Sendable {
    /// What went wrong.
    let message: String
    /// What to do about it.
    let hint: String

    init(missingFile file: String, in directory: String, entryName: String?) {
        let origin = entryName.map { "the encoder '\($0)' points at \(directory), which" } ?? "the encoder folder \(directory)"
        message = "\(origin) has no \(file)"
        hint = "run scripts/fetch-encoder-model.sh to download all-MiniLM-L6-v2 into .cache/models, "
            + "or fix the encoder's \"path\" in models.json"
    }

    init(loading directory: String, entryName: String?, error: any Error) {
        let origin = entryName.map { "the encoder '\($0)' (\(directory))" } ?? "the encoder folder \(directory)"
        message = "cannot load \(origin): \(error)"
        hint = "check the folder's files, or run scripts/fetch-encoder-model.sh again"
    }
}
