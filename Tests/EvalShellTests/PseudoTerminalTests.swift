import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The pseudo-terminal driver itself, proved with programs every machine has.
@Suite struct PseudoTerminalTests {
    @Test func childSeesATerminalAndUTF8RoundTrips() throws {
        let term = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "tty; read x; echo got:$x"])
        let tty = try term.read(until: "\n")
        #expect(tty.hasPrefix("/dev/pts/"))
        #expect(tty.trimmingCharacters(in: .whitespacesAndNewlines) == term.slavePath)
        try term.send("档案\r")
        try term.read(until: "got:档案")
        #expect(try term.waitForExit() == 0)
    }

    @Test func exitStatusIsReported() throws {
        let term = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "exit 3"])
        #expect(try term.waitForExit() == 3)
    }

    @Test func windowSizeIsTheOneAskedFor() throws {
        let term = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "stty size; read x; stty size"],
            columns: 100, rows: 30)
        try term.read(until: "30 100")
        term.resize(columns: 60, rows: 20)
        try term.send("\r")
        try term.read(until: "20 60")
        #expect(try term.waitForExit() == 0)
    }

    @Test func ctrlCInterruptsTheForegroundProgram() throws {
        // The terminal is the child's controlling terminal, so ^C becomes SIGINT.
        let term = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "echo ready; exec sleep 30"])
        try term.read(until: "ready")  // the terminal is open in the child: ^C has a target
        try term.send("\u{03}")
        #expect(try term.waitForExit() == 128 + SIGINT)
    }

    @Test func readThatNeverMatchesThrowsWithWhatArrived() throws {
        let term = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "echo 预算"])
        let error = #expect(throws: PseudoTerminal.Failure.self) {
            try term.read(until: "never printed", timeout: .seconds(2))
        }
        #expect(error?.description.contains("预算") == true)
        #expect(try term.waitForExit() == 0)
    }

    @Test func environmentIsPassedExactly() throws {
        var environment = PseudoTerminal.defaultEnvironment
        environment["EVAL_PROBE"] = "评估"
        let term = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "echo \"[$EVAL_PROBE][$TERM]\""],
            environment: environment)
        try term.read(until: "[评估][xterm-256color]")
        #expect(try term.waitForExit() == 0)
    }

    @Test func visibleTextDropsEscapesAndCarriageReturns() {
        let raw = "\u{1B}[1;32m评估\u{1B}[0m> 档案\r\n\u{1B}]0;title\u{07}ok\u{1B}[K\u{07}"
        #expect(PseudoTerminal.visibleText(raw) == "评估> 档案\nok")
    }
}
