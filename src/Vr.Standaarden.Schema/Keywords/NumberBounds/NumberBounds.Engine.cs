using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>Which side of a number's limit a value must be on.</summary>
internal enum Bound
{
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

/// <summary>
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c> and <c>exclusiveMaximum</c> (2019-09 and later, and draft-07's
/// numeric form): a number compared exactly with its limit.
/// </summary>
internal sealed class NumericBoundKeyword(string name, Bound bound, JsonNumber limit) : Keyword(name)
{
    private static readonly (Model.Keyword Keyword, Bound Bound)[] InOrder =
    [
        (Catalog.Minimum, Bound.Minimum),
        (Catalog.Maximum, Bound.Maximum),
        (Catalog.ExclusiveMinimum, Bound.ExclusiveMinimum),
        (Catalog.ExclusiveMaximum, Bound.ExclusiveMaximum),
    ];

    /// <summary>Adds the schema object's bounds, in the order above.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        foreach (var (keyword, bound) in InOrder)
        {
            if (at.Element.TryGetProperty(keyword.Name, out var value))
            {
                add(new NumericBoundKeyword(keyword.Name, bound, SchemaBuilder.RequireNumber(at, keyword.Name, value)));
            }
        }
    }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var c = JsonValues.Compare(instance, limit);
        return bound switch
        {
            Bound.Minimum => c >= 0 || Fail(state, !state.Detailed ? null : SchemaMessages.Minimum(instance.GetRawText(), limit.ToString())),
            Bound.Maximum => c <= 0 || Fail(state, !state.Detailed ? null : SchemaMessages.Maximum(instance.GetRawText(), limit.ToString())),
            Bound.ExclusiveMinimum => c > 0 || Fail(state, !state.Detailed ? null : SchemaMessages.ExclusiveMinimum(instance.GetRawText(), limit.ToString())),
            _ => c < 0 || Fail(state, !state.Detailed ? null : SchemaMessages.ExclusiveMaximum(instance.GetRawText(), limit.ToString())),
        };
    }
}
