using System.Text.Json;
using Vr.Standaarden.Schema.Formats;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>Whether a string is of a format.</summary>
internal delegate bool FormatCheck(ReadOnlySpan<char> value);

/// <summary>
/// <c>format</c> as an assertion: only where the dialect's format-assertion vocabulary is on or the options ask for it,
/// and only for the formats the engine knows (any other stays an annotation).
/// </summary>
internal sealed class FormatKeyword(string format, FormatCheck check) : Keyword(Catalog.Format.Name)
{
    /// <summary>Adds the schema object's <c>format</c> when it is asserted (<paramref name="asserted"/>) and known.</summary>
    public static void Build(Location at, bool asserted, Action<Keyword> add)
    {
        if (asserted && at.Element.TryGetProperty(Catalog.Format.Name, out var format) && format.ValueKind == JsonValueKind.String)
        {
            var name = format.GetString()!;
            if (FormatValidators.TryGet(name, out var check))
            {
                add(new FormatKeyword(name, check));
            }
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength * 2];
        return check(PropertyName.Value(instance, buffer)) || Fail(state, !state.Detailed ? null : SchemaMessages.Format(SchemaMessages.Show(instance), format));
    }
}
