package io.bugmaster.accounts;

import java.time.Instant;

/**
 * A DSN key of a project. The public key is not a secret (it ships inside browser bundles); it
 * only says which project an event is for. {@code rateLimitCount} events per
 * {@code rateLimitWindow} seconds, when both are set, is enforced by ingestion.
 */
public record ProjectKey(long id, long projectId, String label, String publicKey, boolean active,
        Integer rateLimitCount, Integer rateLimitWindow, Instant createdAt) {

    /** The DSN an SDK is configured with: {@code scheme://public_key@host/project_id}. */
    public String dsn(String baseUrl) {
        java.net.URI base = java.net.URI.create(baseUrl);
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String port = base.getPort() > 0 ? ":" + base.getPort() : "";
        return base.getScheme() + "://" + publicKey + "@" + base.getHost() + port + path + "/" + projectId;
    }
}
