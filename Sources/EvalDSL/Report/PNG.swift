import ZlibShim

/// An RGB picture drawn with rectangles, and its PNG encoding (zlib from the system): the charts of
/// a .docx. No text: labels stay in the document, where the reader's fonts draw them.
struct Raster {
    let width: Int, height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, background: UInt32 = 0xFFFFFF) {
        self.width = width
        self.height = height
        pixels = []
        pixels.reserveCapacity(width * height * 3)
        for _ in 0..<(width * height) { pixels += [UInt8(background >> 16 & 0xFF), UInt8(background >> 8 & 0xFF), UInt8(background & 0xFF)] }
    }

    /// Fills the rectangle, clipped to the picture; `color` is 0xRRGGBB.
    mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: UInt32) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let rgb = [UInt8(color >> 16 & 0xFF), UInt8(color >> 8 & 0xFF), UInt8(color & 0xFF)]
        for row in y0..<y1 {
            for col in x0..<x1 {
                let i = (row * width + col) * 3
                pixels[i] = rgb[0]; pixels[i + 1] = rgb[1]; pixels[i + 2] = rgb[2]
            }
        }
    }

    /// A horizontal line `thickness` high from x0 to x1, dashed when `dash` > 0.
    mutating func hline(y: Int, from x0: Int, to x1: Int, thickness: Int, color: UInt32, dash: Int = 0) {
        var x = min(x0, x1)
        let end = max(x0, x1)
        while x < end {
            let len = dash > 0 ? min(dash, end - x) : end - x
            fill(x: x, y: y - thickness / 2, width: len, height: thickness, color: color)
            x += dash > 0 ? 2 * dash : len
        }
    }

    /// A vertical line `thickness` wide from y0 to y1, dashed when `dash` > 0.
    mutating func vline(x: Int, from y0: Int, to y1: Int, thickness: Int, color: UInt32, dash: Int = 0) {
        var y = min(y0, y1)
        let end = max(y0, y1)
        while y < end {
            let len = dash > 0 ? min(dash, end - y) : end - y
            fill(x: x - thickness / 2, y: y, width: thickness, height: len, color: color)
            y += dash > 0 ? 2 * dash : len
        }
    }

    /// The picture as a PNG file: 8-bit RGB, no interlace, each row unfiltered, one zlib stream.
    var png: [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (width * 3 + 1))
        for row in 0..<height {
            raw.append(0)
            raw += pixels[(row * width * 3)..<((row + 1) * width * 3)]
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]
        Self.chunk("IHDR", header, into: &out)
        Self.chunk("IDAT", Self.deflate(raw), into: &out)
        Self.chunk("IEND", [], into: &out)
        return out
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        out += bigEndian(UInt32(data.count)) + typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        out += bigEndian(UInt32(truncatingIfNeeded: crc))
    }

    /// A zlib stream of `bytes` (what PNG's IDAT holds), at the best compression.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in compress2(dst.baseAddress, &size, src.baseAddress, uLong(bytes.count), 9) }
        }
        // compressBound makes room for any input, so compress2 cannot run out of it.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        return Array(out.prefix(Int(size)))
    }
}
