package io.sealer.registry.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.event.Progress;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.registry.RegistryCredentials;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.ManifestDocument;
import io.sealer.registry.internal.io.HashingCopy;
import io.sealer.registry.internal.io.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RegistryClient} over the OCI distribution API, with the JDK's HTTP clients (see {@link RegistryHttp}: reads
 * over {@code HttpURLConnection}, uploads over {@link java.net.http.HttpClient}). Reads go to the
 * configured mirrors of the image's domain in order, then to the registry itself: when a mirror answered "not found",
 * only with {@link RegistrySettings#mirrorFallback()}; a mirror that could not answer always falls back. A lookup
 * that finds nothing names every endpoint asked and its answer. Writes go to the registry only.
 * Manifests are verified against their digest, blobs while they stream to disk. Thread-safe.
 */
public final class OciRegistryClient implements LookupClient {
    private static final Logger LOG = LoggerFactory.getLogger(OciRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final RegistrySettings settings;
    private final RegistryHttp http;
    private final long monolithicLimit;
    private final int chunkSize;

    /** A client reading credentials from the settings and then the docker {@code config.json}. */
    public OciRegistryClient(RegistrySettings settings) {
        this(settings, settings.dockerConfig().map(DockerConfig::load)
                .orElseGet(() -> DockerConfig.load(DockerConfig.defaultLocation())),
                RetryPolicy.of(settings.maxRetries()), RetryPolicy.Sleeper.REAL, 16L << 20, 8 << 20);
    }

    OciRegistryClient(RegistrySettings settings, DockerConfig dockerConfig, RetryPolicy retry,
            RetryPolicy.Sleeper sleeper, long monolithicLimit, int chunkSize) {
        this.settings = settings;
        Map<String, RegistryCredentials> given = settings.credentials();
        Function<String, Optional<RegistryCredentials>> lookup = key -> {
            String normal = DockerConfig.normalise(key);
            for (Map.Entry<String, RegistryCredentials> e : given.entrySet()) {
                if (DockerConfig.normalise(e.getKey()).equals(normal)) {
                    return Optional.of(e.getValue());
                }
            }
            return dockerConfig.credentials(key);
        };
        this.http = new RegistryHttp(settings, lookup, retry, sleeper, Clock.systemUTC());
        this.monolithicLimit = monolithicLimit;
        this.chunkSize = chunkSize;
    }

    @Override
    public RegistrySettings settings() {
        return settings;
    }

    @Override
    public ManifestLookup lookupManifest(ImageReference reference) {
        String image = reference.toString();
        List<Attempt> attempts = new ArrayList<>();
        Optional<RegistryManifest> manifest = firstHolding(reference, "GET", attempts,
                response -> readManifest(image, reference, response));
        return new ManifestLookup(image, manifest, attempts);
    }

    /**
     * A {@code HEAD} request per source in the order a lookup asks them, reading the digest from the answer's
     * {@code Docker-Content-Digest}; the manifest itself is read only when a source has it but gave no digest.
     *
     * @throws RegistryException as a lookup does: naming every source asked, when none had it and the last could not
     *                           answer
     */
    @Override
    public Optional<String> resolveDigest(ImageReference reference) {
        if (reference.optionalDigest().isPresent()) {
            return LookupClient.super.resolveDigest(reference);
        }
        List<Attempt> attempts = new ArrayList<>();
        Optional<Optional<String>> answered = firstHolding(reference, "HEAD", attempts, response -> {
            RegistryHttp.drain(response);
            return response.headers().firstValue("Docker-Content-Digest").filter(Digests::isSha256);
        });
        if (answered.isEmpty()) {
            ManifestLookup lookup = new ManifestLookup(reference.toString(), Optional.empty(), attempts);
            if (lookup.failed()) {
                throw lookup.failure();
            }
            return Optional.empty(); // no source has it
        }
        return answered.get().or(() -> LookupClient.super.resolveDigest(reference));
    }

    /**
     * Asks each source of {@code reference} in turn (mirrors first, then the registry unless a mirror's "not found"
     * is final) with {@code method}; the first answer 200 is read with {@code read}. Every other answer is added to
     * {@code attempts}.
     */
    private <T> Optional<T> firstHolding(ImageReference reference, String method, List<Attempt> attempts,
            Function<HttpResponse<InputStream>, T> read) {
        String image = reference.toString();
        String target = reference.optionalDigest().orElseGet(reference::effectiveTag);
        boolean mirrorHasNot = false;
        for (RegistryHttp.Endpoint endpoint : endpoints(reference.domain(), image)) {
            if (endpoint == null) {
                if (mirrorHasNot && !settings.mirrorFallback()) {
                    attempts.add(Attempt.skipped(RegistryHttp.originName(reference.domain()),
                            "a mirror answered not found and mirror fallback is off"));
                    break;
                }
                endpoint = http.origin(reference.domain(), image);
            }
            String source = sourceName(endpoint);
            URI uri = endpoint.resolve("/v2/" + reference.path() + "/manifests/" + target);
            HttpResponse<InputStream> response;
            try {
                response = http.send(image, endpoint, new RegistryHttp.Call(method, uri,
                        Map.of("Accept", String.join(", ", MANIFEST_MEDIA_TYPES)), HttpRequest.BodyPublishers::noBody,
                        pull(reference)));
            } catch (RegistryException e) {
                if (endpoint.mirror()) {
                    LOG.warn("mirror {} failed for {}: {}; trying the next source", endpoint.base(), image,
                            e.problem());
                }
                attempts.add(Attempt.failed(source, RegistryHttp.answerOf(e), e.statusCode(), e));
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return Optional.of(read.apply(response));
            }
            if (status == 404) {
                RegistryHttp.drain(response);
                if (endpoint.mirror()) {
                    LOG.debug("mirror {} does not have {}", endpoint.base(), image);
                    mirrorHasNot = true;
                }
                attempts.add(Attempt.notFound(source));
                continue;
            }
            String answer = answer(response);
            if (endpoint.mirror()) {
                LOG.warn("mirror {} answered {} for {}; trying the next source", endpoint.base(), answer, image);
            }
            attempts.add(Attempt.failed(source, answer, status, null));
        }
        return Optional.empty();
    }

    @Override
    public boolean blobExists(ImageReference repository, String digest) {
        String image = repository.toString();
        RegistryHttp.Endpoint endpoint = http.origin(repository.domain(), image);
        HttpResponse<InputStream> response = http.send(image, endpoint, new RegistryHttp.Call("HEAD",
                endpoint.resolve("/v2/" + repository.path() + "/blobs/" + digest), Map.of(),
                HttpRequest.BodyPublishers::noBody, pull(repository)));
        RegistryHttp.drain(response);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw failure(image, "checking blob " + digest, response);
        };
    }

    @Override
    public void fetchBlob(ImageReference repository, String digest, long size, Path target,
            Progress progress) {
        String image = repository.toString();
        checkDigest(image, digest);
        List<Attempt> attempts = new ArrayList<>();
        boolean mirrorHasNot = false;
        for (RegistryHttp.Endpoint endpoint : endpoints(repository.domain(), image)) {
            if (endpoint == null) {
                if (mirrorHasNot && !settings.mirrorFallback()) {
                    attempts.add(Attempt.skipped(RegistryHttp.originName(repository.domain()),
                            "a mirror answered not found and mirror fallback is off"));
                    break;
                }
                endpoint = http.origin(repository.domain(), image);
            }
            String source = sourceName(endpoint);
            URI uri = endpoint.resolve("/v2/" + repository.path() + "/blobs/" + digest);
            HttpResponse<InputStream> response;
            try {
                response = http.send(image, endpoint, RegistryHttp.Call.get(uri, Map.of(), pull(repository)));
            } catch (RegistryException e) {
                if (endpoint.mirror()) {
                    LOG.warn("mirror {} failed for blob {} of {}: {}", endpoint.base(), digest, image, e.problem());
                }
                attempts.add(Attempt.failed(source, RegistryHttp.answerOf(e), e.statusCode(), e));
                continue;
            }
            if (response.statusCode() == 200) {
                streamVerified(image, digest, size, response, target, progress);
                return;
            }
            if (response.statusCode() == 404) {
                RegistryHttp.drain(response);
                mirrorHasNot |= endpoint.mirror();
                attempts.add(Attempt.notFound(source));
                continue;
            }
            attempts.add(Attempt.failed(source, answer(response), response.statusCode(), null));
        }
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        boolean allNotFound = attempts.stream().noneMatch(a -> a.outcome() == Attempt.Outcome.FAILED);
        throw new RegistryException(image, "fetching blob " + digest + " failed: " + Attempt.describe(attempts),
                allNotFound ? 404 : last == null ? 0 : last.statusCode(), last == null ? null : last.cause());
    }

    @Override
    public void pushBlob(ImageReference repository, String digest, long size, Path source,
            Optional<ImageReference> mountFrom, Progress progress) {
        String image = repository.toString();
        checkDigest(image, digest);
        if (blobExists(repository, digest)) {
            LOG.debug("blob {} already in {}", digest, image);
            return;
        }
        RegistryHttp.Endpoint endpoint = http.origin(repository.domain(), image);
        List<String> scopes = new ArrayList<>(push(repository));
        String uploads = "/v2/" + repository.path() + "/blobs/uploads/";
        Optional<ImageReference> from = mountFrom
                .filter(m -> m.domain().equals(repository.domain()) && !m.path().equals(repository.path()));
        if (from.isPresent()) {
            scopes.add("repository:" + from.get().path() + ":pull");
            uploads += "?mount=" + enc(digest) + "&from=" + enc(from.get().path());
        }
        URI start = endpoint.resolve(uploads);
        HttpResponse<InputStream> response = http.send(image, endpoint, new RegistryHttp.Call("POST", start,
                Map.of(), () -> HttpRequest.BodyPublishers.ofByteArray(new byte[0]), scopes));
        RegistryHttp.drain(response);
        if (response.statusCode() == 201 && from.isPresent()) {
            LOG.debug("mounted blob {} from {} into {}", digest, from.get(), image);
            return;
        }
        if (response.statusCode() != 202) {
            throw failure(image, "starting upload of blob " + digest, response);
        }
        URI location = uploadLocation(image, digest, start, response);
        long length = fileSize(image, digest, source);
        if (length <= monolithicLimit) {
            URI put = withQuery(location, "digest=" + enc(digest));
            response = http.send(image, endpoint, new RegistryHttp.Call("PUT", put,
                    Map.of("Content-Type", "application/octet-stream"), () -> filePublisher(source, 0, length),
                    scopes));
        } else {
            long offset = 0;
            while (offset < length) {
                long end = Math.min(length, offset + chunkSize);
                long from0 = offset;
                response = http.send(image, endpoint, new RegistryHttp.Call("PATCH", location,
                        Map.of("Content-Type", "application/octet-stream",
                                "Content-Range", from0 + "-" + (end - 1)),
                        () -> filePublisher(source, from0, end - from0), scopes));
                RegistryHttp.drain(response);
                if (response.statusCode() != 202) {
                    throw failure(image, "uploading chunk " + from0 + "-" + (end - 1) + " of blob " + digest,
                            response);
                }
                location = uploadLocation(image, digest, location, response);
                offset = end;
                progress.progressed(offset, length);
            }
            URI put = withQuery(location, "digest=" + enc(digest));
            response = http.send(image, endpoint, new RegistryHttp.Call("PUT", put, Map.of(),
                    () -> HttpRequest.BodyPublishers.ofByteArray(new byte[0]), scopes));
        }
        RegistryHttp.drain(response);
        if (response.statusCode() != 201) {
            throw failure(image, "finishing upload of blob " + digest, response);
        }
        progress.progressed(length, length);
    }

    @Override
    public String pushManifest(ImageReference reference, RegistryManifest manifest) {
        String image = reference.toString();
        String computed = Digests.of(manifest.content());
        if (!computed.equals(manifest.digest())) {
            throw new RegistryException(image, "manifest digest " + manifest.digest() + " does not match its content ("
                    + computed + ")", null);
        }
        String target = reference.optionalTag().orElseGet(() -> reference.optionalDigest().orElse("latest"));
        RegistryHttp.Endpoint endpoint = http.origin(reference.domain(), image);
        URI uri = endpoint.resolve("/v2/" + reference.path() + "/manifests/" + target);
        byte[] content = manifest.content();
        HttpResponse<InputStream> response = http.send(image, endpoint, new RegistryHttp.Call("PUT", uri,
                Map.of("Content-Type", manifest.mediaType()), () -> HttpRequest.BodyPublishers.ofByteArray(content),
                push(reference)));
        RegistryHttp.drain(response);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw failure(image, "pushing manifest " + computed, response);
        }
        return computed;
    }

    @Override
    public void checkAccess(String registry) {
        RegistryHttp.Endpoint endpoint = http.origin(registry, registry);
        HttpResponse<InputStream> response = http.send(registry, endpoint,
                RegistryHttp.Call.get(endpoint.resolve("/v2/"), Map.of(), List.of()));
        RegistryHttp.drain(response);
        if (response.statusCode() != 200) {
            throw new RegistryException(registry, "login refused: GET /v2/ answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (wrong user name or password)" : ""),
                    response.statusCode(), null);
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 holds no resources that need closing; kept-alive connections of
        // HttpURLConnection are the JDK's to close when idle
    }

    private RegistryManifest readManifest(String image, ImageReference reference, HttpResponse<InputStream> response) {
        byte[] content;
        try (InputStream body = response.body()) {
            content = body.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new RegistryException(image, "reading manifest failed: " + e.getMessage(), e);
        }
        if (content.length > MAX_MANIFEST_BYTES) {
            throw new RegistryException(image, "manifest is larger than " + MAX_MANIFEST_BYTES + " bytes", null);
        }
        String computed = Digests.of(content);
        Optional<String> expected = reference.optionalDigest()
                .or(() -> response.headers().firstValue("Docker-Content-Digest").filter(Digests::isSha256));
        if (expected.isPresent() && !expected.get().equals(computed)) {
            throw new RegistryException(image, "manifest content has digest " + computed + " but " + expected.get()
                    + " was expected", null);
        }
        String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim())
                .orElse("");
        RegistryManifest raw = new RegistryManifest(mediaType, computed, content);
        String effective = ManifestDocument.parse(image, raw).mediaType();
        return effective.equals(mediaType) ? raw : new RegistryManifest(effective, computed, content);
    }

    private void streamVerified(String image, String digest, long size, HttpResponse<InputStream> response,
            Path target, Progress progress) {
        long total = size >= 0 ? size : response.headers().firstValueAsLong("Content-Length").orElse(-1);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        HashingCopy copy = new HashingCopy(progress);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (InputStream in = response.body();
                    OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                copy.copy(in, out, total);
            }
            String actual = copy.digest();
            long done = copy.done();
            if (!actual.equals(digest) || (size >= 0 && done != size)) {
                Files.deleteIfExists(partial);
                throw new RegistryException(image, "blob " + digest + " is corrupt: received " + done
                        + " bytes with digest " + actual + (size >= 0 ? ", expected " + size + " bytes" : ""), null);
            }
            move(partial, target);
            progress.progressed(done, total);
        } catch (IOException e) {
            TempFiles.deleteQuietly(partial);
            throw new RegistryException(image, "downloading blob " + digest + " failed after " + copy.done() + " bytes: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            TempFiles.deleteQuietly(partial);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(from);
        }
    }

    private static HttpRequest.BodyPublisher filePublisher(Path source, long offset, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                FileChannel channel = FileChannel.open(source, StandardOpenOption.READ);
                channel.position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), length);
    }

    private static long fileSize(String image, String digest, Path source) {
        try {
            return Files.size(source);
        } catch (IOException e) {
            throw new RegistryException(image, "cannot read blob " + digest + " from " + source, e);
        }
    }

    private static URI uploadLocation(String image, String digest, URI base, HttpResponse<InputStream> response) {
        return response.headers().firstValue("Location").map(base::resolve)
                .orElseThrow(() -> new RegistryException(image, "upload of blob " + digest
                        + " got no Location from the registry", response.statusCode(), null));
    }

    private static URI withQuery(URI uri, String query) {
        String s = uri.toString();
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static void checkDigest(String image, String digest) {
        if (!Digests.isSha256(digest)) {
            throw new RegistryException(image, "invalid blob digest \"" + digest
                    + "\"; expected sha256:<64 hex digits>", null);
        }
    }

    /** A failure for an unexpected answer, with the registry's error code when it sent one. */
    static RegistryException failure(String image, String what, HttpResponse<InputStream> response) {
        return new RegistryException(image, what + " failed: " + answer(response), response.statusCode(), null);
    }

    /**
     * An unexpected answer in words, with the registry's error code when it sent one: {@code HTTP 401 unauthorized:
     * check the credentials for this registry (UNAUTHORIZED)}. Consumes the body.
     */
    static String answer(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String code = "";
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(16 * 1024);
            if (bytes.length > 0) {
                JsonNode errors = JSON.readTree(bytes).path("errors");
                if (errors.isArray() && errors.size() > 0) {
                    code = errors.get(0).path("code").asText("");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.trace("no error document in the response", e);
        }
        String reason = switch (status) {
            case 401 -> "unauthorized: check the credentials for this registry";
            case 403 -> "access denied";
            case 404 -> "not found";
            case 429 -> "too many requests, retries exhausted";
            default -> status >= 500 ? "server error, retries exhausted" : "unexpected answer";
        };
        return "HTTP " + status + " " + reason + (code.isEmpty() ? "" : " (" + code + ")");
    }

    /** The mirrors of {@code domain}, then {@code null} standing for the origin (resolved only when it is asked). */
    private List<RegistryHttp.Endpoint> endpoints(String domain, String image) {
        List<RegistryHttp.Endpoint> endpoints = new ArrayList<>(http.mirrors(domain, image));
        endpoints.add(null);
        return endpoints;
    }

    /** How an endpoint is named in messages: {@code mirror http://127.0.0.1:5000} or {@code registry-1.docker.io}. */
    private static String sourceName(RegistryHttp.Endpoint endpoint) {
        String base = endpoint.base().toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return endpoint.mirror() ? "mirror " + trimmed : endpoint.base().getAuthority();
    }

    private static List<String> pull(ImageReference ref) {
        return List.of("repository:" + ref.path() + ":pull");
    }

    private static List<String> push(ImageReference ref) {
        return List.of("repository:" + ref.path() + ":pull,push");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
