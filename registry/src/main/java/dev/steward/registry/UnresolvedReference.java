package dev.steward.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A reference to an entity version that is not registered. {@link #field()}, {@link #kind()} and
 * {@link #ref()} name the first one; {@link #errors()} lists every unregistered reference of the request.
 */
public class UnresolvedReference extends RuntimeException {
  private final String field;
  private final Kind kind;
  private final Ref ref;
  private final List<InvalidRequest.FieldError> errors;

  public UnresolvedReference(String field, Kind kind, Ref ref) {
    this(field, kind, ref, List.of(new InvalidRequest.FieldError(field, describe(kind, ref))));
  }

  private UnresolvedReference(String field, Kind kind, Ref ref, List<InvalidRequest.FieldError> errors) {
    super(errors.stream().map(InvalidRequest.FieldError::toString).collect(Collectors.joining("; ")));
    this.field = field;
    this.kind = kind;
    this.ref = ref;
    this.errors = List.copyOf(errors);
  }

  /** One refusal for all unregistered references of a request (at least one). */
  public static UnresolvedReference all(List<UnresolvedReference> missing) {
    if (missing.size() == 1) {
      return missing.getFirst();
    }
    List<InvalidRequest.FieldError> errors = new ArrayList<>();
    missing.forEach(m -> errors.addAll(m.errors()));
    UnresolvedReference first = missing.getFirst();
    return new UnresolvedReference(first.field, first.kind, first.ref, errors);
  }

  private static String describe(Kind kind, Ref ref) {
    return kind.id() + " " + ref.name() + " version " + ref.version() + " is not registered";
  }

  public String field() {
    return field;
  }

  public Kind kind() {
    return kind;
  }

  public Ref ref() {
    return ref;
  }

  public List<InvalidRequest.FieldError> errors() {
    return errors;
  }
}
