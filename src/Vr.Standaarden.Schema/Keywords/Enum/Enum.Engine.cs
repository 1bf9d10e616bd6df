using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>enum</c>: the instance equals one of a list of values as JSON.</summary>
internal sealed class EnumKeyword(JsonElement[] values) : Keyword(Catalog.Enum.Name)
{
    /// <summary>Adds the schema object's <c>enum</c>: an array of JSON values.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (!at.Element.TryGetProperty(Catalog.Enum.Name, out var value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw SchemaBuilder.Invalid(at, Catalog.Enum.Name, "'enum' must be an array.");
        }

        add(new EnumKeyword([.. value.EnumerateArray()]));
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        foreach (var value in values)
        {
            if (JsonValues.DeepEquals(instance, value))
            {
                return true;
            }
        }

        return Fail(state, !state.Detailed ? null : SchemaMessages.Enum(SchemaMessages.Show(instance)));
    }
}
