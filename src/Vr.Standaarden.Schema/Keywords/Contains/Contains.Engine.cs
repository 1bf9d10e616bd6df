using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>contains</c>, <c>minContains</c> and <c>maxContains</c>: how many items are valid under the schema.</summary>
internal sealed class ContainsKeyword(SchemaNode schema, long minContains, long? maxContains, bool annotatesItems) : Keyword(Catalog.Contains.Name)
{
    /// <summary>Adds the schema object's <c>contains</c>, with <c>minContains</c> and <c>maxContains</c> where the dialect has them.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        var schema = at.Element;
        var d = at.Dialect;
        if (!schema.TryGetProperty(Catalog.Contains.Name, out var contains))
        {
            return;
        }

        long min = 1;
        long? max = null;
        if (!d.IsDraft7 && d.Validation)
        {
            if (schema.TryGetProperty(Catalog.MinContains.Name, out var minContains))
            {
                min = SchemaBuilder.RequireCount(at, Catalog.MinContains.Name, minContains);
            }

            if (schema.TryGetProperty(Catalog.MaxContains.Name, out var maxContains))
            {
                max = SchemaBuilder.RequireCount(at, Catalog.MaxContains.Name, maxContains);
            }
        }

        add(new ContainsKeyword(builder.Child(at, Catalog.Contains.Name, contains), min, max, annotatesItems: d.Is202012));
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var mark = state.ErrorMark;
        var matches = 0L;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            state.PushInstance(index);
            var ok = schema.Evaluate(item, state, null);
            state.PopInstance();
            if (ok)
            {
                matches++;
                if (annotatesItems)
                {
                    annotations?.AddItem(index);
                }
                else if (annotations is null && maxContains is null && matches >= minContains)
                {
                    break;
                }
            }

            index++;
        }

        state.DiscardErrorsSince(mark);
        if (matches < minContains)
        {
            return Fail(state, !state.Detailed ? null : SchemaMessages.ContainsTooFew(matches, minContains));
        }

        if (maxContains is long max && matches > max)
        {
            return Fail(state, !state.Detailed ? null : SchemaMessages.ContainsTooMany(matches, max));
        }

        return true;
    }
}
