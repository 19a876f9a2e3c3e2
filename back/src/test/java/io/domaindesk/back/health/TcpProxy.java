package io.domaindesk.back.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder the test can cut, to take the database away from the back and give it
 * back without touching the shared database server. Cutting closes every open connection
 * and refuses new ones, as a crashed or unreachable server would.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;

    private final int targetPort;

    private final int port;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile ServerSocket server;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
    }

    int port() {
        return port;
    }

    synchronized void cut() {
        try {
            server.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    synchronized void restore() {
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket listening = server;
        Thread.ofVirtual().start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(targetHost, targetPort);
                    if (track(listening, client, upstream)) {
                        pump(client, upstream);
                        pump(upstream, client);
                    }
                }
                catch (IOException e) {
                    // closed by cut(), or the target refused: the client sees its socket
                    // closed
                }
            }
        });
    }

    /**
     * Keeps the pair for the next {@link #cut()}, unless a cut came while it was being
     * connected: then it is closed at once, so that no connection outlives a cut.
     */
    private synchronized boolean track(ServerSocket listening, Socket client, Socket upstream) throws IOException {
        if (listening.isClosed()) {
            client.close();
            upstream.close();
            return false;
        }
        sockets.add(client);
        sockets.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException ignored) {
                // one side went away
            }
            finally {
                try {
                    from.close();
                    to.close();
                }
                catch (IOException ignored) {
                    // already closed
                }
            }
        });
    }

    @Override
    public void close() {
        cut();
    }

}
