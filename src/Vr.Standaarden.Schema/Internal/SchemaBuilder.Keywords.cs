using System.Text.Json;
using Vr.Standaarden.Schema.Formats;
using Vr.Standaarden.Schema.Keywords;

namespace Vr.Standaarden.Schema.Internal;

internal sealed partial class SchemaBuilder
{
    private List<Keyword> BuildKeywords(Location at, string absolute)
    {
        var keywords = new List<Keyword>();
        var schema = at.Element;
        var d = at.Dialect;

        void Add(Keyword keyword)
        {
            keyword.AbsoluteLocation = absolute + "/" + JsonPointer.Escape(keyword.Name);
            keywords.Add(keyword);
        }

        bool Has(string name, out JsonElement value) => schema.TryGetProperty(name, out value);

        // References.
        if (Has("$ref", out var refValue))
        {
            var reference = new RefKeyword(RequireString(at, "$ref", refValue));
            Add(reference);
            _pendingReferences.Add((reference, at));
            if (d.IsDraft7)
            {
                return keywords;
            }
        }

        if (d.Is202012 && Has("$dynamicRef", out var dynamicRef))
        {
            var text = RequireString(at, "$dynamicRef", dynamicRef);
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            var keyword = new DynamicRefKeyword(text, hash >= 0 ? Uri.UnescapeDataString(text[(hash + 1)..]) : null);
            Add(keyword);
            _pendingReferences.Add((keyword, at));
        }

        if (d.Draft == SchemaDialect.Draft201909 && Has("$recursiveRef", out var recursiveRef))
        {
            var keyword = new RecursiveRefKeyword(RequireString(at, "$recursiveRef", recursiveRef));
            Add(keyword);
            _pendingReferences.Add((keyword, at));
        }

        if (d.Validation)
        {
            AddValidation(at, Add);
        }

        if (d.Applicator)
        {
            AddApplicators(at, Add);
        }

        if (d.Unevaluated && !d.IsDraft7)
        {
            if (Has("unevaluatedProperties", out var up))
            {
                Add(new UnevaluatedPropertiesKeyword(Child(at, "unevaluatedProperties", up)));
            }

            if (Has("unevaluatedItems", out var ui))
            {
                Add(new UnevaluatedItemsKeyword(Child(at, "unevaluatedItems", ui)));
            }
        }

        FormatKeyword.Build(at, d.FormatAssertion || _options.AssertFormat, Add);

        return keywords;
    }

    private void AddValidation(Location at, Action<Keyword> add)
    {
        var schema = at.Element;
        if (schema.TryGetProperty("type", out var type))
        {
            add(ParseType(at, type));
        }

        if (schema.TryGetProperty("enum", out var enumValue))
        {
            if (enumValue.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(at, "enum", "'enum' must be an array.");
            }

            add(new EnumKeyword([.. enumValue.EnumerateArray()]));
        }

        if (schema.TryGetProperty("const", out var constValue))
        {
            add(new ConstKeyword(constValue));
        }

        MultipleOfKeyword.Build(at, add);
        NumericBoundKeyword.Build(at, add);
        LengthKeyword.Build(at, add);
        ItemCountKeyword.Build(at, add);
        PropertyCountKeyword.Build(at, add);

        PatternKeyword.Build(this, at, add);

        UniqueItemsKeyword.Build(at, add);

        RequiredKeyword.Build(at, add);

        if (!at.Dialect.IsDraft7 && schema.TryGetProperty("dependentRequired", out var dependentRequired))
        {
            if (dependentRequired.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "dependentRequired", "'dependentRequired' must be an object.");
            }

            var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var member in dependentRequired.EnumerateObject())
            {
                map[member.Name] = RequireStringArray(at, "dependentRequired/" + JsonPointer.Escape(member.Name), member.Value);
            }

            add(new DependentRequiredKeyword("dependentRequired", map));
        }
    }

    private void AddApplicators(Location at, Action<Keyword> add)
    {
        var schema = at.Element;
        var d = at.Dialect;

        foreach (var name in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(name, out var value))
            {
                continue;
            }

            var nodes = SchemaArray(at, name, value);
            add(name switch
            {
                "allOf" => new AllOfKeyword(nodes),
                "anyOf" => new AnyOfKeyword(nodes),
                _ => new OneOfKeyword(nodes),
            });
        }

        if (schema.TryGetProperty("not", out var not))
        {
            add(new NotKeyword(Child(at, "not", not)));
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var then = schema.TryGetProperty("then", out var t) ? Child(at, "then", t) : null;
            var otherwise = schema.TryGetProperty("else", out var e) ? Child(at, "else", e) : null;
            add(new IfKeyword(Child(at, "if", condition), then, otherwise));
        }

        // Objects.
        PropertiesKeyword? properties = null;
        if (schema.TryGetProperty("properties", out var props))
        {
            properties = new PropertiesKeyword(SchemaMap(at, "properties", props));
            add(properties);
        }

        PatternPropertiesKeyword? patternProperties = null;
        if (schema.TryGetProperty("patternProperties", out var patterns))
        {
            if (patterns.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "patternProperties", "'patternProperties' must be an object.");
            }

            var list = new List<(EcmaRegex, SchemaNode)>();
            foreach (var member in patterns.EnumerateObject())
            {
                list.Add((CreateRegex(at, "patternProperties/" + JsonPointer.Escape(member.Name), member.Name), Child(at, "patternProperties", member.Value, member.Name)));
            }

            patternProperties = new PatternPropertiesKeyword([.. list]);
            add(patternProperties);
        }

        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            add(new AdditionalPropertiesKeyword(
                Child(at, "additionalProperties", additional),
                properties?.Names ?? [],
                patternProperties?.Patterns ?? []));
        }

        if (schema.TryGetProperty("propertyNames", out var propertyNames))
        {
            add(new PropertyNamesKeyword(Child(at, "propertyNames", propertyNames)));
        }

        if (!d.IsDraft7 && schema.TryGetProperty("dependentSchemas", out var dependentSchemas))
        {
            add(new DependentSchemasKeyword("dependentSchemas", SchemaMap(at, "dependentSchemas", dependentSchemas)));
        }

        if (d.IsDraft7 && schema.TryGetProperty("dependencies", out var dependencies))
        {
            AddDependencies(at, dependencies, add);
        }

        // Arrays.
        if (d.Is202012)
        {
            var prefixCount = 0;
            if (schema.TryGetProperty("prefixItems", out var prefixItems))
            {
                var nodes = SchemaArray(at, "prefixItems", prefixItems);
                prefixCount = nodes.Length;
                add(new PrefixItemsKeyword("prefixItems", nodes));
            }

            if (schema.TryGetProperty("items", out var items))
            {
                add(new ItemsFromKeyword("items", Child(at, "items", items), prefixCount));
            }
        }
        else if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                var nodes = SchemaArray(at, "items", items, allowEmpty: true);
                add(new PrefixItemsKeyword("items", nodes));
                if (schema.TryGetProperty("additionalItems", out var additionalItems))
                {
                    add(new ItemsFromKeyword("additionalItems", Child(at, "additionalItems", additionalItems), nodes.Length));
                }
            }
            else
            {
                add(new ItemsFromKeyword("items", Child(at, "items", items), 0));
            }
        }

        if (schema.TryGetProperty("contains", out var contains))
        {
            long min = 1;
            long? max = null;
            if (!d.IsDraft7 && d.Validation)
            {
                if (schema.TryGetProperty("minContains", out var minContains))
                {
                    min = RequireCount(at, "minContains", minContains);
                }

                if (schema.TryGetProperty("maxContains", out var maxContains))
                {
                    max = RequireCount(at, "maxContains", maxContains);
                }
            }

            add(new ContainsKeyword(Child(at, "contains", contains), min, max, annotatesItems: d.Is202012));
        }
    }

    private void AddDependencies(Location at, JsonElement dependencies, Action<Keyword> add)
    {
        if (dependencies.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(at, "dependencies", "'dependencies' must be an object.");
        }

        var required = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var schemas = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var member in dependencies.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                required[member.Name] = RequireStringArray(at, "dependencies/" + JsonPointer.Escape(member.Name), member.Value);
            }
            else
            {
                schemas[member.Name] = Child(at, "dependencies", member.Value, member.Name);
            }
        }

        if (required.Count > 0)
        {
            add(new DependentRequiredKeyword("dependencies", required));
        }

        if (schemas.Count > 0)
        {
            add(new DependentSchemasKeyword("dependencies", schemas));
        }
    }

    private SchemaNode[] SchemaArray(Location at, string keyword, JsonElement value, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.Array || (!allowEmpty && value.GetArrayLength() == 0))
        {
            throw Invalid(at, keyword, $"'{keyword}' must be a non-empty array of schemas.");
        }

        var nodes = new SchemaNode[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            nodes[i] = Child(at, keyword, item, index: i);
            i++;
        }

        return nodes;
    }

    private Dictionary<string, SchemaNode> SchemaMap(Location at, string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(at, keyword, $"'{keyword}' must be an object whose members are schemas.");
        }

        var map = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            map[member.Name] = Child(at, keyword, member.Value, member.Name);
        }

        return map;
    }

    private static TypeKeyword ParseType(Location at, JsonElement type)
    {
        var types = JsonTypes.None;
        var names = new List<string>();
        void One(JsonElement value)
        {
            var name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            types |= name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "string" => JsonTypes.String,
                "integer" => JsonTypes.Integer,
                _ => throw Invalid(at, "type", $"'type' holds {value.GetRawText()}, which is not one of null, boolean, object, array, number, string, integer."),
            };
            names.Add(name!);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                One(item);
            }
        }
        else
        {
            One(type);
        }

        return new TypeKeyword(types, [.. names]);
    }

    internal EcmaRegex CreateRegex(Location at, string keyword, string pattern)
    {
        try
        {
            return EcmaRegex.Create(pattern, _options.RegexMatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidSchemaException($"'{keyword}' holds a pattern that is not a valid regular expression: {pattern} ({ex.Message})", ex)
            { Location = at.Pointer + "/" + keyword };
        }
    }

    internal static string RequireString(Location at, string keyword, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(at, keyword, $"'{keyword}' must be a string.");

    internal static JsonNumber RequireNumber(Location at, string keyword, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? new JsonNumber(value) : throw Invalid(at, keyword, $"'{keyword}' must be a number.");

    internal static long RequireCount(Location at, string keyword, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && JsonValues.IsInteger(value))
        {
            var number = JsonValues.ToDouble(value);
            if (number >= 0)
            {
                return number >= long.MaxValue ? long.MaxValue : (long)number;
            }
        }

        throw Invalid(at, keyword, $"'{keyword}' must be a non-negative integer.");
    }

    internal static string[] RequireStringArray(Location at, string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(at, keyword, $"'{keyword}' must be an array of strings.");
        }

        var result = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(at, keyword, $"'{keyword}' must be an array of strings.");
        }

        return result;
    }

    internal static InvalidSchemaException Invalid(Location at, string keyword, string message) =>
        new($"{message} (at {(at.Pointer.Length == 0 ? "the root" : at.Pointer)})") { Location = at.Pointer + "/" + keyword };
}
