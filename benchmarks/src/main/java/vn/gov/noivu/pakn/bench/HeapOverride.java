package vn.gov.noivu.pakn.bench;

import vn.gov.noivu.pakn.stack.ServerSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A service started like the stack starts it, but with another maximum heap (-Xmx). */
record HeapOverride(ServerSpec delegate, String heap) implements ServerSpec {

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int port() {
        return delegate.port();
    }

    @Override
    public void prepare() throws Exception {
        delegate.prepare();
    }

    @Override
    public List<String> command() {
        return delegate.command().stream().map(a -> a.startsWith("-Xmx") ? "-Xmx" + heap : a).toList();
    }

    @Override
    public Map<String, String> environment() {
        return delegate.environment();
    }

    @Override
    public Path workDir() {
        return delegate.workDir();
    }

    @Override
    public Path logFile() {
        return delegate.logFile();
    }

    @Override
    public boolean ready() {
        return delegate.ready();
    }

    @Override
    public int startTimeoutSeconds() {
        return delegate.startTimeoutSeconds();
    }

    @Override
    public void afterReady() throws Exception {
        delegate.afterReady();
    }
}
