import ZlibShim
import Foundation

/// A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes) for looking at
/// screenshots in tests.
struct PNGImage {
    var width: Int
    var height: Int
    /// RGB triples, row by row.
    var pixels: [UInt8]

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Failure(description: "not a PNG") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var pos = 8
        var w = 0, h = 0, colorType = 0
        var idat: [UInt8] = []
        while pos + 8 <= bytes.count {
            let len = u32(pos)
            let type = String(decoding: bytes[(pos + 4)..<(pos + 8)], as: UTF8.self)
            let body = (pos + 8)..<(pos + 8 + len)
            switch type {
            case "IHDR":
                w = u32(body.lowerBound); h = u32(body.lowerBound + 4)
                guard bytes[body.lowerBound + 8] == 8, bytes[body.lowerBound + 12] == 0 else { throw Failure(description: "only 8-bit non-interlaced PNGs") }
                colorType = Int(bytes[body.lowerBound + 9])
            case "IDAT": idat += bytes[body]
            default: break
            }
            pos = body.upperBound + 4
        }
        let channels = colorType == 6 ? 4 : colorType == 2 ? 3 : 0
        guard channels > 0, w > 0, h > 0 else { throw Failure(description: "unsupported colour type \(colorType)") }
        let stride = w * channels
        var raw = [UInt8](repeating: 0, count: h * (stride + 1))
        var rawLen = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { inp in uncompress(out.baseAddress, &rawLen, inp.baseAddress, uLong(inp.count)) }
        }
        guard status == Z_OK, Int(rawLen) == raw.count else { throw Failure(description: "inflate failed (\(status))") }
        // Undo the per-row filters.
        var img = [UInt8](repeating: 0, count: h * stride)
        for y in 0..<h {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let cur = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(img[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(img[(y - 1) * stride + x]) : 0
                let c = (x >= channels && y > 0) ? Int(img[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "bad filter \(filter)")
                }
                img[y * stride + x] = UInt8((Int(cur) + predicted) & 0xFF)
            }
        }
        width = w
        height = h
        pixels = []
        pixels.reserveCapacity(w * h * 3)
        for i in 0..<(w * h) { pixels += img[(i * channels)..<(i * channels + 3)] }
    }

    /// How many pixels are within `tolerance` of the colour.
    func count(near rgb: (Int, Int, Int), tolerance: Int = 16) -> Int {
        var n = 0
        for i in 0..<(width * height) {
            if abs(Int(pixels[3 * i]) - rgb.0) <= tolerance, abs(Int(pixels[3 * i + 1]) - rgb.1) <= tolerance, abs(Int(pixels[3 * i + 2]) - rgb.2) <= tolerance { n += 1 }
        }
        return n
    }
}
