package dev.stormwatch.status;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** status-api's OpenAPI description: what it is and how callers authenticate. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Stormwatch status-api",
                        version = "v1",
                        description =
                                "Read models of incidents, component status, DR decisions, pages, handovers and the "
                                        + "audit trail, built from Kafka; taking decisions; acknowledging pages; "
                                        + "downstream handover subscriptions. Roles: viewer (read), responder "
                                        + "(acknowledge), dr-lead (decide), admin (catalogs, subscriptions)."),
        security = {@SecurityRequirement(name = "entra-id"), @SecurityRequirement(name = "api-key")})
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "entra-id",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description = "Entra ID access token for status-api's app registration (issuer and keys from the tenant's "
                    + "discovery document); roles from the app roles in the `roles` claim"),
    @SecurityScheme(
            securitySchemeName = "api-key",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.HEADER,
            apiKeyName = "X-API-Key",
            description = "A configured API key of the embedded default, mapped to roles")
})
public class StatusApiApplication extends Application {}
