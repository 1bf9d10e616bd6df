using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// A lower or upper limit on a count (<c>minLength</c>/<c>maxLength</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>minProperties</c>/<c>maxProperties</c>): the keyword's folder says what is counted and how a violation reads.
/// </summary>
internal abstract class CountLimitKeyword(string name, bool isMinimum, long limit) : Keyword(name)
{
    /// <summary>Whether the limit is a lower one.</summary>
    protected bool IsMinimum => isMinimum;

    /// <summary>Adds <paramref name="minimum"/> and <paramref name="maximum"/> of the schema object, in that order, made by <paramref name="create"/>.</summary>
    protected static void Build(Location at, Model.Keyword minimum, Model.Keyword maximum, Func<string, bool, long, Keyword> create, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(minimum.Name, out var low))
        {
            add(create(minimum.Name, true, SchemaBuilder.RequireCount(at, minimum.Name, low)));
        }

        if (at.Element.TryGetProperty(maximum.Name, out var high))
        {
            add(create(maximum.Name, false, SchemaBuilder.RequireCount(at, maximum.Name, high)));
        }
    }

    /// <summary>The count of <paramref name="instance"/>, or -1 when the keyword does not apply to it.</summary>
    protected abstract long Count(JsonElement instance);

    /// <summary>The violation's text for <paramref name="limit"/>.</summary>
    protected abstract LocalizedText Violation(long limit);

    /// <inheritdoc/>
    public sealed override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var count = Count(instance);
        return count < 0 || (isMinimum ? count >= limit : count <= limit) || Fail(state, !state.Detailed ? null : Violation(limit));
    }
}
