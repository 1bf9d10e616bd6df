using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>uniqueItems</c>: no two items of an array are equal as JSON (the first repeated pair is reported).</summary>
internal sealed class UniqueItemsKeyword() : Keyword(Catalog.UniqueItems.Name)
{
    /// <summary>Adds the schema object's <c>uniqueItems</c> when it is <c>true</c> (a boolean either way).</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.UniqueItems.Name, out var unique))
        {
            if (unique.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw SchemaBuilder.Invalid(at, Catalog.UniqueItems.Name, "'uniqueItems' must be a boolean.");
            }

            if (unique.ValueKind == JsonValueKind.True)
            {
                add(new UniqueItemsKeyword());
            }
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var length = instance.GetArrayLength();
        if (length < 2)
        {
            return true;
        }

        if (length <= 16)
        {
            // The first item that equals an earlier one, as the hashed path below finds it.
            for (var i = 1; i < length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonValues.DeepEquals(instance[i], instance[j]))
                    {
                        return Fail(state, !state.Detailed ? null : SchemaMessages.UniqueItems(j, i));
                    }
                }
            }

            return true;
        }

        return JsonValues.FirstDuplicate(instance) is not { } pair || Fail(state, !state.Detailed ? null : SchemaMessages.UniqueItems(pair.First, pair.Second));
    }
}
