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
        if (Has(Model.KeywordCatalog.Ref.Name, out var refValue))
        {
            var reference = new RefKeyword(RequireString(at, Model.KeywordCatalog.Ref.Name, refValue));
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
            UnevaluatedPropertiesKeyword.Build(this, at, Add);
            UnevaluatedItemsKeyword.Build(this, at, Add);
        }

        FormatKeyword.Build(at, d.FormatAssertion || _options.AssertFormat, Add);

        return keywords;
    }

    // The validation vocabulary in evaluation order; each keyword's folder (Keywords/<Name>/) reads and evaluates it.
    private void AddValidation(Location at, Action<Keyword> add)
    {
        TypeKeyword.Build(at, add);
        EnumKeyword.Build(at, add);
        ConstKeyword.Build(at, add);
        MultipleOfKeyword.Build(at, add);
        NumericBoundKeyword.Build(at, add);
        LengthKeyword.Build(at, add);
        ItemCountKeyword.Build(at, add);
        PropertyCountKeyword.Build(at, add);
        PatternKeyword.Build(this, at, add);
        UniqueItemsKeyword.Build(at, add);
        RequiredKeyword.Build(at, add);
        DependentRequiredKeyword.Build(at, add);
    }

    // The applicator vocabulary in evaluation order: in place, then objects, then arrays.
    private void AddApplicators(Location at, Action<Keyword> add)
    {
        AllOfKeyword.Build(this, at, add);
        AnyOfKeyword.Build(this, at, add);
        OneOfKeyword.Build(this, at, add);
        NotKeyword.Build(this, at, add);
        IfKeyword.Build(this, at, add);

        var properties = PropertiesKeyword.Build(this, at, add);
        var patternProperties = PatternPropertiesKeyword.Build(this, at, add);
        AdditionalPropertiesKeyword.Build(this, at, properties, patternProperties, add);
        PropertyNamesKeyword.Build(this, at, add);
        DependentSchemasKeyword.Build(this, at, add);
        DependenciesKeyword.Build(this, at, add);

        ItemsFromKeyword.Build(this, at, add);
        ContainsKeyword.Build(this, at, add);
    }

    internal SchemaNode[] SchemaArray(Location at, string keyword, JsonElement value, bool allowEmpty = false)
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

    internal Dictionary<string, SchemaNode> SchemaMap(Location at, string keyword, JsonElement value)
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
