package dev.jobstate.core.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A TCP forwarder between a client under test and a server, that a test can cut and restore: how
 * the tests lose the database in the middle of a run without stopping the shared server.
 *
 * <p>It listens on an ephemeral port of the loopback address and forwards every connection to the
 * target, one thread per direction. {@link #cut()} closes every open connection, both ends, and
 * from then on accepts new connections only to close them at once: the client sees its connection
 * end, not a timeout, as when a server restarts or a firewall resets connections. {@link #restore()}
 * forwards new connections again; connections cut stay cut.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = new HashSet<>();
    private boolean cut;
    private boolean closed;
    private int forwarded;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Starts forwarding {@code 127.0.0.1:<port()>} to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port to " + host + ":" + port, e);
        }
    }

    /** The port clients connect to, on the loopback address. */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection and turns new ones away until {@link #restore()}. */
    public void cut() {
        List<Socket> toClose;
        synchronized (this) {
            cut = true;
            toClose = List.copyOf(open);
            open.clear();
        }
        toClose.forEach(TcpProxy::closeQuietly);
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        cut = false;
    }

    /** Connections forwarded so far (turned-away ones not counted), for tests that want to see traffic. */
    public synchronized int forwarded() {
        return forwarded;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeQuietly(server);
        cut();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                // The server socket was closed: the proxy is closed.
                return;
            }
            synchronized (this) {
                if (closed || cut) {
                    closeQuietly(client);
                    continue;
                }
            }
            Socket upstream = new Socket();
            try {
                // Connect outside the lock: a slow server must not hold up cut().
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                // The target is down: the client sees its connection end, as it would without us.
                closeQuietly(upstream);
                closeQuietly(client);
                continue;
            }
            synchronized (this) {
                // A cut while we connected: this connection was not in `open`, so close it here.
                if (closed || cut) {
                    closeQuietly(upstream);
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                forwarded++;
            }
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // Closed by cut() or by the other direction: nothing to report.
            } catch (IOException e) {
                // A reset from either end ends the connection the same way.
            } finally {
                synchronized (this) {
                    open.remove(from);
                    open.remove(to);
                }
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-" + direction + "-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all we want; a socket already closed is fine.
        }
    }
}
