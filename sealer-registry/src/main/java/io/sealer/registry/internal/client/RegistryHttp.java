package io.sealer.registry.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.RegistryException;
import io.sealer.api.registry.RegistryCredentials;
import io.sealer.api.registry.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP exchanges with registries: retries with backoff, Basic and Bearer authentication (tokens cached per scope
 * until they expire), redirects (credentials only ever go to the registry's own authority) and the choice between
 * HTTPS and plain HTTP. Secrets never reach logs or exception messages. Requests without a body go over
 * {@link BlockingExchange} ({@code HttpURLConnection}), uploads over {@link HttpClient}, made when first needed.
 */
final class RegistryHttp {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 10;
    private static final Duration TOKEN_SKEW = Duration.ofSeconds(10);

    private final RegistrySettings settings;
    /** GET and HEAD: manifests, blobs, probes, tokens. */
    private final BlockingExchange blocking;
    /** Requests with a body (pushes), created when the first one is sent. */
    private volatile HttpClient http;
    /** The TLS context, made when the first HTTPS connection needs it (at once when CA files are configured). */
    private volatile SSLContext tls;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Clock clock;
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, URI> origins = new ConcurrentHashMap<>();

    /** Where a request goes and whose credentials it uses. */
    record Endpoint(URI base, String credentialsKey, boolean mirror) {
        URI resolve(String path) {
            return base.resolve(path);
        }
    }

    /** One request; {@code body} is called for every attempt. */
    record Call(String method, URI uri, Map<String, String> headers, Supplier<HttpRequest.BodyPublisher> body,
            List<String> scopes) {
        static Call get(URI uri, Map<String, String> headers, List<String> scopes) {
            return new Call("GET", uri, headers, HttpRequest.BodyPublishers::noBody, scopes);
        }
    }

    private record Token(String value, Instant expires) {
    }

    RegistryHttp(RegistrySettings settings, Function<String, Optional<RegistryCredentials>> credentials,
            RetryPolicy retry, RetryPolicy.Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        if (!settings.caFiles().isEmpty()) {
            tls = TrustMaterial.context(settings.caFiles()); // a bad CA file is reported when the client is made
        }
        this.blocking = new BlockingExchange(settings.connectTimeout(), () -> tls().getSocketFactory());
    }

    private SSLContext tls() {
        SSLContext context = tls;
        if (context == null) {
            synchronized (this) {
                context = tls;
                if (context == null) {
                    context = TrustMaterial.context(settings.caFiles());
                    tls = context;
                }
            }
        }
        return context;
    }

    private HttpClient httpClient() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(settings.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .sslContext(tls())
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * Sends a request: without a body over a blocking connection ({@link BlockingExchange}), with one through
     * {@link HttpClient}. The caller closes the body.
     */
    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException, InterruptedException {
        if (BlockingExchange.handles(request)) {
            return blocking.send(request);
        }
        return httpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8}, {@code ::1} and registries configured insecure. */
    boolean plainHttpAllowed(String hostPort) {
        String host = hostOf(hostPort);
        if (host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]")
                || host.equals("::1")) {
            return true;
        }
        return settings.insecureRegistries().contains(hostPort) || settings.insecureRegistries().contains(host);
    }

    /**
     * Endpoints to read from for a registry domain: its mirrors in order, then the origin ({@code docker.io} is
     * served by {@code registry-1.docker.io}).
     */
    List<Endpoint> readEndpoints(String domain, String image) {
        List<Endpoint> result = mirrors(domain, image);
        result.add(origin(domain, image));
        return result;
    }

    /** The mirrors of a registry domain, in order. */
    List<Endpoint> mirrors(String domain, String image) {
        List<Endpoint> result = new ArrayList<>();
        for (URI mirror : settings.mirrors().getOrDefault(domain, List.of())) {
            String authority = mirror.getAuthority();
            if ("http".equalsIgnoreCase(mirror.getScheme()) && !plainHttpAllowed(authority)) {
                throw new RegistryException(image, "mirror " + mirror + " uses plain HTTP; list " + authority
                        + " in the insecure registries to allow it", null);
            }
            URI base = URI.create(mirror.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + "/");
            result.add(new Endpoint(base, authority, true));
        }
        return result;
    }

    /** The host serving a registry domain: itself, except {@code registry-1.docker.io} for {@code docker.io}. */
    static String originName(String domain) {
        return domain.equals("docker.io") ? "registry-1.docker.io" : domain;
    }

    /** The registry itself, never a mirror: for writes. */
    Endpoint origin(String domain, String image) {
        URI base = origins.computeIfAbsent(domain, d -> {
            String host = originName(d);
            if (!plainHttpAllowed(d)) {
                return URI.create("https://" + host + "/");
            }
            return speaksPlainHttp(host) ? URI.create("http://" + host + "/") : URI.create("https://" + host + "/");
        });
        return new Endpoint(base, domain, false);
    }

    /**
     * Probes {@code http://host/v2/}: a registry speaking plain HTTP answers 200 or 401; a TLS server rejects the
     * request at once (an error, a 400 or a redirect), and then HTTPS is used. Plain HTTP first keeps the probe fast:
     * a plain HTTP server may wait a long time for the end of a TLS client hello.
     */
    private boolean speaksPlainHttp(String host) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/"))
                .timeout(settings.connectTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response = exchange(probe);
            drain(response);
            int status = response.statusCode();
            boolean plain = status == 200 || status == 401;
            LOG.debug("{} answered plain HTTP with {}; using {}", host, status, plain ? "HTTP" : "HTTPS");
            return plain;
        } catch (IOException e) {
            LOG.debug("{} does not answer plain HTTP ({}); using HTTPS", host, e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(host, "interrupted", e);
        }
    }

    /**
     * Sends a call, retrying connection errors, 5xx and 429, answering one authentication challenge and following
     * redirects. Returns the final response (the caller closes its body); retryable statuses come back once the
     * retries are spent.
     *
     * @throws RegistryException naming {@code image} when no response could be had
     */
    HttpResponse<InputStream> send(String image, Endpoint endpoint, Call call) {
        String method = call.method();
        URI uri = call.uri();
        boolean external = false;
        boolean answeredChallenge = false;
        int failures = 0;
        int redirects = 0;
        String registryAuthority = endpoint.base().getAuthority();
        while (true) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.readTimeout());
            call.headers().forEach(builder::header);
            if (!external) {
                authorization(image, endpoint, call.scopes()).ifPresent(a -> builder.header("Authorization", a));
            }
            HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("HEAD")
                    ? HttpRequest.BodyPublishers.noBody() : call.body().get();
            builder.method(method, body);
            LOG.debug("{} {}", method, redact(uri));
            HttpResponse<InputStream> response;
            try {
                response = exchange(builder.build());
            } catch (SSLException e) {
                throw new RegistryException(image, "TLS with " + uri.getAuthority() + " failed: " + e.getMessage(),
                        e);
            } catch (IOException e) {
                failures++;
                if (!retry.mayRetry(failures)) {
                    throw new RegistryException(image, method + " " + redact(uri) + " failed after " + failures
                            + " attempts: " + describe(e), e);
                }
                pause(image, retry.delay(failures, Optional.empty(), clock.instant()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(image, "interrupted during " + method + " " + redact(uri), e);
            }
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                drain(response);
                if (++redirects > MAX_REDIRECTS) {
                    throw new RegistryException(image, "too many redirects from " + redact(call.uri()), status, null);
                }
                URI next = uri.resolve(location.get());
                if ("http".equalsIgnoreCase(next.getScheme()) && "https".equalsIgnoreCase(uri.getScheme())
                        && !plainHttpAllowed(next.getAuthority())) {
                    throw new RegistryException(image, "refusing redirect from HTTPS to plain HTTP "
                            + redact(next), status, null);
                }
                external = external || !registryAuthority.equalsIgnoreCase(next.getAuthority());
                if (status == 303) {
                    method = "GET";
                }
                uri = next;
                continue;
            }
            if (status == 401 && !external && !answeredChallenge) {
                Optional<AuthChallenge> challenge = AuthChallenge.best(response.headers().allValues("WWW-Authenticate"));
                if (challenge.isPresent()) {
                    drain(response);
                    answeredChallenge = true;
                    challenges.put(registryAuthority, challenge.get());
                    tokens.keySet().removeIf(k -> k.startsWith(registryAuthority + "|"));
                    continue;
                }
            }
            if (RetryPolicy.retryable(status)) {
                failures++;
                if (retry.mayRetry(failures)) {
                    drain(response);
                    pause(image, retry.delay(failures, response.headers().firstValue("Retry-After"),
                            clock.instant()));
                    continue;
                }
            }
            return response;
        }
    }

    private Optional<String> authorization(String image, Endpoint endpoint, List<String> scopes) {
        AuthChallenge challenge = challenges.get(endpoint.base().getAuthority());
        if (challenge == null) {
            return Optional.empty();
        }
        Optional<RegistryCredentials> creds = credentials.apply(endpoint.credentialsKey());
        if (challenge.isBasic()) {
            return creds.map(RegistryHttp::basic);
        }
        if (challenge.isBearer()) {
            return Optional.of("Bearer " + token(image, endpoint, challenge, scopes, creds));
        }
        return Optional.empty();
    }

    private String token(String image, Endpoint endpoint, AuthChallenge challenge, List<String> scopes,
            Optional<RegistryCredentials> creds) {
        TreeSet<String> wanted = new TreeSet<>(scopes);
        if (wanted.isEmpty()) {
            challenge.param("scope").ifPresent(wanted::add);
        }
        String service = challenge.param("service").orElse("");
        String key = endpoint.base().getAuthority() + "|" + service + "|" + String.join(" ", wanted);
        Instant now = clock.instant();
        Token cached = tokens.get(key);
        if (cached != null && cached.expires().isAfter(now.plus(TOKEN_SKEW))) {
            return cached.value();
        }
        String realm = challenge.param("realm").orElseThrow(() -> new RegistryException(image,
                "registry " + endpoint.base().getAuthority() + " sent a Bearer challenge without a realm", 401, null));
        StringBuilder query = new StringBuilder();
        if (!service.isEmpty()) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        for (String scope : wanted) {
            query.append(query.length() == 0 ? "" : "&").append("scope=")
                    .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        URI realmUri = URI.create(realm);
        URI uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        if (!"https".equalsIgnoreCase(realmUri.getScheme()) && !plainHttpAllowed(realmUri.getAuthority())) {
            creds = Optional.empty();
        }
        Map<String, String> headers = creds.map(c -> Map.of("Authorization", basic(c))).orElse(Map.of());
        Endpoint realmEndpoint = new Endpoint(realmUri.resolve("/"), endpoint.credentialsKey(), false);
        HttpResponse<InputStream> response = sendPlain(image, realmEndpoint, Call.get(uri, headers, List.of()));
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new RegistryException(image, "token request to " + realmUri.getAuthority()
                        + " failed with HTTP " + response.statusCode()
                        + (creds.isPresent() ? " (check the credentials for " + endpoint.credentialsKey() + ")"
                                : " (no credentials configured for " + endpoint.credentialsKey() + ")"),
                        response.statusCode(), null);
            }
            JsonNode json = JSON.readTree(body.readNBytes(1 << 20));
            String token = json.path("token").asText("");
            if (token.isEmpty()) {
                token = json.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new RegistryException(image, "token response from " + realmUri.getAuthority()
                        + " holds no token", 0, null);
            }
            long expiresIn = json.path("expires_in").asLong(60);
            tokens.put(key, new Token(token, now.plusSeconds(Math.max(expiresIn, 60))));
            return token;
        } catch (IOException e) {
            throw new RegistryException(image, "cannot read token response from " + realmUri.getAuthority(), 0,
                    null);
        }
    }

    /** A call without registry authentication (token endpoints): retries only. */
    private HttpResponse<InputStream> sendPlain(String image, Endpoint endpoint, Call call) {
        int failures = 0;
        while (true) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(settings.readTimeout()).GET();
            call.headers().forEach(builder::header);
            try {
                HttpResponse<InputStream> response = exchange(builder.build());
                if (RetryPolicy.retryable(response.statusCode()) && retry.mayRetry(failures + 1)) {
                    failures++;
                    drain(response);
                    pause(image, retry.delay(failures, response.headers().firstValue("Retry-After"),
                            clock.instant()));
                    continue;
                }
                return response;
            } catch (SSLException e) {
                throw new RegistryException(image, "TLS with " + endpoint.base().getAuthority() + " failed: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                failures++;
                if (!retry.mayRetry(failures)) {
                    throw new RegistryException(image, "token request to " + endpoint.base().getAuthority()
                            + " failed: " + describe(e), e);
                }
                pause(image, retry.delay(failures, Optional.empty(), clock.instant()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(image, "interrupted", e);
            }
        }
    }

    private void pause(String image, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(image, "interrupted while waiting to retry", e);
        }
    }

    static void drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.skip(Long.MAX_VALUE);
        } catch (IOException e) {
            LOG.trace("ignoring error while discarding a response body", e);
        }
    }

    /** The URI without its query (which may carry upload state) for messages. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
    }

    private static String describe(IOException e) {
        String kind = kindOf(e);
        return kind != null ? kind : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * What a failed exchange answered, in words for a list of sources tried: {@code connection refused},
     * {@code unknown host}, {@code connection timed out}, {@code TLS failed: ...}, or the failure's own words.
     */
    static String answerOf(RegistryException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof SSLException ssl) {
            return "TLS failed: " + ssl.getMessage();
        }
        if (cause instanceof IOException io) {
            return describe(io);
        }
        return failure.problem();
    }

    /** The kind of a connection failure, or null when it is none of the known kinds. */
    private static String kindOf(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof SSLException ssl) {
                return "TLS failed: " + ssl.getMessage();
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out waiting for an answer";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return null;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String hostOf(String hostPort) {
        String h = hostPort.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }
}
