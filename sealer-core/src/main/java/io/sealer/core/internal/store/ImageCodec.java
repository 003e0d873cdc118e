package io.sealer.core.internal.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageConfig;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.io.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON form of stored metadata. Output is canonical (properties and map keys sorted, no white space), so the image id,
 * {@code sha256} of the JSON of the image's content ({@link #imageId}), is stable.
 */
final class ImageCodec {
    /**
     * One row of the name index.
     *
     * @param created wall-clock time the image was built, pulled or loaded under this name (what {@code sealer images}
     *     shows); not the image's reproducible creation time
     */
    record IndexEntry(String id, Platform platform, Instant created, long size) {
    }

    /** One image in a saved archive's {@code index.json}. */
    record ArchiveEntry(String name, String id, Platform platform) {
    }

    static final TypeReference<Map<String, List<IndexEntry>>> INDEX_TYPE = new TypeReference<>() { };
    static final TypeReference<List<ArchiveEntry>> ARCHIVE_INDEX_TYPE = new TypeReference<>() { };

    private final ObjectMapper mapper;

    ImageCodec() {
        SimpleModule time = new SimpleModule("instant");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toString());
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        mapper = JsonMapper.builder()
                .addModule(time)
                .addMixIn(Layer.class, LayerMixin.class)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Keeps derived accessors of {@link Layer} out of the stored form. */
    abstract static class LayerMixin {
        @JsonIgnore
        abstract boolean isRegistryCache();
    }

    byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new StoreException(String.valueOf(value), "cannot serialise metadata: " + e.getMessage(), e);
        }
    }

    <T> T fromJson(byte[] json, Class<T> type, String source) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new StoreException(source, "corrupt metadata, expected " + type.getSimpleName() + " JSON: "
                    + e.getMessage(), e);
        }
    }

    <T> T fromJson(byte[] json, TypeReference<T> type, String source) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new StoreException(source, "corrupt metadata: " + e.getMessage(), e);
        }
    }

    <T> T fromJson(InputStream json, TypeReference<T> type, String source) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new StoreException(source, "corrupt metadata: " + e.getMessage(), e);
        }
    }

    /** The hashed part of an image: everything but its id, its name and its wall-clock build time. */
    private record Identity(ImageConfig config, List<String> containerImages, Instant created, List<Layer> layers,
            Platform platform) {
    }

    /**
     * The id of {@code image}: {@code sha256:} of the canonical JSON of its platform, layers, config, container images
     * and creation time. No name (every name of the same content has the same id) and no wall-clock time (the same
     * inputs give the same id on any day).
     */
    String imageId(StoredImage image) {
        return Digests.sha256Id(toJson(new Identity(image.config(), image.containerImages(), image.created(),
                image.layers(), image.platform())));
    }

    /**
     * The id metadata written before ids left out the name had: {@code sha256:} of the canonical JSON of the whole
     * {@link ClusterImage}, name and wall-clock creation time included, id left out. Only to verify old archives.
     */
    String legacyImageId(ClusterImage image) {
        ClusterImage withoutId = new ClusterImage(image.name(), null, image.platform(), image.layers(),
                image.config(), image.containerImages(), image.created());
        return Digests.sha256Id(toJson(withoutId));
    }
}
