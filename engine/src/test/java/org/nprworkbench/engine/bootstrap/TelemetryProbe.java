package org.nprworkbench.engine.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Child-process probe for {@link TelemetryOptOutTest}. It replaces the JVM's http and https URL
 * handlers with one that records every URL opened and returns a connection that refuses to connect,
 * so no socket is ever created, whatever DJL does (DJL opens its metadata requests with
 * {@code Proxy.NO_PROXY}, which bypasses proxy selectors, but not URL handlers). It then (optionally)
 * runs the bootstrap, starts DJL's engine, does one matmul, and prints what was opened.
 */
public final class TelemetryProbe {
    private static final List<String> OPENED = new CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        URL.setURLStreamHandlerFactory(protocol ->
                protocol.equals("http") || protocol.equals("https") ? new Blocking() : null);
        if (args.length > 0 && args[0].equals("bootstrap")) {
            DjlBootstrap.init();
        } else {
            System.setProperty("ai.djl.offline", "false");
        }
        Engine engine = Engine.getInstance();
        try (NDManager nd = NDManager.newBaseManager()) {
            nd.ones(new Shape(4, 4)).matMul(nd.ones(new Shape(4, 4))).getFloat(0, 0);
        }
        Thread.sleep(1000); // in case a call home runs on a background thread
        System.out.println("engine=" + engine.getEngineName());
        System.out.println("OPT_OUT_TRACKING=" + ai.djl.util.Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"));
        System.out.println("offline=" + ai.djl.util.Utils.isOfflineMode());
        System.out.println("opened=" + OPENED);
    }

    /** Records the URL; the connection fails before any socket exists. */
    private static final class Blocking extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL u) {
            return openConnection(u, Proxy.NO_PROXY);
        }

        @Override
        protected URLConnection openConnection(URL u, Proxy p) {
            OPENED.add(u.toString());
            return new HttpURLConnection(u) {
                @Override
                public void connect() throws IOException {
                    throw new IOException("blocked by the telemetry probe");
                }

                @Override
                public int getResponseCode() throws IOException {
                    throw new IOException("blocked by the telemetry probe");
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    throw new IOException("blocked by the telemetry probe");
                }

                @Override
                public OutputStream getOutputStream() throws IOException {
                    throw new IOException("blocked by the telemetry probe");
                }

                @Override
                public void disconnect() {
                }

                @Override
                public boolean usingProxy() {
                    return false;
                }
            };
        }
    }
}
