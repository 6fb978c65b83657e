/// The CSS of report mode's HTML: the look of a printed self-evaluation report (A4, 仿宋 body, 黑体
/// headings, ruled tables), for the screen and for print-to-PDF.
extension HTMLReportWriter {
    static func reportStyle(_ options: ReportOptions) -> String {
        // Latin text in Times/Arial (or their Liberation twins): a CJK font's Latin letters are often monospaced.
        let heiti = "'Arial','Liberation Sans','SimHei','黑体','Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif"
        let body = "'Times New Roman','Liberation Serif','\(options.bodyFont)','FangSong','STFangsong','仿宋','SimSun','宋体','AR PL UMing CN','Noto Serif CJK SC','WenQuanYi Micro Hei',serif"
        return """
        @page{size:A4;margin:25mm 22mm 22mm 25mm}
        body{font-family:\(body);font-size:12pt;line-height:1.75;color:#000;max-width:165mm;margin:2em auto;padding:0 1em}
        h1,h2,h3,h4,.formtitle{font-family:\(heiti);font-weight:bold;break-after:avoid;page-break-after:avoid}
        h1{font-size:20pt;text-align:center;margin:.6em 0 1em 0;line-height:1.4}
        h2{font-size:15pt;margin:1.4em 0 .5em 0}
        h3{font-size:13pt;margin:1em 0 .4em 0}
        h4{font-size:12pt;margin:.8em 0 .3em 0}
        p{text-indent:2em;margin:.3em 0;overflow-wrap:anywhere}
        ul{margin:.3em 0 .6em 0;padding-left:2em}
        li{overflow-wrap:anywhere}
        ul.marked{list-style:none}
        code{font-family:inherit}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:10pt;border-left:3px solid #888;padding:.3em .6em;margin:.4em 0}
        pre.error{border-left-color:#c0392b;color:#c0392b}
        .result{white-space:pre-wrap;overflow-wrap:anywhere}
        .caption{text-indent:0;text-align:center;font-size:10.5pt;margin:.2em 0 1em 0}
        .note{text-indent:0;font-size:10.5pt;color:#333}
        /* 2px short of the width: Chromium clips a collapsed right border drawn on the page area's edge. */
        table{border-collapse:collapse;width:calc(100% - 2px);margin:.5em 0 1em 0;font-size:10.5pt;line-height:1.45;break-inside:avoid;page-break-inside:avoid}
        thead{display:table-header-group}
        tr{break-inside:avoid;page-break-inside:avoid}
        th,td{border:1px solid #000;padding:3px 5px;vertical-align:middle;overflow-wrap:anywhere;word-break:normal}
        th{font-family:\(heiti);font-weight:normal;background:#f0f0f0;text-align:center}
        td.num{text-align:right;overflow-wrap:normal;word-break:keep-all;font-variant-numeric:tabular-nums}
        td:first-child{min-width:4em}
        tr.total td{font-weight:bold}
        .mark{color:#c0392b}.pad{visibility:hidden}
        .form{margin:.6em 0 1.2em 0;break-inside:avoid}
        .formtitle{text-align:center;font-size:14pt;text-indent:0;margin:.6em 0 .4em 0}
        table.form{margin:0 0 -1px 0}
        table.form th.side{width:5.5em}
        table.form td.part{padding-left:1.6em}
        /* The 项目资金 block on one line a cell: its labels are the form's own, short ones. */
        table.budget th,table.budget td{white-space:nowrap}
        .chart{display:block;margin:.4em auto .2em auto;max-width:100%;height:auto;break-inside:avoid}
        @media print{body{max-width:none;margin:0;padding:0}div.pagebreak{break-before:page;page-break-before:always}}
        """
    }
}
