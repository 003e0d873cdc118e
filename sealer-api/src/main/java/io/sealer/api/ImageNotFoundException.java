package io.sealer.api;

/** An image that is neither in the local store nor (when a registry is consulted) in its registry. */
public class ImageNotFoundException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final String image;

    public ImageNotFoundException(String image, String problem) {
        super(image, 0, problem, null);
        this.image = image;
    }

    /** The image name as requested. */
    public String image() {
        return image;
    }
}
