/// AES-256 (FIPS 197) in CBC mode with PKCS#7 padding, in plain Swift.
///
/// ScienceON's token request needs `accounts` encrypted this way, and Linux has neither CryptoKit nor
/// CommonCrypto; no new C module may be added. This is a straightforward byte-oriented
/// implementation (S-box lookups, so not constant-time): it protects a timestamp and a MAC address in
/// transit to the gateway, not data at rest, and must not be reused where timing attacks matter.
/// Checked against NIST SP 800-38A F.2.5/F.2.6 (CBC-AES256) in the tests.
struct AES256CBC {
    /// Why a key, IV or ciphertext was refused.
    enum Failure: Error, Equatable {
        case keyLength(Int)
        case ivLength(Int)
        case ciphertextLength(Int)
        case badPadding
    }

    static let blockSize = 16
    private static let rounds = 14
    private let roundKeys: [UInt8]
    private let iv: [UInt8]

    /// Creates a cipher for a 32-byte `key` and a 16-byte `iv`.
    init(key: [UInt8], iv: [UInt8]) throws(Failure) {
        guard key.count == 32 else { throw .keyLength(key.count) }
        guard iv.count == Self.blockSize else { throw .ivLength(iv.count) }
        self.roundKeys = Self.expand(key)
        self.iv = iv
    }

    /// Pads `plaintext` with PKCS#7 (always at least one byte) and encrypts it in CBC mode.
    func encrypt(_ plaintext: [UInt8]) -> [UInt8] {
        let padding = Self.blockSize - plaintext.count % Self.blockSize
        var data = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
        var previous = iv
        for start in stride(from: 0, to: data.count, by: Self.blockSize) {
            var block = Array(data[start..<start + Self.blockSize])
            for index in 0..<Self.blockSize { block[index] ^= previous[index] }
            encryptBlock(&block)
            data.replaceSubrange(start..<start + Self.blockSize, with: block)
            previous = block
        }
        return data
    }

    /// Decrypts CBC `ciphertext` and removes its PKCS#7 padding.
    func decrypt(_ ciphertext: [UInt8]) throws(Failure) -> [UInt8] {
        guard !ciphertext.isEmpty, ciphertext.count % Self.blockSize == 0 else {
            throw .ciphertextLength(ciphertext.count)
        }
        var output: [UInt8] = []
        output.reserveCapacity(ciphertext.count)
        var previous = iv
        for start in stride(from: 0, to: ciphertext.count, by: Self.blockSize) {
            let cipherBlock = Array(ciphertext[start..<start + Self.blockSize])
            var block = cipherBlock
            decryptBlock(&block)
            for index in 0..<Self.blockSize { block[index] ^= previous[index] }
            output += block
            previous = cipherBlock
        }
        guard let padding = output.last, (1...Self.blockSize).contains(Int(padding)),
            output.suffix(Int(padding)).allSatisfy({ $0 == padding })
        else { throw .badPadding }
        return Array(output.dropLast(Int(padding)))
    }

    // MARK: Block cipher

    /// Encrypts one 16-byte block in place (the state is column-major, as in FIPS 197).
    func encryptBlock(_ state: inout [UInt8]) {
        addRoundKey(&state, round: 0)
        for round in 1..<Self.rounds {
            Self.substitute(&state, with: Self.sBox)
            Self.shiftRows(&state)
            Self.mixColumns(&state)
            addRoundKey(&state, round: round)
        }
        Self.substitute(&state, with: Self.sBox)
        Self.shiftRows(&state)
        addRoundKey(&state, round: Self.rounds)
    }

    /// Decrypts one 16-byte block in place.
    func decryptBlock(_ state: inout [UInt8]) {
        addRoundKey(&state, round: Self.rounds)
        for round in stride(from: Self.rounds - 1, through: 1, by: -1) {
            Self.inverseShiftRows(&state)
            Self.substitute(&state, with: Self.inverseSBox)
            addRoundKey(&state, round: round)
            Self.inverseMixColumns(&state)
        }
        Self.inverseShiftRows(&state)
        Self.substitute(&state, with: Self.inverseSBox)
        addRoundKey(&state, round: 0)
    }

    private func addRoundKey(_ state: inout [UInt8], round: Int) {
        let offset = round * Self.blockSize
        for index in 0..<Self.blockSize { state[index] ^= roundKeys[offset + index] }
    }

    private static func substitute(_ state: inout [UInt8], with box: [UInt8]) {
        for index in 0..<blockSize { state[index] = box[Int(state[index])] }
    }

    /// Row r moves left by r; byte (row, column) sits at index column * 4 + row.
    private static func shiftRows(_ state: inout [UInt8]) {
        let copy = state
        for row in 1..<4 {
            for column in 0..<4 { state[column * 4 + row] = copy[((column + row) % 4) * 4 + row] }
        }
    }

    private static func inverseShiftRows(_ state: inout [UInt8]) {
        let copy = state
        for row in 1..<4 {
            for column in 0..<4 { state[((column + row) % 4) * 4 + row] = copy[column * 4 + row] }
        }
    }

    private static func mixColumns(_ state: inout [UInt8]) {
        for column in 0..<4 {
            let base = column * 4
            let a0 = state[base], a1 = state[base + 1], a2 = state[base + 2], a3 = state[base + 3]
            state[base] = times(a0, 2) ^ times(a1, 3) ^ a2 ^ a3
            state[base + 1] = a0 ^ times(a1, 2) ^ times(a2, 3) ^ a3
            state[base + 2] = a0 ^ a1 ^ times(a2, 2) ^ times(a3, 3)
            state[base + 3] = times(a0, 3) ^ a1 ^ a2 ^ times(a3, 2)
        }
    }

    private static func inverseMixColumns(_ state: inout [UInt8]) {
        for column in 0..<4 {
            let base = column * 4
            let a0 = state[base], a1 = state[base + 1], a2 = state[base + 2], a3 = state[base + 3]
            state[base] = times(a0, 14) ^ times(a1, 11) ^ times(a2, 13) ^ times(a3, 9)
            state[base + 1] = times(a0, 9) ^ times(a1, 14) ^ times(a2, 11) ^ times(a3, 13)
            state[base + 2] = times(a0, 13) ^ times(a1, 9) ^ times(a2, 14) ^ times(a3, 11)
            state[base + 3] = times(a0, 11) ^ times(a1, 13) ^ times(a2, 9) ^ times(a3, 14)
        }
    }

    /// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
    private static func times(_ value: UInt8, _ factor: UInt8) -> UInt8 {
        var a = value
        var b = factor
        var product: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { product ^= a }
            let carry = a & 0x80
            a <<= 1
            if carry != 0 { a ^= 0x1b }
            b >>= 1
        }
        return product
    }

    /// The 15 round keys (240 bytes) of a 256-bit key.
    private static func expand(_ key: [UInt8]) -> [UInt8] {
        let keyWords = 8
        let totalWords = 4 * (rounds + 1)
        var words = key
        words.reserveCapacity(totalWords * 4)
        var roundConstant: UInt8 = 1
        for index in keyWords..<totalWords {
            var temp = Array(words[(index - 1) * 4..<index * 4])
            if index % keyWords == 0 {
                temp = [sBox[Int(temp[1])], sBox[Int(temp[2])], sBox[Int(temp[3])], sBox[Int(temp[0])]]
                temp[0] ^= roundConstant
                roundConstant = times(roundConstant, 2)
            } else if index % keyWords == 4 {
                temp = temp.map { sBox[Int($0)] }
            }
            for byte in 0..<4 { words.append(words[(index - keyWords) * 4 + byte] ^ temp[byte]) }
        }
        return words
    }

    private static let sBox: [UInt8] = [
        0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
        0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
        0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
        0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
        0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
        0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
        0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
        0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
        0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
        0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
        0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
        0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
        0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
        0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
        0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
        0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
    ]

    private static let inverseSBox: [UInt8] = {
        var inverse = [UInt8](repeating: 0, count: 256)
        for (index, value) in sBox.enumerated() { inverse[Int(value)] = UInt8(index) }
        return inverse
    }()
}
