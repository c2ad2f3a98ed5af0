import AssayKernel
import Foundation
import Testing

@Suite("HMAC-SHA256 signing over the four JSON frames")
struct MessageSignerTests {
    let frames = [#"{"msg_id":"1","msg_type":"kernel_info_request"}"#, "{}", "{}", #"{"code":"1 + 1"}"#].map { Data($0.utf8) }

    @Test("the signature is the HMAC of the frames' bytes in order (RFC 4231 test case 2)")
    func knownVector() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?", split across frames.
        let signer = MessageSigner(key: "Jefe")
        let parts = ["what do ", "ya want ", "for ", "nothing?"].map { Data($0.utf8) }
        #expect(signer.signature(of: parts) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("a message signed with the key is accepted, in either hex case")
    func acceptsValidSignature() {
        let signer = MessageSigner(key: "secret-key")
        let signature = signer.signature(of: frames)
        #expect(signer.isValid(signature: Data(signature.utf8), of: frames))
        #expect(signer.isValid(signature: Data(signature.uppercased().utf8), of: frames))
    }

    @Test("changing any one byte of any frame is detected", arguments: 0..<4)
    func rejectsTamperedByte(frameIndex: Int) {
        let signer = MessageSigner(key: "secret-key")
        let signature = Data(signer.signature(of: frames).utf8)
        var tampered = frames
        var bytes = [UInt8](tampered[frameIndex])
        bytes[bytes.count / 2] ^= 0x01
        tampered[frameIndex] = Data(bytes)
        #expect(!signer.isValid(signature: signature, of: tampered))
    }

    @Test("a tampered signature byte, a short signature, non-hex text and another key's signature are rejected")
    func rejectsBadSignatures() {
        let signer = MessageSigner(key: "secret-key")
        var signature = [UInt8](signer.signature(of: frames).utf8)
        signature[10] = signature[10] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!signer.isValid(signature: Data(signature), of: frames))
        #expect(!signer.isValid(signature: Data(signer.signature(of: frames).prefix(62).utf8), of: frames))
        #expect(!signer.isValid(signature: Data(String(repeating: "zz", count: 32).utf8), of: frames))
        #expect(!signer.isValid(signature: Data(), of: frames))
        let other = MessageSigner(key: "another-key")
        #expect(!signer.isValid(signature: Data(other.signature(of: frames).utf8), of: frames))
    }

    @Test("an empty key means no signing: empty signatures, and anything is accepted")
    func emptyKeyDisablesSigning() {
        let signer = MessageSigner(key: "")
        #expect(!signer.isSigning)
        #expect(signer.signature(of: frames) == "")
        #expect(signer.isValid(signature: Data(), of: frames))
        #expect(signer.isValid(signature: Data("not a signature".utf8), of: frames))
    }
}
