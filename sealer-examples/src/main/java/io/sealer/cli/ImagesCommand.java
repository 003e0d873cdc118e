package io.sealer.cli;

import io.sealer.api.image.ImageReference;
import io.sealer.api.image.ImageSummary;
import io.sealer.core.SealerClient;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;

/** {@code sealer images}: a table of the stored images, one row per name and platform. */
@Command(name = "images", description = "List the cluster images in the local store.")
final class ImagesCommand extends CliCommand {
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Override
    public Integer call() {
        String format = "%-50s %-14s %-16s %-20s %s%n";
        try (SealerClient client = openClient()) {
            var rows = client.images().list();
            out().printf(format, "NAME", "ID", "PLATFORM", "CREATED", "SIZE");
            for (ImageSummary row : rows) {
                out().printf(format, ImageReference.parse(row.name()).familiarName(), shortId(row.id()),
                        row.platform(), CREATED.format(row.created()), humanSize(row.size()));
            }
        }
        return 0;
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    static String humanSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
