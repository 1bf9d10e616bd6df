using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>additionalProperties</c>: the members neither named by <c>properties</c> nor matched by <c>patternProperties</c>.</summary>
internal sealed class AdditionalPropertiesKeyword : RemainingPropertiesKeyword
{
    private readonly HashSet<string> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly EcmaRegex[] _patterns;

    /// <summary>Adds the schema object's <c>additionalProperties</c>: a schema for the members the two others leave.</summary>
    public static void Build(SchemaBuilder builder, Location at, PropertiesKeyword? properties, PatternPropertiesKeyword? patternProperties, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.AdditionalProperties.Name, out var additional))
        {
            add(new AdditionalPropertiesKeyword(
                builder.Child(at, Catalog.AdditionalProperties.Name, additional),
                properties?.Names ?? [],
                patternProperties?.Patterns ?? []));
        }
    }

    private AdditionalPropertiesKeyword(SchemaNode schema, IEnumerable<string> names, IEnumerable<EcmaRegex> patterns)
        : base(Catalog.AdditionalProperties.Name, schema)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _patterns = [.. patterns];
    }

    /// <inheritdoc/>
    protected override bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations)
    {
        if (_lookup.Contains(name))
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(name, out _))
            {
                return true;
            }
        }

        return false;
    }
}
