import Foundation

/// Big-endian reading with bounds checks, as Java's DataInputStream writes: a short read is `.corrupt`.
struct ByteReader {
    private let data: Data
    private(set) var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var remaining: Int { data.endIndex - offset }

    mutating func bytes(_ count: Int) throws -> Data {
        guard count >= 0, count <= remaining else { throw KeyMaterialError.corrupt("the keystore is truncated") }
        defer { offset += count }
        return Data(data[offset..<offset + count])
    }

    mutating func u16() throws -> UInt16 { UInt16(try integer(2)) }
    mutating func u32() throws -> UInt32 { UInt32(try integer(4)) }
    mutating func u64() throws -> UInt64 { try integer(8) }

    private mutating func integer(_ count: Int) throws -> UInt64 {
        guard count <= remaining else { throw KeyMaterialError.corrupt("the keystore is truncated") }
        var value: UInt64 = 0
        for index in offset..<offset + count { value = value << 8 | UInt64(data[index]) }
        offset += count
        return value
    }

    /// Java's modified UTF-8 (`writeUTF`): a 16-bit length, NUL as C0 80, supplementary characters as surrogate pairs.
    mutating func modifiedUTF8() throws -> String {
        let raw = try bytes(Int(try u16()))
        var units: [UInt16] = []
        var index = raw.startIndex
        func next() throws -> UInt16 {
            guard index < raw.endIndex, raw[index] & 0xC0 == 0x80 else { throw KeyMaterialError.corrupt("an alias is not valid modified UTF-8") }
            defer { index += 1 }
            return UInt16(raw[index] & 0x3F)
        }
        while index < raw.endIndex {
            let byte = raw[index]
            index += 1
            switch byte {
            case 0x01...0x7F: units.append(UInt16(byte))
            case 0xC0...0xDF: units.append(UInt16(byte & 0x1F) << 6 | (try next()))
            case 0xE0...0xEF: units.append(UInt16(byte & 0x0F) << 12 | (try next()) << 6 | (try next()))
            default: throw KeyMaterialError.corrupt("an alias is not valid modified UTF-8")
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// The writing half of ``ByteReader``.
struct ByteWriter {
    private(set) var data = Data()

    mutating func append(_ bytes: Data) { data.append(bytes) }
    mutating func u16(_ value: UInt16) { data.append(contentsOf: [UInt8(value >> 8), UInt8(value & 0xFF)]) }
    mutating func u32(_ value: UInt32) { for shift in stride(from: 24, through: 0, by: -8) { data.append(UInt8(value >> UInt32(shift) & 0xFF)) } }
    mutating func u64(_ value: UInt64) { for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(value >> UInt64(shift) & 0xFF)) } }

    mutating func modifiedUTF8(_ text: String) throws {
        var encoded: [UInt8] = []
        for unit in text.utf16 {
            switch unit {
            case 0x0001...0x007F: encoded.append(UInt8(unit))
            case 0x0000, 0x0080...0x07FF: encoded += [0xC0 | UInt8(unit >> 6), 0x80 | UInt8(unit & 0x3F)]
            default: encoded += [0xE0 | UInt8(unit >> 12), 0x80 | UInt8(unit >> 6 & 0x3F), 0x80 | UInt8(unit & 0x3F)]
            }
        }
        guard encoded.count <= Int(UInt16.max) else { throw KeyMaterialError.invalidArgument("the alias is too long") }
        u16(UInt16(encoded.count))
        data.append(contentsOf: encoded)
    }
}
