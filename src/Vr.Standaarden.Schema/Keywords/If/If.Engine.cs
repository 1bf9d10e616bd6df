using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// <c>if</c>, <c>then</c> and <c>else</c>: the condition decides which branch applies; its own failure is no error, and
/// its annotations count only when it holds.
/// </summary>
internal sealed class IfKeyword(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword(Catalog.If.Name)
{
    /// <summary>Adds the schema object's <c>if</c> with its <c>then</c> and <c>else</c> (which mean nothing without it).</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        var schema = at.Element;
        if (schema.TryGetProperty(Catalog.If.Name, out var condition))
        {
            var then = schema.TryGetProperty(Catalog.Then.Name, out var t) ? builder.Child(at, Catalog.Then.Name, t) : null;
            var otherwise = schema.TryGetProperty(Catalog.Else.Name, out var e) ? builder.Child(at, Catalog.Else.Name, e) : null;
            add(new IfKeyword(builder.Child(at, Catalog.If.Name, condition), then, otherwise));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        var branch = annotations is null ? null : new Annotations();
        var holds = condition.Evaluate(instance, state, branch);
        state.DiscardErrorsSince(mark);
        if (holds && branch is not null)
        {
            annotations!.Merge(branch);
        }

        var next = holds ? then : otherwise;
        if (next is null)
        {
            return true;
        }

        // The evaluation path of then/else is a sibling of "if".
        state.PopKeyword();
        state.PushKeyword(holds ? Catalog.Then.Name : Catalog.Else.Name);
        var ok = next.Evaluate(instance, state, annotations);
        state.PopKeyword();
        state.PushKeyword(Catalog.If.Name);
        return ok || Fail(state, !state.Detailed ? null : SchemaMessages.Conditional(holds));
    }
}
