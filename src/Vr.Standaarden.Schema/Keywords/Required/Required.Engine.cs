using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>required</c>: the members an object must have, each missing one a violation of its own.</summary>
internal sealed class RequiredKeyword(string[] names) : Keyword(Catalog.Required.Name)
{
    /// <summary>Adds the schema object's <c>required</c>: an array of strings.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.Required.Name, out var value))
        {
            add(new RequiredKeyword(SchemaBuilder.RequireStringArray(at, Catalog.Required.Name, value)));
        }
    }

    private readonly byte[][] _utf8 = [.. names.Select(n => System.Text.Encoding.UTF8.GetBytes(n))];

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        // Every missing property is an error of its own, so that one round of corrections fixes them all.
        var valid = true;
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (!instance.TryGetProperty(_utf8[i], out _))
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.Required(names[i]));
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
