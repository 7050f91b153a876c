package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TcpProxyTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void bytesFlowBothWays() throws IOException {
        try (EchoServer echo = new EchoServer(); TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.port());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(5_000);
            // More than one buffer's worth, so the pumps loop.
            byte[] sent = new byte[100_000];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31);
            }
            Thread writer = new Thread(() -> {
                try {
                    client.getOutputStream().write(sent);
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertArrayEquals(sent, client.getInputStream().readNBytes(sent.length));
            assertEquals(1, proxy.forwarded());
        }
    }

    @Test
    void cutEndsAnOpenJdbcConnectionTurnsNewOnesAwayAndRestoreLetsThemThrough() throws SQLException {
        try (TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
            try (Connection connection = connectVia(proxy)) {
                assertEquals(1, selectOne(connection));

                proxy.cut();
                long start = System.nanoTime();
                assertThrows(SQLException.class, () -> selectOne(connection), "a cut connection fails");
                assertThrows(SQLException.class, () -> connectVia(proxy).close(), "a new connection is turned away");
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMs < 5_000, "a cut is seen at once, not after a timeout: " + tookMs + " ms");
            }

            proxy.restore();
            try (Connection connection = connectVia(proxy)) {
                assertEquals(1, selectOne(connection));
            }
        }
    }

    private static Connection connectVia(TcpProxy proxy) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        // Bounds, so a broken proxy fails the test instead of hanging it.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(db.urlVia(proxy.port()), properties);
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Echoes what one client sends, for the bytes test, which needs no database. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket server;

        EchoServer() throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     OutputStream out = socket.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // Closed by the test.
                }
            }, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
