import AssayCore
import AssayKernel
import Foundation
import Testing

@Suite("The kernelspec and its installation")
struct KernelspecTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("kernel/kernel.json starts `assay kernel -f {connection_file}` with signal interrupts")
    func repositoryKernelJSON() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("kernel/kernel.json"))
        let spec = try #require(try JSONValue(parsing: data).objectValue)
        #expect(spec["argv"] == ["assay", "kernel", "-f", "{connection_file}"])
        #expect(spec["display_name"] == "Assay")
        #expect(spec["language"] == "assay")
        #expect(spec["interrupt_mode"] == "signal")
        #expect(Kernelspec(executable: "assay").fileText == String(decoding: data, as: UTF8.self))
    }

    @Test("the embedded logos are the files in kernel/, PNGs of 32 and 64 pixels", arguments: [
        ("logo-32x32.png", 32), ("logo-64x64.png", 64),
    ])
    func logos(name: String, pixels: Int) throws {
        let file = try Data(contentsOf: Self.repository.appendingPathComponent("kernel/\(name)"))
        #expect(file == (pixels == 32 ? KernelLogos.png32 : KernelLogos.png64))
        // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
        #expect(file.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let bytes = [UInt8](file)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == pixels && height == pixels)
    }

    @Test("the embedded SVG logo is kernel/logo-svg.svg")
    func svgLogo() throws {
        #expect(try Data(contentsOf: Self.repository.appendingPathComponent("kernel/logo-svg.svg")) == KernelLogos.svg)
    }

    @Test("installing writes kernel.json naming the executable's absolute path, and the logos")
    func installToPrefix() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("assay-kernelspec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let folder = try KernelspecInstaller(environment: [:], homeDirectory: "/nonexistent")
            .install(executable: "/opt/tools/bin/assay", to: .prefix(prefix.path))
        #expect(folder == prefix.path + "/share/jupyter/kernels/assay")
        let spec = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: folder + "/kernel.json")))
        #expect(spec["argv"] == ["/opt/tools/bin/assay", "kernel", "-f", "{connection_file}"])
        for logo in ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + logo), "\(logo)")
        }
    }

    @Test("destinations resolve as Jupyter's do")
    func destinations() throws {
        let home = "/home/ada"
        #expect(try KernelspecInstaller(environment: [:], homeDirectory: home).dataDirectory(for: .user) == "/home/ada/.local/share/jupyter")
        #expect(try KernelspecInstaller(environment: ["XDG_DATA_HOME": "/xdg"], homeDirectory: home).dataDirectory(for: .user) == "/xdg/jupyter")
        #expect(try KernelspecInstaller(environment: ["JUPYTER_DATA_DIR": "/data"], homeDirectory: home).dataDirectory(for: .user) == "/data")
        #expect(try KernelspecInstaller(environment: ["VIRTUAL_ENV": "/venv"], homeDirectory: home).dataDirectory(for: .sysPrefix) == "/venv/share/jupyter")
        #expect(try KernelspecInstaller(environment: ["CONDA_PREFIX": "/conda"], homeDirectory: home).dataDirectory(for: .sysPrefix) == "/conda/share/jupyter")
        #expect(try KernelspecInstaller(environment: [:], homeDirectory: home).dataDirectory(for: .prefix("/usr/local/")) == "/usr/local/share/jupyter")
    }

    @Test("language_info names a real Pygments lexer and CodeMirror mode")
    func languageInfo() {
        let info = KernelInfo(version: "1.0.0").languageInfo
        #expect(info["name"] == "assay")
        #expect(info["file_extension"] == ".assay")
        #expect(info["mimetype"] == "text/x-assay")
        // Both are checked against the real packages by the Python conformance tests.
        #expect(info["pygments_lexer"] == "python")
        #expect(info["codemirror_mode"] == "python")
    }
}
