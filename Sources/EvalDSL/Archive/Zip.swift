import Foundation
import ZIPFoundation

/// Zip archives for the Office formats (.xlsx today, .docx next), which are zips of XML parts.
public enum Zip {
    /// A zip archive of `parts` in order, deflated unless `compress` is false, every entry dated
    /// 2020-01-01 so the same parts always give the same bytes.
    public static func archive(_ parts: [(path: String, bytes: [UInt8])], compress: Bool = true) throws -> [UInt8] {
        let zip = try Archive(data: Data(), accessMode: .create)
        var components = DateComponents()
        components.year = 2020; components.month = 1; components.day = 1
        components.timeZone = TimeZone(secondsFromGMT: 0)
        let date = Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 1_577_836_800)
        for part in parts {
            let data = Data(part.bytes)
            try zip.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             compressionMethod: compress ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = zip.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }
}
