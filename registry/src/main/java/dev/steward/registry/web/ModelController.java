package dev.steward.registry.web;

import dev.steward.registry.Kind;
import dev.steward.registry.ListQuery;
import dev.steward.registry.Model;
import dev.steward.registry.ModelAlias;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Page;
import dev.steward.registry.ProducedBy;
import dev.steward.registry.Registrations;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registers and reads models, their versions and their aliases. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {
  private final ModelRegistry registry;

  ModelController(ModelRegistry registry) {
    this.registry = registry;
  }

  /** The body of an alias move: the version the alias should point at. */
  record AliasTarget(int version) {}

  @PostMapping
  ResponseEntity<Model> register(@RequestBody Registrations.NewModel request, Principal actor) {
    Model model = registry.registerModel(actor.getName(), request);
    return ResponseEntity.created(URI.create("/api/v1/models/" + model.name())).body(model);
  }

  @GetMapping
  Page<Model> models(@Nullable @RequestParam(required = false) String prefix,
      @Nullable @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return registry.list(Kind.MODEL, new ListQuery(prefix, tag, page, size), Model.class);
  }

  @GetMapping("/{name}")
  Model model(@PathVariable String name) {
    return registry.model(name);
  }

  @PostMapping("/{name}/versions")
  ResponseEntity<ModelVersion> registerVersion(@PathVariable String name,
      @RequestBody Registrations.NewModelVersion request, Principal actor,
      @Nullable @RequestAttribute(name = ProducedBy.REQUEST_ATTRIBUTE, required = false) ProducedBy producedBy) {
    ModelVersion v = registry.registerModelVersion(actor.getName(), name, request, producedBy);
    return ResponseEntity.created(URI.create("/api/v1/models/" + name + "/versions/" + v.version())).body(v);
  }

  @GetMapping("/{name}/versions")
  Page<ModelVersion> versions(@PathVariable String name, @Nullable @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return registry.versions(Kind.MODEL_VERSION, name, new ListQuery(null, tag, page, size), ModelVersion.class);
  }

  @GetMapping("/{name}/versions/{version}")
  ModelVersion version(@PathVariable String name, @PathVariable int version) {
    return registry.get(Kind.MODEL_VERSION, name, version, ModelVersion.class);
  }

  @GetMapping("/{name}/aliases")
  List<ModelAlias> aliases(@PathVariable String name) {
    return registry.aliases(name);
  }

  @GetMapping("/{name}/aliases/{alias}")
  ModelAlias alias(@PathVariable String name, @PathVariable String alias) {
    return registry.alias(name, alias);
  }

  @PutMapping("/{name}/aliases/{alias}")
  ModelAlias moveAlias(@PathVariable String name, @PathVariable String alias, @RequestBody AliasTarget target,
      Principal actor) {
    return registry.moveAlias(actor.getName(), name, alias, target.version());
  }

  @DeleteMapping("/{name}/aliases/{alias}")
  ResponseEntity<Void> removeAlias(@PathVariable String name, @PathVariable String alias, Principal actor) {
    registry.removeAlias(actor.getName(), name, alias);
    return ResponseEntity.noContent().build();
  }
}
