package io.sealer.api;

/** No cluster of that name has been applied with this store root (nothing saved under its cluster directory). */
public class ClusterNotFoundException extends SealerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param cluster the cluster's name
     * @param where the directory looked in
     */
    public ClusterNotFoundException(String cluster, String where) {
        super(where, 0, "no cluster named '" + cluster + "' was applied with this store (nothing saved in " + where
                + ")", null);
    }
}
