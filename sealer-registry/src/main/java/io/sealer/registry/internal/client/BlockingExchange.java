package io.sealer.registry.internal.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends the requests without a body (GET, HEAD: manifests, blobs, probes, tokens) over {@link HttpURLConnection}
 * instead of {@link HttpClient}, and answers them as an {@link HttpResponse} so that {@link RegistryHttp}'s
 * authentication, redirect and retry logic is the same for both.
 *
 * <p>Why: {@code HttpClient} reads every connection on one selector thread and hands the bytes to the reader through a
 * queue of 16 KiB heap buffers; a blocking connection is read by the thread that wants the bytes, straight into its
 * buffer. On loopback that is the difference between about 150 and 500 MB/s in a fresh JVM (see
 * {@code sealer-benchmarks/REGISTRY-BENCHMARK.md}), and a client that only pulls never starts {@code HttpClient}
 * (its creation, its selector thread, which also holds the JVM's exit for 300 ms because it waits in native code).
 *
 * <p>The connection is made as {@code HttpClient} made it: no proxy, no redirects followed, no response cache, no
 * authentication of its own (the JVM's default {@link Authenticator} is not asked), the client's TLS context with
 * strict host-name checking, the connect timeout, and the request's timeout as the read timeout (for every read of the
 * body too, so a stalled download fails instead of hanging). Unlike {@code HttpClient}, it would use a cookie handler
 * the application installed JVM-wide ({@code CookieHandler.setDefault}). Keep-alive connections are reused from the JDK's cache. Reading the body checks
 * the thread's interrupt flag before every read, so an interrupted download stops at its next buffer. Timeouts are
 * reported as {@link HttpConnectTimeoutException} and {@link HttpTimeoutException}, as {@code HttpClient} reports
 * them.
 */
final class BlockingExchange {
    /** Answers no challenge: the registry's challenges are {@link RegistryHttp}'s business. */
    private static final Authenticator NO_AUTHENTICATION = new Authenticator() {
    };

    /** Not asked: the name is checked in the handshake ({@link HostChecking}); when that passed, so does this. */
    private static final HostnameVerifier NO_EXCEPTIONS = (host, session) -> false;

    private final Duration connectTimeout;
    private final Supplier<SSLSocketFactory> tls;
    private volatile SSLSocketFactory sockets;

    /**
     * @param connectTimeout the connect timeout
     * @param tls the socket factory of HTTPS connections, asked for once, when the first one is made
     */
    BlockingExchange(Duration connectTimeout, Supplier<SSLSocketFactory> tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    /** One factory for every HTTPS connection: the JDK reuses a kept-alive connection only for the same factory. */
    private SSLSocketFactory sockets() {
        SSLSocketFactory factory = sockets;
        if (factory == null) {
            synchronized (this) {
                factory = sockets;
                if (factory == null) {
                    factory = new HostChecking(tls.get());
                    sockets = factory;
                }
            }
        }
        return factory;
    }

    /** True for the requests this class sends: GET and HEAD without a body. */
    static boolean handles(HttpRequest request) {
        String method = request.method();
        return (method.equals("GET") || method.equals("HEAD"))
                && request.bodyPublisher().map(b -> b.contentLength() == 0).orElse(true);
    }

    /**
     * Sends the request and returns the response once its status and headers are in; the caller reads (or drains)
     * and closes the body, which returns the connection to the keep-alive cache.
     */
    HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        URI uri = request.uri();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(request.method());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setAuthenticator(NO_AUTHENTICATION);
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(request.timeout().map(BlockingExchange::millis).orElse(0));
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(sockets());
            https.setHostnameVerifier(NO_EXCEPTIONS); // not a lenient default the application may have set
        }
        request.headers().map().forEach((name, values) -> values.forEach(v -> connection.addRequestProperty(name, v)));
        if (request.headers().firstValue("Accept").isEmpty()) {
            connection.setRequestProperty("Accept", "*/*");
        }
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect timed out: " + uri);
            timeout.initCause(e);
            throw timeout;
        }
        int status;
        try {
            status = connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
        if (status < 100) {
            connection.disconnect();
            throw new IOException("invalid HTTP response from " + uri.getAuthority());
        }
        HttpHeaders headers = headers(connection);
        InputStream raw;
        if (status >= 400) {
            InputStream error = connection.getErrorStream();
            raw = error == null ? InputStream.nullInputStream() : error;
        } else {
            raw = connection.getInputStream();
        }
        return new Response(status, request, uri, headers, new Body(raw, connection));
    }

    /** The response headers in the order they came (a name may repeat, e.g. WWW-Authenticate). */
    private static HttpHeaders headers(HttpURLConnection connection) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; ; i++) {
            String value = connection.getHeaderField(i);
            if (value == null) {
                break;
            }
            String name = connection.getHeaderFieldKey(i);
            if (name != null) {
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /** A body that stops at the next read once its thread is interrupted, closing the connection. */
    private static final class Body extends FilterInputStream {
        private final HttpURLConnection connection;

        Body(InputStream in, HttpURLConnection connection) {
            super(in);
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            checkInterrupt();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkInterrupt();
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            checkInterrupt();
            return super.skip(n);
        }

        private void checkInterrupt() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                connection.disconnect();
                throw new InterruptedIOException("interrupted while reading the response");
            }
        }
    }

    /**
     * TLS sockets that check in the handshake that the server's certificate names the host, as {@code HttpClient}'s
     * do, so a wrong certificate is an {@link javax.net.ssl.SSLException} either way.
     */
    private static final class HostChecking extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        HostChecking(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket checking(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return checking(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return checking(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return checking(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return checking(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return checking(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return checking(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /** The answer as {@link HttpResponse}. */
    private record Response(int statusCode, HttpRequest request, URI uri, HttpHeaders headers, InputStream body)
            implements HttpResponse<InputStream> {
        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
