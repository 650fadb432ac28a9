package io.bisonsync.simulator;

import java.util.Objects;

/** Where a fault applies: everywhere, one instance, or one workspace of one instance. */
public record FaultScope(String slug, Long workspaceId) {

    public FaultScope {
        if (workspaceId != null && slug == null) {
            throw new IllegalArgumentException("a workspace scope needs the instance slug");
        }
    }

    public static FaultScope global() {
        return new FaultScope(null, null);
    }

    public static FaultScope instance(String slug) {
        return new FaultScope(Objects.requireNonNull(slug, "slug"), null);
    }

    public static FaultScope workspace(String slug, long workspaceId) {
        return new FaultScope(Objects.requireNonNull(slug, "slug"), workspaceId);
    }

    /** Whether a request to {@code slug} that acts on {@code workspaceId} (null if none) falls in this scope. */
    boolean covers(String requestSlug, Long requestWorkspaceId) {
        return (slug == null || slug.equals(requestSlug))
                && (workspaceId == null || workspaceId.equals(requestWorkspaceId));
    }
}
