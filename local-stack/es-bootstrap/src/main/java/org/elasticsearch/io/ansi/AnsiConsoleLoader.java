package org.elasticsearch.io.ansi;

import java.util.function.Supplier;

/**
 * Stand-in for the distribution's lib/tools/ansi-console (not on Maven Central). The server loads this class by name
 * from that directory at startup and treats a {@code null} console as "no interactive console", which is the case for
 * a node started detached with its output in a log file.
 */
public final class AnsiConsoleLoader implements Supplier<Object> {

    public AnsiConsoleLoader() {}

    @Override
    public Object get() {
        return null;
    }
}
