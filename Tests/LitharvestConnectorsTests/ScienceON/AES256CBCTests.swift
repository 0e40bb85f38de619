import Foundation
import Testing

@testable import LitharvestConnectors

/// ScienceON's AES-256-CBC (swift-crypto underneath) against NIST SP 800-38A and PKCS#7 padding cases.
@Suite("AES-256-CBC (ScienceON accounts)")
struct AES256CBCTests {
    static func bytes(_ hex: String) -> [UInt8] {
        let clean = hex.filter { !$0.isWhitespace }
        return stride(from: 0, to: clean.count, by: 2).map {
            let start = clean.index(clean.startIndex, offsetBy: $0)
            return UInt8(clean[start..<clean.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    static let key = bytes("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
    static let iv = bytes("000102030405060708090a0b0c0d0e0f")
    static let plaintext = bytes("""
        6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
        30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710
        """)
    static let ciphertext = bytes("""
        f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d
        39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b
        """)

    @Test func nistF25EncryptsEveryBlock() throws {
        let cipher = try AES256CBC(key: Self.key, iv: Self.iv)
        let output = cipher.encrypt(Self.plaintext)
        // 64 bytes of data plus one full block of PKCS#7 padding.
        #expect(output.count == 80)
        #expect(Array(output.prefix(64)) == Self.ciphertext)
    }

    @Test func nistF26DecryptsBack() throws {
        let cipher = try AES256CBC(key: Self.key, iv: Self.iv)
        // The NIST ciphertext followed by the padding block encryption adds decrypts to the NIST plaintext.
        let padded = cipher.encrypt(Self.plaintext)
        #expect(Array(padded.prefix(64)) == Self.ciphertext)
        #expect(try cipher.decrypt(padded) == Self.plaintext)
    }

    @Test func pkcs7PadsPartialAndFullBlocks() throws {
        let cipher = try AES256CBC(key: Self.key, iv: Self.iv)
        let thirteen = Array("ScienceON 13b".utf8)
        let encrypted = cipher.encrypt(thirteen)
        #expect(encrypted.count == 16)
        // Thirteen bytes are padded with three bytes of value 3: the same text with those bytes written out
        // (and so padded with a whole block of 16s) starts with the same ciphertext block.
        let writtenOut = cipher.encrypt(thirteen + [3, 3, 3])
        #expect(writtenOut.count == 32)
        #expect(Array(writtenOut.prefix(16)) == encrypted)
        #expect(try cipher.decrypt(encrypted) == thirteen)
        #expect(try cipher.decrypt(writtenOut) == thirteen + [3, 3, 3])
        #expect(cipher.encrypt([]).count == 16)
        #expect(try cipher.decrypt(cipher.encrypt([])) == [])
    }

    @Test func refusesBadKeysAndBadPadding() throws {
        #expect(throws: AES256CBC.Failure.keyLength(16)) { try AES256CBC(key: Array(Self.key.prefix(16)), iv: Self.iv) }
        #expect(throws: AES256CBC.Failure.ivLength(8)) { try AES256CBC(key: Self.key, iv: Array(Self.iv.prefix(8))) }
        let cipher = try AES256CBC(key: Self.key, iv: Self.iv)
        #expect(throws: AES256CBC.Failure.ciphertextLength(15)) { try cipher.decrypt([UInt8](repeating: 0, count: 15)) }
        // The NIST ciphertext alone decrypts to text whose last byte is not valid padding.
        #expect(throws: AES256CBC.Failure.badPadding) { try cipher.decrypt(Self.ciphertext) }
    }
}
