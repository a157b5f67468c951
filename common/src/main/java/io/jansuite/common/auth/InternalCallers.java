package io.jansuite.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs this service's calls to its neighbours' {@code /internal/} routes and checks the calls it receives:
 * a key per pair of services (so that a service can speak only for itself), a timestamp within
 * {@code app.internal.max-skew}, a nonce seen once, and the route's own list of callers. The maps are fixed
 * by configuration: a request naming an unknown caller costs a lookup and nothing more.
 */
@ApplicationScoped
public class InternalCallers {

    /** The outcome of checking a request: the caller when genuine, else why not. */
    public record Check(String caller, String problem) {
        static Check refused(String problem) {
            return new Check(null, problem);
        }
    }

    private record Rule(String prefix, Set<String> callers) {
    }

    private final String self;
    private final Map<String, byte[]> keys;
    private final List<Rule> rules;
    private final long maxSkewSeconds;
    private final Cache<String, Boolean> seenNonces;
    Clock clock = Clock.systemUTC();

    @Inject
    public InternalCallers(@ConfigProperty(name = "quarkus.application.name") String self, InternalConfig config) {
        this.self = self;
        this.keys = config.keys().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableMap(InternalCallers::nameOf, InternalCallers::keyOf));
        this.rules = config.callers().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(InternalCallers::rule)
                .sorted(Comparator.comparingInt((Rule r) -> r.prefix().length()).reversed())
                .toList();
        this.maxSkewSeconds = config.maxSkew().toSeconds();
        this.seenNonces = Caffeine.newBuilder()
                .expireAfterWrite(config.maxSkew().multipliedBy(2))
                .maximumSize(200_000)
                .build();
    }

    /** The {@code X-Internal-Signature} for a call from this service to {@code receiver}. */
    public String sign(String receiver, String method, String pathAndQuery, String actor, byte[] body) {
        byte[] key = keys.get(receiver);
        if (key == null) {
            throw new IllegalStateException("no internal key shared with " + receiver + " (app.internal.keys)");
        }
        return InternalSignature.sign(key, self, method, pathAndQuery, actor, body, clock.instant().getEpochSecond());
    }

    /** This service's name, sent as {@code X-Internal-Caller}. */
    public String self() {
        return self;
    }

    /** Checks a received request's credential: genuine, fresh and not seen before. */
    public Check verify(String caller, String signature, String method, String pathAndQuery, String actor, byte[] body) {
        if (caller == null || signature == null) {
            return Check.refused("This route serves other services of the suite only.");
        }
        byte[] key = keys.get(caller);
        InternalSignature.Parts parts = InternalSignature.parse(signature);
        if (key == null || parts == null
                || !InternalSignature.matches(key, parts, caller, method, pathAndQuery, actor, body)) {
            return Check.refused("The internal credential is not valid for this request.");
        }
        if (Math.abs(clock.instant().getEpochSecond() - parts.timestamp()) > maxSkewSeconds) {
            return Check.refused("The internal credential has expired.");
        }
        if (seenNonces.asMap().putIfAbsent(caller + ' ' + parts.nonce(), Boolean.TRUE) != null) {
            return Check.refused("The internal credential has been used before.");
        }
        return new Check(caller, null);
    }

    /** Whether the route at this (routed) path serves this caller. */
    public boolean allows(String path, String caller) {
        for (Rule rule : rules) {
            if (path.startsWith(rule.prefix())) {
                return rule.callers().contains(caller);
            }
        }
        return false;
    }

    private static String nameOf(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("app.internal.keys: expected <service>:<secret>");
        }
        return entry.substring(0, colon);
    }

    private static byte[] keyOf(String entry) {
        String secret = entry.substring(entry.indexOf(':') + 1);
        if (secret.length() < 32) {
            throw new IllegalArgumentException("app.internal.keys: the key for " + nameOf(entry)
                    + " is shorter than 32 characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static Rule rule(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || !entry.startsWith("/internal")) {
            throw new IllegalArgumentException("app.internal.callers: expected /internal/<prefix>=<service>|<service>");
        }
        return new Rule(entry.substring(0, eq), Set.of(entry.substring(eq + 1).split("\\|")));
    }
}
