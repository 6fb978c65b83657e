// The fast path of a CSV payments load: `RowConsumer`'s shortcut for delimited text.

extension LoadSink {
    /// Whether `takePlainLine` may be tried: a payments or projects load whose header is found.
    var takesPlainLines: Bool { (kind == .payments || kind == .projects) && headerCount > 0 && fatal == nil && options.fastPaths }

    /// One payment row parsed straight from the bytes `buf[from..<to]` of a CSV reader's buffer, when
    /// it is plain: exactly the header's number of fields, no quote, an ASCII id without blanks that
    /// is a project already seen in this load, an amount `plainAmount` reads, a date `YYYY-MM-DD`,
    /// and a line end (LF or CRLF) within the buffer. Returns the offset after the line end, or nil
    /// (having changed nothing) for any other row, which `consume` then reads the general way and
    /// judges exactly as before. The row is counted, polled and stored as `consume` would.
    @inline(__always)
    mutating func takePlainLine(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8,
                                bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int? {
        if kind == .projects {
            return try takePlainProjectLine(buf, from: from, to: end, delimiter: delimiter, bytesRead: bytesRead, totalBytes: totalBytes)
        }
        guard let p = plainPayment(buf, from: from, to: end, delimiter: delimiter, shape: plainShape, ids: ids,
                                   dates: &plainDates) else { return nil }
        // The row is taken: counted and polled as `consume` does.
        rowsRead += 1
        if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        if keeping {
            pays.append(project: p.project, fen: p.fen, day: p.day)
        }
        rowsLoaded += 1
        return p.next
    }

    var plainShape: PlainShape {
        PlainShape(fields: headerCount, idCol: idCol, amountCol: amountCol, dateCol: dateCol, exponent: amountUnit.exponent,
                   years: options.years)
    }

    /// A copy of what `takePlainLine` reads, for another thread; nil when plain lines are not taken.
    func plainLineParser() -> PlainLineParser? {
        guard takesPlainLines else { return nil }
        switch kind {
        case .payments:
            return PlainLineParser(shape: plainShape, ids: ids, dates: plainDates, projectCount: model.projects.count,
                                   dayBase: pays.dayBase)
        case .projects:
            guard let projects = projectLineParser() else { return nil }
            return PlainLineParser(shape: plainShape, ids: ids, dates: plainDates, projectCount: 0, dayBase: 0, projects: projects)
        case .adjustments:
            return nil
        }
    }

    /// Plain lines another thread took, which come right after the rows consumed so far: counted,
    /// polled and stored exactly as `takePlainLine` would have, one by one.
    mutating func takePlainLines(_ lines: consuming PlainLines, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
        if let batch = lines.projects { return try takePlainProjects(batch, rows: lines.rows, bytesRead: bytesRead, totalBytes: totalBytes) }
        let target = rowsRead + lines.rows
        // A poll at every multiple of 4096 rows on the way, with the row count it would have seen.
        var next = (rowsRead | 4095) + 1
        while next <= target {
            rowsRead = next
            try poll(bytesRead: bytesRead, totalBytes: totalBytes)
            next += 4096
        }
        rowsRead = target
        if keeping { pays.append(contentsOf: lines.columns) }
        rowsLoaded += lines.rows
    }

}
