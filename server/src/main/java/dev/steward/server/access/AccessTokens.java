package dev.steward.server.access;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.registry.EntityDocuments;
import dev.steward.registry.FieldErrors;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.RegistryConflict;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Issues and checks API tokens. A token is {@code stw_} and 43 random URL-safe characters; the registry
 * repository keeps its SHA-256 under {@code access/tokens/<id>.yaml} (so issuing is audited and survives
 * a rebuilt index), and the index maps hashes to principals.
 *
 * <pre>{@code
 * IssuedToken t = tokens.issue("admin", "alice", List.of("ml-engineer"));  // t.token() shown once
 * tokens.authenticate(t.token());                                         // Optional[Identity[alice, [ML_ENGINEER]]]
 * }</pre>
 */
public class AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  private static final Pattern PRINCIPAL = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");
  private static final Set<String> RESERVED = Set.of("steward", "anonymous");
  static final String DIRECTORY = "access/tokens/";
  static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

  private final Lineage lineage;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Identity> cache = new ConcurrentHashMap<>();

  public AccessTokens(Lineage lineage, JdbcClient jdbc, Clock clock) {
    this.lineage = lineage;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public IssuedToken issue(String issuer, @Nullable String principal, @Nullable List<String> roles) {
    FieldErrors errors = new FieldErrors();
    if (principal != null && reserved(principal)) {
      errors.add("principal", "'" + principal + "' is reserved for Steward itself (as are 'steward', 'anonymous' and "
          + "every name with 'system:'); choose the name of the person or service");
    } else if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
      errors.add("principal", "must match [a-z0-9][a-z0-9._@-]*, at most 128 characters");
    }
    if (roles == null || roles.isEmpty()) {
      errors.add("roles", "must name at least one of " + roleIds());
    } else {
      for (int i = 0; i < roles.size(); i++) {
        String role = roles.get(i);
        if (role == null || Role.fromId(role).isEmpty()) {
          errors.add("roles[" + i + "]", "unknown role '" + role + "'; expected one of " + roleIds());
        } else if (!Role.fromId(role).get().issuable()) {
          errors.add("roles[" + i + "]", "'" + role + "' is given only to retrain runs, with a token of their own; "
              + "expected one of " + roleIds());
        }
      }
    }
    errors.throwIfAny();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = "stw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return record(issuer, principal, roles.stream().distinct().sorted().toList(), token);
  }

  /**
   * Makes sure an admin can get in: registers {@code supplied} if it is set and not yet known; otherwise,
   * when no token exists at all, issues one and returns it so the caller can show it once.
   */
  public Optional<IssuedToken> bootstrap(@Nullable String supplied) {
    if (supplied != null && !supplied.isBlank()) {
      requireStrong(supplied);
      if (lookup(hash(supplied)).isEmpty()) {
        record("steward", "admin", List.of(Role.ADMIN.id()), supplied);
        LOG.info("Registered the supplied bootstrap admin token.");
      }
      return Optional.empty();
    }
    long count = jdbc.sql("select count(*) from access_token").query(Long.class).single();
    if (count > 0) {
      return Optional.empty();
    }
    return Optional.of(issue("steward", "admin", List.of(Role.ADMIN.id())));
  }

  /**
   * Refuses a supplied bootstrap token that is easy to guess ({@link TokenStrength}); the message says how
   * to make a good one and never repeats the token.
   */
  static void requireStrong(String supplied) {
    TokenStrength.weakness(supplied).ifPresent(reason -> {
      throw WeakBootstrapToken.because(reason);
    });
  }

  /** Every issued token, oldest first: who holds it, with which roles, issued by whom and when; never its hash. */
  public List<TokenSummary> list() {
    return jdbc.sql("select id, principal, roles, issued_by, issued_at from access_token order by issued_at, id")
        .query((rs, i) -> new TokenSummary(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(",")),
            rs.getString(4), rs.getTimestamp(5).toInstant()))
        .list();
  }

  /** Names Steward records changes under itself, which no token may carry. */
  static boolean reserved(String principal) {
    String p = principal.strip().toLowerCase(java.util.Locale.ROOT);
    return RESERVED.contains(p) || p.contains("system:");
  }

  public Optional<Identity> authenticate(String token) {
    String hash = hash(token);
    Identity cached = cache.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Identity> found = lookup(hash);
    found.ifPresent(identity -> cache.put(hash, identity));
    return found;
  }

  /**
   * Revokes a token. The token a call authenticates with cannot revoke itself: an admin who did so would
   * lock themselves out; revoke it with another admin token.
   */
  public void revoke(String actor, String callerTokenId, String id) {
    if (!id.matches("[a-z0-9-]{1,64}")) {
      throw new InvalidRequest("id", "is not a token id");
    }
    if (id.equals(callerTokenId)) {
      throw new RegistryConflict("token " + id + " is the one this call authenticates with; revoke it with another "
          + "admin token, so that an admin can still get in");
    }
    if (jdbc.sql("select count(*) from access_token where id = ?").param(id).query(Long.class).single() == 0) {
      throw new dev.steward.registry.EntityNotFound("token " + id + " does not exist");
    }
    lineage.record(new Change(actor, "revoke-token", "token " + id, "Revoke API token " + id,
        List.of(FileChange.delete(DIRECTORY + id + ".yaml"))));
    cache.clear();
    LOG.info("Revoked API token {} for {}.", id, actor);
  }

  /** Whether the token with this id is still issued (not revoked). */
  public boolean active(String id) {
    return jdbc.sql("select count(*) from access_token where id = ?").param(id).query(Long.class).single() > 0;
  }

  void forget() {
    cache.clear();
  }

  private IssuedToken record(String issuer, String principal, List<String> roles, String token) {
    byte[] id = new byte[6];
    random.nextBytes(id);
    TokenRecord stored = new TokenRecord("tok-" + HexFormat.of().formatHex(id), principal, roles, hash(token), issuer,
        clock.instant());
    lineage.record(new Change(issuer, "issue-token", "token " + stored.id(),
        "Issue API token " + stored.id() + " to " + principal + " " + roles,
        List.of(FileChange.create(DIRECTORY + stored.id() + ".yaml", YAML.writeValueAsBytes(stored)))));
    LOG.info("Issued API token {} to {} with roles {} for {}.", stored.id(), principal, roles, issuer);
    return new IssuedToken(stored.id(), principal, roles, token, stored.issuedAt());
  }

  private Optional<Identity> lookup(String hash) {
    return jdbc.sql("select principal, roles, id from access_token where token_hash = ?").param(hash)
        .query((rs, i) -> new Identity(rs.getString(1), roles(rs.getString(2)), rs.getString(3)))
        .optional();
  }

  private static Set<Role> roles(String csv) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(csv.split(",")).map(Role::fromId).flatMap(Optional::stream).forEach(roles::add);
    return roles;
  }

  private static String roleIds() {
    return Arrays.stream(Role.values()).filter(Role::issuable).map(Role::id).collect(Collectors.joining(", ", "[", "]"));
  }

  static String hash(String token) {
    return EntityDocuments.digest(token);
  }
}
