package io.bugmaster.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import java.util.Arrays;
import java.util.Iterator;
import org.springdoc.core.converters.PolymorphicModelConverter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI description of the REST API, served at /api/0/openapi.json. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    static {
        // endpoints that answer or take a JSON tree: describe it as a JSON object, not as a bean with the tree
        // class's getters as properties (a "JsonNode" schema with "array", "object", "missingNode"...)
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema())
                .replaceWithSchema(ObjectNode.class, new ObjectSchema())
                .replaceWithSchema(ArrayNode.class, new ArraySchema().items(new Schema<>()));
    }

    /**
     * SpringDoc's polymorphism converter comes first in the chain and reads every type as a bean with
     * Jackson 2, which does not know Jackson 3's tree classes: {@code ObjectNode} has two {@code setAll}
     * setters, so it threw, SpringDoc logged a WARN with a stack trace on every request for the document
     * and left the events endpoints' answers without a schema. A JSON tree has no subtypes to describe:
     * this one passes it on to the rest of the chain, where the replacements above apply. (SpringDoc
     * uses this bean instead of its own, which it creates only when there is none.)
     */
    @Bean
    PolymorphicModelConverter polymorphicModelConverter(ObjectMapperProvider mapper) {
        return new PolymorphicModelConverter(mapper) {
            @Override
            @SuppressWarnings("rawtypes")
            public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                Class<?> raw = mapper.jsonMapper().constructType(type.getType()).getRawClass();
                if (JsonNode.class.isAssignableFrom(raw)) {
                    return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
                }
                return super.resolve(type, context, chain);
            }
        };
    }

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

    /**
     * A list handler takes its page as one {@link PageRequest} argument; the document shows the query
     * parameters it is read from instead.
     */
    @Bean
    OperationCustomizer paginationParameters() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PageRequest.class);
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == PageRequest.class)) {
                operation.addParametersItem(new QueryParameter().name("cursor").schema(new StringSchema())
                        .description("Where the page starts, as given in the previous answer's Link header (value:offset:is_prev)."));
                operation.addParametersItem(pageSize("per_page", "Items per page."));
                operation.addParametersItem(pageSize("limit", "Items per page (Sentry's other name for per_page)."));
            }
            return operation;
        };
    }

    private static QueryParameter pageSize(String name, String description) {
        return (QueryParameter) new QueryParameter().name(name).description(description)
                .schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Paging.MAX_PER_PAGE))
                        ._default(Paging.DEFAULT_PER_PAGE));
    }
}
