using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>properties</c>: each declared member's schema holds for its value; the names are annotated as evaluated.</summary>
internal sealed class PropertiesKeyword : Keyword
{
    private readonly Dictionary<string, SchemaNode> _schemas;
    private readonly Dictionary<string, SchemaNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Adds the schema object's <c>properties</c>, an object of schemas, and returns it (or null).</summary>
    public static PropertiesKeyword? Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (!at.Element.TryGetProperty(Catalog.Properties.Name, out var value))
        {
            return null;
        }

        var keyword = new PropertiesKeyword(builder.SchemaMap(at, Catalog.Properties.Name, value));
        add(keyword);
        return keyword;
    }

    private PropertiesKeyword(Dictionary<string, SchemaNode> schemas) : base(Catalog.Properties.Name)
    {
        _schemas = schemas;
        _lookup = schemas.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The names it declares (which <c>additionalProperties</c> leaves alone).</summary>
    public IReadOnlyCollection<string> Names => _schemas.Keys;

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            if (!_lookup.TryGetValue(PropertyName.Get(property, buffer), out var name, out var schema))
            {
                continue;
            }

            annotations?.AddProperty(name);
            state.PushKeyword(JsonPointer.Escape(name));
            state.PushInstance(name);
            var ok = schema.Evaluate(property.Value, state, null);
            state.PopInstance();
            state.PopKeyword();
            if (!ok)
            {
                valid = false;
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid || Fail(state, !state.Detailed ? null : SchemaMessages.Properties());
    }
}
