package vn.gov.noivu.pakn.es.bootstrap;

import org.elasticsearch.bootstrap.ServerArgs;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.io.stream.BytesStreamOutput;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * Main class of a node started without the (unpublished) {@code server-cli}: does in-process what {@code server-cli}
 * does before it spawns the server JVM, then runs the real {@code org.elasticsearch.bootstrap.Elasticsearch.main}.
 *
 * <p>The server reads a serialized {@link ServerArgs} from {@code System.in} and afterwards keeps reading it: end of
 * stream makes it exit with status 1, the byte ESC makes it shut down. This launcher therefore replaces
 * {@code System.in} by a stream holding the serialized arguments followed by a stream that never ends, so the process
 * can be started with stdin from /dev/null by a supervisor. SIGTERM stops the node through the server's own shutdown
 * hook.
 *
 * <p>Expects the same system properties as the distribution's launcher ({@code es.path.home}, {@code es.path.conf}),
 * the boot layer to hold the server ({@code --module-path <home>/lib --add-modules=ALL-MODULE-PATH}) and
 * {@code --add-opens=org.elasticsearch.server/org.elasticsearch.bootstrap=ALL-UNNAMED} (the server's main class is
 * package-private). Secure settings: an empty keystore with a fresh bootstrap seed (no elasticsearch.keystore).
 */
public final class ElasticsearchLauncher {

    private static final String SERVER_MAIN = "org.elasticsearch.bootstrap.Elasticsearch";

    private ElasticsearchLauncher() {}

    public static void main(String[] args) throws Throwable {
        String home = System.getProperty("es.path.home");
        if (home == null) {
            throw new IllegalStateException("system property es.path.home is required");
        }
        Path homeDir = Path.of(home).toAbsolutePath();
        String conf = System.getProperty("es.path.conf");
        Path configDir = conf == null ? homeDir.resolve("config") : Path.of(conf).toAbsolutePath();

        byte[] serialized = serverArgs(homeDir, configDir);
        System.setIn(new HeldOpenInputStream(serialized));

        Method main = Class.forName(SERVER_MAIN).getMethod("main", String[].class);
        main.setAccessible(true);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The same environment preparation as the distribution's server-cli (elasticsearch.yml, path.home, node name). */
    static byte[] serverArgs(Path homeDir, Path configDir) throws IOException {
        // what server-cli's JVM does first: give Elasticsearch's logging API its log4j implementation (reading
        // elasticsearch.yml already logs); the server configures log4j properly itself afterwards
        LogConfigurator.configureESLogging();
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            Settings.EMPTY,
            Map.of(Environment.PATH_HOME_SETTING.getKey(), homeDir.toString()),
            configDir,
            ElasticsearchLauncher::hostName
        );
        KeyStoreWrapper keystore = KeyStoreWrapper.create(); // empty, with keystore.seed
        ServerArgs serverArgs = new ServerArgs(false, false, null, keystore, env.settings(), env.configDir(), env.logsDir());
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            serverArgs.writeTo(out);
            return BytesReference.toBytes(out.bytes());
        }
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && fromEnv.isBlank() == false) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * The serialized arguments, then nothing, forever: reads past the arguments block until the JVM exits. Never
     * returns end of stream, which the server would take for the death of its parent CLI.
     */
    static final class HeldOpenInputStream extends InputStream {
        private final byte[] data;
        private int pos;

        HeldOpenInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public synchronized int read() throws IOException {
            if (pos < data.length) {
                return data[pos++] & 0xff;
            }
            blockForever();
            return -1; // unreachable
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < data.length) {
                int n = Math.min(len, data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
            blockForever();
            return -1; // unreachable
        }

        @Override
        public synchronized int available() {
            return data.length - pos;
        }

        @Override
        public void close() {
            // closing stdin must not end the stream
        }

        private void blockForever() throws IOException {
            while (true) {
                try {
                    wait(); // releases the monitor; nothing ever notifies
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stdin read interrupted");
                }
            }
        }
    }
}
