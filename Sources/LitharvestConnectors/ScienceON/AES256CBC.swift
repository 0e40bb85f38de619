import Crypto
import Foundation
import _CryptoExtras

/// AES-256 in CBC mode with PKCS#7 padding, as ScienceON's token request needs for `accounts`.
///
/// The cipher is swift-crypto's (`AES._CBC`); this type only fixes the key and IV sizes ScienceON uses and
/// turns the library's errors into the reasons the connector reports.
struct AES256CBC {
    /// Why a key, IV or ciphertext was refused.
    enum Failure: Error, Equatable {
        case keyLength(Int)
        case ivLength(Int)
        case ciphertextLength(Int)
        case badPadding
    }

    static let blockSize = 16
    private let key: SymmetricKey
    private let iv: AES._CBC.IV

    /// Creates a cipher for a 32-byte `key` and a 16-byte `iv`.
    init(key: [UInt8], iv: [UInt8]) throws(Failure) {
        guard key.count == 32 else { throw .keyLength(key.count) }
        guard iv.count == Self.blockSize, let iv = try? AES._CBC.IV(ivBytes: iv) else { throw .ivLength(iv.count) }
        self.key = SymmetricKey(data: key)
        self.iv = iv
    }

    /// Pads `plaintext` with PKCS#7 (always at least one byte) and encrypts it in CBC mode.
    func encrypt(_ plaintext: [UInt8]) -> [UInt8] {
        do {
            return Array(try AES._CBC.encrypt(plaintext, using: key, iv: iv))
        } catch {
            // The library refuses only keys of another size, and the initializer admits 32-byte keys only.
            preconditionFailure("AES-256-CBC refused a 32-byte key: \(error)")
        }
    }

    /// Decrypts CBC `ciphertext` and removes its PKCS#7 padding.
    func decrypt(_ ciphertext: [UInt8]) throws(Failure) -> [UInt8] {
        // Checked here because the library expects whole blocks.
        guard !ciphertext.isEmpty, ciphertext.count % Self.blockSize == 0 else {
            throw .ciphertextLength(ciphertext.count)
        }
        let padded: Data
        do {
            padded = try AES._CBC.decrypt(ciphertext, using: key, iv: iv, noPadding: true)
        } catch {
            preconditionFailure("AES-256-CBC refused a 32-byte key: \(error)")
        }
        // PKCS#7 is checked here, not by the library, which accepts a padding byte larger than a block.
        guard let padding = padded.last, (1...Self.blockSize).contains(Int(padding)),
            padded.suffix(Int(padding)).allSatisfy({ $0 == padding })
        else { throw .badPadding }
        return Array(padded.dropLast(Int(padding)))
    }
}
