import AssayCore
import AssayKernel
import AssaySession
import Testing

@Suite("MIME bundles become Jupyter data at the kernel's edge")
struct JupyterDataTests {
    @Test("text travels as strings and JSON as JSON, never as JSON inside a string")
    func representations() {
        let bundle = MIMEBundle(data: [
            "text/plain": .text("{\"a\": 1}"),
            "application/json": .json(["a": 1, "b": [true]]),
        ])
        let wire = String(decoding: JSONValue.object(bundle.jupyterData).wireBytes, as: UTF8.self)
        #expect(wire == #"{"application/json":{"a":1,"b":[true]},"text/plain":"{\"a\": 1}"}"#, "MIME types in order")
    }

    @Test("a run's progress is sent under its MIME type as an object of done, total, errors and final")
    func progress() {
        let bundle = MIMEBundle(data: ["text/plain": .text("run")], progress: ProgressReport(done: 3, total: 10, errors: 1, isFinal: false))
        let progress = bundle.jupyterData[MIMEBundle.progressMIMEType]
        #expect(progress == ["done": 3, "total": 10, "errors": 1, "final": false])
        #expect(bundle.isProgress && !bundle.isFinalProgress)
    }
}
