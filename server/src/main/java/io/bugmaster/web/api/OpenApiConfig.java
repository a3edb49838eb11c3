package io.bugmaster.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of the REST API, served at /api/0/openapi.json. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI bugmasterOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Bugmaster API").version("0")
                        .description("Sentry-compatible REST API of Bugmaster. Authenticate with Authorization: Bearer <token>. "
                                + "Lists are paginated with cursors in the Link header; errors are {\"detail\": \"...\"}."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Every endpoint also answers without its trailing slash; the document lists only the
     * canonical (Sentry) form of each path.
     */
    @Bean
    OpenApiCustomizer canonicalApiPaths() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            Paths canonical = new Paths();
            openApi.getPaths().forEach((path, item) -> {
                if (path.endsWith("/") || !openApi.getPaths().containsKey(path + "/")) {
                    canonical.addPathItem(path, item);
                }
            });
            openApi.setPaths(canonical);
        };
    }
}
