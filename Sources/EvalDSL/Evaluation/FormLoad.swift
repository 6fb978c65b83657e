/// `metric P from "PATH"`: indicator rows from a spreadsheet laid out like the form.
extension Session {
    func metricRows(_ pathExpr: Expr, sheet: Expr?, encoding: Name?, file: SourceFile, evaluator ev: Evaluator) throws(Diagnostic) -> [IndicatorRow] {
        throw Diagnostic(.notDerivable("not yet"), pathExpr.range)
    }
}
