package dev.stormwatch.status.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation /q/openapi lists is refused without credentials (401) and with a role too low for it (403), generated
 * from the OpenAPI document itself, so that an endpoint added later is covered without touching this test. The roles an
 * operation allows are read from the @RolesAllowed of the method its operationId ({@code <ResourceClass>_<method>})
 * names. Each role is tried as an Entra ID bearer token issued by the test OIDC server (validated through its discovery
 * document and keys) and, where a configured API key holds no allowed role, as that key; an operation allowed to every
 * role is called with a token that carries no role at all. Requests have a 10 s timeout: a refused request never hangs,
 * not even on the event stream.
 */
@QuarkusTest
class OpenApiAccessIT {

    static final List<String> ROLES = List.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** The test profile's API keys and their roles. */
    static final Map<String, Set<String>> KEYS = Map.of(
            Keys.VIEWER,
            Set.of(Roles.VIEWER),
            Keys.RESPONDER,
            Set.of(Roles.VIEWER, Roles.RESPONDER),
            Keys.DR_LEAD,
            Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD),
            Keys.ADMIN,
            Set.of(Roles.VIEWER, Roles.ADMIN));

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyDocumentedOperationIsRefusedWithoutCredentialsAndWithATooLowRole() throws Exception {
        JsonNode doc = JsonCodec.fromJson(
                RestAssured.given()
                        .header(Keys.HEADER, Keys.VIEWER)
                        .accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                JsonNode.class);
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase();
                String target = path.getKey().replaceAll("\\{[^}]+}", "oa-x");
                String operationId = op.getValue().path("operationId").asText();
                String contentType = op.getValue()
                                .path("requestBody")
                                .path("content")
                                .fieldNames()
                                .hasNext()
                        ? op.getValue()
                                .path("requestBody")
                                .path("content")
                                .fieldNames()
                                .next()
                        : null;
                if (signedDoor(operationId)) {
                    // Open to callers without an API key (automated steps' targets) but only with a valid signature.
                    checked.add(method + " " + path.getKey() + " (" + operationId + ", signed)");
                    int unsigned = call(method, target, contentType, null, null);
                    if (unsigned != 401) {
                        failures.add(method + " " + path.getKey() + ": unsigned " + unsigned);
                    }
                    continue;
                }
                Set<String> allowed = rolesAllowed(operationId);
                String what = method + " " + path.getKey() + " (" + operationId + ", allowed " + allowed + ")";
                checked.add(what);
                int anonymous = call(method, target, contentType, null, null);
                if (anonymous != 401) {
                    failures.add(what + ": without credentials " + anonymous);
                }
                List<String> tooLow =
                        ROLES.stream().filter(r -> !allowed.contains(r)).toList();
                if (tooLow.isEmpty()) {
                    int none = call(method, target, contentType, "Bearer " + Tokens.of("no-role"));
                    if (none != 403) {
                        failures.add(what + ": token without a role " + none);
                    }
                }
                for (String role : tooLow) {
                    int status = call(method, target, contentType, "Bearer " + Tokens.of("user-" + role, role));
                    if (status != 403) {
                        failures.add(what + ": role " + role + " " + status);
                    }
                }
                for (Map.Entry<String, Set<String>> key : KEYS.entrySet()) {
                    if (key.getValue().stream().noneMatch(allowed::contains)) {
                        int status = call(method, target, contentType, null, key.getKey());
                        if (status != 403) {
                            failures.add(what + ": API key with " + key.getValue() + " " + status);
                        }
                    }
                }
            }
        }
        System.out.println("OpenApiAccessIT checked " + checked.size() + " operations");
        assertEquals(List.of(), failures);
        assertTrue(checked.size() >= 36, "the document lists every endpoint: " + checked.size() + " " + checked);
        for (String expected : List.of(
                "POST /api/v1/platforms/{platformId}/drills",
                "POST /api/v1/drills/{drillId}/abandon",
                "GET /api/v1/drills/{drillId}/report.html",
                "POST /api/v1/decisions/{decisionId}/start",
                "GET /drills/{drillId}")) {
            assertTrue(
                    checked.stream().anyMatch(c -> c.startsWith(expected + " ")),
                    expected + " is in the document and checked");
        }
    }

    private int call(String method, String path, String contentType, String authorization)
            throws IOException, InterruptedException {
        return call(method, path, contentType, authorization, null);
    }

    private int call(String method, String path, String contentType, String authorization, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(root.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (apiKey != null) {
            request.header(Keys.HEADER, apiKey);
        }
        byte[] body = contentType == null
                ? new byte[0]
                : contentType.contains("yaml") ? "platform: {}\n".getBytes() : "{}".getBytes();
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        // An SSE answer would never end: only the status line and headers are read.
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /** True for an operation open without credentials because it checks a signature itself (@PermitAll). */
    static boolean signedDoor(String operationId) {
        int underscore = operationId.indexOf('_');
        return underscore > 0
                && resourceClass(operationId.substring(0, underscore))
                        .flatMap(type -> Arrays.stream(type.getMethods())
                                .filter(m -> m.getName().equals(operationId.substring(underscore + 1)))
                                .findFirst())
                        .map(m -> m.isAnnotationPresent(jakarta.annotation.security.PermitAll.class))
                        .orElse(false);
    }

    /** The roles of the resource method an operationId {@code <SimpleClassName>_<method>} names. */
    static Set<String> rolesAllowed(String operationId) {
        int underscore = operationId.indexOf('_');
        assertTrue(underscore > 0, "operationId " + operationId + " is <Class>_<method> (CLASS_METHOD strategy)");
        String simpleName = operationId.substring(0, underscore);
        String methodName = operationId.substring(underscore + 1);
        Class<?> type =
                resourceClass(simpleName).orElseThrow(() -> new AssertionError("no resource class " + simpleName));
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no method " + methodName + " on " + type.getName()));
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class) != null
                ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        assertTrue(roles != null, operationId + " carries @RolesAllowed");
        return new LinkedHashSet<>(Arrays.asList(roles.value()));
    }

    /** Finds the class among status-api's compiled classes by its simple name. */
    static Optional<Class<?>> resourceClass(String simpleName) {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
                    .findFirst()
                    .map(f -> {
                        String name = classes.relativize(f)
                                .toString()
                                .replace('/', '.')
                                .replaceAll("\\.class$", "");
                        try {
                            return Class.forName(
                                    name, false, Thread.currentThread().getContextClassLoader());
                        } catch (ClassNotFoundException e) {
                            throw new AssertionError(e);
                        }
                    });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
