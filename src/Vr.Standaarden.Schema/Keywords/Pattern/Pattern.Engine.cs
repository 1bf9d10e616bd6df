using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>pattern</c>: an ECMA-262 regular expression a string must match somewhere (it is not anchored).</summary>
internal sealed class PatternKeyword(EcmaRegex regex) : Keyword(Catalog.Pattern.Name)
{
    /// <summary>Adds the schema object's <c>pattern</c>, compiled by <paramref name="builder"/> (which bounds its match time).</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.Pattern.Name, out var pattern))
        {
            add(new PatternKeyword(builder.CreateRegex(at, Catalog.Pattern.Name, SchemaBuilder.RequireString(at, Catalog.Pattern.Name, pattern))));
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
        return regex.IsMatch(PropertyName.Value(instance, buffer), out var timedOut)
            || Fail(state, !state.Detailed ? null : timedOut
                ? SchemaMessages.PatternTimeout(SchemaMessages.Show(instance), regex.Pattern)
                : SchemaMessages.Pattern(SchemaMessages.Show(instance), regex.Pattern));
    }
}
