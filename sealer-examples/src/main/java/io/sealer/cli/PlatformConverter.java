package io.sealer.cli;

import io.sealer.api.image.Platform;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code os/arch[/variant]} (or a bare architecture) for every {@code --platform} option. */
final class PlatformConverter implements ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
        try {
            return Platform.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
