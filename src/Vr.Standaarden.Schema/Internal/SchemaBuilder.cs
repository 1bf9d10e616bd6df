using System.Text.Json;
using Vr.Standaarden.Schema.Keywords;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>
/// Turns schema documents into the immutable graph of <see cref="SchemaNode"/>s: indexes identifiers
/// (<c>$id</c>, <c>$anchor</c>, <c>$dynamicAnchor</c>), resolves references through the registry, checks each keyword
/// value and builds its handler. Used once per <see cref="JsonSchema"/> build, on one thread.
/// </summary>
internal sealed partial class SchemaBuilder
{
    private readonly JsonSchemaOptions _options;
    private readonly SchemaRegistry _registry;
    private readonly Dictionary<string, Location> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<(SchemaDocument, string), Location> _scanned = [];
    private readonly Dictionary<(SchemaDocument, string), SchemaNode> _nodes = [];
    private readonly Dictionary<string, SchemaResource> _resourceObjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _resourceRootPointers = new(StringComparer.Ordinal);
    private readonly List<(string Resource, string Name, Location Location)> _dynamicAnchors = [];
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly List<(ReferenceKeyword Keyword, Location From)> _pendingReferences = [];

    public SchemaBuilder(JsonSchemaOptions options)
    {
        _options = options;
        _registry = options.Registry!;
    }

    public SchemaNode Build(JsonElement root, Uri retrievalUri, Dialect? forced)
    {
        var document = new SchemaDocument(retrievalUri, root);
        var dialect = forced ?? DialectOf(root, Dialect.For(_options.DefaultDialect) with { FormatAssertion = _options.AssertFormat }, "");
        var location = LoadDocument(document, dialect, forced is not null);
        var node = GetNode(location);
        ResolvePending();
        return node;
    }

    private Location LoadDocument(SchemaDocument document, Dialect dialect, bool forceDialect = false)
    {
        _loaded.Add(UriTools.WithoutFragment(document.RetrievalUri));
        Scan(document, document.Root, "", document.RetrievalUri, dialect, forceDialect, isDocumentRoot: true);
        var location = _scanned[(document, "")];
        _resources.TryAdd(UriTools.WithoutFragment(document.RetrievalUri), location);
        _resourceRootPointers.TryAdd(UriTools.WithoutFragment(document.RetrievalUri), "");
        return location;
    }

    private void Scan(SchemaDocument document, JsonElement element, string pointer, Uri baseUri, Dialect dialect, bool forceDialect, bool isDocumentRoot)
    {
        // Each level of schema nesting adds one or two pointer segments (a keyword, and a name or index).
        if (pointer.Count(static c => c == '/') > _options.MaxDepth * 2)
        {
            throw new InvalidSchemaException($"The schema is nested deeper than the limit of {_options.MaxDepth}.") { Location = pointer };
        }

        if (element.ValueKind == JsonValueKind.True || element.ValueKind == JsonValueKind.False)
        {
            _scanned.TryAdd((document, pointer), new Location(document, pointer, element, baseUri, dialect));
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var hasId = element.TryGetProperty("$id", out var idElement) && idElement.ValueKind == JsonValueKind.String;
        if (!forceDialect && (isDocumentRoot || hasId))
        {
            dialect = DialectOf(element, dialect, pointer);
        }

        forceDialect = false;
        var ignoresSiblings = dialect.IsDraft7 && element.TryGetProperty(Model.KeywordCatalog.Ref.Name, out _);
        string? plainNameId = null;
        var isResourceRoot = isDocumentRoot;
        if (hasId && !ignoresSiblings)
        {
            var id = idElement.GetString()!;
            if (dialect.IsDraft7 && id.StartsWith('#'))
            {
                // Draft-07: "$id": "#name" declares an anchor, not a new base URI.
                plainNameId = id;
            }
            else
            {
                try
                {
                    baseUri = new Uri(UriTools.WithoutFragment(UriTools.Resolve(baseUri, id)));
                }
                catch (UriFormatException ex)
                {
                    throw new InvalidSchemaException($"'$id' is not a valid URI reference: '{id}'.", ex) { Location = pointer + "/$id" };
                }

                isResourceRoot = true;
            }
        }

        var here = new Location(document, pointer, element, baseUri, dialect);
        _scanned.TryAdd((document, pointer), here);
        var resourceKey = UriTools.WithoutFragment(baseUri);
        if (isResourceRoot)
        {
            _resources.TryAdd(resourceKey, here);
            _resourceRootPointers.TryAdd(resourceKey, pointer);
        }

        if (plainNameId is not null)
        {
            _anchors.TryAdd(resourceKey + plainNameId, here);
        }

        if (!dialect.IsDraft7 && element.TryGetProperty("$anchor", out var anchor) && anchor.ValueKind == JsonValueKind.String)
        {
            _anchors.TryAdd(resourceKey + "#" + anchor.GetString(), here);
        }

        if (dialect.Is202012 && element.TryGetProperty("$dynamicAnchor", out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
        {
            var name = dynamicAnchor.GetString()!;
            _anchors.TryAdd(resourceKey + "#" + name, here);
            _dynamicAnchors.Add((resourceKey, name, here));
        }

        if (ignoresSiblings)
        {
            // Draft-07: a schema with $ref is only that reference; its siblings are not schemas.
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (!KeywordCatalog.TryGet(name, out var keyword))
            {
                continue;
            }

            var childPointer = JsonPointer.Append(pointer, name);
            var kind = value.ValueKind;
            switch (keyword.PlacementFor(kind == JsonValueKind.Array, kind == JsonValueKind.Object, kind is JsonValueKind.True or JsonValueKind.False))
            {
                case SubschemaPlacement.Value:
                    Scan(document, value, childPointer, baseUri, dialect, false, false);
                    break;
                case SubschemaPlacement.Items:
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Scan(document, item, JsonPointer.Append(childPointer, i++), baseUri, dialect, false, false);
                    }

                    break;
                case SubschemaPlacement.Members:
                    foreach (var member in value.EnumerateObject())
                    {
                        Scan(document, member.Value, JsonPointer.Append(childPointer, member.Name), baseUri, dialect, false, false);
                    }

                    break;
            }
        }
    }

    /// <summary>The dialect of a resource root: from its <c>$schema</c>, else the one it inherits.</summary>
    private Dialect DialectOf(JsonElement element, Dialect inherited, string pointer)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$schema", out var schema) || schema.ValueKind != JsonValueKind.String)
        {
            return inherited;
        }

        var uri = schema.GetString()!;
        if (Dialect.TryGetStandard(uri, out var draft))
        {
            return Dialect.For(draft) with { FormatAssertion = _options.AssertFormat };
        }

        return CustomDialect(uri, pointer, depth: 0);
    }

    private Dialect CustomDialect(string uri, string pointer, int depth)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new InvalidSchemaException($"'$schema' must be an absolute URI, not '{uri}'.") { Location = pointer + "/$schema" };
        }

        var key = UriTools.WithoutFragment(parsed);
        if (depth > 8 || !_registry.TryGetDocument(key, out var meta))
        {
            throw new UnresolvedReferenceException(
                $"The meta-schema '{uri}' named by $schema is not in the registry; register it or map its URI prefix to a folder.")
            { Reference = uri, Location = pointer + "/$schema" };
        }

        var baseDraft = SchemaDialect.Draft202012;
        if (meta.TryGetProperty("$schema", out var metaSchema) && metaSchema.ValueKind == JsonValueKind.String)
        {
            var metaUri = metaSchema.GetString()!;
            if (Dialect.TryGetStandard(metaUri, out var standard))
            {
                baseDraft = standard;
            }
            else if (metaUri != uri)
            {
                baseDraft = CustomDialect(metaUri, pointer, depth + 1).Draft;
            }
        }

        if (!meta.TryGetProperty("$vocabulary", out var vocabulary) || vocabulary.ValueKind != JsonValueKind.Object)
        {
            return Dialect.For(baseDraft) with { FormatAssertion = _options.AssertFormat };
        }

        bool applicator = false, unevaluated = false, validation = false, formatAssertion = _options.AssertFormat;
        foreach (var entry in vocabulary.EnumerateObject())
        {
            var name = entry.Name;
            var slash = name.LastIndexOf('/');
            var vocab = slash >= 0 ? name[(slash + 1)..] : name;
            var known = name.StartsWith("https://json-schema.org/draft/20", StringComparison.Ordinal);
            switch (known ? vocab : null)
            {
                case "applicator":
                    applicator = true;
                    unevaluated |= baseDraft == SchemaDialect.Draft201909;
                    break;
                case "unevaluated":
                    unevaluated = true;
                    break;
                case "validation":
                    validation = true;
                    break;
                case "format-assertion":
                    formatAssertion = true;
                    break;
                case "core" or "meta-data" or "format-annotation" or "format" or "content":
                    break;
                default:
                    if (entry.Value.ValueKind == JsonValueKind.True)
                    {
                        throw new InvalidSchemaException($"The meta-schema '{uri}' requires the vocabulary '{name}', which this engine does not support.")
                        { Location = pointer + "/$schema" };
                    }

                    break;
            }
        }

        return new Dialect(baseDraft, applicator, unevaluated, validation, formatAssertion);
    }

    /// <summary>Finds the location a reference points at, loading documents from the registry as needed.</summary>
    private Location Resolve(Uri uri, Location from, string keyword)
    {
        var (resource, fragment) = UriTools.Split(uri);
        if (!_resources.TryGetValue(resource, out var root))
        {
            if (!_loaded.Contains(resource) && _registry.TryGetDocument(resource, out var element))
            {
                var document = new SchemaDocument(new Uri(resource), element);
                LoadDocument(document, DialectOf(element, from.Dialect, ""));
            }

            if (!_resources.TryGetValue(resource, out root))
            {
                throw new UnresolvedReferenceException(
                    $"The reference '{uri}' in {keyword} cannot be resolved: no schema with that URI is in the registry, and the engine does not fetch from the network.")
                { Reference = uri.ToString(), Location = from.Pointer + "/" + keyword };
            }
        }

        if (string.IsNullOrEmpty(fragment))
        {
            return root;
        }

        var decoded = JsonPointer.FromUriFragment(fragment);
        if (decoded.StartsWith('/'))
        {
            var tokens = JsonPointer.Parse(decoded) ?? throw new InvalidSchemaException($"'{fragment}' in {keyword} is not a valid JSON Pointer.") { Location = from.Pointer + "/" + keyword };
            if (!JsonPointer.TryNavigate(root.Element, tokens, out var target))
            {
                throw new UnresolvedReferenceException($"The reference '{uri}' in {keyword} points at nothing: '{decoded}' does not exist in {resource}.")
                { Reference = uri.ToString(), Location = from.Pointer + "/" + keyword };
            }

            var pointer = root.Pointer + string.Concat(tokens.Select(t => "/" + JsonPointer.Escape(t)));
            if (_scanned.TryGetValue((root.Document, pointer), out var known))
            {
                return known;
            }

            // A location that is not a known subschema position (for example inside an unknown keyword):
            // it takes the base URI of the nearest schema above it.
            var ancestor = NearestScannedAncestor(root, tokens);
            Scan(root.Document, target, pointer, ancestor.BaseUri, ancestor.Dialect, false, false);
            return _scanned.TryGetValue((root.Document, pointer), out known)
                ? known
                : throw new InvalidSchemaException($"The reference '{uri}' in {keyword} points at a value that is not a schema.") { Location = from.Pointer + "/" + keyword };
        }

        if (_anchors.TryGetValue(resource + "#" + decoded, out var anchored))
        {
            return anchored;
        }

        throw new UnresolvedReferenceException($"The reference '{uri}' in {keyword} names an anchor '{decoded}' that {resource} does not declare.")
        { Reference = uri.ToString(), Location = from.Pointer + "/" + keyword };
    }

    private Location NearestScannedAncestor(Location root, string[] tokens)
    {
        var best = root;
        var pointer = root.Pointer;
        foreach (var token in tokens)
        {
            pointer += "/" + JsonPointer.Escape(token);
            if (_scanned.TryGetValue((root.Document, pointer), out var found))
            {
                best = found;
            }
        }

        return best;
    }

    private SchemaResource ResourceFor(Location location)
    {
        var key = UriTools.WithoutFragment(location.BaseUri);
        if (!_resourceObjects.TryGetValue(key, out var resource))
        {
            resource = new SchemaResource(location.BaseUri);
            _resourceObjects[key] = resource;
        }

        return resource;
    }

    private SchemaNode GetNode(Location location)
    {
        if (_nodes.TryGetValue((location.Document, location.Pointer), out var existing))
        {
            return existing;
        }

        var resource = ResourceFor(location);
        var key = UriTools.WithoutFragment(location.BaseUri);
        var rootPointer = _resourceRootPointers.TryGetValue(key, out var rp) && location.Pointer.StartsWith(rp, StringComparison.Ordinal) ? rp : location.Pointer;
        var relative = location.Pointer[rootPointer.Length..];
        var absolute = key + "#" + JsonPointer.ToUriFragment(relative);
        bool? boolean = location.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Object => null,
            _ => throw new InvalidSchemaException($"A schema must be an object or a boolean, not {JsonValues.Describe(location.Element.ValueKind)}.") { Location = location.Pointer },
        };

        var node = new SchemaNode(resource, absolute, boolean);
        _nodes[(location.Document, location.Pointer)] = node;
        if (location.Pointer == rootPointer)
        {
            resource.Root ??= node;
            if (location.Dialect.Draft == SchemaDialect.Draft201909 && boolean is null &&
                location.Element.TryGetProperty("$recursiveAnchor", out var recursive) && recursive.ValueKind == JsonValueKind.True)
            {
                resource.RecursiveAnchor = true;
            }
        }

        if (boolean is null)
        {
            node.SetKeywords(BuildKeywords(location, absolute));
        }

        return node;
    }

    internal SchemaNode Child(Location parent, string keyword, JsonElement value, string? member = null, int? index = null)
    {
        var pointer = JsonPointer.Append(parent.Pointer, keyword);
        if (member is not null)
        {
            pointer = JsonPointer.Append(pointer, member);
        }
        else if (index is int i)
        {
            pointer = JsonPointer.Append(pointer, i);
        }

        if (!_scanned.TryGetValue((parent.Document, pointer), out var location))
        {
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                throw new InvalidSchemaException($"'{keyword}' must hold a schema (an object or a boolean), not {JsonValues.Describe(value.ValueKind)}.") { Location = pointer };
            }

            Scan(parent.Document, value, pointer, parent.BaseUri, parent.Dialect, false, false);
            location = _scanned[(parent.Document, pointer)];
        }

        return GetNode(location);
    }

    private void ResolvePending()
    {
        // References and dynamic anchors can pull in further documents; repeat until nothing is left.
        var dynamicDone = 0;
        while (_pendingReferences.Count > 0 || dynamicDone < _dynamicAnchors.Count)
        {
            while (_pendingReferences.Count > 0)
            {
                var (keyword, from) = _pendingReferences[^1];
                _pendingReferences.RemoveAt(_pendingReferences.Count - 1);
                Link(keyword, from);
            }

            for (; dynamicDone < _dynamicAnchors.Count; dynamicDone++)
            {
                var (resource, name, location) = _dynamicAnchors[dynamicDone];
                var node = GetNode(location);
                if (_resourceObjects.TryGetValue(resource, out var owner))
                {
                    owner.DynamicAnchors.TryAdd(name, node);
                }
            }
        }
    }

    private void Link(ReferenceKeyword keyword, Location from)
    {
        switch (keyword)
        {
            case RefKeyword reference:
                reference.Target = GetNode(Resolve(Reference(from, keyword.Reference, Model.KeywordCatalog.Ref.Name), from, Model.KeywordCatalog.Ref.Name));
                break;
            case DynamicRefKeyword dynamic:
                var uri = Reference(from, keyword.Reference, "$dynamicRef");
                var target = Resolve(uri, from, "$dynamicRef");
                dynamic.Target = GetNode(target);
                var (_, fragment) = UriTools.Split(uri);
                dynamic.IsDynamic = fragment is { Length: > 0 } && !fragment.StartsWith('/') &&
                    target.Element.ValueKind == JsonValueKind.Object &&
                    target.Element.TryGetProperty("$dynamicAnchor", out var anchor) && anchor.ValueKind == JsonValueKind.String &&
                    anchor.GetString() == JsonPointer.FromUriFragment(fragment);
                break;
            case RecursiveRefKeyword recursive:
                recursive.Target = GetNode(Resolve(Reference(from, keyword.Reference, "$recursiveRef"), from, "$recursiveRef"));
                break;
        }
    }

    private static Uri Reference(Location from, string reference, string keyword)
    {
        try
        {
            return UriTools.Resolve(from.BaseUri, reference);
        }
        catch (UriFormatException ex)
        {
            throw new InvalidSchemaException($"'{keyword}' is not a valid URI reference: '{reference}'.", ex) { Location = from.Pointer + "/" + keyword };
        }
    }
}

internal sealed class SchemaDocument(Uri retrievalUri, JsonElement root)
{
    public Uri RetrievalUri { get; } = retrievalUri;

    public JsonElement Root { get; } = root;
}

internal sealed record Location(SchemaDocument Document, string Pointer, JsonElement Element, Uri BaseUri, Dialect Dialect);
