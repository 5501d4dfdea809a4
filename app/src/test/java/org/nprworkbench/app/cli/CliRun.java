package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the npr command line in-process and captures what it prints (a test fixture). */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = NprCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
